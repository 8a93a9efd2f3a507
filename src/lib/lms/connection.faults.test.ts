/**
 * A misbehaving LMS, built by wrapping real scorm-again runtimes with `withFaults`: refused and
 * throwing calls, commit retries with backoff, and terminating exactly once. Long because each
 * fault is played against both editions with the same scheduler and clock set-up.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { connectToLms, finishOnPageHide } from './connection';
import { recordCalls, withFaults } from '../../../tests/fixtures/test-faults';
import {
	clock,
	contentFrameUnder,
	lms2004,
	manualScheduler,
	moodle12,
	decision
} from '../../../tests/fixtures/test-lms';

const DECISION = decision();

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
	warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
	vi.restoreAllMocks();
});

/** A 2004 session over a faulty runtime, with a manual clock and retry queue. */
function session2004(faults: Parameters<typeof withFaults>[1]) {
	const lms = lms2004();
	const traced = recordCalls(withFaults(lms, faults));
	const time = clock();
	const retries = manualScheduler();
	const connection = connectToLms(contentFrameUnder({ API_1484_11: traced.api }), {
		version: 'scorm2004',
		now: time.now,
		schedule: retries.schedule
	});
	const count = (method: string) => traced.calls.filter(([name]) => name === method).length;
	return { lms, ...traced, time, retries, connection, count };
}

function session12(faults: Parameters<typeof withFaults>[1]) {
	const lms = moodle12();
	const traced = recordCalls(withFaults(lms, faults));
	const time = clock();
	const retries = manualScheduler();
	const connection = connectToLms(contentFrameUnder({ API: traced.api }), {
		version: 'scorm12',
		now: time.now,
		schedule: retries.schedule
	});
	const count = (method: string) => traced.calls.filter(([name]) => name === method).length;
	return { lms, ...traced, time, retries, connection, count };
}

describe('withFaults itself', () => {
	it('passes untouched calls through, counts the nth call, and reports a plausible error', () => {
		const lms = lms2004();
		const api = withFaults(lms, { failCall: 3 });
		expect(api.Initialize('')).toBe('true'); // 1
		expect(api.SetValue('cmi.location', 'a')).toBe('true'); // 2
		expect(api.GetLastError()).toBe('0'); // not counted
		expect(api.SetValue('cmi.location', 'b')).toBe('false'); // 3: refused, never reaches the LMS
		expect(api.GetLastError()).toBe('351');
		expect(api.GetErrorString('351')).toBe(lms.GetErrorString('351'));
		expect(lms.cmi.location).toBe('a');
		expect(api.SetValue('cmi.location', 'c')).toBe('true'); // 4
		expect(api.GetLastError()).toBe('0');
		expect(api.getFlattenedCMI()['cmi.location']).toBe('c'); // non-API members still work
	});

	it('throws, or busy-waits, on the selected calls', () => {
		const api = withFaults(moodle12(), {
			throwOn: { method: 'LMSCommit', from: 2, times: 1 },
			delayMs: 20,
			delayOn: { method: 'LMSSetValue' }
		});
		api.LMSInitialize('');
		expect(api.LMSCommit('')).toBe('true');
		expect(() => api.LMSCommit('')).toThrow('injected fault: LMSCommit threw');
		expect(api.LMSCommit('')).toBe('true');
		const started = Date.now();
		expect(api.LMSSetValue('cmi.core.lesson_location', 's01')).toBe('true');
		expect(Date.now() - started).toBeGreaterThanOrEqual(20);
	});
});

