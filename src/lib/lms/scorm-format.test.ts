import { describe, expect, it } from 'vitest';
import { SCORM12_FORMAT, SCORM2004_FORMAT, SCORM_LIMITS, validateScormValue } from './scorm-format';

type Row = readonly [element: string, value: string];

const valid12: readonly Row[] = [
	['cmi.comments', 'pathway: health (Health and ambulance)'],
	['cmi.comments', 'x'.repeat(4096)],
	['cmi.core.lesson_status', 'passed'],
	['cmi.core.lesson_status', 'failed'],
	['cmi.core.lesson_status', 'completed'],
	['cmi.core.lesson_status', 'incomplete'],
	['cmi.core.lesson_status', 'browsed'],
	['cmi.core.score.raw', '0'],
	['cmi.core.score.raw', '85'],
	['cmi.core.score.raw', '100'],
	['cmi.core.score.raw', '99.5'],
	['cmi.core.score.min', '0'],
	['cmi.core.score.max', '100'],
	['cmi.core.exit', 'suspend'],
	['cmi.core.exit', ''],
	['cmi.core.exit', 'logout'],
	['cmi.core.exit', 'time-out'],
	['cmi.core.session_time', '0000:03:07.25'],
	['cmi.core.session_time', '00:00:00'],
	['cmi.core.session_time', '123:59:59.5'],
	['cmi.core.session_time', '9999:59:59.99'],
	['cmi.core.lesson_location', 's01.d2'],
	['cmi.core.lesson_location', 'x'.repeat(255)],
	['cmi.core.lesson_location', ''],
	['cmi.suspend_data', 'x'.repeat(4096)],
	['cmi.objectives.0.id', 'coercive_control'],
	['cmi.objectives.12.id', 'theme-1'],
	['cmi.objectives.0.status', 'not attempted'],
	['cmi.objectives.3.score.raw', '75'],
	['cmi.interactions.0.id', 's03_d2'],
	['cmi.interactions.0.objectives.0.id', 'hidden_harm'],
	['cmi.interactions.4.type', 'choice'],
	['cmi.interactions.4.result', 'wrong'],
	['cmi.interactions.4.result', '0.5'],
	['cmi.interactions.4.time', '14:05:09'],
	['cmi.interactions.4.latency', '0000:00:12.5'],
	['cmi.interactions.4.time', '00:00:00'],
	['cmi.interactions.4.time', '23:59:59'],
	['cmi.interactions.4.weighting', '1'],
	['cmi.interactions.4.weighting', '0.5'],
	['cmi.interactions.4.weighting', '-100'],
	['cmi.interactions.4.weighting', '100'],
	['cmi.interactions.4.student_response', 'a'],
	['cmi.interactions.4.student_response', 'z'],
	['cmi.interactions.4.student_response', '0'],
	['cmi.interactions.4.student_response', 'a,c'],
	['cmi.interactions.4.correct_responses.0.pattern', 'b'],
	['cmi.interactions.4.correct_responses.0.pattern', 'a,c,d']
];

