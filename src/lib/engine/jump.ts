/**
 * Jumping to any node of a course: the events a learner would send from the welcome screen to
 * reach it, and the saved progress those events leave. The preview LMS's author mode relaunches
 * the course with that progress, so the content itself needs no author code. Pure: no Node, no DOM.
 */
import { scenarioGraph, type Step } from '../scenario/graph.ts';
import { plansOf } from '../scenario/plan.ts';
import type { CourseBundle, Scenario } from '../scenario/types.ts';
import type { CourseEvent } from './course-machine.ts';
import { startCourseRun } from './progress.ts';
import { locationOf } from './screen.ts';

const START: CourseEvent = { type: 'course.start' };
const CONTINUE: CourseEvent = { type: 'step.continue' };
const choose = (choice: string): CourseEvent => ({ type: 'choice.select', choice });

/** The events that take each step: continuing, or choosing then continuing past the feedback. */
const eventsFor = (steps: Step[]): CourseEvent[] =>
	steps.flatMap((step) => (step.choice ? [choose(step.choice.id), CONTINUE] : [CONTINUE]));

/**
 * The events that play a scenario from its introduction to past its ending, always taking the
 * first choice. Null if that walk does not end (a loop or a missing node: never in checked files).
 */
function firstChoicePath(scenario: Scenario): CourseEvent[] | null {
	const { steps, ended } = scenarioGraph(scenario).route((choices) => choices[0]);
	return ended ? [CONTINUE, ...eventsFor(steps), CONTINUE] : null;
}

/**
 * The events that take a learner from the welcome screen to node `nodeId` of scenario
 * `scenarioId`: start the course (on the first pathway that has the scenario), play each earlier scenario by taking the first choice at every
 * decision, then the shortest way inside the target scenario. A decision is reached before any
 * choice is made. Null when the course has no such scenario or node, or no path reaches it.
 */
export function eventsToNode(
	bundle: CourseBundle,
	scenarioId: string,
	nodeId: string
): CourseEvent[] | null {
	// In a course with pathways, the first role whose plan has the scenario.
	const { pathway, scenarios: plan } = plansOf(bundle.course).find((p) =>
		p.scenarios.includes(scenarioId)
	) ?? { pathway: null, scenarios: [] };
	const index = plan.indexOf(scenarioId);
	if (index < 0) return null;
	const byId = new Map(bundle.scenarios.map((s) => [s.id, s]));
	const events: CourseEvent[] = [pathway ? { type: 'course.start', pathway: pathway.id } : START];
	for (const id of plan.slice(0, index)) {
		const earlier = byId.get(id);
		const path = earlier && firstChoicePath(earlier);
		if (!path) return null;
		events.push(...path);
	}
	const target = byId.get(scenarioId);
	if (!target?.nodes.some((node) => node.id === nodeId)) return null;
	const inside = scenarioGraph(target).shortestRoute(nodeId);
	if (!inside) return null;
	// Continuing from the introduction leads to the start node.
	return [...events, CONTINUE, ...eventsFor(inside)];
}

/** Saved progress that resumes at a node, and the location the course reports there. */
export interface JumpProgress {
	/** `suspend_data`, in the format `startCourseRun` resumes from. */
	progress: string;
	/** The state path joined by dots, as the course writes it to the LMS. */
	location: string;
	events: CourseEvent[];
}

/**
 * Plays the events to a node on a real run of the course and returns the progress it saves, or
 * null when no path reaches the node or the machine refuses a step.
 */
export function progressAtNode(
	bundle: CourseBundle,
	scenarioId: string,
	nodeId: string
): JumpProgress | null {
	const events = eventsToNode(bundle, scenarioId, nodeId);
	if (!events) return null;
	const run = startCourseRun(bundle);
	for (const event of events) if (!run.send(event)) return null;
	return { progress: run.save(0), location: locationOf(run.actor.getSnapshot()), events };
}
