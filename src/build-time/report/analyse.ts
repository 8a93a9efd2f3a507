/**
 * From recorded attempts to what the safeguarding lead asks: per course (and role pathway), how
 * many learners, how many completed and passed, which themes they met, which choices they made
 * at each decision and where their paths ended. Each attempt is read back through the scenario
 * files by `attempts.ts`.
 *
 * The numbers here are exact; hiding small groups is `summary.ts`'s job, done once for the HTML
 * and the JSON alike.
 *
 * One file of about 450 lines: the shapes of the numbers and the one pass that fills them belong
 * together (the reading of attempts is already apart, in `attempts.ts`).
 */
import { join } from 'node:path';
import { scoreCourse } from '../../lib/engine/scoring.ts';
import { pointsTotal } from '../../lib/scenario/bounds.ts';
import { listCourses, loadCourseBundle } from '../scenario/files.ts';
import { hasErrors, type Problem } from '../../lib/scenario/problem.ts';
import type { CourseBundle, DecisionNode, Scenario, Theme } from '../../lib/scenario/types.ts';
import {
	LETTERS,
	courseFor,
	mergeAttempts,
	scenarioOf,
	versionNotices,
	viewAttempt,
	type AttemptView
} from './attempts.ts';
import type { ExportFormat, Notice, ReadExport, RecordedAttempt } from './exports.ts';

/**
 * Groups of fewer learners than this are never shown as numbers: with so few, a count or a rate
 * can point at a person.
 */
export const MIN_GROUP = 5;

/** A decision reached by at least MIN_GROUP learners is a training need when this share of learners first chose other than the best... */
export const POOR_SHARE = 0.5;
/** ...or this share first chose a critical option. */
export const CRITICAL_SHARE = 0.2;

export interface ReportOptions {
	/** Inclusive, `YYYY-MM-DD`, compared with the attempt's start. */
	from?: string;
	to?: string;
}

/** What a choice is, as the scenario file says: the same in the analysis and the summary. */
export interface ChoiceFacts {
	id: string;
	/** The 1.2 response for it. */
	letter: string;
	text: string;
	points: number;
	critical: boolean;
	best: boolean;
}

interface ChoiceStats extends ChoiceFacts {
	/** Learners who took it on their first attempt. */
	first: number;
	/** Times taken in every attempt. */
	all: number;
}

interface DecisionStats {
	interaction: string;
	scenario: string;
	node: string;
	prompt: string;
	theme: Theme;
	/** Learners whose first attempt reached it. */
	reached: number;
	choices: ChoiceStats[];
	/** Learners whose first choice here was not the best, and those whose was critical. */
	poorFirst: number;
	criticalFirst: number;
	trainingNeed: boolean;
}

interface ScenarioTraffic {
	id: string;
	title: string;
	/** Learners (first attempts) along each arrow, keyed `from>to`. */
	edges: Map<string, number>;
	/** Learners (first attempts) who ended at each ending. */
	endings: Map<string, number>;
	/** Learners whose first attempt started the scenario but did not reach an ending. */
	unfinished: number;
	started: number;
}

interface LearnerRow {
	learner: string;
	attempts: number;
	firstScore?: number;
	lastScore?: number;
	passed: boolean;
	pathway?: string;
}

export interface GroupStats {
	course: CourseBundle['course'];
	pathway?: { id: string; title?: string };
	learners: number;
	attempts: number;
	/** Listed by the LMS but never started (Moodle's reports only). */
	notStarted: number;
	/** Learners with a completed, and with a passed, attempt (of those whose status is known). */
	completed: number;
	passed: number;
	/** Learners whose completion is known from the export. */
	statusKnown: number;
	medianSeconds?: number;
	timedAttempts: number;
	medianScore?: number;
	themes: { theme: Theme; met: number; of: number }[];
	decisions: DecisionStats[];
	scenarios: ScenarioTraffic[];
	change?: {
		learners: number;
		firstMedianScore?: number;
		lastMedianScore?: number;
		passedFirst: number;
		passedLast: number;
	};
	learnerRows: LearnerRow[];
}

interface SourceUse {
	file: string;
	format?: ExportFormat;
	rows: number;
	attempts: number;
	decisions: number;
	/** Courses whose numbers come from this file. */
	courses: string[];
}