describe('commit retries', () => {
	it('a failing Commit is retried after 1, 2, 4 s and the third retry succeeds', () => {
		const { connection, retries, time, count, lms } = session2004({
			failCall: { method: 'Commit', times: 3 }
		});
		connection.start();
		expect(connection.connected).toBe(true);
		expect(connection.commitFailing).toBe(true);
		expect(connection.unsavedSince).toBe(1000);
		expect(connection.faults).toEqual([
			{
				call: 'Commit',
				code: '391',
				message: lms.GetErrorString('391'),
				diagnostic: lms.GetDiagnostic('391')
			}
		]);
		expect(retries.scheduled).toEqual([1000]);

		time.advance(1000);
		expect(retries.runNext()).toBe(1000);
		expect(retries.scheduled).toEqual([1000, 2000]);
		time.advance(2000);
		retries.runNext();
		expect(retries.scheduled).toEqual([1000, 2000, 4000]);
		expect(connection.unsavedSince).toBe(1000);
		time.advance(4000);
		retries.runNext();

		expect(count('Commit')).toBe(4);
		expect(connection.commitFailing).toBe(false);
		expect(connection.unsavedSince).toBeNull();
		expect(retries.pending).toBe(0);
		expect(retries.scheduled).toEqual([1000, 2000, 4000]);
		expect(connection.faults.map((fault) => fault.call)).toEqual(['Commit', 'Commit', 'Commit']);
	});

	it('retries at most 4 times (1, 2, 4, 8 s) until a commit succeeds again', () => {
		const { connection, retries, count } = session12({
			failCall: { method: 'LMSCommit', times: 6 }
		});
		connection.start();
		expect(retries.runAll()).toEqual([1000, 2000, 4000, 8000]);
		expect(count('LMSCommit')).toBe(5);
		expect(connection.commitFailing).toBe(true);
		expect(connection.faults.every((fault) => fault.code === '101')).toBe(true);

		// the learner carries on: each verb still commits, but no new timers while still failing
		connection.saveProgress({ location: 's01', suspendData: '{}' });
		expect(count('LMSCommit')).toBe(6);
		expect(retries.pending).toBe(0);

		// the LMS is back: the next commit succeeds, and a later failure gets retries again
		connection.commit();
		expect(connection.commitFailing).toBe(false);
		expect(count('LMSCommit')).toBe(7);
	});

	it('a successful commit from a verb cancels the pending retry', () => {
		const { connection, retries, count } = session2004({
			failCall: { method: 'Commit', times: 1 }
		});
		connection.start();
		expect(retries.pending).toBe(1);
		connection.recordInteraction(DECISION);
		expect(connection.commitFailing).toBe(false);
		expect(count('Commit')).toBe(2);
		retries.runAll();
		expect(count('Commit')).toBe(2);
	});

	it('a failure while a retry is pending does not add a second timer', () => {
		const { connection, retries } = session2004({ failCall: { method: 'Commit', times: 3 } });
		connection.start();
		connection.saveProgress({ location: 's01', suspendData: '{}' });
		connection.commit();
		expect(retries.scheduled).toEqual([1000]);
	});

	it('no retries after finish', () => {
		const { connection, retries, count } = session2004({ failCall: { method: 'Commit' } });
		connection.start();
		expect(retries.pending).toBe(1);
		connection.finish();
		const calls = count('Commit') + count('Terminate');
		retries.runAll();
		expect(count('Commit') + count('Terminate')).toBe(calls);
		expect(count('Terminate')).toBe(1);
		expect(retries.scheduled).toEqual([1000]);
	});

	it('a scheduler that throws is a fault, not a crash', () => {
		const lms = lms2004();
		const connection = connectToLms(
			{ API_1484_11: withFaults(lms, { failCall: { method: 'Commit' } }) },
			{
				schedule: () => {
					throw new Error('no timers here');
				}
			}
		);
		expect(() => connection.start()).not.toThrow();
		expect(connection.faults.map((fault) => [fault.call, fault.code])).toEqual([
			['Commit', '391'],
			['schedule', 'exception']
		]);
	});

	it('the default scheduler is setTimeout', () => {
		vi.useFakeTimers();
		try {
			const lms = lms2004();
			const commits = vi.fn();
			lms.on('Commit', commits);
			const connection = connectToLms({
				API_1484_11: withFaults(lms, { failCall: { method: 'Commit', times: 1 } })
			});
			connection.start();
			expect(connection.commitFailing).toBe(true);
			vi.advanceTimersByTime(999);
			expect(commits).not.toHaveBeenCalled();
			vi.advanceTimersByTime(1);
			expect(commits).toHaveBeenCalledTimes(1);
			expect(connection.commitFailing).toBe(false);
		} finally {
			vi.useRealTimers();
		}
	});
});

