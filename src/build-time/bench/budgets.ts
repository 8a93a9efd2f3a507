/**
 * The budgets of issue 13, each set against a reference page measured in the same run: the bare
 * stack (SvelteKit + Svelte + XState, bench/reference) for times, the same with i18next
 * (bench/reference-i18next) for bytes. Medians of every run; the step is a 95th percentile.
 */
export const BUDGETS = {
	/** Launch payload, gzip: at most the i18next reference page's plus this. */
	launchOverReferenceKB: 12,
	/** First screen (largest contentful paint of course content), 4x throttle: reference plus. */
	firstScreenOverReferenceMs: 80,
	/** First choice (the first usable control), 4x throttle: reference plus. */
	firstChoiceOverReferenceMs: 250,
	/** A step under a slow LMS (Commit blocks 300 ms), 4x throttle, p95: at most. */
	stepP95Ms: 150,
	/** Bytes before the first click: the launch payload plus the largest starting scenario's words. */
	zipKB: 400,
	suspendDataChars: 1024
} as const;

export interface Judged {
	value: number;
	budget: number;
	/** value / budget: 1 or less is within. */
	ratio: number;
	ok: boolean;
	/** How the budget was worked out, e.g. `reference 301 + 80`. */
	basis: string;
}

export function judge(value: number, budget: number, basis: string): Judged {
	return { value, budget, ratio: value / budget, ok: value <= budget, basis };
}
