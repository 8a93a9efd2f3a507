import { assign, createActor, emit, setup } from 'xstate';
import { plansOf } from '../scenario/plan.ts';
import type { Course, CourseBundle, Scenario, ScenarioNode } from '../scenario/types.ts';

/** One choice a learner made: enough to replay the run and to score it. */
export interface Decision {
	scenario: string;
	node: string;
	choice: string;
}

interface CourseContext {
	decisions: Decision[];
	/** The role the learner chose on the welcome screen, where the course has pathways. */
	pathway: string | null;
}

export type CourseEvent =
	| { type: 'course.start'; pathway?: string }
	| { type: 'step.continue' }
	| { type: 'choice.select'; choice: string };

/** What the machine tells whoever listens (`actor.on`): the learner's choices that count. */
export type CourseEmitted =
	{ type: 'decision.made'; decision: Decision } | { type: 'pathway.chosen'; pathway: string };

/** The screen a state shows, as its tag: the player draws one screen per kind. */
export const SCREEN_KINDS = [
	'welcome',
	'intro',
	'narrative',
	'decision',
	'feedback',
	'ending',
	'summary'
] as const;
type ScreenKind = (typeof SCREEN_KINDS)[number];

/**
 * The content a state shows, as its meta: the screen finds its words by these ids, so nothing
 * has to read them back out of the state's name. Only states with a tag carry it.
 */
export interface ScreenMeta {
	scenario?: string;
	node?: string;
	choice?: string;
}

/**
 * State names the engine adds around the trainer's nodes. They start with `_`, which node and
 * choice ids cannot (`^[a-z][a-z0-9_]*$`), so they never clash with a trainer's names.
 */
const INTRO = '_intro';
const CHOOSING = '_choosing';
const DONE = '_done';
const WELCOME = '_welcome';
const SUMMARY = '_summary';

const courseSetup = setup({
	types: {
		context: {} as CourseContext,
		events: {} as CourseEvent,
		emitted: {} as CourseEmitted,
		tags: {} as ScreenKind,
		meta: {} as ScreenMeta
	},
	guards: {
		isChoice: ({ event }, params: { choice: string }) =>
			event.type === 'choice.select' && event.choice === params.choice,
		isPathwayChosen: ({ event }, params: { pathway: string }) =>
			event.type === 'course.start' && event.pathway === params.pathway,
		isOnPathway: ({ context }, params: { pathway: string }) => context.pathway === params.pathway
	},
	actions: {
		recordDecision: assign({
			decisions: ({ context }, params: Decision) => [...context.decisions, params]
		}),
		announceDecision: emit((_, params: Decision) => ({
			type: 'decision.made' as const,
			decision: params
		})),
		recordPathway: assign({ pathway: (_, params: { pathway: string }) => params.pathway }),
		announcePathway: emit((_, params: { pathway: string }) => ({
			type: 'pathway.chosen' as const,
			pathway: params.pathway
		}))
	}
});

type StatesConfig = NonNullable<Parameters<typeof courseSetup.createMachine>[0]['states']>;

// `#` ids cannot contain dots, and the prefix keeps a scenario id from matching the machine's own id.
const scenarioStateId = (scenarioId: string) => `s:${scenarioId}`;

