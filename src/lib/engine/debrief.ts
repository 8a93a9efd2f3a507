import { pointsTotal } from '../scenario/bounds.ts';
import type { Choice, CourseBundle, DecisionNode, Scenario } from '../scenario/types.ts';
import type { Decision } from './course-machine.ts';

export interface DebriefItem {
	node: DecisionNode;
	choice: Choice;
	points: number;
	/** The most any choice at this decision earns. */
	best: number;
}

/** The learner's own decisions in one scenario, in the order made: the ending replays them. */
export function debriefOf(scenario: Scenario, decisions: Decision[]): DebriefItem[] {
	return decisions.flatMap((decision) => {
		if (decision.scenario !== scenario.id) return [];
		const node = scenario.nodes.find((n) => n.id === decision.node);
		if (node?.type !== 'decision') return [];
		const choice = node.choices.find((c) => c.id === decision.choice);
		if (!choice) return [];
		const best = Math.max(...node.choices.map((c) => pointsTotal(c.points)));
		return [{ node, choice, points: pointsTotal(choice.points), best }];
	});
}

/** The learner's whole record for the summary: each scenario played, with its decisions. */
export function caseNotesOf({ course, scenarios }: CourseBundle, decisions: Decision[]) {
	return course.scenarios.flatMap((id) => {
		const scenario = scenarios.find((s) => s.id === id);
		const items = scenario ? debriefOf(scenario, decisions) : [];
		return scenario && items.length > 0 ? [{ scenario, items }] : [];
	});
}
