/**
 * Tells: what gives the best choice away without reading it. Choices are shown in each learner's
 * own order, so position tells nothing; length still can, because good practice takes more words
 * to describe than a shortcut. The checker warns where the best choice is noticeably the longest.
 */
import { pointsTotal } from './bounds.ts';
import type { DecisionNode, Scenario } from './types.ts';

/** The best choice is a tell when it is more than this much longer than the others on average. */
export const TELL_RATIO = 1.25;

export interface DecisionLength {
	node: DecisionNode;
	/** The choice (one of them, where several tie) that earns the most. */
	best: string;
	/** Its length over the mean length of the other choices. */
	ratio: number;
	longest: boolean;
	shortest: boolean;
}

const length = (text: string) => text.trim().length;

/**
 * Every decision with a best choice (one that earns more than another), with how its length
 * compares. Decisions where every choice earns the same have nothing to give away.
 */
export function decisionLengths(scenario: Scenario): DecisionLength[] {
	return scenario.nodes.flatMap((node) => {
		if (node.type !== 'decision' || node.choices.length < 2) return [];
		const worth = node.choices.map((c) => pointsTotal(c.points));
		const top = Math.max(...worth);
		if (worth.every((w) => w === top)) return [];
		const best = node.choices[worth.indexOf(top)]!;
		const others = node.choices.filter((c) => c !== best).map((c) => length(c.text));
		const mean = others.reduce((a, b) => a + b, 0) / others.length;
		const own = length(best.text);
		return [
			{
				node,
				best: best.id,
				ratio: mean > 0 ? own / mean : Infinity,
				longest: others.every((l) => l < own),
				shortest: others.every((l) => l > own)
			}
		];
	});
}

export const isTell = (decision: DecisionLength) => decision.ratio > TELL_RATIO;
