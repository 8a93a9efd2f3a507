/**
 * The connection's verbs against real scorm-again runtimes, both editions: discovery, start,
 * progress, results and finishing. One file (long) because each block shares the runtimes and the
 * golden traces set up at its top; records and faults have files of their own.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { connectToLms, finishOnPageHide, type LmsConnection } from './connection';
import type { WindowLike } from './find-api';

type Json = Record<string, unknown>;

/**
 * A Moodle-like 1.2 LMS: mastery score from the manifest, status recomputed from the score on
 * LMSFinish. scorm-again applies `mastery_override` only with credit 'credit' in normal mode, and
 * its default credit is '', so both are loaded explicitly.
 */
function moodle12(core: Json = {}) {
	const api = new Scorm12API({ logLevel: 5, autocommit: false, mastery_override: true });
	api.loadFromJSON({
		student_data: { mastery_score: '80' },
		core: { student_name: 'Doe, Jane', credit: 'credit', lesson_mode: 'normal', ...core }
	});
	return api;
}

/** A 2004 LMS with the manifest's minNormalizedMeasure 0.8 as scaled_passing_score. */
function lms2004(data: Json = {}) {
	const api = new Scorm2004API({ logLevel: 5, autocommit: false });
	api.loadFromJSON({ learner_name: 'Doe, Jane', scaled_passing_score: '0.8', ...data });
	return api;
}

/** The course frame inside Moodle's player page inside the Moodle window holding the API. */
function contentFrameUnder(lmsGlobals: { API?: unknown; API_1484_11?: unknown }): WindowLike {
	const lmsWindow: { parent?: WindowLike; API?: unknown; API_1484_11?: unknown } = {
		...lmsGlobals
	};
	lmsWindow.parent = lmsWindow;
	return { parent: { parent: lmsWindow } };
}

/** A clock that reads 1000 at start and 3 min 7.25 s later at finish. */
function clock() {
	let time = 1000;
	return { now: () => time, advance: (ms: number) => (time += ms) };
}

function countEvents(
	api: { on(name: string, cb: (...args: unknown[]) => void): void },
	name: string
) {
	const counter = { count: 0 };
	api.on(name, () => counter.count++);
	return counter;
}

/** The values written to one element, as the runtime received them. */
function recordWrites(
	api: { on(name: string, cb: (...args: unknown[]) => void): void },
	eventName: string
) {
	const values: unknown[] = [];
	api.on(eventName, (_element, value) => values.push(value));
	return values;
}

const API_METHODS_12 = [
	'LMSInitialize',
	'LMSFinish',
	'LMSGetValue',
	'LMSSetValue',
	'LMSCommit',
	'LMSGetLastError',
	'LMSGetErrorString',
	'LMSGetDiagnostic'
] as const;
const API_METHODS_2004 = [
	'Initialize',
	'Terminate',
	'GetValue',
	'SetValue',
	'Commit',
	'GetLastError',
	'GetErrorString',
	'GetDiagnostic'
] as const;

/** Spies on every runtime method, to assert that nothing reaches the API. */
function spyAll(api: object, methods: readonly string[]) {
	const target = api as Record<string, () => unknown>;
	const spies = methods.map((method) => vi.spyOn(target, method));
	return () => spies.reduce((total, spy) => total + spy.mock.calls.length, 0);
}

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
	warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
	vi.restoreAllMocks();
});

describe('standalone', () => {
	it('is used when no runtime is found, and every verb is a no-op', () => {
		const connection = connectToLms({});
		expect(connection.mode).toBe('standalone');
		expect(connection.connected).toBe(false);
		connection.start();
		connection.saveProgress({ location: 's01', suspendData: 'x' });
		connection.recordResult({ scorePercent: 90, passed: true });
		connection.commit();
		connection.finish();
		expect(connection.learnerName).toBeNull();
		expect(connection.alreadyCompleted).toBe(false);
		expect(connection.faults).toEqual([]);
		expect(warn).not.toHaveBeenCalled();
	});

	it('is used when only the other edition is present', () => {
		const win = contentFrameUnder({ API: moodle12() });
		expect(connectToLms(win, { version: 'scorm2004' }).mode).toBe('standalone');
		expect(connectToLms(win, { version: 'scorm12' }).mode).toBe('scorm12');
		expect(connectToLms(win).mode).toBe('scorm12');
	});
});

