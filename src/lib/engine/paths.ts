import { getSimplePaths } from 'xstate/graph';
import { pointsTotal } from '../scenario/bounds.ts';
import { scenarioGraph, type Step } from '../scenario/graph.ts';
import type { Choice, CourseBundle, Pathway, Scenario } from '../scenario/types.ts';
import { createCourseMachine, type CourseEvent, type Decision } from './course-machine.ts';

/**
 * Every event a learner can send anywhere in the course: what path searches try at each state.
 * A course with pathways is started by choosing one of them.
 */
export function courseEvents(
	scenarios: Scenario[],
	pathways: readonly Pathway[] = []
): CourseEvent[] {
	const choiceIds = new Set(
		scenarios
			.flatMap((s) => s.nodes.flatMap((n) => (n.type === 'decision' ? n.choices : [])))
			.map((c) => c.id)
	);
	return [
		...(pathways.length === 0
			? [{ type: 'course.start' as const }]
			: pathways.map((p) => ({ type: 'course.start' as const, pathway: p.id }))),
		{ type: 'step.continue' },
		...[...choiceIds].map((choice) => ({ type: 'choice.select' as const, choice }))
	];
}

/**
 * Every way through the course from the welcome screen to the summary, as the events that play
 * it. The number of paths is the product over scenarios, so call it on small courses or on one
 * scenario at a time (a course bundle with a single scenario).
 */
export function completePaths(bundle: CourseBundle) {
	return getSimplePaths(createCourseMachine(bundle), {
		events: courseEvents(bundle.scenarios),
		toState: (snapshot) => snapshot.status === 'done'
	});
}

/** A step that takes a choice, as the decision it records. */
const decisionOf = (scenario: Scenario, step: Step): Decision[] =>
	step.choice ? [{ scenario: scenario.id, node: step.from.id, choice: step.choice.id }] : [];

/**
 * The choices along the path that makes `value` largest (the first such choice on a tie), found
 * node by node (`ScenarioGraph.fold`).
 */
function bestRoute(scenario: Scenario, value: (choice: Choice) => number): Decision[] {
	type Best = { total: number; route: Decision[] };
	return scenarioGraph(scenario).fold<Best>(
		(_node, ahead) => {
			let best: Best | undefined;
			for (const { step, value: rest } of ahead) {
				const total = (step.choice ? value(step.choice) : 0) + rest.total;
				if (!best || total > best.total) {
					best = { total, route: [...decisionOf(scenario, step), ...rest.route] };
				}
			}
			return best ?? { total: 0, route: [] };
		},
		{ total: 0, route: [] }
	).route;
}

/**
 * The best and the worst way through a course: best earns the most points without a critical
 * choice, worst earns the fewest and takes a critical choice where it can. Tests play these to
 * prove that a course can be both passed and failed.
 */
export function extremePlaythroughs({ course, scenarios }: CourseBundle) {
	const played = course.scenarios
		.map((id) => scenarios.find((s) => s.id === id))
		.filter((s): s is Scenario => s !== undefined);
	const total = (choice: Choice) => pointsTotal(choice.points);
	return {
		best: played.flatMap((s) => bestRoute(s, (c) => (c.critical ? -1e6 : total(c)))),
		// Doubling the points leaves room for a half-point nudge towards critical choices on ties.
		worst: played.flatMap((s) => bestRoute(s, (c) => -2 * total(c) + (c.critical ? 1 : 0)))
	};
}

/**
 * Ways through a course that between them take every choice of every scenario at least once:
 * run n follows the n-th covering path of each scenario (or its last, once a scenario is covered).
 * Scenarios in `covered` (already covered on another pathway) are played by one route only.
 * Browser tests play these to show each choice works in the real player.
 */
export function choiceCoveringPlaythroughs(
	{ course, scenarios }: CourseBundle,
	covered: ReadonlySet<string> = new Set()
): Decision[][] {
	const perScenario = course.scenarios
		.map((id) => scenarios.find((s) => s.id === id))
		.filter((s): s is Scenario => s !== undefined)
		.map((s) => (covered.has(s.id) ? coveringRoutes(s).slice(0, 1) : coveringRoutes(s)));
	const runs = Math.max(...perScenario.map((routes) => routes.length));
	return Array.from({ length: runs }, (_, n) =>
		perScenario.flatMap((routes) => routes[Math.min(n, routes.length - 1)]!)
	);
}

/** Routes through one scenario that between them take every one of its choices. */
export function coveringRoutes(scenario: Scenario): Decision[][] {
	const graph = scenarioGraph(scenario);
	const key = (step: Step) => `${step.from.id}.${step.choice?.id}`;
	const untaken = new Set(
		scenario.nodes.flatMap((node) =>
			graph
				.steps(node.id)
				.filter((s) => s.choice)
				.map(key)
		)
	);
	// Does any choice still untaken lie ahead of this node?
	const leadsToUntaken = (id: string) =>
		[...graph.reachable(id)].some((at) => graph.steps(at).some((s) => untaken.has(key(s))));
	const routes: Decision[][] = [];
	while (untaken.size > 0) {
		const { steps } = graph.route((choices) => {
			const isUntaken = (s: Step) => untaken.has(key(s));
			// An untaken choice that leads on to more untaken ones covers most in one run.
			const step =
				choices.find((s) => isUntaken(s) && leadsToUntaken(s.to)) ??
				choices.find(isUntaken) ??
				choices.find((s) => leadsToUntaken(s.to)) ??
				choices[0];
			if (step) untaken.delete(key(step));
			return step;
		});
		routes.push(steps.flatMap((step) => decisionOf(scenario, step)));
	}
	return routes;
}
