import { scenarioGraph } from './graph.ts';
import type { Choice, Points, Scenario, ScenarioNode, Theme } from './types.ts';

export interface ScoreBounds {
	/** The highest total any path from `start` to an ending can earn: the scenario's maximum score. */
	max: number;
	/**
	 * Per theme, the highest that theme's total can be on any one path. Only themes a learner can
	 * earn points in are listed, so a theme score never divides by zero.
	 */
	maxByTheme: Partial<Record<Theme, number>>;
	/** The lowest total any path can earn. */
	min: number;
}

/** All the points a choice earns, whatever the theme. */
export function pointsTotal(points: Points): number {
	let total = 0;
	for (const value of Object.values(points)) total += value ?? 0;
	return total;
}

/** What a path is worth: each node it passes, and each choice it takes (with the node it is in). */
export interface PathWeights {
	node?: (node: ScenarioNode) => number;
	choice: (choice: Choice, node: ScenarioNode) => number;
}

/**
 * The highest (or, with `Math.min`, lowest) total of `weights` over every path from `start` to an
 * ending, worked out node by node (`ScenarioGraph.fold`). Meant for checked scenarios; on
 * unchecked ones it still ends, counting a missing node or a step back along the path as an
 * ending.
 */
export function pathExtreme(
	scenario: Scenario,
	weights: PathWeights,
	pick: (a: number, b: number) => number
): number {
	return scenarioGraph(scenario).fold<number>((node, ahead) => {
		const here = weights.node?.(node) ?? 0;
		if (ahead.length === 0) return here;
		return (
			here +
			ahead
				.map(({ step, value }) => (step.choice ? weights.choice(step.choice, node) : 0) + value)
				.reduce((a, b) => pick(a, b))
		);
	}, 0);
}

/** Best and worst scores over all paths, in total and per theme. */
export function scoreBounds(scenario: Scenario): ScoreBounds {
	const extreme = (weight: (choice: Choice) => number, pick: (a: number, b: number) => number) =>
		pathExtreme(scenario, { choice: weight }, pick);
	const total = (choice: Choice) => pointsTotal(choice.points);
	const themes = new Set<Theme>();
	for (const node of scenario.nodes) {
		if (node.type !== 'decision') continue;
		for (const choice of node.choices) {
			for (const theme of Object.keys(choice.points) as Theme[]) themes.add(theme);
		}
	}
	const maxByTheme: Partial<Record<Theme, number>> = {};
	for (const theme of themes) {
		const max = extreme((choice) => choice.points[theme] ?? 0, Math.max);
		if (max > 0) maxByTheme[theme] = max;
	}
	return { max: extreme(total, Math.max), maxByTheme, min: extreme(total, Math.min) };
}