describe('SCORM 1.2 against scorm-again (Moodle-like)', () => {
	function launch(core: Json = {}) {
		const api = moodle12(core);
		const time = clock();
		const connection = connectToLms(contentFrameUnder({ API: api }), {
			version: 'scorm12',
			now: time.now
		});
		return { api, time, connection };
	}

	it('the harness really overrides the status from the score, as Moodle does', () => {
		const api = moodle12();
		api.LMSInitialize('');
		api.LMSSetValue('cmi.core.score.raw', '70');
		api.LMSSetValue('cmi.core.lesson_status', 'passed');
		api.LMSFinish('');
		expect(api.cmi.core.lesson_status).toBe('failed');
	});

	it('first launch: incomplete, score range, suspend, committed', () => {
		const { api, connection } = launch();
		const commits = countEvents(api, 'LMSCommit');
		expect(connection.learnerName).toBeNull();
		connection.start();
		expect(connection.mode).toBe('scorm12');
		expect(connection.connected).toBe(true);
		expect(connection.learnerName).toBe('Doe, Jane');
		expect(connection.alreadyCompleted).toBe(false);
		const cmi = api.getFlattenedCMI();
		expect(cmi['cmi.core.lesson_status']).toBe('incomplete');
		expect(cmi['cmi.core.score.min']).toBe('0');
		expect(cmi['cmi.core.score.max']).toBe('100');
		expect(cmi['cmi.core.exit']).toBe('suspend');
		expect(commits.count).toBe(1);
		expect(connection.faults).toEqual([]);
	});

	it('start initialises only once', () => {
		const { api, connection } = launch();
		const inits = countEvents(api, 'LMSInitialize');
		connection.start();
		connection.start();
		expect(inits.count).toBe(1);
		expect(connection.faults).toEqual([]);
	});

	it('a full passing run', () => {
		const { api, time, connection } = launch();
		const finishes = countEvents(api, 'LMSFinish');
		const sessionTimes = recordWrites(api, 'LMSSetValue.cmi.core.session_time');
		connection.start();
		connection.saveProgress({ location: 's01.d2', suspendData: 'x' });
		expect(api.getFlattenedCMI()['cmi.core.lesson_location']).toBe('s01.d2');
		// session time is written with the result: the time to the result is the session's
		time.advance(187_250);
		connection.recordResult({ scorePercent: 85, passed: true });
		connection.finish();

		const cmi = api.getFlattenedCMI();
		expect(cmi['cmi.core.lesson_status']).toBe('passed');
		expect(cmi['cmi.core.score.raw']).toBe('85');
		expect(cmi['cmi.core.score.min']).toBe('0');
		expect(cmi['cmi.core.score.max']).toBe('100');
		expect(cmi['cmi.core.exit']).toBe('');
		expect(sessionTimes).toEqual(['0000:03:07.25']);
		// scorm-again re-renders the stored 1.2 timespan in its own HH:MM:SS.SS form
		expect(cmi['cmi.core.session_time']).toBe('00:03:07.25');
		expect(api.cmi.core.lesson_status).toBe('passed');
		expect(finishes.count).toBe(1);
		expect(connection.connected).toBe(false);
		expect(connection.faults).toEqual([]);
	});

	it('a full failing run keeps failed through the mastery-score override', () => {
		const { api, time, connection } = launch();
		const sessionTimes = recordWrites(api, 'LMSSetValue.cmi.core.session_time');
		connection.start();
		connection.saveProgress({ location: 's02', suspendData: 'x' });
		time.advance(1000);
		connection.recordResult({ scorePercent: 40, passed: false });
		connection.finish();

		const cmi = api.getFlattenedCMI();
		expect(cmi['cmi.core.lesson_status']).toBe('failed');
		expect(cmi['cmi.core.score.raw']).toBe('40');
		expect(cmi['cmi.core.exit']).toBe('');
		expect(sessionTimes).toEqual(['0000:00:01.00']);
		expect(connection.faults).toEqual([]);
	});

	it('a score just below the mastery score fails on both sides', () => {
		const { api, connection } = launch();
		connection.start();
		connection.recordResult({ scorePercent: 79, passed: false });
		connection.finish();
		expect(api.cmi.core.lesson_status).toBe('failed');
	});

	it('saving progress after the result does not re-suspend the attempt', () => {
		const { api, connection } = launch();
		connection.start();
		connection.recordResult({ scorePercent: 90, passed: true });
		connection.saveProgress({ location: 'summary', suspendData: 'x' });
		const cmi = api.getFlattenedCMI();
		expect(cmi['cmi.core.lesson_location']).toBe('summary');
		expect(cmi['cmi.core.exit']).toBe('');
	});

	it('relaunch of a passed attempt: status not reset, alreadyCompleted, no downgrade', () => {
		const { api, connection } = launch({
			lesson_status: 'passed',
			entry: 'resume',
			lesson_location: 'end',
			score: { raw: '90', min: '0', max: '100' }
		});
		const statusWrites = recordWrites(api, 'LMSSetValue.cmi.core.lesson_status');
		connection.start();
		expect(connection.alreadyCompleted).toBe(true);
		expect(api.cmi.core.lesson_status).toBe('passed');
		expect(statusWrites).toEqual([]);

		connection.recordResult({ scorePercent: 50, passed: false });
		connection.finish();
		expect(statusWrites).toEqual([]);
		expect(api.cmi.core.lesson_status).toBe('passed');
		expect(api.cmi.core.score.raw).toBe('90');
	});

	it('relaunch of an incomplete attempt keeps the status and is not alreadyCompleted', () => {
		const { api, connection } = launch({ lesson_status: 'incomplete', entry: 'resume' });
		const setSpy = vi.spyOn(api, 'LMSSetValue');
		connection.start();
		expect(connection.alreadyCompleted).toBe(false);
		expect(setSpy.mock.calls.map(([element]) => element)).toEqual(['cmi.core.exit']);
	});

	it('relaunch of a completed attempt counts as alreadyCompleted', () => {
		const { connection } = launch({ lesson_status: 'completed' });
		connection.start();
		expect(connection.alreadyCompleted).toBe(true);
	});
});

