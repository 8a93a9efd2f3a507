/** Something wrong (or doubtful) in a scenario or course file, located for the trainer who wrote it. */
export interface Problem {
	file: string;
	/** 1-based. */
	line: number;
	/** 1-based. */
	col: number;
	severity: 'error' | 'warning';
	/** What is wrong, in the file's own terms. */
	message: string;
	/** How to fix it. */
	hint?: string;
}

/** Parsing never throws: a value comes back only when there are no errors, and always with every problem found. */
export type Result<T> =
	{ ok: true; value: T; problems: Problem[] } | { ok: false; problems: Problem[] };

/** `file:line:col  error  message`, then the hint on an indented second line. */
export function formatProblem(p: Problem): string {
	const head = `${p.file}:${p.line}:${p.col}  ${p.severity}  ${p.message}`;
	return p.hint ? `${head}\n  hint: ${p.hint}` : head;
}

export function hasErrors(problems: readonly Problem[]): boolean {
	return problems.some((p) => p.severity === 'error');
}

/** Reading order: a trainer fixes a file top to bottom. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
	return [...problems].sort(
		(a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col
	);
}

export function toResult<T>(value: T | undefined, problems: Problem[]): Result<T> {
	const sorted = sortProblems(problems);
	return value !== undefined && !hasErrors(sorted)
		? { ok: true, value, problems: sorted }
		: { ok: false, problems: sorted };
}
