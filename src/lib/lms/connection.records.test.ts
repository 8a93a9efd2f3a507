/**
 * Decisions (interactions), theme objectives and resume data against real scorm-again runtimes,
 * including relaunches that carry the previous session's data over. Long because each record is
 * checked in both editions against the same runtime set-up; splitting would repeat it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Scorm12API, Scorm2004API } from 'scorm-again';
import { connectToLms, type ConnectOptions, type LmsConnection } from './connection';
import {
	clock,
	contentFrameUnder,
	lms2004,
	localTime,
	manualScheduler,
	moodle12,
	relaunch12,
	relaunch2004,
	decision
} from '../../../tests/fixtures/test-lms';

function connect12(api: Scorm12API, options: ConnectOptions = {}): LmsConnection {
	const time = clock();
	return connectToLms(contentFrameUnder({ API: api }), {
		version: 'scorm12',
		now: time.now,
		schedule: manualScheduler().schedule,
		...options
	});
}

function connect2004(api: Scorm2004API, options: ConnectOptions = {}): LmsConnection {
	const time = clock();
	return connectToLms(contentFrameUnder({ API_1484_11: api }), {
		version: 'scorm2004',
		now: time.now,
		schedule: manualScheduler().schedule,
		...options
	});
}

/** Every 1.2 write as the runtime received it (1.2 interactions cannot be read back). */
function writes12(api: Scorm12API): [string, string][] {
	const log: [string, string][] = [];
	api.on('LMSSetValue.cmi.*', (element: string, value: string) => log.push([element, value]));
	return log;
}

beforeEach(() => {
	vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
	vi.restoreAllMocks();
});