export interface Analysis {
	groups: GroupStats[];
	sources: SourceUse[];
	notices: Notice[];
	/** Attempts left out because they started outside `--from`/`--to`. */
	outsideDates: number;
	options: ReportOptions;
}

/** Every sound course under the scenarios folder, with its problems where it is not. */
export function loadCourses(root: string): { bundles: CourseBundle[]; problems: Problem[] } {
	const bundles: CourseBundle[] = [];
	const problems: Problem[] = [];
	for (const id of listCourses(root)) {
		const result = loadCourseBundle(root, id);
		if (result.ok) bundles.push(result.value);
		else problems.push(...result.problems.filter((p) => p.severity === 'error'));
	}
	if (bundles.length === 0 && !hasErrors(problems)) {
		problems.push({
			file: join(root, 'courses'),
			line: 1,
			col: 1,
			severity: 'error',
			message: 'there are no course files here',
			hint: 'Point --scenarios at the folder the courses were packaged from.'
		});
	}
	return { bundles, problems };
}

const median = (values: number[]): number | undefined => {
	if (values.length === 0) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Which exports a course's numbers come from: one kind of export, the one with most decisions. */
const FAMILY: Record<ExportFormat, string> = {
	'tracks csv': 'tracks',
	'decisions csv': 'decisions',
	'moodle basic': 'moodle',
	'moodle interactions': 'moodle',
	'moodle objectives': 'moodle'
};
const FAMILY_ORDER = ['tracks', 'decisions', 'moodle'];

function decisionNodes(bundle: CourseBundle): { scenario: Scenario; node: DecisionNode }[] {
	return bundle.scenarios.flatMap((scenario) =>
		scenario.nodes.flatMap((node) => (node.type === 'decision' ? [{ scenario, node }] : []))
	);
}

/** The numbers for one group of attempts in one course. */
function groupStats(
	bundle: CourseBundle,
	views: AttemptView[],
	notStarted: number,
	pathway?: { id: string; title?: string }
): GroupStats {
	const byLearner = new Map<string, AttemptView[]>();
	for (const view of views) {
		const list = byLearner.get(view.record.learner) ?? [];
		list.push(view);
		byLearner.set(view.record.learner, list);
	}
	for (const list of byLearner.values()) list.sort((a, b) => a.record.attempt - b.record.attempt);
	const learners = [...byLearner.values()];
	const firsts = learners.map((list) => list[0]!);

	const known = learners.filter((list) => list.some((v) => v.completed !== undefined));
	const timed = views.flatMap((v) => (v.record.seconds === undefined ? [] : [v.record.seconds]));
	const bestScores = learners.flatMap((list) => {
		const scores = list.flatMap((v) => (v.score === undefined ? [] : [v.score]));
		return scores.length ? [Math.max(...scores)] : [];
	});

	const themeNames = scoreCourse(bundle, []).themes.map((t) => t.theme);
	const themes = themeNames.map((theme) => {
		const judged = learners.filter((list) => list.some((v) => v.themes.has(theme)));
		return {
			theme,
			met: judged.filter((list) => list.some((v) => v.themes.get(theme))).length,
			of: judged.length
		};
	});

	const decisions = decisionNodes(bundle).map(({ scenario, node }) => {
		const worth = node.choices.map((c) => (c.critical ? -1 : pointsTotal(c.points)));
		const best = Math.max(...worth);
		const allSame = worth.every((w) => w === best);
		const firstChoice = (view: AttemptView) =>
			view.decisions.find((d) => d.scenario === scenario.id && d.node === node.id)?.choice;
		const choices: ChoiceStats[] = node.choices.map((choice, i) => ({
			id: choice.id,
			letter: LETTERS[i] ?? '?',
			text: choice.text,
			points: pointsTotal(choice.points),
			critical: choice.critical,
			best: !allSame && worth[i] === best,
			first: firsts.filter((v) => firstChoice(v) === choice.id).length,
			all: views.reduce(
				(n, v) =>
					n +
					v.decisions.filter(
						(d) => d.scenario === scenario.id && d.node === node.id && d.choice === choice.id
					).length,
				0
			)
		}));
		const reached = choices.reduce((n, c) => n + c.first, 0);
		const poorFirst = allSame ? 0 : choices.filter((c) => !c.best).reduce((n, c) => n + c.first, 0);
		const criticalFirst = choices.filter((c) => c.critical).reduce((n, c) => n + c.first, 0);
		return {
			interaction: `${scenario.id}.${node.id}`,
			scenario: scenario.id,
			node: node.id,
			prompt: node.prompt,
			theme: scenario.theme,
			reached,
			choices,
			poorFirst,
			criticalFirst,
			trainingNeed:
				reached >= MIN_GROUP &&
				(poorFirst >= POOR_SHARE * reached || criticalFirst >= CRITICAL_SHARE * reached)
		};
	});

	const scenarios = bundle.scenarios.map((scenario) => {
		const edges = new Map<string, number>();
		const endings = new Map<string, number>();
		let started = 0;
		let unfinished = 0;
		for (const view of firsts) {
			const path = view.paths.get(scenario.id);
			if (!path) continue;
			started++;
			for (const edge of new Set(path.edges)) edges.set(edge, (edges.get(edge) ?? 0) + 1);
			if (path.ending) endings.set(path.ending, (endings.get(path.ending) ?? 0) + 1);
			else unfinished++;
		}
		return { id: scenario.id, title: scenario.title, edges, endings, unfinished, started };
	});

	const repeaters = learners.filter((list) => list.length > 1);
	const scoresOf = (pick: (list: AttemptView[]) => AttemptView) =>
		repeaters.flatMap((list) => {
			const score = pick(list).score;
			return score === undefined ? [] : [score];
		});
	const change = repeaters.length
		? {
				learners: repeaters.length,
				firstMedianScore: median(scoresOf((list) => list[0]!)),
				lastMedianScore: median(scoresOf((list) => list.at(-1)!)),
				passedFirst: repeaters.filter((list) => list[0]!.passed).length,
				passedLast: repeaters.filter((list) => list.at(-1)!.passed).length
			}
		: undefined;

	return {
		course: bundle.course,
		pathway,
		learners: learners.length,
		attempts: views.length,
		notStarted,
		completed: known.filter((list) => list.some((v) => v.completed)).length,
		passed: known.filter((list) => list.some((v) => v.passed)).length,
		statusKnown: known.length,
		medianSeconds: median(timed),
		timedAttempts: timed.length,
		medianScore: median(bestScores),
		themes,
		decisions,
		scenarios,
		change,
		learnerRows: learners.map((list) => ({
			learner: list[0]!.record.learner,
			attempts: list.length,
			firstScore: list[0]!.score,
			lastScore: list.at(-1)!.score,
			passed: list.some((v) => v.passed),
			pathway: list[0]!.record.pathway?.id
		}))
	};
}

const inRange = (day: string, { from, to }: ReportOptions) =>
	(!from || day >= from) && (!to || day <= to);

/** Everything the report says, from the exports read and the courses in the scenarios folder. */
export function analyse(
	exports: ReadExport[],
	bundles: CourseBundle[],
	options: ReportOptions = {}
): Analysis {
	const notices = exports.flatMap((e) => e.notices);
	const sources: SourceUse[] = exports.map((e) => ({
		file: e.file,
		format: e.format,
		rows: e.rows,
		attempts: e.attempts.length,
		decisions: e.attempts.reduce((n, a) => n + a.decisions.length, 0),
		courses: []
	}));

	// Course of every attempt, then per course the family of exports its numbers come from.
	const placed = new Map<string, Map<string, { exp: ReadExport; records: RecordedAttempt[] }[]>>();
	const notStartedBy = new Map<string, Set<string>>();
	for (const exp of exports) {
		const fileScenarios = new Set(
			exp.attempts.flatMap((a) => a.decisions.map((d) => scenarioOf(d.interaction)))
		);
		const byCourse = new Map<string, RecordedAttempt[]>();
		for (const record of exp.attempts) {
			const bundle = courseFor(record, bundles, fileScenarios);
			if (!bundle) {
				notices.push({
					...record.at,
					kind: 'not counted',
					message: `no course in the scenarios folder matches this attempt (${record.course ? `course \`${record.course}\`` : record.courseTitle ? `“${record.courseTitle}”` : `decisions ${[...new Set(record.decisions.map((d) => d.interaction))].slice(0, 3).join(', ') || 'none'}`}); it is not counted`,
					hint: 'Check --scenarios names the folder the course was packaged from.'
				});
				continue;
			}
			const list = byCourse.get(bundle.course.id) ?? [];
			list.push(record);
			byCourse.set(bundle.course.id, list);
		}
		for (const learner of exp.notStarted) {
			const bundle = bundles.find(
				(b) => b.course.title === learner.courseTitle || b.course.id === learner.course
			);
			if (!bundle) continue;
			const set = notStartedBy.get(bundle.course.id) ?? new Set<string>();
			set.add(learner.learner);
			notStartedBy.set(bundle.course.id, set);
		}
		for (const [course, records] of byCourse) {
			const families = placed.get(course) ?? new Map();
			const family = FAMILY[exp.format!];
			families.set(family, [...(families.get(family) ?? []), { exp, records }]);
			placed.set(course, families);
		}
	}

	const groups: GroupStats[] = [];
	let outsideDates = 0;
	for (const bundle of bundles) {
		const families = placed.get(bundle.course.id);
		if (!families) continue;
		const decisionsIn = (family: string) =>
			families
				.get(family)!
				.reduce((n, { records }) => n + records.reduce((m, r) => m + r.decisions.length, 0), 0);
		const chosen = [...families.keys()].sort(
			(a, b) => decisionsIn(b) - decisionsIn(a) || FAMILY_ORDER.indexOf(a) - FAMILY_ORDER.indexOf(b)
		)[0]!;
		const used = families.get(chosen)!;
		for (const [family, list] of families) {
			if (family === chosen) continue;
			for (const { exp, records } of list) {
				notices.push({
					file: exp.file,
					line: 1,
					kind: 'not counted',
					message: `its ${records.length} attempts of \`${bundle.course.id}\` are not counted: ${used.map((u) => u.exp.file).join(', ')} ${used.length === 1 ? 'holds' : 'hold'} the same course with more decisions, and learners can't be matched between different kinds of export`
				});
			}
		}
		for (const { exp } of used)
			sources.find((s) => s.file === exp.file)!.courses.push(bundle.course.id);

		// Several files of one kind (two sites, two date ranges) add up; the same attempt counts once.
		const records = mergeAttempts(used.flatMap(({ records }) => records));
		const dated: RecordedAttempt[] = [];
		const undated: RecordedAttempt[] = [];
		for (const record of records) {
			if (!options.from && !options.to) dated.push(record);
			else if (!record.started) undated.push(record);
			else if (inRange(record.started.slice(0, 10), options)) dated.push(record);
			else outsideDates++;
		}
		for (const record of undated) {
			notices.push({
				...record.at,
				kind: 'not counted',
				message: 'this attempt has no start date, so it is left out of the date range',
				hint: "Use an export with dates (Moodle's reports, the tracks CSV with x.start.time, or times in the decisions CSV)."
			});
		}
		notices.push(...versionNotices(dated, bundle));
		const views = dated.map((record) => viewAttempt(record, bundle, notices));
		// learners who never started have no attempts to mix up with another export's, so they always count
		const notStarted = notStartedBy.get(bundle.course.id)?.size ?? 0;
		groups.push(groupStats(bundle, views, notStarted));
		const pathways = new Map<string, { id: string; title?: string }>();
		for (const view of views)
			if (view.record.pathway) pathways.set(view.record.pathway.id, view.record.pathway);
		for (const pathway of [...pathways.values()].sort((a, b) => a.id.localeCompare(b.id))) {
			const mine = views.filter((v) => v.record.pathway?.id === pathway.id);
			groups.push(groupStats(bundle, mine, 0, pathway));
		}
	}
	// In the order the files were given, top to bottom within each: the order to fix them in.
	const order = new Map(exports.map((e, i) => [e.file, i]));
	notices.sort((a, b) => order.get(a.file)! - order.get(b.file)! || a.line - b.line);
	return { groups, sources, notices, outsideDates, options };
}