describe('SCORM 2004 against scorm-again', () => {
	function launch(data: Json = {}) {
		const api = lms2004(data);
		const time = clock();
		const connection = connectToLms(contentFrameUnder({ API_1484_11: api }), {
			version: 'scorm2004',
			now: time.now
		});
		return { api, time, connection };
	}

	it('first launch: incomplete, score range, suspend, committed', () => {
		const { api, connection } = launch();
		const commits = countEvents(api, 'Commit');
		connection.start();
		expect(connection.mode).toBe('scorm2004');
		expect(connection.learnerName).toBe('Doe, Jane');
		const cmi = api.getFlattenedCMI();
		expect(cmi['cmi.completion_status']).toBe('incomplete');
		expect(cmi['cmi.success_status']).toBe('unknown');
		expect(cmi['cmi.score.min']).toBe('0');
		expect(cmi['cmi.score.max']).toBe('100');
		expect(cmi['cmi.exit']).toBe('suspend');
		expect(commits.count).toBe(1);
		expect(connection.faults).toEqual([]);
	});

	it("first launch as Moodle reports it ('not attempted') also sets incomplete", () => {
		const { api, connection } = launch({ completion_status: 'not attempted' });
		connection.start();
		expect(api.cmi.completion_status).toBe('incomplete');
	});

	it('a full passing run', () => {
		const { api, time, connection } = launch();
		const terminates = countEvents(api, 'Terminate');
		connection.start();
		connection.saveProgress({ location: 's01.d2', suspendData: 'x' });
		expect(api.getFlattenedCMI()['cmi.location']).toBe('s01.d2');
		// session time is written with the result: the time to the result is the session's
		time.advance(187_250);
		connection.recordResult({ scorePercent: 85, passed: true });
		connection.finish();

		const cmi = api.getFlattenedCMI();
		expect(cmi['cmi.completion_status']).toBe('completed');
		expect(cmi['cmi.success_status']).toBe('passed');
		expect(cmi['cmi.score.scaled']).toBe('0.85');
		expect(cmi['cmi.score.raw']).toBe('85');
		expect(cmi['cmi.score.min']).toBe('0');
		expect(cmi['cmi.score.max']).toBe('100');
		expect(cmi['cmi.exit']).toBe('normal');
		expect(cmi['cmi.session_time']).toBe('PT3M7.25S');
		expect(terminates.count).toBe(1);
		expect(connection.faults).toEqual([]);
	});

	it('a full failing run', () => {
		const { api, connection } = launch();
		connection.start();
		connection.saveProgress({ location: 's02', suspendData: 'x' });
		connection.recordResult({ scorePercent: 40, passed: false });
		connection.finish();

		const cmi = api.getFlattenedCMI();
		expect(cmi['cmi.completion_status']).toBe('completed');
		expect(cmi['cmi.success_status']).toBe('failed');
		expect(cmi['cmi.score.scaled']).toBe('0.4');
		expect(cmi['cmi.score.raw']).toBe('40');
		expect(cmi['cmi.exit']).toBe('normal');
		expect(cmi['cmi.session_time']).toBe('PT0S');
		expect(connection.faults).toEqual([]);
	});

	it.each([
		[0, '0'],
		[7, '0.07'],
		[29, '0.29'],
		[80, '0.8'],
		[100, '1']
	])('score %d is reported as scaled %s', (scorePercent, scaled) => {
		const { api, connection } = launch();
		connection.start();
		connection.recordResult({ scorePercent, passed: scorePercent >= 80 });
		expect(api.getFlattenedCMI()['cmi.score.scaled']).toBe(scaled);
		expect(api.GetValue('cmi.success_status')).toBe(scorePercent >= 80 ? 'passed' : 'failed');
		expect(connection.faults).toEqual([]);
	});

	it('relaunch of a passed attempt: status not reset, alreadyCompleted, no downgrade', () => {
		const { api, connection } = launch({
			completion_status: 'completed',
			success_status: 'passed',
			entry: 'resume',
			score: { scaled: '0.9', raw: '90', min: '0', max: '100' }
		});
		const setSpy = vi.spyOn(api, 'SetValue');
		connection.start();
		expect(connection.alreadyCompleted).toBe(true);
		expect(setSpy.mock.calls.map(([element]) => element)).toEqual(['cmi.exit']);

		connection.recordResult({ scorePercent: 50, passed: false });
		const cmi = api.getFlattenedCMI();
		expect(cmi['cmi.completion_status']).toBe('completed');
		expect(cmi['cmi.success_status']).toBe('passed');
		expect(cmi['cmi.score.raw']).toBe('90');
	});

	it('relaunch of a completed but failed attempt may still pass', () => {
		const { api, connection } = launch({
			completion_status: 'completed',
			success_status: 'failed'
		});
		connection.start();
		expect(connection.alreadyCompleted).toBe(true);
		connection.recordResult({ scorePercent: 95, passed: true });
		expect(api.cmi.success_status).toBe('passed');
	});
});

