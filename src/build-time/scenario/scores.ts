/**
 * The scores a scenario and a course can actually produce, found by playing the compiled course
 * machine rather than by reading the YAML. Used by `scenarios:check` for its score report, and to
 * cross-check the checker's own arithmetic (`scoreBounds`) against the engine learners run.
 * It lives in src/build-time because src/lib/scenario may not depend on the engine.
 */
import type { ActorLogic, SnapshotFrom } from 'xstate';
import { getAdjacencyMap } from 'xstate/graph';
import { createScenarioMachine, type CourseEvent } from '../../lib/engine/course-machine.ts';
import { courseEvents, extremePlaythroughs } from '../../lib/engine/paths.ts';
import { choiceOf, courseThemes, scoreCourse } from '../../lib/engine/scoring.ts';
import { scoreBounds } from '../../lib/scenario/bounds.ts';
import {
	courseEstimates,
	overallMinutes,
	SECONDS_PER_DECISION,
	WORDS_PER_MINUTE
} from '../../lib/scenario/estimate.ts';
import { planned, plansOf } from '../../lib/scenario/plan.ts';
import type { CheckedCourse, CheckedScenario } from './files.ts';
import { locatorFor } from '../../lib/scenario/locate.ts';
import type { Problem } from '../../lib/scenario/problem.ts';
import { THEMES, type CourseBundle, type Scenario, type Theme } from '../../lib/scenario/types.ts';

interface Range {
	min: number;
	max: number;
}

export interface ScenarioScores {
	/** Lowest and highest total over every way through. */
	total: Range;
	/** Per theme, the lowest and highest that theme's points can be; themes never earned are left out. */
	themes: Partial<Record<Theme, Range>>;
	/** How many ways through there are. */
	paths: number;
}

type ScenarioMachine = ReturnType<typeof createScenarioMachine>;
type Snapshot = SnapshotFrom<ScenarioMachine>;

/** Per objective (the total, then each theme), the best and worst still to come, and the paths. */
interface Ahead {
	min: number[];
	max: number[];
	paths: number;
}

/**
 * Plays every way through a checked scenario on its compiled machine. xstate's adjacency map
 * holds each state once (keyed by where the learner is, not by the choices that led there) with
 * the transitions the learner can take from it; what is still to come from a state does not
 * depend on how the learner got there, so each is worked out once. The search visits every state
 * and transition, not every path, and stays fast however the paths multiply. Throws if the
 * machine gets stuck or loops, which a checked scenario can't do.
 */
export function walkScores(scenario: Scenario): ScenarioScores {
	const machine: ScenarioMachine = createScenarioMachine(scenario);
	const keyOf = (snapshot: Snapshot) => JSON.stringify(snapshot.value);
	const states = new Map(
		Object.entries(
			// xstate/graph types the logic it walks as emitting plain events; the course machine
			// announces named ones (decision.made, pathway.chosen), which the walk never listens to.
			getAdjacencyMap(machine as unknown as ActorLogic<Snapshot, CourseEvent>, {
				events: courseEvents([scenario]),
				filterEvents: (snapshot, event) => snapshot.can(event),
				serializeState: keyOf
			})
		)
	);
	const themes = THEMES.filter((theme) =>
		scenario.nodes.some(
			(node) =>
				node.type === 'decision' &&
				node.choices.some((choice) => choice.points[theme] !== undefined)
		)
	);
	const size = themes.length + 1;
	const memo = new Map<string, Ahead>();
	const open = new Set<string>();

	// The adjacency map keeps the first way it found into each state, so the points of a step are
	// the decisions it added, whatever came before.
	const gained = (before: Snapshot, after: Snapshot) => {
		const points = new Array<number>(size).fill(0);
		for (const decision of after.context.decisions.slice(before.context.decisions.length)) {
			const choice = choiceOf(scenario, decision);
			if (!choice) throw new Error(`the machine recorded an unknown choice ${decision.choice}`);
			themes.forEach((theme, i) => {
				const value = choice.points[theme] ?? 0;
				points[0]! += value;
				points[i + 1]! += value;
			});
		}
		return points;
	};

	const from = (key: string): Ahead => {
		const { state, transitions } = states.get(key)!;
		if (state.status === 'done') {
			return { min: new Array(size).fill(0), max: new Array(size).fill(0), paths: 1 };
		}
		const known = memo.get(key);
		if (known) return known;
		if (open.has(key)) throw new Error(`the machine loops back to ${key}`);
		open.add(key);
		const steps = Object.values<{ state: Snapshot }>(transitions);
		if (steps.length === 0) throw new Error(`the machine gets stuck at ${key}`);
		const ahead: Ahead = {
			min: new Array(size).fill(Infinity),
			max: new Array(size).fill(-Infinity),
			paths: 0
		};
		for (const { state: next } of steps) {
			const points = gained(state, next);
			const rest = from(keyOf(next));
			for (let i = 0; i < size; i++) {
				ahead.min[i] = Math.min(ahead.min[i]!, points[i]! + rest.min[i]!);
				ahead.max[i] = Math.max(ahead.max[i]!, points[i]! + rest.max[i]!);
			}
			ahead.paths += rest.paths;
		}
		open.delete(key);
		memo.set(key, ahead);
		return ahead;
	};

	// The map starts from the machine's initial state.
	const start = from(states.keys().next().value!);
	const byTheme: Partial<Record<Theme, Range>> = {};
	themes.forEach((theme, i) => {
		if (start.max[i + 1]! > 0) byTheme[theme] = { min: start.min[i + 1]!, max: start.max[i + 1]! };
	});
	return { total: { min: start.min[0]!, max: start.max[0]! }, themes: byTheme, paths: start.paths };
}

