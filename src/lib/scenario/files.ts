/**
 * The scenarios folder on disk (Node only): `<root>/<scenario id>.yaml` and
 * `<root>/courses/<course id>.yaml`, as described in scenarios/README.md.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCourse } from './check.ts';
import { readSchemaLine, SCHEMA_DIR, SCHEMA_FILES, schemaLine } from './json-schema.ts';
import type { FileKind } from './messages.ts';
import { parseCourse, parseScenario } from './parse.ts';
import { hasErrors, sortProblems, toResult, type Problem, type Result } from './problem.ts';
import { didYouMean, quoted } from './suggest.ts';
import type { CourseBundle, Scenario } from './types.ts';

const COURSES = 'courses';

function problemAt(file: string, message: string, hint?: string, warning = false): Problem {
	return { file, line: 1, col: 1, severity: warning ? 'warning' : 'error', message, hint };
}

function yamlIds(folder: string): string[] {
	try {
		return readdirSync(folder, { withFileTypes: true })
			.filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
			.map((entry) => entry.name.slice(0, -'.yaml'.length))
			.sort();
	} catch {
		return [];
	}
}

/** Files the checker would silently skip because of their extension: worth a warning. */
function ymlFiles(folder: string): string[] {
	try {
		return readdirSync(folder)
			.filter((name) => name.endsWith('.yml'))
			.sort()
			.map((name) => join(folder, name));
	} catch {
		return [];
	}
}

/** Ids of the courses in `<root>/courses/`, sorted. */
export function listCourses(root: string): string[] {
	return yamlIds(join(root, COURSES));
}

/** Ids of the scenarios in `<root>/`, sorted. */
export function listScenarios(root: string): string[] {
	return yamlIds(root);
}

/** Whether a path is a course file: courses live in a `courses` folder. */
export function isCourseFile(path: string): boolean {
	return basename(dirname(resolve(path))) === COURSES;
}

function readSource(file: string): { source: string } | { problem: Problem } {
	try {
		return { source: readFileSync(file, 'utf8') };
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return {
			problem: problemAt(
				file,
				code === 'ENOENT'
					? 'there is no such file'
					: `the file can't be opened (${code ?? 'unknown reason'})`
			)
		};
	}
}

/** Parses each scenario file once, however many courses list it. */
class ScenarioFiles {
	private readonly cache = new Map<string, Result<Scenario> | undefined>();

	/** Undefined when there is no such file. */
	get(file: string): Result<Scenario> | undefined {
		const key = resolve(file);
		if (!this.cache.has(key)) {
			const read = existsSync(file) ? readSource(file) : undefined;
			let result: Result<Scenario> | undefined;
			if (read && 'source' in read) result = parseScenario(read.source, file);
			else if (read) result = { ok: false, problems: [read.problem] };
			this.cache.set(key, result);
		}
		return this.cache.get(key);
	}
}

interface CourseOutcome {
	problems: Problem[];
	bundle?: CourseBundle;
	/** Problems in the scenario files the course lists. */
	scenarioProblems: Problem[];
	source?: string;
}

function loadCourse(file: string, root: string, scenarioFiles: ScenarioFiles): CourseOutcome {
	const read = readSource(file);
	if ('problem' in read) return { problems: [read.problem], scenarioProblems: [] };
	const parsed = parseCourse(read.source, file);
	if (!parsed.ok) return { problems: parsed.problems, scenarioProblems: [] };
	const course = parsed.value;

	const scenarios = new Map<string, Scenario>();
	const scenarioProblems: Problem[] = [];
	for (const id of new Set(course.scenarios)) {
		const result = scenarioFiles.get(join(root, `${id}.yaml`));
		if (!result) continue;
		scenarioProblems.push(...result.problems);
		if (result.ok) scenarios.set(id, result.value);
	}
	const problems = [
		...parsed.problems,
		...checkCourse(
			course,
			scenarios,
			{ file, source: read.source },
			{ present: listScenarios(root) }
		)
	];
	const listed = course.scenarios.map((id) => scenarios.get(id));
	const bundle = listed.every((scenario) => scenario !== undefined)
		? { course, scenarios: listed as Scenario[] }
		: undefined;
	return { problems, bundle, scenarioProblems, source: read.source };
}

/**
 * A course and its scenarios, in the course's order, ready for the player. Reports problems in
 * the course file and in every scenario file it lists; a value only when there are no errors.
 */
export function loadCourseBundle(root: string, courseId: string): Result<CourseBundle> {
	const file = join(root, COURSES, `${courseId}.yaml`);
	if (!existsSync(file)) {
		return toResult<CourseBundle>(undefined, [
			problemAt(
				file,
				`there is no course \`${courseId}\``,
				`${didYouMean(courseId, listCourses(root))}Courses are the .yaml files in ${join(root, COURSES)}.`
			)
		]);
	}
	const outcome = loadCourse(file, root, new ScenarioFiles());
	return toResult(outcome.bundle, [...outcome.problems, ...outcome.scenarioProblems]);
}

