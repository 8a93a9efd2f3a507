/**
 * Golden traces: every runtime call of one full run, in order, with what the LMS returned. Any
 * change to what the adapter sends shows up here in review.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	connectToLms,
	type InteractionRecord,
	type LmsConnection,
	type ObjectiveRecord
} from './connection';
import { recordCalls } from '../../../tests/fixtures/test-faults';
import {
	clock,
	contentFrameUnder,
	lms2004,
	localTime,
	manualScheduler,
	moodle12
} from '../../../tests/fixtures/test-lms';

const firstDecision: InteractionRecord = {
	id: 'ambulance_fall_at_home.the_hint',
	choiceId: 'ask_directly',
	choiceIndex: 1,
	correctChoiceIds: ['ask_directly'],
	correctChoiceIndexes: [1],
	result: 'correct',
	weighting: 1,
	latencyMs: 12_500,
	at: localTime(2025, 11, 28, 14, 5, 9),
	description: 'Mrs Patel says her husband "gets cross" when she is out.\nWhat do you do?',
	objective: 'theme_risk'
};

const secondDecision: InteractionRecord = {
	id: 'ambulance_fall_at_home.the_partner',
	choiceId: 'leave_it',
	choiceIndex: 2,
	correctChoiceIds: ['speak_alone', 'ask_directly'],
	correctChoiceIndexes: [0, 1],
	result: 'incorrect',
	weighting: 2,
	latencyMs: 61_020,
	at: localTime(2025, 11, 28, 14, 6, 11),
	description: 'Her husband insists on staying in the room.',
	objective: 'theme_coercion'
};

const themes: ObjectiveRecord[] = [
	{ id: 'theme_risk', scorePercent: 100, status: 'passed' },
	{ id: 'theme_coercion', scorePercent: 0, status: 'incomplete' }
];

function run(connection: LmsConnection, advance: (ms: number) => void) {
	connection.start();
	connection.saveProgress({
		location: 'ambulance_fall_at_home.the_hint',
		suspendData: '{"v":1,"at":"the_hint","d":[]}'
	});
	connection.recordInteraction(firstDecision);
	connection.recordInteraction(secondDecision);
	connection.recordObjectives(themes);
	connection.saveProgress({
		location: 'ambulance_fall_at_home.summary',
		suspendData: '{"v":1,"at":"summary","d":["ask_directly","leave_it"]}'
	});
	advance(187_250);
	connection.recordResult({ scorePercent: 50, passed: false });
	connection.finish();
}

beforeEach(() => {
	vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
	vi.restoreAllMocks();
});

describe('golden trace of one full run', () => {
	it('SCORM 1.2 (Moodle-like scorm-again, first launch)', () => {
		const { api, format } = recordCalls(moodle12());
		const time = clock();
		const retries = manualScheduler();
		const connection = connectToLms(contentFrameUnder({ API: api }), {
			version: 'scorm12',
			now: time.now,
			schedule: retries.schedule
		});
		run(connection, time.advance);
		expect(connection.faults).toEqual([]);
		expect(retries.scheduled).toEqual([]);
		expect(format().join('\n')).toMatchInlineSnapshot(`
			"LMSInitialize → 'true'
			LMSGetValue cmi.core.student_name → 'Doe, Jane'
			LMSGetLastError → '0'
			LMSGetValue cmi.core.student_id → ''
			LMSGetLastError → '0'
			LMSGetValue cmi.student_preference.language → ''
			LMSGetLastError → '0'
			LMSGetValue cmi.core.lesson_status → 'not attempted'
			LMSGetLastError → '0'
			LMSGetValue cmi.core.entry → ''
			LMSGetLastError → '0'
			LMSGetValue cmi.core.lesson_location → ''
			LMSGetLastError → '0'
			LMSGetValue cmi.suspend_data → ''
			LMSGetLastError → '0'
			LMSGetValue cmi.interactions._count → '0'
			LMSGetLastError → '0'
			LMSGetValue cmi.objectives._count → '0'
			LMSGetLastError → '0'
			LMSSetValue cmi.core.lesson_status = 'incomplete' → 'true'
			LMSSetValue cmi.core.score.min = '0' → 'true'
			LMSSetValue cmi.core.score.max = '100' → 'true'
			LMSSetValue cmi.core.exit = 'suspend' → 'true'
			LMSCommit → 'true'
			LMSSetValue cmi.core.lesson_location = 'ambulance_fall_at_home.the_hint' → 'true'
			LMSSetValue cmi.suspend_data = '{"v":1,"at":"the_hint","d":[]}' → 'true'
			LMSSetValue cmi.core.exit = 'suspend' → 'true'
			LMSCommit → 'true'
			LMSSetValue cmi.interactions.0.id = 'ambulance_fall_at_home.the_hint' → 'true'
			LMSSetValue cmi.interactions.0.type = 'choice' → 'true'
			LMSSetValue cmi.interactions.0.objectives.0.id = 'theme_risk' → 'true'
			LMSSetValue cmi.interactions.0.time = '14:05:09' → 'true'
			LMSSetValue cmi.interactions.0.weighting = '1' → 'true'
			LMSSetValue cmi.interactions.0.student_response = 'b' → 'true'
			LMSSetValue cmi.interactions.0.correct_responses.0.pattern = 'b' → 'true'
			LMSSetValue cmi.interactions.0.result = 'correct' → 'true'
			LMSSetValue cmi.interactions.0.latency = '0000:00:12.50' → 'true'
			LMSCommit → 'true'
			LMSSetValue cmi.interactions.1.id = 'ambulance_fall_at_home.the_partner' → 'true'
			LMSSetValue cmi.interactions.1.type = 'choice' → 'true'
			LMSSetValue cmi.interactions.1.objectives.0.id = 'theme_coercion' → 'true'
			LMSSetValue cmi.interactions.1.time = '14:06:11' → 'true'
			LMSSetValue cmi.interactions.1.weighting = '2' → 'true'
			LMSSetValue cmi.interactions.1.student_response = 'c' → 'true'
			LMSSetValue cmi.interactions.1.correct_responses.0.pattern = 'a,b' → 'true'
			LMSSetValue cmi.interactions.1.result = 'wrong' → 'true'
			LMSSetValue cmi.interactions.1.latency = '0000:01:01.02' → 'true'
			LMSCommit → 'true'
			LMSSetValue cmi.objectives.0.id = 'theme_risk' → 'true'
			LMSSetValue cmi.objectives.0.score.min = '0' → 'true'
			LMSSetValue cmi.objectives.0.score.max = '100' → 'true'
			LMSSetValue cmi.objectives.0.score.raw = '100' → 'true'
			LMSSetValue cmi.objectives.0.status = 'passed' → 'true'
			LMSSetValue cmi.objectives.1.id = 'theme_coercion' → 'true'
			LMSSetValue cmi.objectives.1.score.min = '0' → 'true'
			LMSSetValue cmi.objectives.1.score.max = '100' → 'true'
			LMSSetValue cmi.objectives.1.score.raw = '0' → 'true'
			LMSSetValue cmi.objectives.1.status = 'incomplete' → 'true'
			LMSCommit → 'true'
			LMSSetValue cmi.core.lesson_location = 'ambulance_fall_at_home.summary' → 'true'
			LMSSetValue cmi.suspend_data = '{"v":1,"at":"summary","d":["ask_directly","leave_it"]}' → 'true'
			LMSSetValue cmi.core.exit = 'suspend' → 'true'
			LMSCommit → 'true'
			LMSSetValue cmi.core.score.min = '0' → 'true'
			LMSSetValue cmi.core.score.max = '100' → 'true'
			LMSSetValue cmi.core.score.raw = '50' → 'true'
			LMSSetValue cmi.core.lesson_status = 'failed' → 'true'
			LMSSetValue cmi.core.exit = '' → 'true'
			LMSSetValue cmi.core.session_time = '0000:03:07.25' → 'true'
			LMSCommit → 'true'
			LMSFinish → 'true'"
		`);
	});

	it('SCORM 2004 (scorm-again, first launch)', () => {
		const { api, format } = recordCalls(lms2004());
		const time = clock();
		const retries = manualScheduler();
		const connection = connectToLms(contentFrameUnder({ API_1484_11: api }), {
			version: 'scorm2004',
			now: time.now,
			schedule: retries.schedule
		});
		run(connection, time.advance);
		expect(connection.faults).toEqual([]);
		expect(retries.scheduled).toEqual([]);
		expect(format().join('\n')).toMatchInlineSnapshot(`
			"Initialize → 'true'
			GetValue cmi.learner_name → 'Doe, Jane'
			GetLastError → '0'
			GetValue cmi.learner_id → ''
			GetLastError → '0'
			GetValue cmi.learner_preference.language → ''
			GetLastError → '0'
			GetValue cmi.completion_status → 'unknown'
			GetLastError → '0'
			GetValue cmi.success_status → 'unknown'
			GetLastError → '0'
			GetValue cmi.entry → ''
			GetLastError → '0'
			GetValue cmi.location → ''
			GetLastError → '403'
			GetValue cmi.suspend_data → ''
			GetLastError → '403'
			GetValue cmi.interactions._count → '0'
			GetLastError → '0'
			GetValue cmi.objectives._count → '0'
			GetLastError → '0'
			SetValue cmi.completion_status = 'incomplete' → 'true'
			SetValue cmi.score.min = '0' → 'true'
			SetValue cmi.score.max = '100' → 'true'
			SetValue cmi.exit = 'suspend' → 'true'
			Commit → 'true'
			SetValue cmi.location = 'ambulance_fall_at_home.the_hint' → 'true'
			SetValue cmi.suspend_data = '{"v":1,"at":"the_hint","d":[]}' → 'true'
			SetValue cmi.exit = 'suspend' → 'true'
			Commit → 'true'
			SetValue cmi.interactions.0.id = 'ambulance_fall_at_home.the_hint' → 'true'
			SetValue cmi.interactions.0.type = 'choice' → 'true'
			SetValue cmi.interactions.0.objectives.0.id = 'theme_risk' → 'true'
			SetValue cmi.interactions.0.timestamp = '2025-11-28T14:05:09' → 'true'
			SetValue cmi.interactions.0.weighting = '1' → 'true'
			SetValue cmi.interactions.0.learner_response = 'ask_directly' → 'true'
			SetValue cmi.interactions.0.correct_responses.0.pattern = 'ask_directly' → 'true'
			SetValue cmi.interactions.0.result = 'correct' → 'true'
			SetValue cmi.interactions.0.latency = 'PT12.5S' → 'true'
			SetValue cmi.interactions.0.description = 'Mrs Patel says her husband "gets cross" when she is out. What do you do?' → 'true'
			Commit → 'true'
			SetValue cmi.interactions.1.id = 'ambulance_fall_at_home.the_partner' → 'true'
			SetValue cmi.interactions.1.type = 'choice' → 'true'
			SetValue cmi.interactions.1.objectives.0.id = 'theme_coercion' → 'true'
			SetValue cmi.interactions.1.timestamp = '2025-11-28T14:06:11' → 'true'
			SetValue cmi.interactions.1.weighting = '2' → 'true'
			SetValue cmi.interactions.1.learner_response = 'leave_it' → 'true'
			SetValue cmi.interactions.1.correct_responses.0.pattern = 'speak_alone[,]ask_directly' → 'true'
			SetValue cmi.interactions.1.result = 'incorrect' → 'true'
			SetValue cmi.interactions.1.latency = 'PT1M1.02S' → 'true'
			SetValue cmi.interactions.1.description = 'Her husband insists on staying in the room.' → 'true'
			Commit → 'true'
			SetValue cmi.objectives.0.id = 'theme_risk' → 'true'
			SetValue cmi.objectives.0.score.min = '0' → 'true'
			SetValue cmi.objectives.0.score.max = '100' → 'true'
			SetValue cmi.objectives.0.score.raw = '100' → 'true'
			SetValue cmi.objectives.0.score.scaled = '1' → 'true'
			SetValue cmi.objectives.0.success_status = 'passed' → 'true'
			SetValue cmi.objectives.0.completion_status = 'completed' → 'true'
			SetValue cmi.objectives.1.id = 'theme_coercion' → 'true'
			SetValue cmi.objectives.1.score.min = '0' → 'true'
			SetValue cmi.objectives.1.score.max = '100' → 'true'
			SetValue cmi.objectives.1.score.raw = '0' → 'true'
			SetValue cmi.objectives.1.score.scaled = '0' → 'true'
			SetValue cmi.objectives.1.success_status = 'unknown' → 'true'
			SetValue cmi.objectives.1.completion_status = 'incomplete' → 'true'
			Commit → 'true'
			SetValue cmi.location = 'ambulance_fall_at_home.summary' → 'true'
			SetValue cmi.suspend_data = '{"v":1,"at":"summary","d":["ask_directly","leave_it"]}' → 'true'
			SetValue cmi.exit = 'suspend' → 'true'
			Commit → 'true'
			SetValue cmi.score.min = '0' → 'true'
			SetValue cmi.score.max = '100' → 'true'
			SetValue cmi.score.raw = '50' → 'true'
			SetValue cmi.score.scaled = '0.5' → 'true'
			SetValue cmi.completion_status = 'completed' → 'true'
			SetValue cmi.success_status = 'failed' → 'true'
			SetValue cmi.exit = 'normal' → 'true'
			SetValue cmi.session_time = 'PT3M7.25S' → 'true'
			Commit → 'true'
			Terminate → 'true'"
		`);
	});
});