describe('recordInteraction, SCORM 1.2', () => {
	it('sends one choice interaction, in order, then commits', () => {
		const api = moodle12();
		const connection = connect12(api);
		connection.start();
		const log = writes12(api);
		const commits: number[] = [];
		api.on('LMSCommit', () => commits.push(log.length));
		connection.recordInteraction(decision({ result: 'incorrect', choiceIndex: 2 }));
		expect(log).toEqual([
			['cmi.interactions.0.id', 'ambulance_fall_at_home.the_hint'],
			['cmi.interactions.0.type', 'choice'],
			['cmi.interactions.0.objectives.0.id', 'theme_risk'],
			['cmi.interactions.0.time', '14:05:09'],
			['cmi.interactions.0.weighting', '1'],
			['cmi.interactions.0.student_response', 'c'],
			['cmi.interactions.0.correct_responses.0.pattern', 'b,d'],
			['cmi.interactions.0.result', 'wrong'],
			['cmi.interactions.0.latency', '0000:00:12.50']
		]);
		expect(commits).toEqual([9]);
		expect(connection.faults).toEqual([]);
	});

	it('never reads interactions back: only _count, once, at start', () => {
		const api = moodle12();
		const getSpy = vi.spyOn(api, 'LMSGetValue');
		const connection = connect12(api);
		connection.start();
		connection.recordInteraction(decision());
		connection.recordInteraction(decision({ id: 'ambulance_fall_at_home.the_partner' }));
		connection.finish();
		const read = getSpy.mock.calls.map(([element]) => element);
		expect(read.filter((element) => element.startsWith('cmi.interactions'))).toEqual([
			'cmi.interactions._count'
		]);
	});

	it('appends: the second interaction of a session goes to the next index', () => {
		const api = moodle12();
		const connection = connect12(api);
		connection.start();
		const log = writes12(api);
		connection.recordInteraction(decision());
		connection.recordInteraction(decision({ id: 'ambulance_fall_at_home.the_partner' }));
		expect(
			log.filter(([element]) => element.endsWith('.id') && !element.includes('objectives'))
		).toEqual([
			['cmi.interactions.0.id', 'ambulance_fall_at_home.the_hint'],
			['cmi.interactions.1.id', 'ambulance_fall_at_home.the_partner']
		]);
		expect(api.LMSGetValue('cmi.interactions._count')).toBe('2');
	});

	it('_count continues across a relaunch', () => {
		const first = moodle12();
		const session1 = connect12(first);
		session1.start();
		session1.recordInteraction(decision());
		session1.recordInteraction(decision({ id: 'ambulance_fall_at_home.the_partner' }));
		session1.finish();

		const second = relaunch12(first);
		const log = writes12(second);
		const session2 = connect12(second);
		session2.start();
		session2.recordInteraction(decision({ id: 'neighbour_noise.the_knock' }));
		expect(log).toContainEqual(['cmi.interactions.2.id', 'neighbour_noise.the_knock']);
		expect(second.LMSGetValue('cmi.interactions._count')).toBe('3');
		// the LMS still holds the first session's interactions (write-only: read the LMS's copy)
		const flat = second.getFlattenedCMI();
		expect([0, 1, 2].map((n) => flat[`cmi.interactions.${n}.id`])).toEqual([
			'ambulance_fall_at_home.the_hint',
			'ambulance_fall_at_home.the_partner',
			'neighbour_noise.the_knock'
		]);
		expect(session2.faults).toEqual([]);
	});

	it('a choice index beyond z is refused, the rest of the interaction is still sent', () => {
		const api = moodle12();
		const connection = connect12(api);
		connection.start();
		const log = writes12(api);
		connection.recordInteraction(decision({ choiceIndex: 26, correctChoiceIndexes: [] }));
		expect(log.map(([element]) => element)).toEqual([
			'cmi.interactions.0.id',
			'cmi.interactions.0.type',
			'cmi.interactions.0.objectives.0.id',
			'cmi.interactions.0.time',
			'cmi.interactions.0.weighting',
			'cmi.interactions.0.result',
			'cmi.interactions.0.latency'
		]);
		expect(connection.faults).toEqual([
			expect.objectContaining({
				element: 'cmi.interactions.0.student_response',
				value: '#26',
				code: 'invalid-value'
			})
		]);
	});

	it('an invalid id sends nothing for that decision, and the next one takes its index', () => {
		const api = moodle12();
		const connection = connect12(api);
		connection.start();
		const log = writes12(api);
		connection.recordInteraction(decision({ id: 'has space' }));
		expect(log).toEqual([]);
		connection.recordInteraction(decision());
		expect(log[0]).toEqual(['cmi.interactions.0.id', 'ambulance_fall_at_home.the_hint']);
		expect(connection.faults).toEqual([
			expect.objectContaining({ element: 'cmi.interactions.0.id', code: 'invalid-value' })
		]);
	});

	it("a weighting outside Moodle's -100..100 is refused, not sent", () => {
		const api = moodle12();
		const connection = connect12(api);
		connection.start();
		connection.recordInteraction(decision({ weighting: 150 }));
		expect(connection.faults.map((fault) => [fault.element, fault.value])).toEqual([
			['cmi.interactions.0.weighting', '150']
		]);
	});
});

