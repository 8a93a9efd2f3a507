/**
 * Test fixtures for the scenario format: parsed fixture files and small inline scenarios.
 * Test-only: nothing in the app imports this file.
 */
import { readFileSync } from 'node:fs';
import { parseScenario } from './parse.ts';
import type { Choice, Scenario, ScenarioNode } from './types.ts';

/** A fixture file under tests/fixtures/scenarios/, parsed; throws if it has problems. */
export function fixture(path: string): Scenario {
	const file = `tests/fixtures/scenarios/${path}`;
	const result = parseScenario(readFileSync(file, 'utf8'), file);
	if (!result.ok) throw new Error(`${file} should parse`);
	return result.value;
}

/** A choice whose text and feedback are its id. */
export function choice(id: string, points: Choice['points'], next: string): Choice {
	return { id, text: id, points, feedback: id, next, critical: false };
}

/** A scenario made of the given nodes, starting at the first unless told otherwise. */
export function scenarioOf(nodes: ScenarioNode[], start = nodes[0]!.id): Scenario {
	return {
		format: 1,
		id: 'inline',
		version: 1,
		title: 'Inline',
		theme: 'hidden_harm',
		audiences: ['health'],
		summary: 'Inline.',
		start,
		nodes
	};
}
