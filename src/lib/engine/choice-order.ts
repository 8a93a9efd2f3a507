import type { Choice, Scenario, ScenarioNode } from '../scenario/types.ts';

/**
 * The order a learner sees a decision's choices in. Trainers write the best choice first more
 * often than not, so showing the file's order would let a learner pass by position. Each learner
 * and attempt gets an order of their own, the same wherever the decision is shown again (after a
 * relaunch, a switch of language, in the debrief): it is worked out from a seed, never stored.
 * What the LMS hears does not change with it: choices are reported by id, or in SCORM 1.2 by
 * their letter in the file's order.
 */

/** FNV-1a: a small, stable string hash, the same in every browser and in Node. */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** mulberry32: a seeded generator of numbers in [0, 1), enough to shuffle five choices fairly. */
function generator(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The seed of one learner's attempt: their LMS id (empty standalone) and the attempt's own value. */
export const orderSeed = (learnerId: string | null, attempt: string) =>
	`${learnerId ?? ''}~${attempt}`;

/** The positions in the file's order, in the order this learner sees them (Fisher–Yates). */
export function choiceOrder(seed: string, scenarioId: string, nodeId: string, count: number) {
	const order = Array.from({ length: count }, (_, i) => i);
	const random = generator(hash(`${seed}~${scenarioId}~${nodeId}`));
	for (let i = count - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[order[i], order[j]] = [order[j]!, order[i]!];
	}
	return order;
}

function inOrder(seed: string, scenarioId: string, node: ScenarioNode): ScenarioNode {
	if (node.type !== 'decision' || node.fixedOrder) return node;
	const order = choiceOrder(seed, scenarioId, node.id, node.choices.length);
	return { ...node, choices: order.map((i) => node.choices[i] as Choice) };
}

/** The scenario with every decision's choices in the learner's order, for drawing only. */
export const inLearnerOrder = (scenario: Scenario, seed: string): Scenario => ({
	...scenario,
	nodes: scenario.nodes.map((node) => inOrder(seed, scenario.id, node))
});
