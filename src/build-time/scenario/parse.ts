import type { z } from 'zod';
import { checkFileName, checkScenario, checkSchemaLine } from './check.ts';
import { readYaml, type Locator } from '../../lib/scenario/locate.ts';
import { normaliseText } from '../../lib/scenario/read-bytes.ts';
import { issuesToProblems, topLevelProblem, type FileKind } from './messages.ts';
import { toResult, type Problem, type Result } from '../../lib/scenario/problem.ts';
import { courseSchema, scenarioSchema, translationSchema } from '../../lib/scenario/schema.ts';
import { checkTranslation } from './translations.ts';
import type { Course, Scenario, Translation } from '../../lib/scenario/types.ts';

export { formatProblem, type Result } from '../../lib/scenario/problem.ts';

interface Parsed<T> {
	value: T | undefined;
	problems: Problem[];
	locator?: Locator;
}

function parseWith<T>(
	source: string,
	file: string,
	kind: FileKind,
	schema: z.ZodType<T>
): Parsed<T> {
	const text = normaliseText(typeof source === 'string' ? source : String(source));
	const read = readYaml(text, file);
	// Broken YAML comes first; a missing schema line is worth a word only once the file reads.
	if (read.data === undefined) return { value: undefined, problems: read.problems };
	const found = [...read.problems, ...checkSchemaLine(text, file, kind)];
	const ctx = { file, kind, locator: read.locator, data: read.data };
	const top = topLevelProblem(read.data, ctx);
	if (top) return { value: undefined, problems: [...found, top] };
	const parsed = schema.safeParse(read.data, { reportInput: true });
	if (!parsed.success) {
		// A mapping with a key twice holds one entry fewer than the file shows: don't count them.
		const issues = parsed.error.issues.filter(
			(issue) =>
				!(issue.code === 'custom' && read.duplicatedIn.has(JSON.stringify(issue.path.map(String))))
		);
		const problems = issuesToProblems(issues, ctx);
		return { value: undefined, problems: [...found, ...problems] };
	}
	if (read.duplicates) return { value: undefined, problems: found };
	return { value: parsed.data, problems: found, locator: read.locator };
}

/** A bug in the checker must still come back as a problem: callers rely on parsing never throwing. */
function guarded<T>(file: string, run: () => Result<T>): Result<T> {
	try {
		return run();
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		return {
			ok: false,
			problems: [
				{
					file,
					line: 1,
					col: 1,
					severity: 'error',
					message: `the checker could not finish this file (${detail})`,
					hint: 'This is a fault in the checker, not in your file: please report it with the file attached.'
				}
			]
		};
	}
}

/** A scenario file: YAML, then the schema, then the graph rules. Every problem is reported at once. */
export function parseScenario(source: string, file: string): Result<Scenario> {
	return guarded(file, () => {
		const { value, problems, locator } = parseWith<Scenario>(
			source,
			file,
			'scenario',
			scenarioSchema
		);
		if (value === undefined || !locator) return toResult<Scenario>(undefined, problems);
		return toResult(value, [...problems, ...checkScenario(value, locator, file)]);
	});
}

/**
 * A course file on its own. Whether its scenarios exist is for `checkCourse`, which needs them.
 */
export function parseCourse(source: string, file: string): Result<Course> {
	return guarded(file, () => {
		const { value, problems, locator } = parseWith<Course>(source, file, 'course', courseSchema);
		if (value === undefined || !locator) return toResult<Course>(undefined, problems);
		return toResult(value, [...problems, ...checkFileName(value.id, file, locator)]);
	});
}

/**
 * A translation file, against the passages of what it translates (see `passages.ts`): ids the
 * source lacks are errors (a typo or a renamed node), passages not yet translated a warning.
 */
export function parseTranslation(
	source: string,
	file: string,
	passages: Record<string, string>
): Result<Translation> {
	return guarded(file, () => {
		const parsed = parseWith<Translation>(source, file, 'translation', translationSchema);
		if (parsed.value === undefined || !parsed.locator)
			return toResult<Translation>(undefined, parsed.problems);
		return toResult(parsed.value, [
			...parsed.problems,
			...checkTranslation(parsed.value, passages, parsed.locator, file)
		]);
	});
}
