import { assign, setup } from 'xstate';
import type { CourseBundle, Scenario, ScenarioNode } from '../scenario/types.ts';

/** One choice a learner made: enough to replay the run and to score it. */
export interface Decision {
	scenario: string;
	node: string;
	choice: string;
}

export interface CourseContext {
	decisions: Decision[];
}

export type CourseEvent =
	{ type: 'course.start' } | { type: 'step.continue' } | { type: 'choice.select'; choice: string };

/**
 * State names the engine adds around the trainer's nodes. They start with `_`, which node and
 * choice ids cannot (`^[a-z][a-z0-9_]*$`), so they never clash with a trainer's names.
 */
export const INTRO = '_intro';
export const CHOOSING = '_choosing';
export const DONE = '_done';
export const WELCOME = '_welcome';
export const SUMMARY = '_summary';

const courseSetup = setup({
	types: {
		context: {} as CourseContext,
		events: {} as CourseEvent
	},
	guards: {
		isChoice: ({ event }, params: { choice: string }) =>
			event.type === 'choice.select' && event.choice === params.choice
	},
	actions: {
		recordDecision: assign({
			decisions: ({ context }, params: Decision) => [...context.decisions, params]
		})
	}
});

type StatesConfig = NonNullable<Parameters<typeof courseSetup.createMachine>[0]['states']>;

// `#` ids cannot contain dots, and the prefix keeps a scenario id from matching the machine's own id.
const scenarioStateId = (scenarioId: string) => `s:${scenarioId}`;

function nodeState(scenario: Scenario, node: ScenarioNode): StatesConfig[string] {
	const target = (next: string) => `#${scenarioStateId(scenario.id)}.${next}`;
	switch (node.type) {
		case 'narrative':
			return { on: { 'step.continue': { target: target(node.next) } } };
		case 'ending':
			return { on: { 'step.continue': { target: target(DONE) } } };
		case 'decision':
			// Choosing shows that choice's feedback (a child state named after the choice);
			// continuing from the feedback moves on to the node the choice leads to.
			return {
				initial: CHOOSING,
				states: {
					[CHOOSING]: {
						on: {
							'choice.select': node.choices.map((choice) => ({
								guard: { type: 'isChoice' as const, params: { choice: choice.id } },
								target: choice.id,
								actions: {
									type: 'recordDecision' as const,
									params: { scenario: scenario.id, node: node.id, choice: choice.id }
								}
							}))
						}
					},
					...Object.fromEntries(
						node.choices.map((choice) => [
							choice.id,
							{ on: { 'step.continue': { target: target(choice.next) } } }
						])
					)
				}
			};
	}
}

/**
 * The states of one scenario: an introduction, the trainer's nodes under their own ids, and a
 * final state reached after the learner has read the ending.
 */
export function scenarioStates(scenario: Scenario): StatesConfig[string] {
	return {
		id: scenarioStateId(scenario.id),
		initial: INTRO,
		states: {
			[INTRO]: { on: { 'step.continue': { target: scenario.start } } },
			...Object.fromEntries(scenario.nodes.map((node) => [node.id, nodeState(scenario, node)])),
			[DONE]: { type: 'final' }
		}
	};
}

/** A machine that plays one scenario on its own: what the checker and the path tests walk. */
export function createScenarioMachine(scenario: Scenario) {
	return courseSetup.createMachine({
		id: 'scenario',
		context: { decisions: [] },
		initial: scenario.id,
		states: {
			[scenario.id]: { ...scenarioStates(scenario), onDone: { target: SUMMARY } },
			[SUMMARY]: { type: 'final' }
		}
	});
}

/**
 * The whole course: welcome and content warning, the scenarios in the course's order, then the
 * summary. The config is plain data naming its guard and action, so it can be inspected,
 * visualised and walked by `xstate/graph`.
 */
export function createCourseMachine({ course, scenarios }: CourseBundle) {
	const byId = new Map(scenarios.map((s) => [s.id, s]));
	const order = course.scenarios.map((id) => {
		const scenario = byId.get(id);
		if (!scenario)
			throw new Error(`Course ${course.id} lists scenario ${id}, which is not in the bundle`);
		return scenario;
	});
	const states: StatesConfig = {
		[WELCOME]: { on: { 'course.start': { target: order[0]?.id ?? SUMMARY } } }
	};
	order.forEach((scenario, i) => {
		states[scenario.id] = {
			...scenarioStates(scenario),
			onDone: { target: order[i + 1]?.id ?? SUMMARY }
		};
	});
	states[SUMMARY] = { type: 'final' };
	return courseSetup.createMachine({
		id: 'course',
		context: { decisions: [] },
		initial: WELCOME,
		states
	});
}

export type CourseMachine = ReturnType<typeof createCourseMachine>;
