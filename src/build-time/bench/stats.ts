/** The few statistics the bench prints. */

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

export function median(xs: readonly number[]): number {
	if (xs.length === 0) return NaN;
	const s = sorted(xs);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The nearest-rank percentile: the smallest sample with at least `p`% of the samples at or below
 * it, so the p95 of 60 steps is the 57th fastest, a time some step really took.
 */
export function percentile(xs: readonly number[], p: number): number {
	if (xs.length === 0) return NaN;
	const s = sorted(xs);
	return s[Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length))) - 1]!;
}

export const kb = (bytes: number) => bytes / 1024;