function nodeState(scenario: Scenario, node: ScenarioNode): StatesConfig[string] {
	const target = (next: string) => `#${scenarioStateId(scenario.id)}.${next}`;
	const meta = { scenario: scenario.id, node: node.id };
	switch (node.type) {
		case 'narrative':
			return { tags: 'narrative', meta, on: { 'step.continue': { target: target(node.next) } } };
		case 'ending':
			return { tags: 'ending', meta, on: { 'step.continue': { target: target(DONE) } } };
		case 'decision':
			// Choosing shows that choice's feedback (a child state named after the choice);
			// continuing from the feedback moves on to the node the choice leads to.
			return {
				initial: CHOOSING,
				states: {
					[CHOOSING]: {
						tags: 'decision',
						meta,
						on: {
							'choice.select': node.choices.map((choice) => {
								const decision = { ...meta, choice: choice.id };
								return {
									guard: { type: 'isChoice' as const, params: { choice: choice.id } },
									target: choice.id,
									actions: [
										{ type: 'recordDecision' as const, params: decision },
										{ type: 'announceDecision' as const, params: decision }
									]
								};
							})
						}
					},
					...Object.fromEntries(
						node.choices.map((choice) => [
							choice.id,
							{
								tags: 'feedback',
								meta: { ...meta, choice: choice.id },
								on: { 'step.continue': { target: target(choice.next) } }
							}
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
function scenarioStates(scenario: Scenario): StatesConfig[string] {
	return {
		id: scenarioStateId(scenario.id),
		initial: INTRO,
		states: {
			[INTRO]: {
				tags: 'intro',
				meta: { scenario: scenario.id },
				on: { 'step.continue': { target: scenario.start } }
			},
			...Object.fromEntries(scenario.nodes.map((node) => [node.id, nodeState(scenario, node)])),
			[DONE]: { type: 'final' }
		}
	};
}

/** A machine that plays one scenario on its own: what the checker and the path tests walk. */
export function createScenarioMachine(scenario: Scenario) {
	return courseSetup.createMachine({
		id: 'scenario',
		context: { decisions: [], pathway: null },
		initial: scenario.id,
		states: {
			[scenario.id]: { ...scenarioStates(scenario), onDone: { target: SUMMARY } },
			[SUMMARY]: { type: 'final', tags: 'summary' }
		}
	});
}

/**
 * The whole course: welcome and content warning, the scenarios in the course's order, then the
 * summary. Where the course has pathways, starting names the learner's role and each scenario
 * leads on to the next one of that role's plan; a course with several pathways carries each
 * scenario once. The config is plain data naming its guards and actions, so it can be inspected,
 * visualised and walked by `xstate/graph`. Each state's tag is the screen it shows and its meta
 * the content; the role and each decision are emitted as they are taken, so the session and the
 * player read what happened rather than work it out from state names.
 */
export function createCourseMachine({ course, scenarios }: CourseBundle) {
	const byId = new Map(scenarios.map((s) => [s.id, s]));
	const scenarioFor = (id: string) => {
		const scenario = byId.get(id);
		if (!scenario)
			throw new Error(`Course ${course.id} lists scenario ${id}, which is not in the bundle`);
		return scenario;
	};
	type Transition = { target: string; guard?: unknown; actions?: unknown };
	const start: Transition[] = [];
	const onDone = new Map<string, Transition[]>();
	for (const { pathway, scenarios: plan } of plansOf(course)) {
		const on = pathway && { type: 'isOnPathway' as const, params: { pathway: pathway.id } };
		start.push(
			pathway
				? {
						target: plan[0] ?? SUMMARY,
						guard: { type: 'isPathwayChosen' as const, params: { pathway: pathway.id } },
						actions: [
							{ type: 'recordPathway' as const, params: { pathway: pathway.id } },
							{ type: 'announcePathway' as const, params: { pathway: pathway.id } }
						]
					}
				: { target: plan[0] ?? SUMMARY }
		);
		plan.forEach((id, i) => {
			const next = { target: plan[i + 1] ?? SUMMARY, ...(on ? { guard: on } : {}) };
			const known = onDone.get(id) ?? [];
			// a scenario several pathways share is followed by whatever comes next on each
			if (!known.some((t) => JSON.stringify(t) === JSON.stringify(next))) known.push(next);
			onDone.set(id, known);
		});
	}
	const states: StatesConfig = {
		[WELCOME]: { tags: 'welcome', on: { 'course.start': start as never } }
	};
	for (const id of course.scenarios) {
		const transitions = onDone.get(id);
		if (!transitions) continue;
		states[id] = { ...scenarioStates(scenarioFor(id)), onDone: transitions as never };
	}
	states[SUMMARY] = { type: 'final', tags: 'summary' };
	return courseSetup.createMachine({
		id: 'course',
		context: { decisions: [], pathway: null },
		initial: WELCOME,
		states
	});
}

export type CourseMachine = ReturnType<typeof createCourseMachine>;

/**
 * The welcome screen's snapshot, without building a state for every node of every scenario (for
 * a long course, the costliest thing the app does as it starts): the machine of the course with
 * no scenarios, which is the welcome screen and the summary. What a fresh launch shows until the
 * course's own machine is built (see `CourseSession.run`).
 */
export function welcomeSnapshot(course: Course) {
	const empty = { ...course, scenarios: [], core: [], pathways: [] };
	return createActor(createCourseMachine({ course: empty, scenarios: [] })).getSnapshot();
}
