/**
 * What differs between SCORM 1.2 and 2004, behind one interface: which elements hold the
 * learner's standing and how each record is spelt. The connection holds everything the two share
 * (when to write, what to validate, commit, faults) and never asks which edition it talks to.
 */
import type { EntryElement, RuntimeNames, ScormVersion, SharedElements } from './data-model';
import type { InteractionRecord, ObjectiveRecord } from './port';
import type { ReadCodes, RuntimeChannel } from './runtime';
import type { ScormFormat } from './scorm-format';

/** The reads and writes an edition may make; each one is checked and guarded. */
export type EditionIo = Pick<RuntimeChannel, 'get' | 'set' | 'readCount'>;

/** The learner's standing in this attempt, as the LMS holds it at start. */
interface Standing {
	/** Completed or passed before: the course must not go backwards. */
	alreadyCompleted: boolean;
	/** Passed before: a later fail must not overwrite it. */
	previouslyPassed: boolean;
	/** Nothing recorded yet: the attempt is marked incomplete with a 0..100 score range. */
	firstLaunch: boolean;
}

export interface Edition {
	readonly version: ScormVersion;
	/** Where its runtime is found and what its methods are called. */
	readonly runtime: RuntimeNames;
	/** What each element it writes must look like. */
	readonly format: ScormFormat;
	readonly cmi: SharedElements;
	/** The GetValue error codes that are answers, not faults (see ReadCodes). */
	readonly codes: ReadCodes;
	/** The exit value written with the result, so the LMS closes the attempt. */
	readonly exitAfterResult: string;
	/** Reads the status element(s) at start. */
	readStanding(io: EditionIo): Standing;
	/** At first launch, before the score range: the status that keeps the attempt open. */
	markIncomplete(io: EditionIo): void;
	/** Everything of one `choice` interaction after its id and type, in the order sent. */
	writeInteraction(io: EditionIo, record: InteractionRecord, element: EntryElement): void;
	/** One objective's score (null: refused, not sent) and status (likewise), after its id. */
	writeObjective(
		io: EditionIo,
		element: EntryElement,
		scorePercent: number | null,
		status: ObjectiveRecord['status'] | null
	): void;
	/** The course's score (when valid) and status, unless an earlier pass is kept. */
	writeResult(io: EditionIo, scorePercent: number, scoreValid: boolean, passed: boolean): void;
	/** The learner's role in a course with pathways, as a comment beside the attempt. */
	writePathway(io: EditionIo, note: string, now: () => number): void;
	formatSessionTime(milliseconds: number): string;
}

/** One `choice` interaction as an edition spells it: each element's field and value. */
interface ChoiceSpelling {
	time: readonly [field: string, value: string];
	weighting: string;
	response: readonly [field: string, value: string];
	/** The best choice(s); null: none, so no pattern is sent. */
	pattern: string | null;
	result: string;
	latency: string;
}

/** Everything of a `choice` interaction both editions send, in the order they send it. */
export function writeChoice(
	io: EditionIo,
	element: EntryElement,
	objective: string,
	spelling: ChoiceSpelling
): void {
	io.set(element('objectives.0.id'), objective);
	io.set(element(spelling.time[0]), spelling.time[1]);
	io.set(element('weighting'), spelling.weighting);
	io.set(element(spelling.response[0]), spelling.response[1]);
	if (spelling.pattern !== null) io.set(element('correct_responses.0.pattern'), spelling.pattern);
	io.set(element('result'), spelling.result);
	io.set(element('latency'), spelling.latency);
}

/* min/max first: some LMSs check raw against them. */
export function writeScoreRange(
	io: EditionIo,
	elements: { scoreMin: string; scoreMax: string; scoreRaw: string },
	raw: string
): void {
	io.set(elements.scoreMin, '0');
	io.set(elements.scoreMax, '100');
	io.set(elements.scoreRaw, raw);
}

/** The score elements of an objective, in the shape {@link writeScoreRange} takes. */
export function objectiveScore(element: EntryElement) {
	return {
		scoreMin: element('score.min'),
		scoreMax: element('score.max'),
		scoreRaw: element('score.raw')
	};
}
