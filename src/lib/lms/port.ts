/**
 * The port the session depends on: a few version-neutral verbs over the LMS and the records they
 * take. The session never learns which SCORM edition, if any, is behind them.
 */
import type { ScormVersion } from './data-model';

/** Which runtime the connection talks to; `standalone` means no LMS (e.g. opened locally). */
type LmsMode = ScormVersion | 'standalone';

/** The outcome of the whole course. */
export interface CourseResult {
	/**
	 * Integer 0..100. The same number the manifest's mastery score (1.2 `masteryscore`, 2004
	 * `minNormalizedMeasure` × 100) is compared with, so an LMS that recomputes pass/fail agrees.
	 */
	scorePercent: number;
	passed: boolean;
}

/**
 * One scored decision, reported as a `choice` interaction. The 1.2 fields are write-only in the
 * LMS: what the app needs again on resume belongs in `suspendData`.
 */
export interface InteractionRecord {
	/** `[a-z0-9_.]`, e.g. 'ambulance_fall_at_home.the_hint' (scenario.node). */
	id: string;
	/** The learner's choice id (`[a-z0-9_]`), sent as the 2004 learner_response. */
	choiceId: string;
	/**
	 * 0-based position of the choice among the decision's choices; 1.2 responses are single
	 * letters a..z per the spec's CMIFeedback for `choice`, so 1.2 sends 'a' + index.
	 */
	choiceIndex: number;
	/**
	 * The best choice(s): 2004 correct_responses.0.pattern = ids joined with '[,]'; 1.2
	 * correct_responses.0.pattern = letters joined with ','. Empty: no pattern is sent.
	 */
	correctChoiceIds: string[];
	correctChoiceIndexes: number[];
	/** 1.2 sends 'wrong' for 'incorrect'. */
	result: 'correct' | 'incorrect' | 'neutral';
	/** 1.2: -100..100 (Moodle's range). */
	weighting: number;
	latencyMs: number;
	/**
	 * When the choice was made (ms since epoch). 1.2 `time` is HH:MM:SS (local time of day); 2004
	 * `timestamp` ISO YYYY-MM-DDThh:mm:ss in local time (years 1970–2038).
	 */
	at: number;
	/**
	 * 2004 only: `description` (the question). Whitespace runs become one space; longer than the
	 * SPM (250 characters) is cut to 249 plus '…'.
	 */
	description: string;
	/** Theme objective id this decision counts towards: objectives.0.id. */
	objective: string;
}

/** One theme's standing, reported as an objective. */
export interface ObjectiveRecord {
	/** `[a-z0-9_.]`, the same id as the manifest's `imsss:objective objectiveID` in 2004. */
	id: string;
	/** 0..100, sent with at most 2 decimals (2004 scaled: 4). */
	scorePercent: number;
	status: 'incomplete' | 'passed' | 'failed';
}

/** Where the learner is and the app's own state, for resuming a later session. */
export interface SavedProgress {
	/** A short `[a-z0-9_.]` string; 1.2 ≤ 255, 2004 ≤ 1000 characters. */
	location: string;
	/** The app's serialised state; 1.2 ≤ 4096 (budget 4000), 2004 ≤ 64000 characters. */
	suspendData: string;
}

/** What the LMS handed back at start for resuming. */
export interface ResumePoint extends SavedProgress {
	/**
	 * `cmi.core.entry` / `cmi.entry` as the LMS gave it: 'resume', 'ab-initio' or ''. Some LMSs
	 * give '' on a relaunch after a normal exit but keep suspend_data: the app decides.
	 */
	entry: string;
}

/**
 * One thing that went wrong between the content and the LMS.
 *
 * `code` is the LMS error code (e.g. `'405'`), or one of the adapter's own codes:
 * `'invalid-value'` (refused by the validator, never sent), `'invalid-result'` (a
 * `CourseResult` outside its contract), `'invalid-record'` (an `InteractionRecord` or
 * `ObjectiveRecord` outside its contract; that part not sent), `'invalid-response'` (the LMS
 * returned a value the adapter cannot use, e.g. a non-numeric `_count`), `'exception'` (the runtime
 * or the retry scheduler threw) or `'unknown'` (the call failed but the LMS gave no error code).
 */
export interface LmsFault {
	call: string;
	element?: string;
	value?: string;
	code: string;
	message: string;
	diagnostic: string;
}