const fault = (file: string, message: string): Problem => ({
	file,
	line: 1,
	col: 1,
	severity: 'error',
	message,
	hint: 'This is a fault in the checker or the course engine, not in your file: please report it with the file attached.'
});

const range = ({ min, max }: Range) => (min === max ? `${min}` : `${min}–${max}`);

export interface Report {
	/** One line for the score report. */
	line: string;
	problems: Problem[];
}

/**
 * A scenario's score range from the machine, checked against `scoreBounds`, which the course uses
 * for its maximum: if the two disagree, learners would be scored against the wrong total.
 */
export function scenarioReport({ file, scenario }: CheckedScenario): Report {
	let scores: ScenarioScores;
	try {
		scores = walkScores(scenario);
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		return {
			line: `${file}: the scores could not be worked out`,
			problems: [fault(file, `playing every path on the course engine failed: ${detail}`)]
		};
	}
	const problems: Problem[] = [];
	const bounds = scoreBounds(scenario);
	const walkedThemes = Object.fromEntries(
		Object.entries(scores.themes).map(([theme, { max }]) => [theme, max])
	);
	const same =
		bounds.min === scores.total.min &&
		bounds.max === scores.total.max &&
		JSON.stringify(walkedThemes) === JSON.stringify(sortedThemes(bounds.maxByTheme));
	if (!same) {
		problems.push(
			fault(
				file,
				`the course engine finds scores of ${range(scores.total)} ${JSON.stringify(walkedThemes)}, but the checker works out ${range(bounds)} ${JSON.stringify(bounds.maxByTheme)}`
			)
		);
	}
	const themes = (Object.entries(scores.themes) as [Theme, Range][])
		.map(([theme, r]) => `${theme} ${range(r)}`)
		.join(', ');
	const paths = scores.paths === 1 ? '1 path' : `${scores.paths} paths`;
	return {
		line: `${file}: score ${range(scores.total)}${themes ? ` (${themes})` : ''} over ${paths}`,
		problems
	};
}

function sortedThemes(byTheme: Partial<Record<Theme, number>>): Partial<Record<Theme, number>> {
	return Object.fromEntries(
		THEMES.filter((theme) => byTheme[theme] !== undefined).map((theme) => [theme, byTheme[theme]])
	);
}

/**
 * Whether a course's pass mark can be both reached and missed, played with the best and the
 * worst playthroughs the browser tests use, for every plan a learner can be on (each pathway, or
 * the course's own list); whether each pathway scores every theme the course reports; and whether
 * the course's `minutes` fits the time its words take to read.
 */
