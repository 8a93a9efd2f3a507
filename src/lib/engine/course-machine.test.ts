import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { CourseBundle, Scenario } from '../scenario/types.ts';
import { createCourseMachine, type CourseEmitted, type CourseEvent } from './course-machine.ts';
import { choiceCoveringPlaythroughs, completePaths, extremePlaythroughs } from './paths.ts';
import { locationOf, screenOf } from './screen.ts';
import { scoreCourse } from './scoring.ts';

// A small scenario with a recoverable poor start, a merge, and a critical choice.
const scenario: Scenario = {
	format: 1,
	id: 'door',
	version: 1,
	title: 'At the door',
	theme: 'professional_curiosity',
	audiences: ['ambulance'],
	summary: 'You are called to a flat.',
	start: 'arrive',
	nodes: [
		{ type: 'narrative', id: 'arrive', text: 'He answers the door.', next: 'first' },
		{
			type: 'decision',
			id: 'first',
			text: 'She is quiet.',
			prompt: 'What now?',
			choices: [
				{
					id: 'ask_alone',
					text: 'See her alone',
					points: { professional_curiosity: 3 },
					feedback: 'Good.',
					next: 'second',
					critical: false
				},
				{
					id: 'ask_both',
					text: 'Ask them both',
					points: { professional_curiosity: 1 },
					feedback: 'Partly.',
					next: 'second',
					critical: false
				}
			]
		},
		{
			type: 'decision',
			id: 'second',
			text: 'She mentions a bruise.',
			prompt: 'And then?',
			choices: [
				{
					id: 'refer',
					text: 'Refer',
					points: { professional_curiosity: 1, risk_assessment: 2 },
					feedback: 'Yes.',
					next: 'good_end',
					critical: false
				},
				{
					id: 'leave',
					text: 'Leave',
					points: {},
					feedback: 'No.',
					next: 'poor_end',
					critical: true
				}
			]
		},
		{ type: 'ending', id: 'good_end', outcome: 'good', text: 'Safe.' },
		{ type: 'ending', id: 'poor_end', outcome: 'poor', text: 'Missed.' }
	]
};

const bundle: CourseBundle = {
	course: {
		format: 1,
		id: 'test_course',
		version: 1,
		title: 'Test course',
		description: 'A test.',
		audience: 'ambulance',
		minutes: 5,
		outcomes: ['Test'],
		passMark: 80,
		criticalChoiceFails: true,
		scenarios: ['door'],
		core: ['door'],
		pathways: [],
		translations: []
	},
	scenarios: [scenario]
};

function play(events: CourseEvent[]) {
	const actor = createActor(createCourseMachine(bundle)).start();
	for (const event of events) actor.send(event);
	return actor.getSnapshot();
}

const start: CourseEvent[] = [
	{ type: 'course.start' },
	{ type: 'step.continue' },
	{ type: 'step.continue' }
];

describe('course machine', () => {
	it('walks welcome, intro, narrative, decision, feedback, ending, summary', () => {
		const actor = createActor(createCourseMachine(bundle)).start();
		const kinds: string[] = [screenOf(bundle, actor.getSnapshot()).kind];
		const locations: string[] = [locationOf(actor.getSnapshot())];
		actor.subscribe((s) => {
			kinds.push(screenOf(bundle, s).kind);
			locations.push(locationOf(s));
		});
		for (const event of [
			...start,
			{ type: 'choice.select', choice: 'ask_alone' },
			{ type: 'step.continue' },
			{ type: 'choice.select', choice: 'refer' },
			{ type: 'step.continue' },
			{ type: 'step.continue' }
		] as CourseEvent[])
			actor.send(event);
		expect(kinds).toEqual([
			'welcome',
			'intro',
			'narrative',
			'decision',
			'feedback',
			'decision',
			'feedback',
			'ending',
			'summary'
		]);
		expect(locations).toContain('door.first.ask_alone');
		expect(locations.every((l) => /^[a-z0-9_.]+$/.test(l))).toBe(true);
		expect(actor.getSnapshot().status).toBe('done');
		expect(actor.getSnapshot().context.decisions).toEqual([
			{ scenario: 'door', node: 'first', choice: 'ask_alone' },
			{ scenario: 'door', node: 'second', choice: 'refer' }
		]);
	});

	it('ignores a choice that the current decision does not offer', () => {
		const snapshot = play([...start, { type: 'choice.select', choice: 'refer' }]);
		expect(screenOf(bundle, snapshot).kind).toBe('decision');
		expect(snapshot.context.decisions).toEqual([]);
	});

	it('says what the learner decided and which role they chose, as it happens', () => {
		const withPathway: CourseBundle = {
			...bundle,
			course: {
				...bundle.course,
				core: [],
				pathways: [{ id: 'crew', title: 'Crew', scenarios: ['door'] }]
			}
		};
		const actor = createActor(createCourseMachine(withPathway)).start();
		const heard: CourseEmitted[] = [];
		actor.on('*', (emitted) => heard.push(emitted));
		actor.send({ type: 'course.start', pathway: 'crew' });
		expect(heard).toEqual([{ type: 'pathway.chosen', pathway: 'crew' }]);
		for (const event of [...start.slice(1), { type: 'choice.select', choice: 'ask_both' }])
			actor.send(event as CourseEvent);
		actor.send({ type: 'choice.select', choice: 'refer' }); // feedback takes no choice
		expect(heard.slice(1)).toEqual([
			{ type: 'decision.made', decision: { scenario: 'door', node: 'first', choice: 'ask_both' } }
		]);
	});

	it('tags each state with its screen and names the content in its meta', () => {
		const snapshot = play([...start, { type: 'choice.select', choice: 'ask_alone' }]);
		expect([...snapshot.tags]).toEqual(['feedback']);
		expect(Object.values(snapshot.getMeta())).toEqual([
			{ scenario: 'door', node: 'first', choice: 'ask_alone' }
		]);
	});

	it('keeps the configuration plain data that names its guard and action', () => {
		const config = createCourseMachine(bundle).config;
		expect(() => JSON.stringify(config)).not.toThrow();
		expect(JSON.stringify(config)).toContain('"type":"isChoice"');
	});
});

