/**
 * SCORM 2004: completion and success apart, a scaled score beside the raw one, interactions with
 * the learner's own choice ids and the question, and the learner's role as a new comment.
 */
import { CMI_2004, learnerCommentElement, RUNTIME_2004 } from './data-model';
import { objectiveScore, writeChoice, writeScoreRange, type Edition } from './edition';
import { SCORM2004_FORMAT } from './scorm-format';
import { formatIso8601Duration, formatScorm2004Timestamp } from './session-time';
import { asText, decimalText, descriptionText, listOf } from './values';

const cmi = CMI_2004;

export const scorm2004: Edition = {
	version: 'scorm2004',
	runtime: RUNTIME_2004,
	format: SCORM2004_FORMAT,
	cmi,
	// 403: an element the LMS holds no value for yet, e.g. suspend_data at first launch; 401: an
	// element it does not define (a preference some LMSs leave out)
	codes: { noValueYet: '403', notKept: '401' },
	exitAfterResult: 'normal',

	readStanding(io) {
		const completion = io.get(cmi.completion);
		const success = io.get(cmi.success);
		return {
			alreadyCompleted: completion === 'completed' || success === 'passed',
			previouslyPassed: success === 'passed',
			/* Moodle starts at 'not attempted', scorm-again at 'unknown'. */
			firstLaunch:
				(completion === '' || completion === 'not attempted' || completion === 'unknown') &&
				success !== 'passed'
		};
	},

	markIncomplete(io) {
		io.set(cmi.completion, 'incomplete');
	},

	writeInteraction(io, record, element) {
		const correct = listOf(record.correctChoiceIds);
		writeChoice(io, element, asText(record.objective), {
			time: ['timestamp', formatScorm2004Timestamp(record.at)],
			weighting: decimalText(record.weighting, 4),
			response: ['learner_response', asText(record.choiceId)],
			pattern: correct.length > 0 ? correct.map(asText).join('[,]') : null,
			result: asText(record.result),
			latency: formatIso8601Duration(record.latencyMs)
		});
		/* The question, which 1.2 has no element for. */
		const description = descriptionText(asText(record.description));
		if (description !== '') io.set(element('description'), description);
	},

	writeObjective(io, element, scorePercent, status) {
		if (scorePercent !== null) {
			writeScoreRange(io, objectiveScore(element), decimalText(scorePercent, 2));
			io.set(element('score.scaled'), decimalText(scorePercent / 100, 4));
		}
		if (status === null) return;
		io.set(element('success_status'), status === 'incomplete' ? 'unknown' : status);
		io.set(element('completion_status'), status === 'incomplete' ? 'incomplete' : 'completed');
	},

	writeResult(io, scorePercent, scoreValid, passed) {
		if (scoreValid) {
			writeScoreRange(io, cmi, String(scorePercent));
			/* scaled = raw/100, the same measure the manifest's minNormalizedMeasure is compared with. */
			io.set(cmi.scoreScaled, String(Number((scorePercent / 100).toFixed(2))));
		}
		io.set(cmi.completion, 'completed');
		io.set(cmi.success, passed ? 'passed' : 'failed');
	},

	writePathway(io, note, now) {
		const element = learnerCommentElement(io.readCount(cmi.commentCount));
		if (io.set(element('comment'), note)) {
			io.set(element('location'), 'welcome');
			io.set(element('timestamp'), formatScorm2004Timestamp(now()));
		}
	},

	formatSessionTime: formatIso8601Duration
};