/** The connection to the LMS for one session (one launch of the course). */
export interface LmsConnection {
	readonly mode: LmsMode;
	/** True after a successful Initialize and until finish; false when standalone or failed. */
	readonly connected: boolean;
	/**
	 * From `cmi.core.student_name` / `cmi.learner_name` as the LMS gives it (often "Last, First"),
	 * null when standalone, empty, or before `start()`.
	 */
	readonly learnerName: string | null;
	/**
	 * From `cmi.core.student_id` / `cmi.learner_id`, trimmed: with the attempt, it seeds the order
	 * the learner sees choices in. Null when standalone, empty, or before `start()`.
	 */
	readonly learnerId: string | null;
	/**
	 * The learner's language preference, from `cmi.student_preference.language` (1.2) /
	 * `cmi.learner_preference.language` (2004), trimmed: a BCP 47 tag such as `cy` or `en-GB`.
	 * Null when standalone, empty, not supported by the LMS, or before `start()`.
	 */
	readonly learnerLanguage: string | null;
	/**
	 * True when the LMS says this attempt has already been completed/passed before (do not go
	 * backwards). Known after `start()`.
	 */
	readonly alreadyCompleted: boolean;
	/**
	 * What the LMS returned at start for resume: location, suspend_data and entry; null when
	 * suspend_data is empty, when standalone, or before `start()`. Read once in `start()`.
	 */
	readonly saved: ResumePoint | null;
	/** Everything that went wrong so far, oldest first (capped). Empty when all is well. */
	readonly faults: readonly LmsFault[];
	/**
	 * True from a failed Commit until a later one succeeds (by a verb or by a retry): progress
	 * may not be saved in the LMS. Retries run 1, 2, 4 and 8 s after a failure, at most 4 until a
	 * commit succeeds again, never after `finish()`.
	 */
	readonly commitFailing: boolean;
	/** When (by the `now` clock) the first commit that has not since succeeded failed; else null. */
	readonly unsavedSince: number | null;
	/**
	 * Initialise once and read what the LMS holds: learner name, status, entry, location,
	 * suspend_data, `cmi.interactions._count`, `cmi.objectives._count` and each objective id. At
	 * first launch (1.2 status 'not attempted' or ''; 2004 completion 'not attempted'/'unknown')
	 * set status incomplete, score min 0 max 100; set exit=suspend; commit (see `deferCommit`).
	 */
	start(options?: StartOptions): void;
	/**
	 * After every decision or screen change: write location and suspend_data (together or, when
	 * either fails validation, neither), exit=suspend (unless the result is already recorded),
	 * commit.
	 */
	saveProgress(progress: SavedProgress): void;
	/**
	 * Appends one `choice` interaction at index `cmi.interactions._count` (read at start) + how
	 * many this session sent, then commits. Order: id, type, objectives.0.id, time/timestamp,
	 * weighting, response, correct_responses.0.pattern, result, latency (, description in 2004).
	 * When the id or type is refused nothing else is sent for it.
	 */
	recordInteraction(record: InteractionRecord): void;
	/**
	 * Writes one objective per theme at a stable index (an id found at start keeps its index; a
	 * new id gets the next one), then commits once. 1.2: id, score min/max/raw, status. 2004: id,
	 * score min/max/raw/scaled, success_status (passed|failed|unknown for incomplete),
	 * completion_status (completed|incomplete).
	 */
	recordObjectives(objectives: readonly ObjectiveRecord[]): void;
	/**
	 * Course over: write score (1.2 raw/min/max; 2004 scaled/raw/min/max), status (1.2
	 * lesson_status passed|failed; 2004 completion_status completed + success_status
	 * passed|failed), exit ('' in 1.2 / 'normal' in 2004), session time, commit. Does not
	 * terminate. A result that is not passed never overwrites a pass from before.
	 */
	recordResult(result: CourseResult): void;
	/**
	 * The interface language the learner chose (a BCP 47 tag such as `cy`), written to the
	 * language preference so their next launch opens in it; commit. Skipped when the LMS said at
	 * start that it does not keep the preference (1.2 error 401).
	 */
	saveLanguage(tag: string): void;
	/**
	 * The role the learner chose in a course with pathways, as a learner comment an administrator
	 * can read beside the attempt (1.2 `cmi.comments`; 2004 a new `cmi.comments_from_learner.n`
	 * with location `welcome` and a timestamp); commit. The place stays in the location element.
	 */
	recordPathway(pathway: PathwayRecord): void;
	/**
	 * A retake after a recorded result: progress saved from now on sets exit=suspend again, so
	 * closing the window mid-retake keeps the attempt open to resume. The result stays as it is
	 * until the retake records its own.
	 */
	reopen(): void;
	/**
	 * Runs several verbs as one batch: each writes as it says, and the commits they would each make
	 * become one, when the batch ends. A step of the course (an interaction, the objectives, the
	 * progress) then costs an LMS one commit, which in Moodle is a synchronous request.
	 */
	batch(writes: () => void): void;
	/** Commit only; cheap enough for `visibilitychange` → hidden. */
	commit(): void;
	/**
	 * Write session time, commit, terminate: exactly once whatever is called how often (finish
	 * button, pagehide, ...); calls after that do nothing and never reach the API. Pending commit
	 * retries are dropped. After a committed result only Terminate is left to send.
	 */
	finish(): void;
}

/** A role the learner chose: its id (`[a-z0-9_]`) and its title as the learner read it. */
export interface PathwayRecord {
	id: string;
	title: string;
}

export interface StartOptions {
	/**
	 * Commit on the scheduler, just after the caller's current task, instead of at once (unless a
	 * verb commits first). Some LMSs, Moodle among them, commit with a synchronous request, which
	 * would otherwise hold back the learner's first screen by a round trip.
	 */
	deferCommit?: boolean;
}