/** Every scenario and course file under `root`, scenarios first, as the checker reads them. */
export function filesIn(root: string): string[] {
	return [
		...listScenarios(root).map((id) => join(root, `${id}.yaml`)),
		...listCourses(root).map((id) => join(root, COURSES, `${id}.yaml`))
	];
}

/** A scenario file that passed the checker without errors. */
export interface CheckedScenario {
	file: string;
	scenario: Scenario;
}

/** A course file that passed, with every scenario it lists: ready for checks that play it. */
export interface CheckedCourse {
	file: string;
	source: string;
	bundle: CourseBundle;
}

export interface CheckReport {
	problems: Problem[];
	/** How many files were checked. */
	files: number;
	/** The scenario files among those checked that have no errors, in the order checked. */
	scenarios: CheckedScenario[];
	/** The course files among those checked that, with their scenarios, have no errors. */
	courses: CheckedCourse[];
}

/** The schemas as generated in this project, which a link that leads nowhere should point at. */
const PROJECT_SCHEMAS = fileURLToPath(
	new URL(`../../../scenarios/${SCHEMA_DIR}/`, import.meta.url)
);

/**
 * A schema link that names the right file but leads nowhere from where the file sits (often a
 * file copied between folders) leaves the editor without help, with no sign of it.
 */
function checkSchemaLink(file: string, kind: FileKind): Problem[] {
	const read = readSource(file);
	if ('problem' in read) return [];
	const found = readSchemaLine(read.source);
	// A missing line or another schema is reported by the parser; a web address can't be checked.
	if (
		!found ||
		basename(found.link) !== SCHEMA_FILES[kind] ||
		/^[a-z][a-z0-9+.-]*:/i.test(found.link)
	) {
		return [];
	}
	const target = isAbsolute(found.link) ? found.link : resolve(dirname(file), found.link);
	if (existsSync(target)) return [];
	const project = join(PROJECT_SCHEMAS, SCHEMA_FILES[kind]);
	const fromHere = relative(dirname(resolve(file)), project)
		.split(sep)
		.join('/');
	const link = fromHere.startsWith('.') ? fromHere : `./${fromHere}`;
	return [
		{
			file,
			line: 1,
			col: found.col,
			severity: 'warning',
			message: `the first line links ${quoted(found.link)}, but there is no such file from this file's folder`,
			hint: existsSync(project)
				? `From here the schema is at \`${link}\`: \`${schemaLine(kind, link)}\``
				: 'Run `npm run scenarios:schema` to write the schemas, then point the link at them.'
		}
	];
}

/**
 * Checks the given scenario and course files (a folder stands for everything in it). A course is
 * checked against the scenarios beside its `courses` folder; their own problems are reported only
 * when they are among the files given.
 */
export function checkFiles(paths: readonly string[]): CheckReport {
	const problems: Problem[] = [];
	const files: string[] = [];
	for (const path of paths) {
		if (existsSync(path) && statSync(path).isDirectory()) {
			files.push(...filesIn(path));
			for (const stray of [...ymlFiles(path), ...ymlFiles(join(path, COURSES))]) {
				problems.push(
					problemAt(
						stray,
						'this file is skipped: scenario and course files end in `.yaml`',
						`Rename it to ${basename(stray).replace(/\.yml$/, '.yaml')}.`,
						true
					)
				);
			}
		} else {
			files.push(path);
		}
	}
	const unique = [...new Map(files.map((file) => [resolve(file), file])).values()];
	const scenarioFiles = new ScenarioFiles();
	const scenarios: CheckedScenario[] = [];
	const courses: CheckedCourse[] = [];
	for (const file of unique) {
		if (isCourseFile(file)) {
			const outcome = loadCourse(file, dirname(dirname(file)), scenarioFiles);
			problems.push(...outcome.problems, ...checkSchemaLink(file, 'course'));
			const sound = !hasErrors([...outcome.problems, ...outcome.scenarioProblems]);
			if (outcome.bundle && outcome.source !== undefined && sound) {
				courses.push({ file, source: outcome.source, bundle: outcome.bundle });
			}
		} else {
			const result = scenarioFiles.get(file);
			problems.push(...(result?.problems ?? [problemAt(file, 'there is no such file')]));
			if (result) problems.push(...checkSchemaLink(file, 'scenario'));
			if (result?.ok) scenarios.push({ file, scenario: result.value });
		}
	}
	return { problems: sortProblems(problems), files: unique.length, scenarios, courses };
}

/** Every problem in every scenario and course file under `root`. */
export function checkAll(root: string): Problem[] {
	if (!existsSync(root)) return [problemAt(root, 'there is no such folder')];
	return checkFiles([root]).problems;
}