describe('refused calls', () => {
	it('Initialize refused: recorded with the LMS error, nothing else is sent', () => {
		const { connection, calls, lms } = session2004({ failCall: { method: 'Initialize' } });
		connection.start();
		connection.saveProgress({ location: 's01', suspendData: '{}' });
		connection.recordInteraction(DECISION);
		connection.recordObjectives([{ id: 'theme_risk', scorePercent: 50, status: 'passed' }]);
		connection.recordResult({ scorePercent: 90, passed: true });
		connection.finish();
		expect(connection.connected).toBe(false);
		expect(connection.saved).toBeNull();
		expect(connection.faults).toEqual([
			{
				call: 'Initialize',
				code: '102',
				message: lms.GetErrorString('102'),
				diagnostic: lms.GetDiagnostic('102')
			}
		]);
		expect(calls.map(([method]) => method)).toEqual([
			'Initialize',
			'GetLastError',
			'GetErrorString',
			'GetDiagnostic'
		]);
	});

	it('SetValue of an interaction id refused: nothing else for it, the index is reused', () => {
		const { connection, lms } = session2004({
			failCall: { method: 'SetValue', element: /^cmi\.interactions\.\d+\.id$/, times: 1 }
		});
		connection.start();
		connection.recordInteraction(DECISION);
		expect(lms.GetValue('cmi.interactions._count')).toBe('0');
		connection.recordInteraction({ ...DECISION, id: 'ambulance_fall_at_home.the_partner' });
		expect(lms.GetValue('cmi.interactions.0.id')).toBe('ambulance_fall_at_home.the_partner');
		expect(lms.GetValue('cmi.interactions.0.learner_response')).toBe('ask_directly');
		expect(connection.faults).toEqual([
			expect.objectContaining({
				call: 'SetValue',
				element: 'cmi.interactions.0.id',
				value: 'ambulance_fall_at_home.the_hint',
				code: '351'
			})
		]);
	});

	it('SetValue of a response refused: the rest is sent and the index is used', () => {
		const { connection, lms } = session12({
			failCall: { method: 'LMSSetValue', element: 'cmi.interactions.0.student_response' }
		});
		connection.start();
		connection.recordInteraction(DECISION);
		connection.recordInteraction({ ...DECISION, id: 'ambulance_fall_at_home.the_partner' });
		const flat = lms.getFlattenedCMI();
		expect(flat['cmi.interactions.0.student_response']).toBe('');
		expect(flat['cmi.interactions.0.result']).toBe('correct');
		expect(flat['cmi.interactions.1.id']).toBe('ambulance_fall_at_home.the_partner');
		expect(connection.faults.map((fault) => [fault.element, fault.code])).toEqual([
			['cmi.interactions.0.student_response', '101']
		]);
	});

	it('type refused (2004): no responses follow (they would be error 408)', () => {
		const { connection, calls } = session2004({
			failCall: { method: 'SetValue', element: 'cmi.interactions.0.type' }
		});
		connection.start();
		const before = calls.length;
		connection.recordInteraction(DECISION);
		const sent = calls.slice(before).filter(([method]) => method === 'SetValue');
		expect(sent.map(([, element]) => element)).toEqual([
			'cmi.interactions.0.id',
			'cmi.interactions.0.type'
		]);
	});
});

describe('a runtime that throws', () => {
	it('on every call: no verb throws, one fault, nothing else attempted', () => {
		const { connection, calls } = session12({ throwOn: 'every' });
		expect(() => {
			connection.start();
			connection.saveProgress({ location: 's01', suspendData: '{}' });
			connection.recordInteraction(DECISION);
			connection.recordObjectives([{ id: 'theme_risk', scorePercent: 50, status: 'passed' }]);
			connection.recordResult({ scorePercent: 90, passed: true });
			connection.commit();
			connection.finish();
			connection.finish();
		}).not.toThrow();
		expect(connection.faults).toEqual([
			{
				call: 'LMSInitialize',
				code: 'exception',
				message: 'injected fault: LMSInitialize threw',
				diagnostic: 'Error'
			}
		]);
		expect(calls.map(([method]) => method)).toEqual(['LMSInitialize']);
		expect(warn).toHaveBeenCalledTimes(1);
	});

	it('on every call after start: every verb still returns, faults name each call', () => {
		let live = true;
		const lms = lms2004();
		const api = withFaults(lms, { throwOn: () => !live });
		const retries = manualScheduler();
		const connection = connectToLms({ API_1484_11: api }, { schedule: retries.schedule });
		connection.start();
		expect(connection.faults).toEqual([]);
		live = false;
		expect(() => {
			connection.saveProgress({ location: 's01', suspendData: '{}' });
			connection.recordInteraction(DECISION);
			connection.recordObjectives([{ id: 'theme_risk', scorePercent: 50, status: 'passed' }]);
			connection.recordResult({ scorePercent: 90, passed: true });
			retries.runAll();
			connection.finish();
		}).not.toThrow();
		const calls = new Set(connection.faults.map((fault) => fault.call));
		expect(calls).toEqual(new Set(['SetValue', 'Commit', 'Terminate']));
		expect(connection.faults.every((fault) => fault.code === 'exception')).toBe(true);
		expect(connection.commitFailing).toBe(true);
	});

	it('returning garbage: no verb throws, garbage counts as failure', () => {
		const garbage = {
			Initialize: () => 'true',
			Terminate: () => undefined,
			GetValue: (element: string) => (element.endsWith('_count') ? 'lots' : { weird: true }),
			SetValue: () => 1,
			Commit: () => 'yes',
			GetLastError: () => null,
			GetErrorString: () => 42,
			GetDiagnostic: () => undefined
		};
		const retries = manualScheduler();
		const connection = connectToLms({ API_1484_11: garbage }, { schedule: retries.schedule });
		expect(() => {
			connection.start();
			connection.recordInteraction(DECISION);
			connection.recordObjectives([{ id: 'theme_risk', scorePercent: 50, status: 'passed' }]);
			connection.finish();
		}).not.toThrow();
		expect(connection.learnerName).toBe('[object Object]');
		expect(connection.faults).toContainEqual(
			expect.objectContaining({
				element: 'cmi.interactions._count',
				value: 'lots',
				code: 'invalid-response'
			})
		);
		expect(connection.faults).toContainEqual(
			expect.objectContaining({ call: 'Commit', code: 'unknown' })
		);
		expect(connection.faults).toContainEqual(
			expect.objectContaining({ call: 'Terminate', code: 'unknown' })
		);
	});
});

