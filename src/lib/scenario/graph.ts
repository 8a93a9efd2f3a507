/**
 * The scenario as a graph: its nodes, and the steps from each node to the next (a narrative's
 * `next`, or a decision's choice with the node it leads to). Every walk of a scenario (the
 * checker's, the score bounds and reading time, the jump to a node, the routes the tests play)
 * goes through here, so each kind of walk is written once.
 *
 * Checked scenarios only go forward and every `next` names a node. The walks still end on
 * unchecked ones, which is what the checker reads: a step to a missing node leads nowhere, and a
 * step back along the path is not followed again.
 */
import type { Choice, DecisionNode, NarrativeNode, Scenario, ScenarioNode } from './types.ts';

/** One way on from a node: its `next`, or (in a decision) one of its choices. */
export type Step =
	| { from: NarrativeNode; to: string; choice?: undefined }
	| { from: DecisionNode; to: string; choice: Choice };

/** A step's successor and what the rest of the way from there is worth, for `fold`. */
interface Ahead<T> {
	step: Step;
	value: T;
}

export interface ScenarioGraph {
	readonly scenario: Scenario;
	/** The node with this id, if the scenario has one. */
	node(id: string): ScenarioNode | undefined;
	/** The steps on from a node, in file order; none from an ending or a missing node. */
	steps(id: string): Step[];
	/**
	 * Every node reached from `start` (itself included), breadth-first. Each step's target is
	 * passed through `follow`, which may redirect it or (undefined) drop it; by default only steps
	 * to nodes that exist are followed.
	 */
	reachable(start: string, follow?: (to: string) => string | undefined): Set<string>;
	/**
	 * Steps to a node already on the current path (a loop), found depth-first from the start and
	 * then from each node not yet visited, in file order, so loops in unreachable parts show too.
	 */
	backSteps(): Step[];
	/** The nodes from which some node that is `out` can be reached (those nodes included). */
	leadingTo(out: (node: ScenarioNode) => boolean): Set<string>;
	/** The fewest steps from the start to node `id` (breadth-first), or null when none lead there. */
	shortestRoute(id: string): Step[] | null;
	/**
	 * A route from the start, taking at each decision the step `pick` chooses among its choices.
	 * `ended` is true when it reached an ending; false when it met a missing node, came back to a
	 * node it had passed, or `pick` chose nothing.
	 */
	route(pick: (steps: Step[]) => Step | undefined): { steps: Step[]; ended: boolean };
	/**
	 * A value for the start node worked out from the values of the nodes after it, each node's
	 * once (memoised): `value` gets the node and each step on with the value of where it leads.
	 * Paths only go forward, so this is linear where listing paths would explode. A missing node,
	 * or one already on the path (a loop), is worth `none`.
	 */
	fold<T>(value: (node: ScenarioNode, ahead: Ahead<T>[]) => T, none: T): T;
}

export function scenarioGraph(scenario: Scenario): ScenarioGraph {
	const nodes = new Map(scenario.nodes.map((node) => [node.id, node]));
	const stepsOf = (node: ScenarioNode | undefined): Step[] => {
		if (node?.type === 'narrative') return [{ from: node, to: node.next }];
		if (node?.type === 'decision')
			return node.choices.map((choice) => ({ from: node, to: choice.next, choice }));
		return [];
	};
	const out = new Map(scenario.nodes.map((node) => [node.id, stepsOf(node)]));
	const steps = (id: string) => out.get(id) ?? [];
	const existing = (to: string) => (nodes.has(to) ? to : undefined);

	/** Breadth-first from `start`, handing each first-time step to `reach`. */
	const breadthFirst = (
		start: string,
		follow: (to: string) => string | undefined,
		reach: (to: string, step: Step) => boolean | void
	) => {
		const reached = new Set([start]);
		const queue = [start];
		for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
			for (const step of steps(id)) {
				const to = follow(step.to);
				if (to === undefined || reached.has(to)) continue;
				reached.add(to);
				if (reach(to, step)) return reached;
				queue.push(to);
			}
		}
		return reached;
	};

	return {
		scenario,
		node: (id) => nodes.get(id),
		steps,

		reachable: (start, follow = existing) => breadthFirst(start, follow, () => {}),

		// Iterative, so that a very long scenario can't exhaust the call stack.
		backSteps() {
			const found: Step[] = [];
			const state = new Map<string, 'open' | 'done'>();
			for (const root of [scenario.start, ...nodes.keys()]) {
				if (!nodes.has(root) || state.has(root)) continue;
				const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
				state.set(root, 'open');
				while (stack.length > 0) {
					const frame = stack[stack.length - 1]!;
					const on = steps(frame.id);
					if (frame.next >= on.length) {
						state.set(frame.id, 'done');
						stack.pop();
						continue;
					}
					const step = on[frame.next++]!;
					if (!nodes.has(step.to)) continue;
					const seen = state.get(step.to);
					if (seen === 'open') found.push(step);
					else if (seen === undefined) {
						state.set(step.to, 'open');
						stack.push({ id: step.to, next: 0 });
					}
				}
			}
			return found;
		},

		leadingTo(isOut) {
			const before = new Map<string, string[]>();
			for (const [id, on] of out) {
				for (const { to } of on) before.set(to, [...(before.get(to) ?? []), id]);
			}
			const found = new Set(scenario.nodes.filter(isOut).map((node) => node.id));
			const queue = [...found];
			for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
				for (const from of before.get(id) ?? []) {
					if (found.has(from)) continue;
					found.add(from);
					queue.push(from);
				}
			}
			return found;
		},

		shortestRoute(id) {
			if (id === scenario.start) return [];
			const cameBy = new Map<string, Step>();
			breadthFirst(scenario.start, existing, (to, step) => {
				cameBy.set(to, step);
				return to === id;
			});
			if (!cameBy.has(id)) return null;
			const route: Step[] = [];
			for (let step = cameBy.get(id); step; step = cameBy.get(step.from.id)) route.unshift(step);
			return route;
		},

		route(pick) {
			const taken: Step[] = [];
			const passed = new Set<string>();
			for (let node = nodes.get(scenario.start); node;) {
				if (node.type === 'ending') return { steps: taken, ended: true };
				if (passed.has(node.id)) break;
				passed.add(node.id);
				const on = steps(node.id);
				const step = node.type === 'narrative' ? on[0] : pick(on);
				if (!step) break;
				taken.push(step);
				node = nodes.get(step.to);
			}
			return { steps: taken, ended: false };
		},

		fold<T>(value: (node: ScenarioNode, ahead: Ahead<T>[]) => T, none: T): T {
			const memo = new Map<string, T>();
			const open = new Set<string>();
			const from = (id: string): T => {
				if (memo.has(id)) return memo.get(id)!;
				const node = nodes.get(id);
				if (!node || open.has(id)) return none;
				open.add(id);
				const result = value(
					node,
					steps(id).map((step) => ({ step, value: from(step.to) }))
				);
				open.delete(id);
				memo.set(id, result);
				return result;
			};
			return from(scenario.start);
		}
	};
}
