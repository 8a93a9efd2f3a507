/**
 * How long a scenario or course takes, from the words a learner reads: the same calculation for
 * the checker (which warns when a course's `minutes` is outside it) and the welcome screen (which
 * shows it). A learner reads the summary, every node's text, each decision's prompt and all its
 * choices, the feedback of the choice they made, and the ending; each decision adds time to think.
 */
import { pathExtreme } from './bounds.ts';
import { planOf, plansOf } from './plan.ts';
import type { Course, CourseBundle, Scenario, ScenarioNode } from './types.ts';

/** A reading rate for careful reading of work material on screen, stated in the trainers' guide. */
export const WORDS_PER_MINUTE = 200;
/** Time to weigh the choices of one decision, on top of reading them. */
export const SECONDS_PER_DECISION = 30;

/** Minutes, shortest to longest. */
export interface MinutesRange {
	min: number;
	max: number;
}

const wordCount = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

const readingSeconds = (words: number) => (words * 60) / WORDS_PER_MINUTE;

function nodeSeconds(node: ScenarioNode): number {
	let words = wordCount(node.text);
	if (node.type !== 'decision') return readingSeconds(words);
	words += wordCount(node.prompt) + node.choices.reduce((sum, c) => sum + wordCount(c.text), 0);
	return readingSeconds(words) + SECONDS_PER_DECISION;
}

/** The shortest and longest time through a scenario, in seconds, over every path. */
function scenarioSeconds(scenario: Scenario): { min: number; max: number } {
	const weights = {
		node: nodeSeconds,
		choice: (choice: { feedback: string }) => readingSeconds(wordCount(choice.feedback))
	};
	const intro = readingSeconds(wordCount(scenario.title) + wordCount(scenario.summary));
	return {
		min: intro + pathExtreme(scenario, weights, Math.min),
		max: intro + pathExtreme(scenario, weights, Math.max)
	};
}

/** The welcome screen and the summary with its case notes, read once per course. */
const courseSeconds = (course: Course) =>
	readingSeconds(
		wordCount(course.description) + course.outcomes.reduce((sum, o) => sum + wordCount(o), 0)
	) + 60;

/** The time a learner on `pathway` (or on a course without pathways) takes, in whole minutes. */
function courseMinutes(
	{ course, scenarios }: CourseBundle,
	pathway: string | null = null
): MinutesRange {
	let min = courseSeconds(course);
	let max = min;
	for (const id of planOf(course, pathway)) {
		const scenario = scenarios.find((s) => s.id === id);
		if (!scenario) continue;
		const seconds = scenarioSeconds(scenario);
		min += seconds.min;
		max += seconds.max;
	}
	// whole minutes, rounded outward: an estimate, not a stopwatch
	return { min: Math.max(1, Math.floor(min / 60)), max: Math.ceil(max / 60) };
}

/** The range that covers every plan's estimate: what a course with roles takes, whichever role. */
export function overallMinutes(estimates: Record<string, MinutesRange>): MinutesRange | undefined {
	const all = Object.values(estimates);
	if (all.length === 0) return undefined;
	return { min: Math.min(...all.map((e) => e.min)), max: Math.max(...all.map((e) => e.max)) };
}

/**
 * Every plan's estimate, for the launch data: keyed by pathway id, or `''` for a course without
 * pathways. Worked out from the words, which the launch page does not carry.
 */
export const courseEstimates = (bundle: CourseBundle): Record<string, MinutesRange> =>
	Object.fromEntries(
		plansOf(bundle.course).map(({ pathway }) => [
			pathway?.id ?? '',
			courseMinutes(bundle, pathway?.id ?? null)
		])
	);