describe('terminate exactly once', () => {
	function fakeWindow() {
		const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
		return Object.assign(new EventTarget(), { document });
	}

	it.each([
		['scorm12', () => session12({})],
		['scorm2004', () => session2004({})]
	] as const)('%s: finish + pagehide + finish', (version, make) => {
		const { connection, calls, count } = make();
		const win = fakeWindow();
		finishOnPageHide(connection, win);
		connection.start();
		connection.recordInteraction(DECISION);
		connection.finish();
		const after = calls.length;
		win.dispatchEvent(new Event('pagehide'));
		connection.finish();
		win.document.visibilityState = 'hidden';
		win.document.dispatchEvent(new Event('visibilitychange'));
		expect(calls.length).toBe(after);
		expect(count(version === 'scorm12' ? 'LMSFinish' : 'Terminate')).toBe(1);
	});

	it('a refused Terminate is recorded and not tried again', () => {
		const { connection, count, retries } = session2004({ failCall: { method: 'Terminate' } });
		const win = fakeWindow();
		finishOnPageHide(connection, win);
		connection.start();
		win.dispatchEvent(new Event('pagehide'));
		connection.finish();
		win.dispatchEvent(new Event('pagehide'));
		retries.runAll();
		expect(count('Terminate')).toBe(1);
		expect(connection.faults).toEqual([
			expect.objectContaining({ call: 'Terminate', code: '111' })
		]);
	});

	it('a slow LMS (busy-waiting calls) is still finished once, in order', () => {
		const { connection, calls } = session12({ delayMs: 5, delayOn: { method: 'LMSCommit' } });
		connection.start();
		connection.saveProgress({ location: 's01', suspendData: '{}' });
		connection.finish();
		connection.finish();
		expect(calls.slice(-3).map(([method, element]) => [method, element])).toEqual([
			['LMSSetValue', 'cmi.core.session_time'],
			['LMSCommit', ''],
			['LMSFinish', '']
		]);
		expect(connection.faults).toEqual([]);
	});
});

describe('a deferred start commit', () => {
	it('commits just after the first screen, once, unless a verb has committed already', () => {
		const idle = session2004({});
		idle.connection.start({ deferCommit: true });
		expect(idle.count('Commit')).toBe(0);
		expect(idle.retries.scheduled).toEqual([0]);
		idle.retries.runAll();
		expect(idle.count('Commit')).toBe(1);
		expect(idle.lms.getFlattenedCMI()['cmi.completion_status']).toBe('incomplete');

		const busy = session2004({});
		busy.connection.start({ deferCommit: true });
		busy.connection.saveProgress({ location: 'x', suspendData: 'y' });
		expect(busy.count('Commit')).toBe(1);
		busy.retries.runAll();
		expect(busy.count('Commit')).toBe(1);
		expect([...idle.connection.faults, ...busy.connection.faults]).toEqual([]);
	});

	it('commits at once when the scheduler throws, and records the fault', () => {
		const lms = lms2004();
		const connection = connectToLms(
			{ API_1484_11: lms },
			{
				schedule: () => {
					throw new Error('no timers here');
				}
			}
		);
		const commits = vi.spyOn(lms, 'Commit');
		connection.start({ deferCommit: true });
		expect(commits).toHaveBeenCalledTimes(1);
		expect(connection.faults.map((f) => f.call)).toEqual(['schedule']);
	});
});