describe('finish', () => {
	it('terminates exactly once however often it is called (1.2)', () => {
		const api = moodle12();
		const finishes = countEvents(api, 'LMSFinish');
		const connection = connectToLms({ API: api });
		connection.start();
		connection.finish();
		connection.finish();
		connection.finish();
		expect(finishes.count).toBe(1);
		expect(connection.faults).toEqual([]);
	});

	it('terminates exactly once however often it is called (2004)', () => {
		const api = lms2004();
		const terminates = countEvents(api, 'Terminate');
		const connection = connectToLms({ API_1484_11: api });
		connection.start();
		connection.finish();
		connection.finish();
		expect(terminates.count).toBe(1);
		expect(connection.faults).toEqual([]);
	});

	it.each([
		['scorm12', () => ({ api: moodle12(), methods: API_METHODS_12 })],
		['scorm2004', () => ({ api: lms2004(), methods: API_METHODS_2004 })]
	] as const)('%s: no verb reaches the API after finish', (version, make) => {
		const { api, methods } = make();
		const connection = connectToLms({ API: api, API_1484_11: api }, { version });
		connection.start();
		connection.finish();
		const calls = spyAll(api, methods);
		connection.start();
		connection.saveProgress({ location: 's09', suspendData: 'x' });
		connection.recordResult({ scorePercent: 100, passed: true });
		connection.commit();
		connection.finish();
		expect(calls()).toBe(0);
		expect(connection.faults).toEqual([]);
	});

	it('before start: nothing is sent, and the session cannot start afterwards', () => {
		const api = moodle12();
		const connection = connectToLms({ API: api });
		const calls = spyAll(api, API_METHODS_12);
		connection.finish();
		connection.start();
		connection.saveProgress({ location: 's01', suspendData: 'x' });
		expect(calls()).toBe(0);
		expect(connection.connected).toBe(false);
	});

	it('commits before terminating, with the session time written first', () => {
		const api = lms2004();
		const order: string[] = [];
		api.on('SetValue.cmi.session_time', () => order.push('session_time'));
		api.on('Commit', () => order.push('commit'));
		api.on('Terminate', () => order.push('terminate'));
		const connection = connectToLms({ API_1484_11: api });
		connection.start();
		order.length = 0;
		connection.finish();
		expect(order).toEqual(['session_time', 'commit', 'terminate']);
	});
});