const invalid12: readonly Row[] = [
	['cmi.core.lesson_status', 'not attempted'],
	['cmi.core.lesson_status', 'Passed'],
	['cmi.core.lesson_status', 'unknown'],
	['cmi.core.lesson_status', ''],
	['cmi.core.score.raw', '101'],
	['cmi.core.score.raw', '-1'],
	['cmi.core.score.raw', '0.85e2'],
	['cmi.core.score.raw', ''],
	['cmi.core.score.raw', '.5'],
	['cmi.core.score.raw', '85%'],
	['cmi.core.score.max', '1000'],
	['cmi.core.exit', 'normal'],
	['cmi.core.exit', 'Suspend'],
	['cmi.core.session_time', 'PT1M'],
	['cmi.core.session_time', '0000:03:07.253'],
	['cmi.core.session_time', '12345:00:00'],
	['cmi.core.session_time', '0:00:00'],
	['cmi.core.session_time', '00:60:00'],
	['cmi.core.session_time', '00:00:00.'],
	['cmi.core.lesson_location', 'x'.repeat(256)],
	['cmi.suspend_data', 'x'.repeat(4097)],
	['cmi.objectives.0.id', 'has space'],
	['cmi.objectives.0.id', ''],
	['cmi.objectives.0.id', 'x'.repeat(256)],
	['cmi.objectives.0.id', 'caf\u00e9'],
	['cmi.objectives.0.status', 'unknown'],
	['cmi.interactions.0.id', 's03 d2'],
	['cmi.interactions.0.type', 'other'],
	['cmi.interactions.0.result', 'incorrect'],
	['cmi.interactions.0.time', '24:00:00'],
	['cmi.interactions.01.id', 'leading_zero_index'],
	['cmi.interactions.0.weighting', '101'],
	['cmi.interactions.0.weighting', '-101'],
	['cmi.interactions.0.weighting', 'heavy'],
	['cmi.interactions.0.weighting', ''],
	['cmi.interactions.0.student_response', ''],
	['cmi.interactions.0.student_response', 'opt_b'],
	['cmi.interactions.0.student_response', 'ab'],
	['cmi.interactions.0.student_response', 'A'],
	['cmi.interactions.0.student_response', 'a,a'],
	['cmi.interactions.0.student_response', 'a, c'],
	['cmi.interactions.0.student_response', 'a,'],
	['cmi.interactions.0.student_response', 'a[,]c'],
	['cmi.interactions.0.correct_responses.0.pattern', 'a[,]c'],
	['cmi.interactions.0.correct_responses.0.pattern', ''],
	// 2004-only interaction elements
	['cmi.interactions.0.timestamp', '2025-11-28T20:24:00'],
	['cmi.interactions.0.description', 'Where now?'],
	// read-only or unknown elements are never written
	['cmi.core.total_time', '0000:00:01'],
	['cmi.core.student_name', 'Doe, Jane'],
	['cmi.location', 's01'],
	['cmi.comments', 'x'.repeat(4097)],
	['cmi.interactions.0.learner_response', 'a'],
	['cmi.interactions.0.description', 'Where now?']
];

