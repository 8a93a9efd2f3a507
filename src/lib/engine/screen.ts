import type { SnapshotFrom } from 'xstate';
import type {
	Choice,
	CourseBundle,
	DecisionNode,
	EndingNode,
	NarrativeNode,
	Scenario
} from '../scenario/types.ts';
import { SCREEN_KINDS, type CourseMachine, type ScreenMeta } from './course-machine.ts';

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

/**
 * The screen the learner is on. The machine tags each state with its kind and names the content
 * in its meta; the scenario is looked up in `bundle`, which may be the learner's plan, so the
 * introduction counts the scenarios they play.
 */
export function screenOf(bundle: CourseBundle, snapshot: SnapshotFrom<CourseMachine>): Screen {
	const kind = SCREEN_KINDS.find((k) => snapshot.hasTag(k));
	if (kind === 'welcome') return { kind };
	const at: ScreenMeta = Object.assign({}, ...Object.values(snapshot.getMeta()));
	const scenario = bundle.scenarios.find((s) => s.id === at.scenario);
	if (!scenario) return { kind: 'summary' };
	if (kind === 'intro') {
		return {
			kind,
			scenario,
			index: bundle.course.scenarios.indexOf(scenario.id),
			total: bundle.course.scenarios.length
		};
	}
	// The node's own type only narrows it for the screen: the tag and the node never disagree.
	const node = scenario.nodes.find((n) => n.id === at.node);
	if (kind === 'narrative' && node?.type === 'narrative') return { kind, scenario, node };
	if (kind === 'ending' && node?.type === 'ending') return { kind, scenario, node };
	if (kind === 'decision' && node?.type === 'decision') return { kind, scenario, node };
	const choice = node?.type === 'decision' && node.choices.find((c) => c.id === at.choice);
	if (kind === 'feedback' && node?.type === 'decision' && choice)
		return { kind, scenario, node, choice };
	return { kind: 'summary' };
}