describe('commit', () => {
	it('commits without writing anything', () => {
		const api = moodle12();
		const connection = connectToLms({ API: api });
		connection.start();
		const setSpy = vi.spyOn(api, 'LMSSetValue');
		const commits = countEvents(api, 'LMSCommit');
		connection.commit();
		expect(commits.count).toBe(1);
		expect(setSpy).not.toHaveBeenCalled();
	});
});

describe('validation before sending', () => {
	it('1.2: an over-long location is not sent, but logged and recorded', () => {
		const api = moodle12();
		const connection = connectToLms({ API: api });
		connection.start();
		const setSpy = vi.spyOn(api, 'LMSSetValue');
		const location = 'x'.repeat(256);
		connection.saveProgress({ location, suspendData: 'x' });
		expect(setSpy.mock.calls.map(([element]) => element)).toEqual(['cmi.core.exit']);
		expect(api.cmi.core.lesson_location).toBe('');
		expect(connection.faults).toEqual([
			expect.objectContaining({
				call: 'LMSSetValue',
				element: 'cmi.core.lesson_location',
				value: location,
				code: 'invalid-value',
				message: expect.stringMatching(/longer than 255/)
			})
		]);
		expect(warn).toHaveBeenCalledWith(
			expect.stringContaining('cmi.core.lesson_location'),
			expect.objectContaining({ element: 'cmi.core.lesson_location' })
		);
	});

	it('2004: a location within 1000 characters is sent, beyond it is not', () => {
		const api = lms2004();
		const connection = connectToLms({ API_1484_11: api });
		connection.start();
		connection.saveProgress({ location: 'y'.repeat(1000), suspendData: 'x' });
		expect(api.cmi.location).toBe('y'.repeat(1000));
		connection.saveProgress({ location: 'z'.repeat(1001), suspendData: 'x' });
		expect(api.cmi.location).toBe('y'.repeat(1000));
		expect(connection.faults.map((fault) => fault.element)).toEqual(['cmi.location']);
	});

	it.each([
		['scorm12', 150],
		['scorm12', 85.5],
		['scorm12', Number.NaN],
		['scorm2004', -1],
		['scorm2004', 99.9]
	] as const)('%s: score %d breaks the contract; no score is sent, status is', (version, score) => {
		const api = version === 'scorm12' ? moodle12() : lms2004();
		const connection = connectToLms({ API: api, API_1484_11: api }, { version });
		connection.start();
		connection.recordResult({ scorePercent: score, passed: true });
		const cmi = api.getFlattenedCMI();
		if (version === 'scorm12') {
			expect(cmi['cmi.core.score.raw']).toBe('');
			expect(cmi['cmi.core.lesson_status']).toBe('passed');
		} else {
			expect(cmi['cmi.score.raw']).toBe('');
			expect(cmi['cmi.score.scaled']).toBe('');
			expect(cmi['cmi.success_status']).toBe('passed');
		}
		expect(connection.faults).toEqual([
			expect.objectContaining({ call: 'recordResult', code: 'invalid-result' })
		]);
	});
});