describe('recordInteraction, SCORM 2004', () => {
	it('sends one choice interaction; every value reads back', () => {
		const api = lms2004();
		const connection = connect2004(api);
		connection.start();
		const order: string[] = [];
		api.on('SetValue.cmi.*', (element: string) => order.push(element));
		connection.recordInteraction(
			decision({ result: 'incorrect', choiceId: 'leave_it', latencyMs: 61_020, weighting: 2.5 })
		);
		expect(order).toEqual([
			'cmi.interactions.0.id',
			'cmi.interactions.0.type',
			'cmi.interactions.0.objectives.0.id',
			'cmi.interactions.0.timestamp',
			'cmi.interactions.0.weighting',
			'cmi.interactions.0.learner_response',
			'cmi.interactions.0.correct_responses.0.pattern',
			'cmi.interactions.0.result',
			'cmi.interactions.0.latency',
			'cmi.interactions.0.description'
		]);
		const read = (field: string) => api.GetValue(`cmi.interactions.0.${field}`);
		expect({
			id: read('id'),
			type: read('type'),
			objective: read('objectives.0.id'),
			timestamp: read('timestamp'),
			weighting: read('weighting'),
			learner_response: read('learner_response'),
			pattern: read('correct_responses.0.pattern'),
			result: read('result'),
			latency: read('latency'),
			description: read('description')
		}).toEqual({
			id: 'ambulance_fall_at_home.the_hint',
			type: 'choice',
			objective: 'theme_risk',
			timestamp: '2025-11-28T14:05:09',
			weighting: '2.5',
			learner_response: 'leave_it',
			pattern: 'ask_directly[,]speak_alone',
			result: 'incorrect',
			latency: 'PT1M1.02S',
			description: 'Mrs Patel hints that things are difficult at home. What do you do?'
		});
		expect(api.GetValue('cmi.interactions._count')).toBe('1');
		expect(connection.faults).toEqual([]);
	});

	it('_count continues across a relaunch; earlier interactions stay as they were', () => {
		const first = lms2004();
		const session1 = connect2004(first);
		session1.start();
		session1.recordInteraction(decision());
		session1.recordInteraction(decision({ id: 'ambulance_fall_at_home.the_partner' }));
		session1.finish();

		const second = relaunch2004(first);
		const session2 = connect2004(second);
		session2.start();
		session2.recordInteraction(decision({ id: 'neighbour_noise.the_knock', choiceId: 'call_999' }));
		expect(second.GetValue('cmi.interactions._count')).toBe('3');
		expect(second.GetValue('cmi.interactions.0.id')).toBe('ambulance_fall_at_home.the_hint');
		expect(second.GetValue('cmi.interactions.1.id')).toBe('ambulance_fall_at_home.the_partner');
		expect(second.GetValue('cmi.interactions.2.id')).toBe('neighbour_noise.the_knock');
		expect(second.GetValue('cmi.interactions.2.learner_response')).toBe('call_999');
		expect(session2.faults).toEqual([]);
	});

	it('the description: whitespace runs become one space, over 250 it is cut with …', () => {
		const api = lms2004();
		const connection = connect2004(api);
		connection.start();
		const question = `Line one.\n\n  Line two. ${'x'.repeat(300)}`;
		connection.recordInteraction(decision({ description: question }));
		const sent = api.GetValue('cmi.interactions.0.description');
		expect(sent).toHaveLength(250);
		expect(sent.startsWith('Line one. Line two. xxx')).toBe(true);
		expect(sent.endsWith('x…')).toBe(true);

		connection.recordInteraction(decision({ id: 'q2', description: '   ' }));
		expect(api.GetValue('cmi.interactions.1.description')).toBe('');
		expect(connection.faults).toEqual([]);
	});

	it('no correct choices: no pattern is sent', () => {
		const api = lms2004();
		const connection = connect2004(api);
		connection.start();
		connection.recordInteraction(
			decision({ result: 'neutral', correctChoiceIds: [], correctChoiceIndexes: [] })
		);
		expect(api.GetValue('cmi.interactions.0.correct_responses._count')).toBe('0');
		expect(api.GetValue('cmi.interactions.0.result')).toBe('neutral');
		expect(connection.faults).toEqual([]);
	});

	it('a hyphenated choice id (which scorm-again would take and Moodle refuse) is not sent', () => {
		const api = lms2004();
		const connection = connect2004(api);
		connection.start();
		connection.recordInteraction(decision({ choiceId: 'ask-directly' }));
		expect(api.GetValue('cmi.interactions.0.learner_response')).toBe('');
		expect(connection.faults).toEqual([
			expect.objectContaining({
				element: 'cmi.interactions.0.learner_response',
				code: 'invalid-value'
			})
		]);
	});

	it('a timestamp outside 1970-2038 is refused, not sent', () => {
		const api = lms2004();
		const connection = connect2004(api);
		connection.start();
		connection.recordInteraction(decision({ at: localTime(2039, 1, 1, 0, 0, 0) }));
		expect(connection.faults.map((fault) => fault.element)).toEqual([
			'cmi.interactions.0.timestamp'
		]);
	});
});