const valid2004: readonly Row[] = [
	['cmi.completion_status', 'completed'],
	['cmi.completion_status', 'incomplete'],
	['cmi.completion_status', 'not attempted'],
	['cmi.completion_status', 'unknown'],
	['cmi.success_status', 'passed'],
	['cmi.success_status', 'failed'],
	['cmi.success_status', 'unknown'],
	['cmi.score.scaled', '0.85'],
	['cmi.score.scaled', '1'],
	['cmi.score.scaled', '-1'],
	['cmi.score.scaled', '0'],
	['cmi.score.raw', '85'],
	['cmi.score.min', '0'],
	['cmi.score.max', '100'],
	['cmi.progress_measure', '0.5'],
	['cmi.exit', 'normal'],
	['cmi.exit', 'suspend'],
	['cmi.exit', ''],
	['cmi.session_time', 'PT0S'],
	['cmi.session_time', 'PT3M7.25S'],
	['cmi.session_time', 'PT1H5M3.25S'],
	['cmi.session_time', 'PT100H'],
	['cmi.session_time', 'P1DT2H'],
	['cmi.session_time', 'P1Y2M3D'],
	['cmi.location', 'x'.repeat(1000)],
	['cmi.suspend_data', 'x'.repeat(64000)],
	['cmi.objectives.0.id', 'coercive_control'],
	['cmi.objectives.0.id', 'theme.v2'],
	['cmi.objectives.0.success_status', 'passed'],
	['cmi.objectives.0.completion_status', 'completed'],
	['cmi.objectives.0.score.scaled', '-0.25'],
	['cmi.interactions.0.id', 's03_d2'],
	['cmi.interactions.0.objectives.0.id', 'hidden_harm'],
	['cmi.interactions.0.type', 'long-fill-in'],
	['cmi.interactions.0.result', 'incorrect'],
	['cmi.interactions.0.timestamp', '2025-11-28T20:24:00'],
	['cmi.interactions.0.timestamp', '2025-11-28T20:24:00.5Z'],
	['cmi.interactions.0.latency', 'PT12.5S'],
	['cmi.interactions.0.timestamp', '1970-01-01T00:00:00'],
	['cmi.interactions.0.timestamp', '2038-12-31T23:59:59'],
	['cmi.interactions.0.timestamp', '2025-11-28T20:24:00.5+01:00'],
	['cmi.interactions.0.timestamp', '2025-11-28T20:24:00.25-05'],
	['cmi.interactions.0.weighting', '1'],
	['cmi.interactions.0.weighting', '-2.5'],
	['cmi.interactions.0.weighting', '250'],
	['cmi.interactions.0.learner_response', 'opt_b'],
	['cmi.interactions.0.learner_response', 'ambulance.the_hint'],
	['cmi.interactions.0.learner_response', 'opt_a[,]opt_c'],
	[
		'cmi.interactions.0.learner_response',
		Array.from({ length: 36 }, (_, i) => `c${i}`).join('[,]')
	],
	['cmi.interactions.0.correct_responses.0.pattern', 'opt_a'],
	['cmi.interactions.0.correct_responses.0.pattern', 'opt_a[,]opt_c'],
	['cmi.interactions.0.description', 'What do you do next?'],
	['cmi.interactions.0.description', 'Ask: "are you safe?" {not a tag}'],
	['cmi.interactions.0.description', 'x'.repeat(250)],
	['cmi.interactions.0.description', ''],
	['cmi.comments_from_learner.0.comment', 'pathway: health (Health and ambulance)'],
	['cmi.comments_from_learner.0.comment', 'x'.repeat(4000)],
	['cmi.comments_from_learner.3.location', 'welcome'],
	['cmi.comments_from_learner.0.timestamp', '2026-12-07T17:05:09']
];