describe('a failing or throwing runtime', () => {
	it('1.2: Initialize returning false is recorded with the LMS error, then nothing is sent', () => {
		const api = moodle12();
		api.LMSInitialize('');
		const connection = connectToLms({ API: api });
		const calls = spyAll(api, ['LMSSetValue', 'LMSCommit', 'LMSFinish', 'LMSGetValue']);
		connection.start();
		expect(connection.mode).toBe('scorm12');
		expect(connection.connected).toBe(false);
		expect(connection.faults).toEqual([
			{
				call: 'LMSInitialize',
				code: '101',
				message: api.LMSGetErrorString('101'),
				diagnostic: api.LMSGetDiagnostic('101')
			}
		]);
		expect(connection.faults[0]?.message).not.toBe('');
		connection.saveProgress({ location: 's01', suspendData: 'x' });
		connection.recordResult({ scorePercent: 90, passed: true });
		connection.finish();
		expect(calls()).toBe(0);
		expect(connection.learnerName).toBeNull();
	});

	it("2004: Initialize returning 'false' (already initialised) is recorded as 103", () => {
		const api = lms2004();
		api.Initialize('');
		const connection = connectToLms({ API_1484_11: api });
		connection.start();
		expect(connection.faults).toEqual([
			expect.objectContaining({ call: 'Initialize', code: '103' })
		]);
		expect(connection.connected).toBe(false);
	});

	it('an LMS returning boolean false with no error code is still a fault', () => {
		const runtime = {
			LMSInitialize: () => false,
			LMSFinish: () => true,
			LMSGetValue: () => '',
			LMSSetValue: () => true,
			LMSCommit: () => true,
			LMSGetLastError: () => 0,
			LMSGetErrorString: () => '',
			LMSGetDiagnostic: () => ''
		};
		const connection = connectToLms({ API: runtime });
		connection.start();
		expect(connection.faults).toEqual([
			expect.objectContaining({ call: 'LMSInitialize', code: 'unknown' })
		]);
	});

	it('an LMS returning boolean true is accepted', () => {
		const writes: [string, string][] = [];
		const runtime = {
			Initialize: () => true,
			Terminate: () => true,
			GetValue: (element: string) => (element.endsWith('._count') ? '0' : 'unknown'),
			SetValue: (element: string, value: string) => writes.push([element, value]) > 0,
			Commit: () => true,
			GetLastError: () => '0',
			GetErrorString: () => '',
			GetDiagnostic: () => ''
		};
		const connection = connectToLms({ API_1484_11: runtime });
		connection.start();
		expect(connection.connected).toBe(true);
		expect(writes).toContainEqual(['cmi.completion_status', 'incomplete']);
		expect(connection.faults).toEqual([]);
	});

	it('a runtime whose every method throws never breaks the caller', () => {
		const boom = () => {
			throw new TypeError('LMS exploded');
		};
		const runtime = Object.fromEntries(API_METHODS_12.map((method) => [method, boom]));
		const connection = connectToLms({ API: runtime });
		expect(() => {
			connection.start();
			connection.saveProgress({ location: 's01', suspendData: 'x' });
			connection.recordResult({ scorePercent: 90, passed: true });
			connection.commit();
			connection.finish();
			connection.finish();
		}).not.toThrow();
		expect(connection.faults).toEqual([
			{ call: 'LMSInitialize', code: 'exception', message: 'LMS exploded', diagnostic: 'TypeError' }
		]);
		expect(warn).toHaveBeenCalledTimes(1);
	});

	it('a runtime that throws mid-session: each failure recorded, the rest still works', () => {
		const api = lms2004();
		const connection = connectToLms({ API_1484_11: api });
		connection.start();
		vi.spyOn(api, 'Commit').mockImplementation(() => {
			throw new Error('network down');
		});
		expect(() => connection.saveProgress({ location: 's03', suspendData: 'x' })).not.toThrow();
		expect(api.cmi.location).toBe('s03');
		expect(connection.faults).toEqual([
			expect.objectContaining({ call: 'Commit', code: 'exception', message: 'network down' })
		]);
		vi.mocked(api.Commit).mockRestore();
		const terminates = countEvents(api, 'Terminate');
		connection.finish();
		expect(terminates.count).toBe(1);
	});

	it('a SetValue refused by the LMS is recorded with its error code and strings', () => {
		const api = moodle12();
		const connection = connectToLms({ API: api });
		connection.start();
		vi.spyOn(api, 'LMSSetValue').mockReturnValue('false');
		vi.spyOn(api, 'LMSGetLastError').mockReturnValue('405');
		connection.saveProgress({ location: 's04', suspendData: 'x' });
		expect(connection.faults[0]).toEqual({
			call: 'LMSSetValue',
			element: 'cmi.core.lesson_location',
			value: 's04',
			code: '405',
			message: api.LMSGetErrorString('405'),
			diagnostic: api.LMSGetDiagnostic('405')
		});
	});

	it('a GetValue error is recorded and treated as empty', () => {
		const api = lms2004();
		vi.spyOn(api, 'GetValue').mockImplementation(() => {
			throw new Error('read failed');
		});
		const connection = connectToLms({ API_1484_11: api });
		connection.start();
		expect(connection.connected).toBe(true);
		expect(connection.learnerName).toBeNull();
		expect(connection.learnerLanguage).toBeNull();
		expect(connection.faults.map((fault) => [fault.call, fault.element])).toEqual([
			['GetValue', 'cmi.learner_name'],
			['GetValue', 'cmi.learner_id'],
			['GetValue', 'cmi.learner_preference.language'],
			['GetValue', 'cmi.completion_status'],
			['GetValue', 'cmi.success_status'],
			['GetValue', 'cmi.entry'],
			['GetValue', 'cmi.location'],
			['GetValue', 'cmi.suspend_data'],
			['GetValue', 'cmi.interactions._count'],
			['GetValue', 'cmi.objectives._count']
		]);
		expect(connection.saved).toBeNull();
		expect(api.cmi.completion_status).toBe('incomplete');
	});

	it('keeps at most 100 faults', () => {
		const api = moodle12();
		const connection = connectToLms({ API: api });
		connection.start();
		for (let i = 0; i < 150; i++)
			connection.saveProgress({ location: 'x'.repeat(300), suspendData: 'x' });
		expect(connection.faults).toHaveLength(100);
	});
});