describe('recordObjectives', () => {
	it('1.2: one objective per theme, id first, then score and status; one commit', () => {
		const api = moodle12();
		const connection = connect12(api);
		connection.start();
		const log = writes12(api);
		const commits = vi.spyOn(api, 'LMSCommit');
		connection.recordObjectives([
			{ id: 'theme_risk', scorePercent: 66.666, status: 'passed' },
			{ id: 'theme_coercion', scorePercent: 20, status: 'failed' },
			{ id: 'theme_consent', scorePercent: 0, status: 'incomplete' }
		]);
		expect(log).toEqual([
			['cmi.objectives.0.id', 'theme_risk'],
			['cmi.objectives.0.score.min', '0'],
			['cmi.objectives.0.score.max', '100'],
			['cmi.objectives.0.score.raw', '66.67'],
			['cmi.objectives.0.status', 'passed'],
			['cmi.objectives.1.id', 'theme_coercion'],
			['cmi.objectives.1.score.min', '0'],
			['cmi.objectives.1.score.max', '100'],
			['cmi.objectives.1.score.raw', '20'],
			['cmi.objectives.1.status', 'failed'],
			['cmi.objectives.2.id', 'theme_consent'],
			['cmi.objectives.2.score.min', '0'],
			['cmi.objectives.2.score.max', '100'],
			['cmi.objectives.2.score.raw', '0'],
			['cmi.objectives.2.status', 'incomplete']
		]);
		expect(commits).toHaveBeenCalledTimes(1);
		expect(connection.faults).toEqual([]);
	});

	it('2004: success_status unknown and completion incomplete while a theme is incomplete', () => {
		const api = lms2004();
		const connection = connect2004(api);
		connection.start();
		connection.recordObjectives([
			{ id: 'theme_risk', scorePercent: 66.666, status: 'passed' },
			{ id: 'theme_consent', scorePercent: 12.5, status: 'incomplete' }
		]);
		const objective = (n: number, field: string) => api.GetValue(`cmi.objectives.${n}.${field}`);
		expect(
			[0, 1].map((n) => ({
				id: objective(n, 'id'),
				scaled: objective(n, 'score.scaled'),
				raw: objective(n, 'score.raw'),
				min: objective(n, 'score.min'),
				max: objective(n, 'score.max'),
				success: objective(n, 'success_status'),
				completion: objective(n, 'completion_status')
			}))
		).toEqual([
			{
				id: 'theme_risk',
				scaled: '0.6667',
				raw: '66.67',
				min: '0',
				max: '100',
				success: 'passed',
				completion: 'completed'
			},
			{
				id: 'theme_consent',
				scaled: '0.125',
				raw: '12.5',
				min: '0',
				max: '100',
				success: 'unknown',
				completion: 'incomplete'
			}
		]);
		expect(connection.faults).toEqual([]);
	});

	it('an update within the session reuses the index and does not rewrite the id', () => {
		const api = lms2004();
		const connection = connect2004(api);
		connection.start();
		connection.recordObjectives([{ id: 'theme_risk', scorePercent: 0, status: 'incomplete' }]);
		const order: string[] = [];
		api.on('SetValue.cmi.*', (element: string) => order.push(element));
		connection.recordObjectives([{ id: 'theme_risk', scorePercent: 100, status: 'passed' }]);
		expect(order.every((element) => element.startsWith('cmi.objectives.0.'))).toBe(true);
		expect(order).not.toContain('cmi.objectives.0.id');
		expect(api.GetValue('cmi.objectives._count')).toBe('1');
		expect(api.GetValue('cmi.objectives.0.success_status')).toBe('passed');
	});

	it.each(['scorm12', 'scorm2004'] as const)(
		'%s: an objective keeps its index across a relaunch; a new one is appended',
		(version) => {
			const first = version === 'scorm12' ? moodle12() : lms2004();
			const connect = (api: Scorm12API | Scorm2004API) =>
				version === 'scorm12' ? connect12(api as Scorm12API) : connect2004(api as Scorm2004API);
			const session1 = connect(first);
			session1.start();
			session1.recordObjectives([
				{ id: 'theme_risk', scorePercent: 50, status: 'incomplete' },
				{ id: 'theme_coercion', scorePercent: 0, status: 'incomplete' }
			]);
			session1.finish();

			const second =
				version === 'scorm12'
					? relaunch12(first as Scorm12API)
					: relaunch2004(first as Scorm2004API);
			const session2 = connect(second);
			session2.start();
			session2.recordObjectives([
				{ id: 'theme_coercion', scorePercent: 100, status: 'passed' },
				{ id: 'theme_consent', scorePercent: 75, status: 'passed' },
				{ id: 'theme_risk', scorePercent: 100, status: 'passed' }
			]);
			const flat = second.getFlattenedCMI();
			const objective = (n: number, field: string) => flat[`cmi.objectives.${n}.${field}`];
			expect([0, 1, 2].map((n) => objective(n, 'id'))).toEqual([
				'theme_risk',
				'theme_coercion',
				'theme_consent'
			]);
			expect([0, 1, 2].map((n) => objective(n, 'score.raw'))).toEqual(['100', '100', '75']);
			expect(objective(3, 'id')).toBeUndefined();
			expect(session2.faults).toEqual([]);
		}
	);

	it('2004: objectives the LMS set up from the manifest keep their indices', () => {
		const api = lms2004({
			objectives: {
				'0': { id: 'overall' },
				'1': { id: 'theme_coercion' },
				'2': { id: 'theme_risk' }
			}
		});
		const connection = connect2004(api);
		connection.start();
		connection.recordObjectives([
			{ id: 'theme_risk', scorePercent: 80, status: 'passed' },
			{ id: 'theme_consent', scorePercent: 40, status: 'failed' }
		]);
		expect(api.GetValue('cmi.objectives.2.score.raw')).toBe('80');
		expect(api.GetValue('cmi.objectives.3.id')).toBe('theme_consent');
		expect(api.GetValue('cmi.objectives._count')).toBe('4');
		expect(connection.faults).toEqual([]);
	});

	it('a score outside 0..100 or an unknown status is a fault; the other part is still sent', () => {
		const api = moodle12();
		const connection = connect12(api);
		connection.start();
		const log = writes12(api);
		connection.recordObjectives([
			{ id: 'theme_risk', scorePercent: 120, status: 'passed' },
			{ id: 'theme_coercion', scorePercent: 30, status: 'done' as 'passed' }
		]);
		expect(log).toEqual([
			['cmi.objectives.0.id', 'theme_risk'],
			['cmi.objectives.0.status', 'passed'],
			['cmi.objectives.1.id', 'theme_coercion'],
			['cmi.objectives.1.score.min', '0'],
			['cmi.objectives.1.score.max', '100'],
			['cmi.objectives.1.score.raw', '30']
		]);
		expect(connection.faults.map((fault) => [fault.call, fault.code, fault.element])).toEqual([
			['recordObjectives', 'invalid-record', 'cmi.objectives.0.score'],
			['recordObjectives', 'invalid-record', 'cmi.objectives.1.status']
		]);
	});

	it('an objective whose id is refused is skipped, and does not take an index', () => {
		const api = lms2004();
		const connection = connect2004(api);
		connection.start();
		connection.recordObjectives([
			{ id: 'Theme-Risk', scorePercent: 50, status: 'passed' },
			{ id: 'theme_consent', scorePercent: 50, status: 'passed' }
		]);
		expect(api.GetValue('cmi.objectives._count')).toBe('1');
		expect(api.GetValue('cmi.objectives.0.id')).toBe('theme_consent');
		expect(connection.faults.map((fault) => fault.element)).toEqual(['cmi.objectives.0.id']);
	});
});