const invalid2004: readonly Row[] = [
	['cmi.comments_from_learner.0.comment', 'x'.repeat(4001)],
	['cmi.comments_from_learner.0.comment', '{lang=en}pathway'],
	['cmi.comments_from_learner.0.location', 'x'.repeat(251)],
	['cmi.comments', 'a 1.2 element'],
	['cmi.completion_status', 'passed'],
	['cmi.completion_status', ''],
	['cmi.success_status', 'completed'],
	['cmi.success_status', 'not attempted'],
	['cmi.score.scaled', '1.01'],
	['cmi.score.scaled', '-1.5'],
	['cmi.score.scaled', '85'],
	['cmi.score.scaled', '.85'],
	['cmi.score.scaled', '1e-2'],
	['cmi.score.raw', 'eighty'],
	['cmi.score.raw', '123456'],
	['cmi.progress_measure', '1.1'],
	['cmi.exit', 'finished'],
	['cmi.session_time', '0000:03:07.25'],
	['cmi.session_time', 'PT3M7.253S'],
	['cmi.session_time', 'P'],
	['cmi.session_time', 'PT'],
	['cmi.session_time', 'P1DT'],
	['cmi.session_time', 'PT5'],
	['cmi.session_time', 'pt5s'],
	['cmi.session_time', 'PT-5S'],
	['cmi.location', 'x'.repeat(1001)],
	['cmi.suspend_data', 'x'.repeat(64001)],
	['cmi.objectives.0.id', 'theme-1'],
	['cmi.objectives.0.id', 'Coercive_Control'],
	['cmi.objectives.0.id', 'has space'],
	['cmi.objectives.0.id', ''],
	['cmi.objectives.0.id', 'x'.repeat(251)],
	['cmi.interactions.0.id', 's03-d2'],
	['cmi.interactions.0.result', 'wrong'],
	['cmi.interactions.0.timestamp', '2039-01-01T00:00:00'],
	['cmi.interactions.0.timestamp', '1969-12-31T23:59:59'],
	['cmi.interactions.0.timestamp', '2025-11-28'],
	// a time zone only after fractional seconds (spec, Moodle and scorm-again agree)
	['cmi.interactions.0.timestamp', '2025-11-28T20:24:00Z'],
	['cmi.interactions.0.timestamp', '2025-11-28T20:24:00+01:00'],
	['cmi.interactions.0.timestamp', '2025-11-28T20:24:00.123'],
	['cmi.interactions.0.weighting', 'heavy'],
	['cmi.interactions.0.weighting', '1e3'],
	['cmi.interactions.0.learner_response', ''],
	['cmi.interactions.0.learner_response', 'opt-b'],
	['cmi.interactions.0.learner_response', 'opt b'],
	['cmi.interactions.0.learner_response', 'Opt_B'],
	['cmi.interactions.0.learner_response', 'a,b'],
	['cmi.interactions.0.learner_response', 'a[,]a'],
	['cmi.interactions.0.learner_response', 'a[,]'],
	[
		'cmi.interactions.0.learner_response',
		Array.from({ length: 37 }, (_, i) => `c${i}`).join('[,]')
	],
	['cmi.interactions.0.correct_responses.0.pattern', 'a,c'],
	['cmi.interactions.0.correct_responses.0.pattern', 'opt-a'],
	['cmi.interactions.0.description', 'x'.repeat(251)],
	['cmi.interactions.0.description', 'two\nlines'],
	// valid per spec, but we never send language tags and a leading '{' would be read as one
	['cmi.interactions.0.description', '{lang=en}Where now?'],
	// 1.2-only interaction elements
	['cmi.interactions.0.time', '14:05:09'],
	['cmi.interactions.0.student_response', 'a'],
	// read-only or unknown elements are never written
	['cmi.total_time', 'PT1S'],
	['cmi.learner_name', 'Doe, Jane'],
	['cmi.core.lesson_location', 's01'],
	['adl.nav.request', 'continue']
];

describe('validateScormValue, SCORM 1.2', () => {
	it.each(valid12)('accepts %s = %j', (element, value) => {
		expect(validateScormValue(SCORM12_FORMAT, element, value)).toBeNull();
	});
	it.each(invalid12)('rejects %s = %j', (element, value) => {
		expect(validateScormValue(SCORM12_FORMAT, element, value)).toEqual(expect.any(String));
	});
});

describe('validateScormValue, SCORM 2004', () => {
	it.each(valid2004)('accepts %s = %j', (element, value) => {
		expect(validateScormValue(SCORM2004_FORMAT, element, value)).toBeNull();
	});
	it.each(invalid2004)('rejects %s = %j', (element, value) => {
		expect(validateScormValue(SCORM2004_FORMAT, element, value)).toEqual(expect.any(String));
	});
});

describe('validateScormValue messages', () => {
	it('says what is wrong', () => {
		expect(validateScormValue(SCORM12_FORMAT, 'cmi.core.score.raw', '101')).toMatch(/0\.\.100/);
		expect(validateScormValue(SCORM12_FORMAT, 'cmi.suspend_data', 'x'.repeat(5000))).toMatch(
			/longer than 4096 characters \(5000\)/
		);
		expect(validateScormValue(SCORM12_FORMAT, 'cmi.core.lesson_status', 'not attempted')).toMatch(
			/allowed: 'passed'/
		);
		expect(validateScormValue(SCORM2004_FORMAT, 'cmi.total_time', 'PT1S')).toMatch(/no SCORM 2004/);
	});

	it('exposes the limits the content must budget for', () => {
		expect(SCORM_LIMITS.scorm12.suspendDataLength).toBe(4096);
		expect(SCORM_LIMITS.scorm2004.suspendDataLength).toBe(64000);
		expect(SCORM_LIMITS.scorm12.locationLength).toBe(255);
		expect(SCORM_LIMITS.scorm2004.locationLength).toBe(1000);
	});
});