describe('finishOnPageHide', () => {
	function fakeWindow() {
		const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
		return Object.assign(new EventTarget(), { document });
	}

	function started(): { api: Scorm12API; connection: LmsConnection } {
		const api = moodle12();
		const connection = connectToLms({ API: api });
		connection.start();
		return { api, connection };
	}

	it('commits when the page becomes hidden, finishes once on pagehide', () => {
		const { api, connection } = started();
		const win = fakeWindow();
		const commits = countEvents(api, 'LMSCommit');
		const finishes = countEvents(api, 'LMSFinish');
		finishOnPageHide(connection, win);

		win.document.visibilityState = 'hidden';
		win.document.dispatchEvent(new Event('visibilitychange'));
		expect(commits.count).toBe(1);
		expect(finishes.count).toBe(0);

		win.document.visibilityState = 'visible';
		win.document.dispatchEvent(new Event('visibilitychange'));
		expect(commits.count).toBe(1);

		win.dispatchEvent(new Event('pagehide'));
		win.dispatchEvent(new Event('pagehide'));
		expect(finishes.count).toBe(1);
		expect(connection.faults).toEqual([]);
	});

	it('after an explicit finish, pagehide reaches nothing', () => {
		const { api, connection } = started();
		const win = fakeWindow();
		finishOnPageHide(connection, win);
		connection.finish();
		const calls = spyAll(api, API_METHODS_12);
		win.dispatchEvent(new Event('pagehide'));
		expect(calls()).toBe(0);
	});

	it('tells of a page back from the back/forward cache after pagehide ended the session', () => {
		const { connection } = started();
		const win = fakeWindow();
		let restored = 0;
		finishOnPageHide(
			{
				finish: () => connection.finish(),
				commit: () => connection.commit(),
				restored: () => restored++
			},
			win
		);
		const shown = (persisted: boolean) =>
			Object.assign(new Event('pageshow'), { persisted }) as PageTransitionEvent;
		// the first load's pageshow, and a reload: nothing was ended
		win.dispatchEvent(shown(false));
		win.dispatchEvent(shown(true));
		expect(restored).toBe(0);
		win.dispatchEvent(new Event('pagehide'));
		win.dispatchEvent(shown(false));
		expect(restored).toBe(0);
		win.dispatchEvent(shown(true));
		expect(restored).toBe(1);
	});

	it('returns a function that removes the listeners', () => {
		const { api, connection } = started();
		const win = fakeWindow();
		const finishes = countEvents(api, 'LMSFinish');
		const stop = finishOnPageHide(connection, win);
		stop();
		win.dispatchEvent(new Event('pagehide'));
		expect(finishes.count).toBe(0);
	});
});