export function courseReport({ file, source, bundle }: CheckedCourse): Report {
	const locator = locatorFor(source);
	const problems: Problem[] = [];
	const lines: string[] = [];
	const themes = courseThemes(bundle);
	const estimates = courseEstimates(bundle);
	for (const { pathway } of plansOf(bundle.course)) {
		const plan = planned(bundle, pathway?.id);
		const report = planReport(file, locator.at(['pass_mark']), plan, pathway?.id);
		problems.push(...report.problems);
		const estimate = estimates[pathway?.id ?? '']!;
		lines.push(
			`${file}${pathway ? ` (pathway \`${pathway.id}\`)` : ''}: ${report.line}, about ${range(estimate)} minutes`
		);
		const missing = themes.filter((theme) => !courseThemes(plan).includes(theme));
		if (pathway && missing.length > 0) {
			problems.push({
				file,
				...locator.key(['pathways', pathway.id]),
				severity: 'error',
				message: `pathway \`${pathway.id}\` never scores ${missing.map((t) => `\`${t}\``).join(', ')}, which the course reports to the LMS`,
				hint: 'Every learner should meet every theme of the course: add a scenario that scores it to the pathway or to `core`.'
			});
		}
	}
	// every course has at least one plan, so there is always an estimate
	const overall = overallMinutes(estimates)!;
	const { minutes } = bundle.course;
	if (minutes < overall.min || minutes > overall.max) {
		problems.push({
			file,
			...locator.at(['minutes']),
			severity: 'warning',
			message: `\`minutes\` says ${minutes}, but reading the course takes about ${range(overall)} minutes${bundle.course.pathways.length > 0 ? ' (every pathway)' : ''}`,
			hint: `Set \`minutes\` within ${range(overall)}. The estimate reads ${WORDS_PER_MINUTE} words a minute along the shortest and the longest way through, with ${SECONDS_PER_DECISION} seconds to weigh each decision; the welcome screen shows it.`
		});
	}
	return { line: lines.join('\n  '), problems };
}

/** The pass mark against one plan's best and worst playthroughs. */
function planReport(
	file: string,
	at: { line: number; col: number },
	bundle: CourseBundle,
	pathway: string | undefined
): Report {
	const { course, scenarios } = bundle;
	const where = { file, ...at };
	const on = pathway ? ` on pathway \`${pathway}\`` : '';
	const { best, worst } = extremePlaythroughs(bundle);
	const high = scoreCourse(bundle, best);
	const low = scoreCourse(bundle, worst);
	const problems: Problem[] = [];

	// The worst playthrough takes the fewest points first: its total is the sum of the lowest
	// each scenario allows, which the machine walk finds independently.
	const lowest = scenarios.reduce((sum, scenario) => sum + scoreBounds(scenario).min, 0);
	if (low.earned !== lowest) {
		problems.push(
			fault(
				file,
				`the worst playthrough${on} earns ${low.earned} points, but the scenarios allow as few as ${lowest}`
			)
		);
	}

	// The best playthrough avoids critical choices. When they do not fail the course, a path
	// through a critical choice may score more: every scenario's best path, which is 100%.
	const highest = course.criticalChoiceFails ? high.percent : 100;
	const reachable = course.criticalChoiceFails ? high.passed : highest >= course.passMark;
	const critical = scenarios.filter((scenario) =>
		scenario.nodes.some((node) => node.type === 'decision' && node.choices.some((c) => c.critical))
	);
	const missable = !low.passed || (course.criticalChoiceFails && critical.length > 0);

	if (!reachable) {
		const forced = high.scenarios
			.filter((s) => s.critical.length > 0)
			.map((s) => `\`${s.scenario}\``);
		problems.push({
			...where,
			severity: 'error',
			message:
				forced.length > 0
					? `the pass mark can't be reached${on}: every way through ${forced.join(', ')} takes a critical choice, which fails the course`
					: `the pass mark of ${course.passMark}% can't be reached${on}: the best playthrough without a critical choice scores ${high.percent}%`,
			hint:
				forced.length > 0
					? 'Give every decision at least one choice that is not critical, or set `critical_choice_fails: false`.'
					: `Lower \`pass_mark\` to ${high.percent} or less, or give more points to good practice that avoids critical choices.`
		});
	}
	if (!missable) {
		problems.push({
			...where,
			severity: 'warning',
			message: `the pass mark of ${course.passMark}% can't be missed${on}: the lowest-scoring playthrough scores ${low.percent}% and still passes`,
			hint: `Raise \`pass_mark\` above ${low.percent}${course.criticalChoiceFails ? '' : ', or set `critical_choice_fails: true` so that a critical choice fails the course'}.`
		});
	}
	const verdict =
		reachable && missable
			? 'can be passed and failed'
			: !reachable
				? 'no one can pass'
				: 'no one can fail';
	return {
		line: `${range({ min: low.percent, max: highest })}% (pass mark ${course.passMark}%: ${verdict})`,
		problems
	};
}