describe('scoring', () => {
	it('scores the best path as 100% and passes', () => {
		const score = scoreCourse(bundle, [
			{ scenario: 'door', node: 'first', choice: 'ask_alone' },
			{ scenario: 'door', node: 'second', choice: 'refer' }
		]);
		expect(score).toMatchObject({ earned: 6, max: 6, percent: 100, passed: true });
		expect(score.themes).toEqual([
			{ theme: 'professional_curiosity', earned: 4, max: 4, percent: 100 },
			{ theme: 'risk_assessment', earned: 2, max: 2, percent: 100 }
		]);
	});

	it('rounds down, so a near miss does not pass', () => {
		const score = scoreCourse(bundle, [
			{ scenario: 'door', node: 'first', choice: 'ask_both' },
			{ scenario: 'door', node: 'second', choice: 'refer' }
		]);
		expect(score.percent).toBe(66);
		expect(score.passed).toBe(false);
		expect(score.failedOnCritical).toBe(false);
	});

	it('fails on a critical choice whatever the points, when the course says so', () => {
		const decisions = [
			{ scenario: 'door', node: 'first', choice: 'ask_alone' },
			{ scenario: 'door', node: 'second', choice: 'leave' }
		];
		const strict = scoreCourse({ ...bundle, course: { ...bundle.course, passMark: 0 } }, decisions);
		expect(strict).toMatchObject({ passed: false, failedOnCritical: true });
		const lenient = scoreCourse(
			{ ...bundle, course: { ...bundle.course, passMark: 0, criticalChoiceFails: false } },
			decisions
		);
		expect(lenient).toMatchObject({ passed: true, failedOnCritical: false });
	});

	it('scores every complete path within 0..100 and matches the replayed run', () => {
		const paths = completePaths(bundle);
		expect(paths).toHaveLength(4);
		for (const path of paths) {
			const replayed = play(path.steps.map((s) => s.event));
			expect(replayed.status).toBe('done');
			const score = scoreCourse(bundle, replayed.context.decisions);
			expect(score.percent).toBeGreaterThanOrEqual(0);
			expect(score.percent).toBeLessThanOrEqual(100);
			expect(score.earned).toBeLessThanOrEqual(score.max);
		}
	});
});

describe('extreme playthroughs', () => {
	it('finds the best safe path and the worst path, taking a critical choice', () => {
		const { best, worst } = extremePlaythroughs(bundle);
		expect(best.map((d) => d.choice)).toEqual(['ask_alone', 'refer']);
		expect(worst.map((d) => d.choice)).toEqual(['ask_both', 'leave']);
		expect(scoreCourse(bundle, best).passed).toBe(true);
		expect(scoreCourse(bundle, worst).failedOnCritical).toBe(true);
	});

	it('agrees with the exhaustive path search on the highest and lowest score', () => {
		const totals = completePaths(bundle).map(
			(p) => scoreCourse(bundle, p.state.context.decisions).earned
		);
		const { best, worst } = extremePlaythroughs(bundle);
		expect(scoreCourse(bundle, best).earned).toBe(Math.max(...totals));
		expect(scoreCourse(bundle, worst).earned).toBe(Math.min(...totals));
	});
});

describe('choice-covering playthroughs', () => {
	it('take every choice at least once, each run a valid way through', () => {
		const runs = choiceCoveringPlaythroughs(bundle);
		const taken = new Set(runs.flat().map((d) => `${d.node}.${d.choice}`));
		expect(taken).toEqual(
			new Set(['first.ask_alone', 'first.ask_both', 'second.refer', 'second.leave'])
		);
		for (const run of runs) {
			const events: CourseEvent[] = [{ type: 'course.start' }];
			const actor = createActor(createCourseMachine(bundle)).start();
			for (const e of events) actor.send(e);
			for (const d of run) {
				while (screenOf(bundle, actor.getSnapshot()).kind !== 'decision')
					actor.send({ type: 'step.continue' });
				actor.send({ type: 'choice.select', choice: d.choice });
			}
			expect(actor.getSnapshot().context.decisions).toEqual(run);
		}
	});
});
