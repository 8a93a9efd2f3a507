import { describe, expect, it } from 'vitest';
import { scenarioGraph, type Step } from './graph.ts';
import { choice, scenarioOf } from '../../../tests/fixtures/test-scenarios.ts';

// intro → ask (a: kitchen, b: end_poor); kitchen → end_good; orphan → ask
const graph = scenarioGraph(
	scenarioOf([
		{ type: 'narrative', id: 'intro', text: '', next: 'ask' },
		{
			type: 'decision',
			id: 'ask',
			text: '',
			prompt: '',
			choices: [choice('a', { hidden_harm: 2 }, 'kitchen'), choice('b', {}, 'end_poor')]
		},
		{ type: 'narrative', id: 'kitchen', text: '', next: 'end_good' },
		{ type: 'ending', id: 'end_good', outcome: 'good', text: '' },
		{ type: 'ending', id: 'end_poor', outcome: 'poor', text: '' },
		{ type: 'narrative', id: 'orphan', text: '', next: 'ask' }
	])
);
const names = (steps: Step[] | null) => steps?.map((s) => s.choice?.id ?? s.from.id);

describe('scenarioGraph', () => {
	it('lists the steps on from a node with the choice each takes', () => {
		expect(graph.steps('ask').map((s) => [s.choice?.id, s.to])).toEqual([
			['a', 'kitchen'],
			['b', 'end_poor']
		]);
		expect(graph.steps('end_good')).toEqual([]);
		expect(graph.steps('no_such_node')).toEqual([]);
	});

	it('finds what the start reaches, and what leads to a node', () => {
		expect([...graph.reachable('intro')].sort()).toEqual(
			['ask', 'end_good', 'end_poor', 'intro', 'kitchen'].sort()
		);
		expect([...graph.leadingTo((node) => node.id === 'kitchen')].sort()).toEqual(
			['ask', 'intro', 'kitchen', 'orphan'].sort()
		);
	});

	it('finds the shortest route, and none to a node the start does not reach', () => {
		expect(names(graph.shortestRoute('end_good'))).toEqual(['intro', 'a', 'kitchen']);
		expect(graph.shortestRoute('intro')).toEqual([]);
		expect(graph.shortestRoute('orphan')).toBeNull();
	});

	it('follows a route picked at each decision to its ending', () => {
		expect(graph.route((choices) => choices[1])).toMatchObject({ ended: true });
		expect(names(graph.route((choices) => choices[1]).steps)).toEqual(['intro', 'b']);
		expect(graph.route(() => undefined).ended).toBe(false);
	});

	it('folds values back from the endings, each node once', () => {
		let visits = 0;
		const longest = graph.fold<number>((_node, ahead) => {
			visits++;
			return 1 + Math.max(0, ...ahead.map(({ value }) => value));
		}, 0);
		expect(longest).toBe(4);
		expect(visits).toBe(5);
	});

	it('finds a step back along the path, and stops a fold or a route at it', () => {
		const loop = scenarioGraph(
			scenarioOf([
				{ type: 'narrative', id: 'one', text: '', next: 'two' },
				{ type: 'narrative', id: 'two', text: '', next: 'one' }
			])
		);
		expect(loop.backSteps().map((s) => [s.from.id, s.to])).toEqual([['two', 'one']]);
		expect(loop.fold<number>((_node, ahead) => 1 + (ahead[0]?.value ?? 0), 0)).toBe(2);
		expect(loop.route(() => undefined).ended).toBe(false);
		expect(graph.backSteps()).toEqual([]);
	});
});
