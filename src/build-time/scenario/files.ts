/**
 * The scenarios folder on disk (Node only): `<root>/<scenario id>.yaml` and
 * `<root>/courses/<course id>.yaml`, as described in scenarios/README.md.
 *
 * One file of about 470 lines on purpose: it is all the checker does on disk (listing, reading,
 * loading bundles and translations, the report over a set of files), so the rest stays pure.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCourse } from './check.ts';
import { readSchemaLine, SCHEMA_DIR, SCHEMA_FILES, schemaLine } from './json-schema.ts';
import type { FileKind } from './messages.ts';
import type { LocaleTexts } from '../../lib/scenario/launch.ts';
import { locatorFor } from '../../lib/scenario/locate.ts';
import { parseCourse, parseScenario, parseTranslation } from './parse.ts';
import { decodeSource } from '../../lib/scenario/read-bytes.ts';
import {
	coursePassages,
	missingPassages,
	scenarioPassages,
	type Passages
} from '../../lib/scenario/passages.ts';
import {
	hasErrors,
	sortProblems,
	toResult,
	type Problem,
	type Result
} from '../../lib/scenario/problem.ts';
import { didYouMean, listOf, quoted } from '../../lib/scenario/suggest.ts';
import {
	currentPassages,
	TRANSLATIONS_DIR,
	translationPlace,
	translationStanding
} from './translations.ts';
import type { CourseBundle, Scenario } from '../../lib/scenario/types.ts';

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

/** A file's text, or why it can't be read: missing, unreadable, or not saved as UTF-8. */
export function readSource(file: string): { source: string } | { problem: Problem } {
	try {
		return decodeSource(readFileSync(file), file);
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

/** Every translation file under `root`: `translations/<language>/[courses/]<id>.yaml`. */
function translationFilesIn(root: string): string[] {
	const dir = join(root, TRANSLATIONS_DIR);
	let locales: string[];
	try {
		locales = readdirSync(dir, { withFileTypes: true })
			.filter((entry) => entry.isDirectory())
			.map((entry) => entry.name)
			.sort();
	} catch {
		return [];
	}
	return locales.flatMap((locale) => [
		...yamlIds(join(dir, locale)).map((id) => translationFile(root, locale, 'scenario', id)),
		...yamlIds(join(dir, locale, COURSES)).map((id) => translationFile(root, locale, 'course', id))
	]);
}

/** What a path in a translations folder translates, or undefined when it is not in one. */
function translationTarget(
	path: string
): { root: string; locale: string; kind: 'scenario' | 'course'; id: string } | undefined {
	const place = translationPlace(resolve(path));
	return place && { root: place.dir || sep, locale: place.locale, kind: place.kind, id: place.id };
}

/** Where the translation of a scenario or course into `locale` is kept. */
export function translationFile(
	root: string,
	locale: string,
	kind: 'scenario' | 'course',
	id: string
): string {
	return join(
		root,
		TRANSLATIONS_DIR,
		locale,
		...(kind === 'course' ? [COURSES] : []),
		`${id}.yaml`
	);
}

/** How far one language of a course has got: what the checker reports and the packager ships. */
export interface TranslationStatus extends LocaleTexts {
	/** Scenario ids whose translation is complete, in course order. */
	complete: string[];
	/** Whether the course's own words (welcome screen) are translated. */
	courseComplete: boolean;
	/** False while any file of this language is marked `reviewed: false`. */
	reviewed: boolean;
	/** How many passages, over every file of this language, were translated from older English. */
	stale: number;
	problems: Problem[];
}

/**
 * Reads the translations a course ships (its `translations:` key). A missing file is a warning
 * pointing at that key: the course still ships, in English where the words are missing.
 */
export function loadTranslations(
	root: string,
	bundle: CourseBundle,
	courseFile = join(root, COURSES, `${bundle.course.id}.yaml`),
	courseSource?: string
): TranslationStatus[] {
	return bundle.course.translations.map((locale) => {
		const status: TranslationStatus = {
			locale,
			scenarios: {},
			complete: [],
			courseComplete: false,
			reviewed: true,
			stale: 0,
			problems: []
		};
		const read = (kind: 'scenario' | 'course', id: string, source: Passages) => {
			const file = translationFile(root, locale, kind, id);
			if (!existsSync(file)) {
				const at = courseSource
					? locatorFor(courseSource).at(['translations'])
					: { line: 1, col: 1 };
				status.problems.push({
					file: courseFile,
					...at,
					severity: 'warning',
					message: `there is no ${locale} translation of ${kind} \`${id}\` yet (${relative(root, file)})`,
					hint: `Run \`npm run scenarios:translate ${id} ${locale}\` to start one; until then learners read it in English.`
				});
				return undefined;
			}
			const text = readSource(file);
			if ('problem' in text) {
				status.problems.push(text.problem);
				return undefined;
			}
			const result = parseTranslation(text.source, file, source);
			status.problems.push(...result.problems);
			if (!result.ok) return undefined;
			if (!result.value.reviewed) status.reviewed = false;
			status.stale += translationStanding(source, result.value).stale.length;
			// a stale passage no longer says what the English says: as good as missing
			const current = currentPassages(source, result.value);
			return missingPassages(source, current).length ? undefined : current;
		};
		for (const scenario of bundle.scenarios) {
			const passages = read('scenario', scenario.id, scenarioPassages(scenario));
			if (!passages) continue;
			status.scenarios[scenario.id] = passages;
			status.complete.push(scenario.id);
		}
		const course = read('course', bundle.course.id, coursePassages(bundle.course));
		if (course) {
			status.course = course;
			status.courseComplete = true;
		}
		return status;
	});
}

interface CourseOutcome {
	problems: Problem[];
	bundle?: CourseBundle;
	translations?: TranslationStatus[];
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
	const translations = bundle && loadTranslations(root, bundle, file, read.source);
	problems.push(...(translations ?? []).flatMap((t) => t.problems));
	return { problems, bundle, translations, scenarioProblems, source: read.source };
}

/**
 * A course and its scenarios, in the course's order, ready for the player. Reports problems in
 * the course file and in every scenario file it lists; a value only when there are no errors.
 */
export function loadCourseBundle(root: string, courseName: string): Result<CourseBundle> {
	// `csp_mandatory.yaml` names the course too; a path does not
	const courseId = courseName.replace(/\.yaml$/, '');
	const file = join(root, COURSES, `${courseId}.yaml`);
	if (!/^[a-z0-9_]+$/.test(courseId) || !existsSync(file)) {
		const courses = listCourses(root);
		return toResult<CourseBundle>(undefined, [
			problemAt(
				file,
				`there is no course \`${courseName}\``,
				`${didYouMean(courseId, courses)}The courses are the .yaml files in ${join(root, COURSES)}: ${listOf(courses) || 'none yet'}.`
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
	translations: TranslationStatus[];
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
 * A translation file on its own, against the scenario or course it translates, whether or not a
 * course ships it yet: a trainer can check a translation while writing it.
 */
function checkTranslationFile(
	file: string,
	{ root, locale, kind, id }: NonNullable<ReturnType<typeof translationTarget>>,
	scenarioFiles: ScenarioFiles
): Problem[] {
	const sourceFile =
		kind === 'course' ? join(root, COURSES, `${id}.yaml`) : join(root, `${id}.yaml`);
	let passages: Passages | undefined;
	if (kind === 'scenario') {
		const scenario = scenarioFiles.get(sourceFile);
		if (scenario?.ok) passages = scenarioPassages(scenario.value);
		else if (scenario) return []; // the scenario's own problems come first, reported there
	} else if (existsSync(sourceFile)) {
		const read = readSource(sourceFile);
		const course = 'source' in read ? parseCourse(read.source, sourceFile) : undefined;
		if (!course?.ok) return [];
		passages = coursePassages(course.value);
	}
	if (!passages) {
		const known = kind === 'course' ? listCourses(root) : listScenarios(root);
		return [
			problemAt(
				file,
				`there is no ${kind} \`${id}\` to translate (no ${relative(root, sourceFile)})`,
				`${didYouMean(id, known)}A translation is named after what it translates, in translations/${locale}/${kind === 'course' ? 'courses/' : ''}.`
			)
		];
	}
	const read = readSource(file);
	if ('problem' in read) return [read.problem];
	return [
		...parseTranslation(read.source, file, passages).problems,
		...checkSchemaLink(file, 'translation')
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
			files.push(...filesIn(path), ...translationFilesIn(path));
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
		const translated = translationTarget(file);
		if (translated) {
			problems.push(...checkTranslationFile(file, translated, scenarioFiles));
		} else if (isCourseFile(file)) {
			const outcome = loadCourse(file, dirname(dirname(file)), scenarioFiles);
			problems.push(...outcome.problems, ...checkSchemaLink(file, 'course'));
			const sound = !hasErrors([...outcome.problems, ...outcome.scenarioProblems]);
			if (outcome.bundle && outcome.source !== undefined && sound) {
				courses.push({
					file,
					source: outcome.source,
					bundle: outcome.bundle,
					translations: outcome.translations ?? []
				});
			}
		} else {
			const result = scenarioFiles.get(file);
			problems.push(...(result?.problems ?? [problemAt(file, 'there is no such file')]));
			if (result) problems.push(...checkSchemaLink(file, 'scenario'));
			if (result?.ok) scenarios.push({ file, scenario: result.value });
		}
	}
	// a translation shared by two courses is read for each: say each problem once
	const once = [...new Map(problems.map((p) => [JSON.stringify(p), p])).values()];
	return { problems: sortProblems(once), files: unique.length, scenarios, courses };
}

/** Every problem in every scenario and course file under `root`. */
export function checkAll(root: string): Problem[] {
	if (!existsSync(root)) return [problemAt(root, 'there is no such folder')];
	return checkFiles([root]).problems;
}
