import { describe, expect, it } from 'vitest';
import { pointsTotal, scoreBounds } from './bounds.ts';
import {
	choice,
	fixture as fixtureAt,
	scenarioOf
} from '../../../tests/fixtures/test-scenarios.ts';
import type { ScenarioNode } from './types.ts';

const fixture = (name: string) => fixtureAt(`valid/${name}.yaml`);

describe('scoreBounds', () => {
	it('finds the best and worst path totals in the branching fixture', () => {
		// Paths: ask_alone+refer_marac 3+6=9, ask_alone+give_leaflet 3+1=4,
		// check_dash+refer_marac 3+6=9, check_dash+give_leaflet 3+1=4, leave_it 0.
		expect(scoreBounds(fixture('fall_at_home'))).toEqual({
			max: 9,
			min: 0,
			// Per theme, the best path for that theme alone: not a share of the overall best path.
			maxByTheme: { professional_curiosity: 4, risk_assessment: 6, information_sharing: 2 }
		});
	});

	it('scores the minimal fixture', () => {
		expect(scoreBounds(fixture('minimal'))).toEqual({
			max: 3,
			min: 0,
			maxByTheme: { professional_curiosity: 3 }
		});
	});

	it('takes the lowest path total as min, counting points before and after a narrative', () => {
		const scenario = scenarioOf([
			{
				type: 'decision',
				id: 'first',
				text: '',
				prompt: '',
				choices: [choice('a', { hidden_harm: 2 }, 'middle'), choice('b', { hidden_harm: 5 }, 'end')]
			},
			{ type: 'narrative', id: 'middle', text: '', next: 'second' },
			{
				type: 'decision',
				id: 'second',
				text: '',
				prompt: '',
				choices: [
					choice('c', { hidden_harm: 1 }, 'end'),
					choice('d', { coercive_control: 4 }, 'end')
				]
			},
			{ type: 'ending', id: 'end', outcome: 'good', text: '' }
		]);
		expect(scoreBounds(scenario)).toEqual({
			max: 6,
			min: 3,
			maxByTheme: { hidden_harm: 5, coercive_control: 4 }
		});
	});

	it('leaves out themes no path can earn points in', () => {
		const scenario = scenarioOf([
			{
				type: 'decision',
				id: 'only',
				text: '',
				prompt: '',
				choices: [choice('a', { hidden_harm: 0 }, 'end'), choice('b', { dna_follow_up: 1 }, 'end')]
			},
			{ type: 'ending', id: 'end', outcome: 'good', text: '' }
		]);
		expect(scoreBounds(scenario).maxByTheme).toEqual({ dna_follow_up: 1 });
	});

	it('works node by node, not path by path: 2^40 paths take no time', () => {
		const nodes: ScenarioNode[] = [];
		for (let i = 0; i < 40; i++) {
			nodes.push({
				type: 'decision',
				id: `step_${i}`,
				text: '',
				prompt: '',
				choices: [
					choice('high', { hidden_harm: 2 }, i === 39 ? 'end' : `step_${i + 1}`),
					choice('low', { hidden_harm: 1 }, i === 39 ? 'end' : `step_${i + 1}`)
				]
			});
		}
		nodes.push({ type: 'ending', id: 'end', outcome: 'good', text: '' });
		const started = performance.now();
		expect(scoreBounds(scenarioOf(nodes))).toEqual({
			max: 80,
			min: 40,
			maxByTheme: { hidden_harm: 80 }
		});
		expect(performance.now() - started).toBeLessThan(1000);
	});

	it('still ends on an unchecked scenario with a cycle or a missing node', () => {
		const scenario = scenarioOf([
			{
				type: 'decision',
				id: 'a',
				text: '',
				prompt: '',
				choices: [
					choice('back', { hidden_harm: 1 }, 'a'),
					choice('lost', { hidden_harm: 2 }, 'nowhere')
				]
			}
		]);
		expect(scoreBounds(scenario).max).toBe(2);
	});
});

describe('pointsTotal', () => {
	it('adds the points of every theme', () => {
		expect(pointsTotal({ risk_assessment: 2, professional_curiosity: 1 })).toBe(3);
		expect(pointsTotal({})).toBe(0);
	});
});
