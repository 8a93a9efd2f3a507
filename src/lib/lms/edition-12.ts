/**
 * SCORM 1.2: one `lesson_status` for completion and success, interactions spelt with the single
 * letters of CMIFeedback, and one `cmi.comments` for the learner's role.
 */
import { CMI_12, RUNTIME_12 } from './data-model';
import { objectiveScore, writeChoice, writeScoreRange, type Edition } from './edition';
import { SCORM12_FORMAT } from './scorm-format';
import { formatScorm12Time, formatScorm12Timespan } from './session-time';
import { asText, decimalText, listOf } from './values';

const cmi = CMI_12;

/** 'a' for 0 … 'z' for 25: the 1.2 CMIFeedback of a `choice`; anything else is refused later. */
function choiceLetter(index: number): string {
	return Number.isInteger(index) && index >= 0 && index < 26
		? String.fromCharCode(97 + index)
		: `#${String(index)}`;
}

export const scorm12: Edition = {
	version: 'scorm12',
	runtime: RUNTIME_12,
	format: SCORM12_FORMAT,
	cmi,
	// 1.2 answers '' for an element with nothing stored; 401 "not implemented" for an optional
	// element the LMS does not keep, such as the learner preferences
	codes: { noValueYet: null, notKept: '401' },
	exitAfterResult: '',

	readStanding(io) {
		const status = io.get(cmi.status);
		return {
			alreadyCompleted: status === 'passed' || status === 'completed',
			previouslyPassed: status === 'passed',
			/*
			 * Moodle turns a 1.2 'not attempted' into 'completed' on LMSFinish, which would mark a
			 * learner who closed the window at once as done.
			 */
			firstLaunch: status === '' || status === 'not attempted'
		};
	},

	markIncomplete(io) {
		io.set(cmi.status, 'incomplete');
	},

	writeInteraction(io, record, element) {
		const correct = listOf(record.correctChoiceIndexes);
		writeChoice(io, element, asText(record.objective), {
			time: ['time', formatScorm12Time(record.at)],
			weighting: decimalText(record.weighting, 2),
			response: ['student_response', choiceLetter(record.choiceIndex)],
			pattern: correct.length > 0 ? correct.map(choiceLetter).join(',') : null,
			result: record.result === 'incorrect' ? 'wrong' : asText(record.result),
			latency: formatScorm12Timespan(record.latencyMs)
		});
	},

	writeObjective(io, element, scorePercent, status) {
		if (scorePercent !== null) {
			writeScoreRange(io, objectiveScore(element), decimalText(scorePercent, 2));
		}
		if (status !== null) io.set(element('status'), status);
	},

	writeResult(io, scorePercent, scoreValid, passed) {
		if (scoreValid) writeScoreRange(io, cmi, String(scorePercent));
		io.set(cmi.status, passed ? 'passed' : 'failed');
	},

	writePathway(io, note) {
		io.set(cmi.comments, note);
	},

	formatSessionTime: formatScorm12Timespan
};