describe('a batch of verbs', () => {
	it('writes each as it says and commits once, at its end (1.2)', () => {
		const api = moodle12();
		const connection = connect12(api);
		connection.start();
		const commits: number[] = [];
		const log = writes12(api);
		api.on('LMSCommit', () => commits.push(log.length));
		connection.batch(() => {
			connection.recordInteraction(decision());
			connection.recordObjectives([{ id: 'theme_risk', scorePercent: 50, status: 'incomplete' }]);
			connection.saveProgress({ location: 'a', suspendData: 'p2~x' });
			expect(commits).toEqual([]);
		});
		expect(commits).toEqual([log.length]);
		expect(log.map(([element]) => element)).toContain('cmi.suspend_data');
		expect(api.getFlattenedCMI()['cmi.interactions.0.id']).toBe(decision().id);
	});

	it('settles with the result inside it: finishing sends only Terminate (2004)', () => {
		const api = lms2004();
		const connection = connect2004(api);
		connection.start();
		const calls: string[] = [];
		api.on('Commit', () => calls.push('commit'));
		api.on('SetValue.cmi.session_time', () => calls.push('session_time'));
		api.on('Terminate', () => calls.push('terminate'));
		connection.batch(() => {
			connection.saveProgress({ location: 'a', suspendData: 'p2~x' });
			connection.recordResult({ scorePercent: 90, passed: true });
		});
		connection.finish();
		expect(calls).toEqual(['session_time', 'commit', 'terminate']);
	});

	it('outside a batch, each verb commits as before', () => {
		const api = moodle12();
		const connection = connect12(api);
		connection.start();
		let commits = 0;
		api.on('LMSCommit', () => commits++);
		connection.recordInteraction(decision());
		connection.saveProgress({ location: 'a', suspendData: 'p2~x' });
		expect(commits).toBe(2);
	});
});

