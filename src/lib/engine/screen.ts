import type { SnapshotFrom } from 'xstate';
import type {
	Choice,
	CourseBundle,
	DecisionNode,
	EndingNode,
	NarrativeNode,
	Scenario
} from '../scenario/types.ts';
import { CHOOSING, INTRO, SUMMARY, WELCOME, type CourseMachine } from './course-machine.ts';

/** Where the learner is, in the terms the player draws: one screen per kind. */
export type Screen =
	| { kind: 'welcome' }
	| { kind: 'intro'; scenario: Scenario; index: number; total: number }
	| { kind: 'narrative'; scenario: Scenario; node: NarrativeNode }
	| { kind: 'decision'; scenario: Scenario; node: DecisionNode }
	| { kind: 'feedback'; scenario: Scenario; node: DecisionNode; choice: Choice }
	| { kind: 'ending'; scenario: Scenario; node: EndingNode }
	| { kind: 'summary' };

/** The active state as a path of state names, e.g. `['fall', 'kitchen', 'ask_alone']`. */
export function statePath(value: SnapshotFrom<CourseMachine>['value']): string[] {
	const path: string[] = [];
	let current: unknown = value;
	while (current !== undefined) {
		if (typeof current === 'string') {
			path.push(current);
			break;
		}
		const [key, child] = Object.entries(current as Record<string, unknown>)[0] ?? [];
		if (key === undefined) break;
		path.push(key);
		current = child;
	}
	return path;
}

/** A short, LMS-safe (`[a-z0-9_.]`) name for where the learner is: the state path joined by dots. */
export const locationOf = (snapshot: SnapshotFrom<CourseMachine>) =>
	statePath(snapshot.value).join('.');

export function screenOf(bundle: CourseBundle, snapshot: SnapshotFrom<CourseMachine>): Screen {
	const [top, nodeId, choiceId] = statePath(snapshot.value);
	if (top === WELCOME) return { kind: 'welcome' };
	if (top === SUMMARY || top === undefined) return { kind: 'summary' };
	const scenario = bundle.scenarios.find((s) => s.id === top);
	if (!scenario) return { kind: 'summary' };
	if (nodeId === INTRO || nodeId === undefined) {
		return {
			kind: 'intro',
			scenario,
			index: bundle.course.scenarios.indexOf(scenario.id),
			total: bundle.course.scenarios.length
		};
	}
	const node = scenario.nodes.find((n) => n.id === nodeId);
	if (!node) return { kind: 'summary' };
	switch (node.type) {
		case 'narrative':
			return { kind: 'narrative', scenario, node };
		case 'ending':
			return { kind: 'ending', scenario, node };
		case 'decision': {
			const choice = node.choices.find((c) => c.id === choiceId);
			return choiceId === CHOOSING || !choice
				? { kind: 'decision', scenario, node }
				: { kind: 'feedback', scenario, node, choice };
		}
	}
}
