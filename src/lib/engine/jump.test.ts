import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { createActor, type SnapshotFrom } from 'xstate';
import { listCourses, loadCourseBundle } from '../../build-time/scenario/files.ts';
import { choice, scenarioOf } from '../../../tests/fixtures/test-scenarios.ts';
import type { CourseBundle } from '../scenario/types.ts';
import { createCourseMachine, type CourseMachine } from './course-machine.ts';
import { eventsToNode, progressAtNode } from './jump.ts';
import { startCourseRun } from './progress.ts';
import { locationOf, screenOf } from './screen.ts';

const scenariosDir = resolve(import.meta.dirname, '../../../scenarios');
const shipped: CourseBundle[] = listCourses(scenariosDir).map((id) => {
	const loaded = loadCourseBundle(scenariosDir, id);
	if (!loaded.ok) throw new Error(`${id} does not load`);
	return loaded.value;
});

/** The screen a run shows, as the ids that name it. */
function where(bundle: CourseBundle, snapshot: SnapshotFrom<CourseMachine>) {
	const screen = screenOf(bundle, snapshot);
	return {
		kind: screen.kind,
		scenario: 'scenario' in screen ? screen.scenario.id : undefined,
		node: 'node' in screen ? screen.node.id : undefined
	};
}

describe('jumping to a node', () => {
	it('has shipped courses to test', () => expect(shipped.length).toBeGreaterThan(0));

	for (const bundle of shipped) {
		it(`${bundle.course.id}: every node of every scenario is reached on a real run`, () => {
			// One machine for the course, a fresh run of it per node: building the machine is the
			// slow part for a long course.
			const machine = createCourseMachine(bundle);
			let nodes = 0;
			for (const scenario of bundle.scenarios) {
				for (const node of scenario.nodes) {
					const events = eventsToNode(bundle, scenario.id, node.id);
					expect(events, `${scenario.id}.${node.id} is reached`).not.toBeNull();
					const actor = createActor(machine).start();
					for (const event of events!) {
						const what = `${scenario.id}.${node.id}: ${JSON.stringify(event)}`;
						expect(actor.getSnapshot().can(event), what).toBe(true);
						actor.send(event);
					}
					const screen = where(bundle, actor.getSnapshot());
					expect(screen).toEqual({ kind: node.type, scenario: scenario.id, node: node.id });
					nodes++;
				}
			}
			expect(nodes).toBe(bundle.scenarios.reduce((sum, s) => sum + s.nodes.length, 0));
		});

		it(`${bundle.course.id}: the saved progress of a jump resumes at the node`, () => {
			// The last node in file order of each scenario: usually an ending, deep in the story.
			for (const scenario of bundle.scenarios) {
				const node = scenario.nodes.at(-1)!;
				const jump = progressAtNode(bundle, scenario.id, node.id);
				expect(jump, `${scenario.id}.${node.id}`).not.toBeNull();
				expect(jump!.location).toBe(
					node.type === 'decision'
						? `${scenario.id}.${node.id}._choosing`
						: `${scenario.id}.${node.id}`
				);
				const resumed = startCourseRun(bundle, jump!.progress);
				expect(resumed.restoreProblem).toBeNull();
				expect(locationOf(resumed.actor.getSnapshot())).toBe(jump!.location);
				expect(where(bundle, resumed.actor.getSnapshot())).toEqual({
					kind: node.type,
					scenario: scenario.id,
					node: node.id
				});
			}
		});
	}

	it('takes the shortest way inside the target scenario', () => {
		const bundle = shipped.find((b) => b.course.id === 'ambulance_refresher')!;
		const scenario = bundle.scenarios[0]!;
		// Start, the introduction, then the start node itself.
		expect(eventsToNode(bundle, scenario.id, scenario.start)).toEqual([
			{ type: 'course.start' },
			{ type: 'step.continue' }
		]);
	});

	it('returns null for a node no path reaches, or one that is not in the course', () => {
		const island = scenarioOf([
			{ type: 'narrative', id: 'opening', text: 'Opening.', next: 'ask' },
			{
				type: 'decision',
				id: 'ask',
				text: 'Ask.',
				prompt: 'What do you do?',
				choices: [choice('a', { hidden_harm: 1 }, 'good_end'), choice('b', {}, 'good_end')]
			},
			{ type: 'ending', id: 'good_end', outcome: 'good', text: 'Good.' },
			{ type: 'ending', id: 'orphan', outcome: 'poor', text: 'Never reached.' }
		]);
		const bundle: CourseBundle = {
			course: { ...shipped[0]!.course, scenarios: [island.id] },
			scenarios: [island]
		};
		expect(eventsToNode(bundle, island.id, 'good_end')).not.toBeNull();
		expect(eventsToNode(bundle, island.id, 'orphan')).toBeNull();
		expect(progressAtNode(bundle, island.id, 'orphan')).toBeNull();
		expect(eventsToNode(bundle, island.id, 'no_such_node')).toBeNull();
		expect(eventsToNode(bundle, 'no_such_scenario', 'opening')).toBeNull();
	});
});
