import { pointsTotal, scoreBounds } from '../scenario/bounds.ts';
import {
	THEMES,
	type Choice,
	type CourseBundle,
	type Scenario,
	type Theme
} from '../scenario/types.ts';
import type { Decision } from './course-machine.ts';

interface ThemeScore {
	theme: Theme;
	earned: number;
	max: number;
	/** Whole percentage, rounded down: 79.5% has not reached a pass mark of 80. */
	percent: number;
}

interface ScenarioScore {
	scenario: string;
	earned: number;
	max: number;
	percent: number;
	/** The critical choices the learner took in this scenario. */
	critical: Decision[];
}

export interface CourseScore {
	earned: number;
	max: number;
	/** Whole percentage 0..100: the number reported to the LMS and compared with the pass mark. */
	percent: number;
	passMark: number;
	passed: boolean;
	/** True when a critical choice was taken and the course's rule makes that a fail. */
	failedOnCritical: boolean;
	scenarios: ScenarioScore[];
	themes: ThemeScore[];
}

const percentOf = (earned: number, max: number) =>
	max > 0 ? Math.min(100, Math.floor((earned * 100) / max)) : 100;

/** The choice a decision refers to, or undefined when the scenario no longer has it. */
export function choiceOf(scenario: Scenario, decision: Decision): Choice | undefined {
	const node = scenario.nodes.find((n) => n.id === decision.node);
	return node?.type === 'decision' ? node.choices.find((c) => c.id === decision.choice) : undefined;
}

/**
 * Scores a course run from the learner's decisions alone, so the same numbers come out in the
 * browser, in tests and in the checker. A scenario's maximum is the best any path through it can
 * earn, per theme as well, so a learner on a shorter good path is not penalised.
 */
export function scoreCourse(
	{ course, scenarios }: CourseBundle,
	decisions: Decision[]
): CourseScore {
	const themeEarned = new Map<Theme, number>();
	const themeMax = new Map<Theme, number>();
	const scenarioScores: ScenarioScore[] = [];

	for (const id of course.scenarios) {
		const scenario = scenarios.find((s) => s.id === id);
		if (!scenario) continue;
		const bounds = scoreBounds(scenario);
		for (const [theme, max] of Object.entries(bounds.maxByTheme) as [Theme, number][]) {
			themeMax.set(theme, (themeMax.get(theme) ?? 0) + max);
			if (!themeEarned.has(theme)) themeEarned.set(theme, 0);
		}
		let earned = 0;
		const critical: Decision[] = [];
		for (const decision of decisions) {
			if (decision.scenario !== id) continue;
			const choice = choiceOf(scenario, decision);
			if (!choice) continue;
			if (choice.critical) critical.push(decision);
			for (const [theme, points] of Object.entries(choice.points) as [Theme, number][]) {
				earned += points;
				themeEarned.set(theme, (themeEarned.get(theme) ?? 0) + points);
			}
		}
		scenarioScores.push({
			scenario: id,
			earned,
			max: bounds.max,
			percent: percentOf(earned, bounds.max),
			critical
		});
	}

	const earned = scenarioScores.reduce((sum, s) => sum + s.earned, 0);
	const max = scenarioScores.reduce((sum, s) => sum + s.max, 0);
	const percent = percentOf(earned, max);
	const failedOnCritical =
		course.criticalChoiceFails && scenarioScores.some((s) => s.critical.length > 0);
	const themes = [...themeMax.entries()]
		.sort(([a], [b]) => THEMES.indexOf(a) - THEMES.indexOf(b))
		.map(([theme, themeMaxPoints]) => {
			const themeEarnedPoints = themeEarned.get(theme) ?? 0;
			return {
				theme,
				earned: themeEarnedPoints,
				max: themeMaxPoints,
				percent: percentOf(themeEarnedPoints, themeMaxPoints)
			};
		});

	return {
		earned,
		max,
		percent,
		passMark: course.passMark,
		passed: percent >= course.passMark && !failedOnCritical,
		failedOnCritical,
		scenarios: scenarioScores,
		themes
	};
}

/**
 * The themes a course scores, in a stable order: one objective each in the LMS. The manifest
 * declares the same list, so what the content reports always matches what the LMS expects.
 */
export const courseThemes = (bundle: CourseBundle): Theme[] =>
	scoreCourse(bundle, []).themes.map((t) => t.theme);

/** How a decision reads in an LMS report: which choice was best, and how this one compares. */
export interface DecisionJudgement {
	/** `scenario.node`: stable while the trainer keeps the ids, and `[a-z0-9_.]` as LMSs require. */
	id: string;
	choiceIndex: number;
	bestChoiceIds: string[];
	bestChoiceIndexes: number[];
	/** `neutral` where every choice earns the same: there is no right answer to report. */
	result: 'correct' | 'incorrect' | 'neutral';
	/** The most points the decision offers. */
	weighting: number;
	prompt: string;
	theme: Theme;
}

export function judgeDecision(
	scenario: Scenario,
	decision: Decision
): DecisionJudgement | undefined {
	const node = scenario.nodes.find((n) => n.id === decision.node);
	if (node?.type !== 'decision') return undefined;
	const choiceIndex = node.choices.findIndex((c) => c.id === decision.choice);
	const choice = node.choices[choiceIndex];
	if (!choice) return undefined;
	const worth = node.choices.map((c) => (c.critical ? -1 : pointsTotal(c.points)));
	const best = Math.max(...worth);
	const bestChoiceIndexes = worth.flatMap((w, i) => (w === best ? [i] : []));
	const allEqual = worth.every((w) => w === best);
	return {
		id: `${scenario.id}.${node.id}`,
		choiceIndex,
		bestChoiceIds: bestChoiceIndexes.map((i) => node.choices[i]!.id),
		bestChoiceIndexes,
		result: allEqual ? 'neutral' : worth[choiceIndex] === best ? 'correct' : 'incorrect',
		weighting: Math.max(0, best),
		prompt: node.prompt,
		theme: scenario.theme
	};
}