describe('the learner language preference', () => {
	it('is read once at start from each edition, trimmed', () => {
		const api12 = moodle12();
		api12.loadFromJSON({ student_preference: { language: ' cy ' } });
		const one = connectToLms({ API: api12 });
		expect(one.learnerLanguage).toBeNull();
		one.start();
		expect(one.learnerLanguage).toBe('cy');

		const api2004 = lms2004({ learner_preference: { language: 'cy-GB' } });
		const two = connectToLms({ API_1484_11: api2004 });
		two.start();
		expect(two.learnerLanguage).toBe('cy-GB');
		expect([...one.faults, ...two.faults]).toEqual([]);
	});

	it('is null when empty, when standalone, or when a 1.2 LMS does not implement it', () => {
		const empty = connectToLms({ API_1484_11: lms2004() });
		empty.start();
		expect(empty.learnerLanguage).toBeNull();
		expect(connectToLms({}).learnerLanguage).toBeNull();

		const api = moodle12();
		const getValue = api.LMSGetValue.bind(api);
		let notImplemented = false;
		vi.spyOn(api, 'LMSGetValue').mockImplementation((element: string) => {
			notImplemented = element === 'cmi.student_preference.language';
			return notImplemented ? '' : getValue(element);
		});
		const getLastError = api.LMSGetLastError.bind(api);
		vi.spyOn(api, 'LMSGetLastError').mockImplementation(() =>
			notImplemented ? '401' : getLastError()
		);
		const connection = connectToLms({ API: api });
		connection.start();
		expect(connection.learnerLanguage).toBeNull();
		const setValue = vi.spyOn(api, 'LMSSetValue');
		connection.saveLanguage('cy');
		expect(setValue).not.toHaveBeenCalledWith('cmi.student_preference.language', 'cy');
		expect(connection.faults).toEqual([]);
	});

	it('keeps the language the learner switches to, for their next launch', () => {
		const api12 = moodle12();
		const one = connectToLms({ API: api12 });
		one.start();
		one.saveLanguage('cy');
		expect(api12.LMSGetValue('cmi.student_preference.language')).toBe('cy');
		expect(one.learnerLanguage).toBe('cy');

		const api2004 = lms2004({ learner_preference: { language: 'cy' } });
		const two = connectToLms({ API_1484_11: api2004 });
		two.start();
		two.saveLanguage('en-GB');
		expect(api2004.GetValue('cmi.learner_preference.language')).toBe('en-GB');
		// a value that is not a language tag never reaches the LMS
		two.saveLanguage('Welsh please');
		expect(api2004.GetValue('cmi.learner_preference.language')).toBe('en-GB');
		expect(one.faults).toEqual([]);
		expect(two.faults.map((f) => f.element)).toEqual(['cmi.learner_preference.language']);
	});
});