describe('saved progress and resume', () => {
	it.each(['scorm12', 'scorm2004'] as const)(
		'%s: null at first launch, without faults',
		(version) => {
			const connection = version === 'scorm12' ? connect12(moodle12()) : connect2004(lms2004());
			connection.start();
			expect(connection.saved).toBeNull();
			expect(connection.faults).toEqual([]);
		}
	);

	it('1.2: location and suspend_data round-trip through a relaunch', () => {
		const first = moodle12();
		const session1 = connect12(first);
		session1.start();
		const progress = {
			location: 'neighbour_noise.the_knock',
			suspendData: '{"v":1,"d":["a","b"]}'
		};
		session1.saveProgress(progress);
		expect(first.getFlattenedCMI()['cmi.core.exit']).toBe('suspend');
		session1.finish();

		const session2 = connect12(relaunch12(first));
		expect(session2.saved).toBeNull();
		session2.start();
		expect(session2.saved).toEqual({ ...progress, entry: 'resume' });
		expect(session2.faults).toEqual([]);
	});

	it('2004: location and suspend_data round-trip through a relaunch', () => {
		const first = lms2004();
		const session1 = connect2004(first);
		session1.start();
		const progress = { location: 'neighbour_noise.the_knock', suspendData: 'x'.repeat(64000) };
		session1.saveProgress(progress);
		session1.finish();

		const session2 = connect2004(relaunch2004(first));
		session2.start();
		expect(session2.saved).toEqual({ ...progress, entry: 'resume' });
		expect(session2.faults).toEqual([]);
	});

	it("suspend_data with entry '' (relaunch after a normal exit on some LMSs) is returned", () => {
		const first = moodle12();
		const session1 = connect12(first);
		session1.start();
		session1.saveProgress({ location: 'summary', suspendData: '{"done":true}' });
		session1.recordResult({ scorePercent: 90, passed: true });
		session1.finish();

		const session2 = connect12(relaunch12(first));
		session2.start();
		expect(session2.saved).toEqual({
			location: 'summary',
			suspendData: '{"done":true}',
			entry: ''
		});
		expect(session2.alreadyCompleted).toBe(true);
	});

	it('a location without suspend_data is not something to resume from', () => {
		const api = lms2004({ location: 'somewhere', entry: 'resume' });
		const connection = connect2004(api);
		connection.start();
		expect(connection.saved).toBeNull();
	});

	it('1.2: suspend_data over 4096 is refused and not sent (scorm-again would take it)', () => {
		// scorm-again's own 1.2 limit is 64000: our validator is what keeps Moodle's 4096
		const lenient = moodle12();
		lenient.LMSInitialize('');
		expect(lenient.LMSSetValue('cmi.suspend_data', 'x'.repeat(5000))).toBe('true');

		const api = moodle12();
		const connection = connect12(api);
		connection.start();
		connection.saveProgress({ location: 's01', suspendData: 'ok' });
		const setSpy = vi.spyOn(api, 'LMSSetValue');
		const tooLong = 'x'.repeat(4097);
		connection.saveProgress({ location: 's02', suspendData: tooLong });
		// neither half of the pair is sent; exit and commit still happen
		expect(setSpy.mock.calls.map(([element]) => element)).toEqual(['cmi.core.exit']);
		expect(api.cmi.suspend_data).toBe('ok');
		expect(api.cmi.core.lesson_location).toBe('s01');
		expect(connection.faults).toEqual([
			expect.objectContaining({
				call: 'LMSSetValue',
				element: 'cmi.suspend_data',
				code: 'invalid-value',
				message: 'suspend_data longer than 4096 characters (4097)',
				diagnostic: expect.stringMatching(/cmi\.core\.lesson_location was held back with it/)
			})
		]);
		connection.saveProgress({ location: 's03', suspendData: 'x'.repeat(4096) });
		expect(api.cmi.suspend_data).toHaveLength(4096);
	});

	it('2004: suspend_data over 64000 is refused and not sent', () => {
		const api = lms2004();
		const connection = connect2004(api);
		connection.start();
		connection.saveProgress({ location: 's02', suspendData: 'x'.repeat(64001) });
		expect(api.cmi.suspend_data).toBe('');
		expect(api.cmi.location).toBe('');
		expect(connection.faults.map((fault) => fault.element)).toEqual(['cmi.suspend_data']);
	});
});

describe('standalone', () => {
	it('has the new members as no-ops', () => {
		const connection = connectToLms({});
		connection.start();
		connection.recordInteraction(decision());
		connection.recordObjectives([{ id: 'theme_risk', scorePercent: 50, status: 'passed' }]);
		connection.saveProgress({ location: 's01', suspendData: '{}' });
		expect(connection.saved).toBeNull();
		expect(connection.commitFailing).toBe(false);
		expect(connection.unsavedSince).toBeNull();
		expect(connection.faults).toEqual([]);
	});
});

describe('before start and after finish', () => {
	it('records nothing', () => {
		const api = lms2004();
		const connection = connect2004(api);
		const setSpy = vi.spyOn(api, 'SetValue');
		connection.recordInteraction(decision());
		connection.recordObjectives([{ id: 'theme_risk', scorePercent: 50, status: 'passed' }]);
		connection.start();
		connection.finish();
		setSpy.mockClear();
		connection.recordInteraction(decision());
		connection.recordObjectives([{ id: 'theme_risk', scorePercent: 50, status: 'passed' }]);
		connection.saveProgress({ location: 's01', suspendData: '{}' });
		expect(setSpy).not.toHaveBeenCalled();
	});
});
