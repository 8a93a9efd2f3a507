import { showInvisible } from './text-rules.ts';

/** Edit distance (insertions, deletions, substitutions), for did-you-mean suggestions. */
export function levenshtein(a: string, b: string): number {
	if (a === b) return 0;
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
		}
		previous = current;
	}
	return previous[b.length]!;
}

/** Case, hyphens and spaces are the usual slips (`Kitchen`, `leave-it`), so they cost nothing. */
function normalise(word: string): string {
	return word.toLowerCase().replace(/[\s_-]+/g, '');
}

/** The candidate the trainer most likely meant, or undefined when nothing is close enough to help. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
	const target = normalise(word);
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of candidates) {
		if (candidate === word) continue;
		const distance = levenshtein(target, normalise(candidate));
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	const allowed = Math.max(1, Math.floor(target.length / 3));
	if (best !== undefined && bestDistance <= allowed) return best;
	// A shortened name (`risk` for `risk_assessment`) is far in edits but plain to a reader.
	if (target.length < 3) return undefined;
	const prefixed = [...candidates].filter((candidate) => normalise(candidate).startsWith(target));
	return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** `Did you mean `x`? ` or nothing, ready to start a hint. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
	const match = closest(word, candidates);
	return match === undefined ? '' : `Did you mean \`${match}\`? `;
}

/** `a, b or c`, with each item in backticks. */
export function listOf(items: readonly string[], last = 'or'): string {
	const quoted = items.map((item) => `\`${item}\``);
	if (quoted.length <= 1) return quoted.join('');
	return `${quoted.slice(0, -1).join(', ')} ${last} ${quoted[quoted.length - 1]}`;
}

/**
 * A value from the file in backticks, cut short and on one line so a stray paste can't flood the
 * output. Backticks inside are swapped for quotes so the quoting stays readable, and invisible
 * characters are shown (`good_end<U+200B>`), or two values that differ would look the same.
 */
export function quoted(value: string): string {
	const line = showInvisible(value)
		.replace(/[ \t\n\r]+/g, ' ')
		.replace(/`/g, "'");
	return `\`${line.length > 60 ? `${line.slice(0, 57)}...` : line}\``;
}
