import { getSimplePaths } from 'xstate/graph';
import { pointsTotal } from '../scenario/bounds.ts';
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

/**
 * The choices along the path that makes `value` largest, found node by node (the graph is
 * acyclic, so this stays linear where listing every path would explode).
 */
function bestRoute(scenario: Scenario, value: (choice: Choice) => number): Decision[] {
	const nodes = new Map(scenario.nodes.map((node) => [node.id, node]));
	const memo = new Map<string, { total: number; route: Decision[] }>();
	const from = (id: string): { total: number; route: Decision[] } => {
		const known = memo.get(id);
		if (known) return known;
		const node = nodes.get(id);
		let result = { total: 0, route: [] as Decision[] };
		if (node?.type === 'narrative') result = from(node.next);
		else if (node?.type === 'decision') {
			for (const choice of node.choices) {
				const rest = from(choice.next);
				const total = value(choice) + rest.total;
				if (result.route.length === 0 || total > result.total) {
					const decision = { scenario: scenario.id, node: node.id, choice: choice.id };
					result = { total, route: [decision, ...rest.route] };
				}
			}
		}
		memo.set(id, result);
		return result;
	};
	return from(scenario.start).route;
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
	const nodes = new Map(scenario.nodes.map((node) => [node.id, node]));
	const untaken = new Set(
		scenario.nodes.flatMap((n) =>
			n.type === 'decision' ? n.choices.map((c) => `${n.id}.${c.id}`) : []
		)
	);
	// Does any choice still untaken lie ahead of this node?
	const leadsToUntaken = (id: string, seen = new Set<string>()): boolean => {
		const node = nodes.get(id);
		if (!node || seen.has(id)) return false;
		seen.add(id);
		if (node.type === 'narrative') return leadsToUntaken(node.next, seen);
		if (node.type === 'ending') return false;
		return node.choices.some(
			(c) => untaken.has(`${node.id}.${c.id}`) || leadsToUntaken(c.next, seen)
		);
	};
	const routes: Decision[][] = [];
	while (untaken.size > 0) {
		const route: Decision[] = [];
		for (let node = nodes.get(scenario.start); node && node.type !== 'ending';) {
			if (node.type === 'narrative') {
				node = nodes.get(node.next);
				continue;
			}
			const current = node;
			const isUntaken = (c: Choice) => untaken.has(`${current.id}.${c.id}`);
			// An untaken choice that leads on to more untaken ones covers most in one run.
			const choice =
				current.choices.find((c) => isUntaken(c) && leadsToUntaken(c.next)) ??
				current.choices.find(isUntaken) ??
				current.choices.find((c) => leadsToUntaken(c.next)) ??
				current.choices[0]!;
			untaken.delete(`${current.id}.${choice.id}`);
			route.push({ scenario: scenario.id, node: current.id, choice: choice.id });
			node = nodes.get(choice.next);
		}
		routes.push(route);
	}
	return routes;
}
