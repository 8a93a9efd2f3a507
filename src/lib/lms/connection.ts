/**
 * The app's only way to talk to the LMS: a few version-neutral verbs over the SCORM 1.2 or 2004
 * runtime, or no-ops when the course runs outside an LMS.
 *
 * Every runtime call is wrapped: a failing or throwing LMS is recorded in `faults` and never
 * breaks the course. Every value is checked by `validateScormValue` before it is sent. A failed
 * commit is retried a few times with backoff.
 */
import { findLmsApi, type FoundLmsApi, type ScormVersion, type WindowLike } from './find-api';
import { validateScormValue } from './scorm-format';
import {
	formatIso8601Duration,
	formatScorm12Time,
	formatScorm12Timespan,
	formatScorm2004Timestamp,
	formatSessionTime
} from './session-time';

/** Which runtime the connection talks to; `standalone` means no LMS (e.g. opened locally). */
export type LmsMode = ScormVersion | 'standalone';

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

/** Runs `fn` after `ms` milliseconds; what it returns is ignored. */
export type Scheduler = (fn: () => void, ms: number) => unknown;

export interface StartOptions {
	/**
	 * Commit on the scheduler, just after the caller's current task, instead of at once (unless a
	 * verb commits first). Some LMSs, Moodle among them, commit with a synchronous request, which
	 * would otherwise hold back the learner's first screen by a round trip.
	 */
	deferCommit?: boolean;
}

/** Options for {@link connectToLms}. */
export interface ConnectOptions {
	/** The edition the package was built for; omitted in the preview (2004 preferred, then 1.2). */
	version?: ScormVersion;
	/** Clock in milliseconds, for session time and `unsavedSince`; `Date.now` by default. */
	now?: () => number;
	/** Schedules commit retries; `setTimeout` by default. Tests pass a manual queue. */
	schedule?: Scheduler;
}

/* All data model element names of the app live here and in scorm-format.ts. */
const CMI = {
	scorm12: {
		learnerName: 'cmi.core.student_name',
		learnerId: 'cmi.core.student_id',
		learnerLanguage: 'cmi.student_preference.language',
		status: 'cmi.core.lesson_status',
		entry: 'cmi.core.entry',
		location: 'cmi.core.lesson_location',
		suspendData: 'cmi.suspend_data',
		exit: 'cmi.core.exit',
		sessionTime: 'cmi.core.session_time',
		scoreRaw: 'cmi.core.score.raw',
		scoreMin: 'cmi.core.score.min',
		scoreMax: 'cmi.core.score.max',
		interactionCount: 'cmi.interactions._count',
		objectiveCount: 'cmi.objectives._count'
	},
	scorm2004: {
		learnerName: 'cmi.learner_name',
		learnerId: 'cmi.learner_id',
		learnerLanguage: 'cmi.learner_preference.language',
		completion: 'cmi.completion_status',
		success: 'cmi.success_status',
		entry: 'cmi.entry',
		location: 'cmi.location',
		suspendData: 'cmi.suspend_data',
		exit: 'cmi.exit',
		sessionTime: 'cmi.session_time',
		scoreScaled: 'cmi.score.scaled',
		scoreRaw: 'cmi.score.raw',
		scoreMin: 'cmi.score.min',
		scoreMax: 'cmi.score.max',
		interactionCount: 'cmi.interactions._count',
		objectiveCount: 'cmi.objectives._count'
	}
} as const;

/** `cmi.interactions.<n>.<field>`, e.g. `interactionElement(3, 'correct_responses.0.pattern')`. */
function interactionElement(index: number, field: string): string {
	return `cmi.interactions.${index}.${field}`;
}

/** `cmi.objectives.<n>.<field>`, e.g. `objectiveElement(0, 'score.raw')`. */
function objectiveElement(index: number, field: string): string {
	return `cmi.objectives.${index}.${field}`;
}

const MAX_FAULTS = 100;
/* Delays of the commit retries after a failure; their number is the retry limit. */
const COMMIT_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000] as const;
/* A garbage `_count` must not make start() read millions of objective ids. */
const MAX_OBJECTIVE_IDS_READ = 250;
/* 2004 GetValue of an element the LMS holds no value for yet: not a fault when reading at start. */
const SCORM2004_NOT_INITIALIZED = '403';
/* 1.2 GetValue of an element the LMS has chosen not to support, such as the learner preferences. */
const SCORM12_NOT_IMPLEMENTED = '401';

/** One edition's runtime behind uniform verbs, with the real method names for fault reports. */
interface Runtime {
	readonly version: ScormVersion;
	readonly names: {
		readonly initialize: string;
		readonly terminate: string;
		readonly getValue: string;
		readonly setValue: string;
		readonly commit: string;
	};
	initialize(): unknown;
	terminate(): unknown;
	getValue(element: string): unknown;
	setValue(element: string, value: string): unknown;
	commit(): unknown;
	lastError(): unknown;
	errorString(code: string): unknown;
	diagnostic(code: string): unknown;
}

function wrapRuntime(found: FoundLmsApi): Runtime {
	if (found.version === 'scorm12') {
		const api = found.api;
		return {
			version: 'scorm12',
			names: {
				initialize: 'LMSInitialize',
				terminate: 'LMSFinish',
				getValue: 'LMSGetValue',
				setValue: 'LMSSetValue',
				commit: 'LMSCommit'
			},
			initialize: () => api.LMSInitialize(''),
			terminate: () => api.LMSFinish(''),
			getValue: (element) => api.LMSGetValue(element),
			setValue: (element, value) => api.LMSSetValue(element, value),
			commit: () => api.LMSCommit(''),
			lastError: () => api.LMSGetLastError(),
			errorString: (code) => api.LMSGetErrorString(code),
			diagnostic: (code) => api.LMSGetDiagnostic(code)
		};
	}
	const api = found.api;
	return {
		version: 'scorm2004',
		names: {
			initialize: 'Initialize',
			terminate: 'Terminate',
			getValue: 'GetValue',
			setValue: 'SetValue',
			commit: 'Commit'
		},
		initialize: () => api.Initialize(''),
		terminate: () => api.Terminate(''),
		getValue: (element) => api.GetValue(element),
		setValue: (element, value) => api.SetValue(element, value),
		commit: () => api.Commit(''),
		lastError: () => api.GetLastError(),
		errorString: (code) => api.GetErrorString(code),
		diagnostic: (code) => api.GetDiagnostic(code)
	};
}

/* Runtimes return the strings 'true'/'false'; some older LMS wrappers return booleans. */
function succeeded(result: unknown): boolean {
	return result === true || result === 'true';
}

function asText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === null || value === undefined) return '';
	return String(value);
}

function describeError(error: unknown): { message: string; diagnostic: string } {
	if (error instanceof Error) return { message: error.message, diagnostic: error.name };
	return { message: asText(error), diagnostic: '' };
}

function shorten(value: string): string {
	return value.length > 200 ? `${value.slice(0, 200)}… (${value.length} characters)` : value;
}

/** 'a' for 0 … 'z' for 25: the 1.2 CMIFeedback of a `choice`; anything else is refused later. */
function choiceLetter(index: number): string {
	return Number.isInteger(index) && index >= 0 && index < 26
		? String.fromCharCode(97 + index)
		: `#${String(index)}`;
}

/** A finite number with at most `digits` decimals, e.g. 0.1 + 0.2 → '0.3'; NaN is refused later. */
function decimalText(value: number, digits: number): string {
	return Number.isFinite(value) ? String(Number(value.toFixed(digits))) : String(value);
}

/* Whitespace runs (line breaks included) become one space; over the SPM, cut and mark with '…'. */
function descriptionText(text: string, limit = 250): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= limit) return flat;
	let cut = flat.slice(0, limit - 1);
	/* Never leave half a surrogate pair. */
	if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
	return `${cut.trimEnd()}…`;
}

function listOf<T>(value: readonly T[] | undefined): readonly T[] {
	return Array.isArray(value) ? value : [];
}

function isPercent(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100;
}

const OBJECTIVE_STATUSES: readonly string[] = ['incomplete', 'passed', 'failed'];

type SessionState = 'idle' | 'active' | 'failed' | 'finished';

class RuntimeConnection implements LmsConnection {
	readonly mode: ScormVersion;
	#runtime: Runtime;
	#now: () => number;
	#schedule: Scheduler;
	#startCommitPending = false;
	#state: SessionState = 'idle';
	#startedAt = 0;
	#learnerName: string | null = null;
	#learnerId: string | null = null;
	#learnerLanguage: string | null = null;
	/* False once a 1.2 LMS has answered 401 (not implemented) for the preference. */
	#languageKept = true;
	#alreadyCompleted = false;
	#previouslyPassed = false;
	#resultRecorded = false;
	/*
	 * True from a committed result until a retake: everything the session will write is in the
	 * LMS, so a finish from a closing page, whose calls browsers may drop, only terminates.
	 */
	#settled = false;
	#saved: ResumePoint | null = null;
	#faults: LmsFault[] = [];
	/* cmi.interactions._count at start, and how many interactions this session created since. */
	#interactionBase = 0;
	#interactionsSent = 0;
	/* Objective id → index, from start and from this session; the next index for a new id. */
	#objectiveIndex = new Map<string, number>();
	#nextObjective = 0;
	/* Commit retries: used since the last successful commit; the token of the pending one. */
	#unsavedSince: number | null = null;
	#retriesUsed = 0;
	#retryToken = 0;
	#retryPending = false;

	constructor(runtime: Runtime, now: () => number, schedule: Scheduler) {
		this.#runtime = runtime;
		this.#now = now;
		this.#schedule = schedule;
		this.mode = runtime.version;
	}

	get connected(): boolean {
		return this.#state === 'active';
	}

	get learnerName(): string | null {
		return this.#learnerName;
	}

	get learnerId(): string | null {
		return this.#learnerId;
	}

	get learnerLanguage(): string | null {
		return this.#learnerLanguage;
	}

	get alreadyCompleted(): boolean {
		return this.#alreadyCompleted;
	}

	get saved(): ResumePoint | null {
		return this.#saved;
	}

	get faults(): readonly LmsFault[] {
		return this.#faults;
	}

	get commitFailing(): boolean {
		return this.#unsavedSince !== null;
	}

	get unsavedSince(): number | null {
		return this.#unsavedSince;
	}

	start(options: StartOptions = {}): void {
		if (this.#state !== 'idle') return;
		if (!this.#invoke(this.#runtime.names.initialize, () => this.#runtime.initialize())) {
			this.#state = 'failed';
			return;
		}
		this.#state = 'active';
		this.#startedAt = this.#now();
		if (this.#runtime.version === 'scorm12') this.#start12();
		else this.#start2004();
		if (!options.deferCommit) {
			this.#commit();
			return;
		}
		this.#startCommitPending = true;
		try {
			this.#schedule(() => {
				if (this.#startCommitPending && this.#state === 'active') this.#commit();
			}, 0);
		} catch (error) {
			this.#exceptionFault('schedule', error);
			this.#commit();
		}
	}

	saveProgress(progress: SavedProgress): void {
		if (this.#state !== 'active') return;
		const cmi = CMI[this.#runtime.version];
		const location = asText(progress?.location);
		const suspendData = asText(progress?.suspendData);
		/*
		 * Both or neither: a new location with stale suspend_data (or the reverse) would resume
		 * the learner into a state the app never saved. Both are checked, so each problem shows.
		 */
		const locationOk = this.#validate(cmi.location, location, cmi.suspendData);
		const dataOk = this.#validate(cmi.suspendData, suspendData, cmi.location);
		if (locationOk && dataOk) {
			this.#send(cmi.location, location);
			this.#send(cmi.suspendData, suspendData);
		}
		/* Going back to 'suspend' after the result would keep a finished attempt open for resume. */
		if (!this.#resultRecorded) this.#set(cmi.exit, 'suspend');
		this.#commit();
	}

	recordInteraction(record: InteractionRecord): void {
		if (this.#state !== 'active') return;
		const index = this.#interactionBase + this.#interactionsSent;
		const element = (field: string) => interactionElement(index, field);
		/* A refused id creates nothing, so the next interaction reuses the index. */
		if (!this.#set(element('id'), asText(record?.id))) return;
		this.#interactionsSent++;
		/* Without a type, 2004 answers 408 to every response; the id alone is still committed. */
		if (this.#set(element('type'), 'choice')) {
			if (this.#runtime.version === 'scorm12') this.#interaction12(record, element);
			else this.#interaction2004(record, element);
		}
		this.#commit();
	}

	recordObjectives(objectives: readonly ObjectiveRecord[]): void {
		if (this.#state !== 'active') return;
		for (const objective of listOf(objectives)) {
			const id = asText(objective?.id);
			let index = this.#objectiveIndex.get(id);
			if (index === undefined) {
				index = this.#nextObjective;
				/* A refused id creates nothing: its scores would land on a nameless objective. */
				if (!this.#set(objectiveElement(index, 'id'), id)) continue;
				this.#objectiveIndex.set(id, index);
				this.#nextObjective++;
			}
			this.#writeObjective(index, id, objective);
		}
		this.#commit();
	}

	saveLanguage(tag: string): void {
		if (this.#state !== 'active' || !this.#languageKept) return;
		const element = CMI[this.#runtime.version].learnerLanguage;
		if (this.#set(element, asText(tag))) this.#learnerLanguage = asText(tag);
		this.#commit();
	}

	recordPathway(pathway: PathwayRecord): void {
		if (this.#state !== 'active') return;
		const note = descriptionText(`pathway: ${asText(pathway.id)} (${asText(pathway.title)})`);
		if (this.#runtime.version === 'scorm12') {
			this.#set('cmi.comments', note);
		} else {
			const index = this.#readCount('cmi.comments_from_learner._count');
			const element = (field: string) => `cmi.comments_from_learner.${index}.${field}`;
			if (this.#set(element('comment'), note)) {
				this.#set(element('location'), 'welcome');
				this.#set(element('timestamp'), formatScorm2004Timestamp(this.#now()));
			}
		}
		this.#commit();
	}

	recordResult(result: CourseResult): void {
		if (this.#state !== 'active') return;
		const { scorePercent, passed } = result;
		const scoreValid = Number.isInteger(scorePercent) && scorePercent >= 0 && scorePercent <= 100;
		if (!scoreValid) {
			this.#addFault({
				call: 'recordResult',
				value: asText(scorePercent),
				code: 'invalid-result',
				message: 'scorePercent must be an integer 0..100; score not sent',
				diagnostic: ''
			});
		}
		/*
		 * A learner replaying a passed attempt must not lose the pass; writing the lower score would
		 * also make Moodle's mastery-score override flip the status to failed.
		 */
		const keepEarlierPass = this.#previouslyPassed && !passed;
		if (!keepEarlierPass) {
			if (this.#runtime.version === 'scorm12') this.#result12(scorePercent, scoreValid, passed);
			else this.#result2004(scorePercent, scoreValid, passed);
		}
		const cmi = CMI[this.#runtime.version];
		this.#set(cmi.exit, this.#runtime.version === 'scorm12' ? '' : 'normal');
		this.#resultRecorded = true;
		this.#writeSessionTime();
		this.#settled = this.#commit();
	}

	reopen(): void {
		this.#resultRecorded = false;
		this.#settled = false;
	}

	commit(): void {
		if (this.#state !== 'active') return;
		this.#commit();
	}

	finish(): void {
		const wasActive = this.#state === 'active';
		/* Set first, so a pagehide fired from inside the LMS's own Terminate cannot re-enter. */
		this.#state = 'finished';
		this.#cancelRetry();
		if (!wasActive) return;
		if (!this.#settled) this.#writeSessionTime();
		/* A commit that failed after the result (and its retries, just dropped) gets one more go. */
		if (!this.#settled || this.commitFailing) this.#commit();
		this.#invoke(this.#runtime.names.terminate, () => this.#runtime.terminate());
	}

	#writeSessionTime(): void {
		const elapsed = Math.max(0, this.#now() - this.#startedAt);
		const element = CMI[this.#runtime.version].sessionTime;
		this.#set(element, formatSessionTime(this.#runtime.version, elapsed));
	}

	#start12(): void {
		const cmi = CMI.scorm12;
		this.#learnerName = this.#readTrimmed(cmi.learnerName);
		this.#learnerId = this.#get(cmi.learnerId, { optional: true }).trim() || null;
		this.#learnerLanguage = this.#readPreference(cmi.learnerLanguage);
		const status = this.#get(cmi.status);
		this.#alreadyCompleted = status === 'passed' || status === 'completed';
		this.#previouslyPassed = status === 'passed';
		this.#readResumeData();
		/*
		 * Moodle turns a 1.2 'not attempted' into 'completed' on LMSFinish, which would mark a
		 * learner who closed the window at once as done.
		 */
		if (status === '' || status === 'not attempted') {
			this.#set(cmi.status, 'incomplete');
			this.#set(cmi.scoreMin, '0');
			this.#set(cmi.scoreMax, '100');
		}
		this.#set(cmi.exit, 'suspend');
	}

	#start2004(): void {
		const cmi = CMI.scorm2004;
		this.#learnerName = this.#readTrimmed(cmi.learnerName);
		this.#learnerId = this.#get(cmi.learnerId, { optional: true }).trim() || null;
		this.#learnerLanguage = this.#readPreference(cmi.learnerLanguage);
		const completion = this.#get(cmi.completion);
		const success = this.#get(cmi.success);
		this.#alreadyCompleted = completion === 'completed' || success === 'passed';
		this.#previouslyPassed = success === 'passed';
		this.#readResumeData();
		/* Moodle starts at 'not attempted', scorm-again at 'unknown'. */
		const firstLaunch =
			(completion === '' || completion === 'not attempted' || completion === 'unknown') &&
			success !== 'passed';
		if (firstLaunch) {
			this.#set(cmi.completion, 'incomplete');
			this.#set(cmi.scoreMin, '0');
			this.#set(cmi.scoreMax, '100');
		}
		this.#set(cmi.exit, 'suspend');
	}

	/** Entry, location, suspend_data and the two collections, all read once at start. */
	#readResumeData(): void {
		const cmi = CMI[this.#runtime.version];
		const entry = this.#get(cmi.entry);
		const location = this.#get(cmi.location, { optional: true });
		const suspendData = this.#get(cmi.suspendData, { optional: true });
		/* Suspend data is what resuming needs; the entry is passed on, not judged. */
		this.#saved = suspendData === '' ? null : { location, suspendData, entry };
		/* 1.2 interactions are write-only: only the count is ever read. */
		this.#interactionBase = this.#readCount(cmi.interactionCount);
		const objectives = this.#readCount(cmi.objectiveCount);
		this.#nextObjective = objectives;
		for (let index = 0; index < Math.min(objectives, MAX_OBJECTIVE_IDS_READ); index++) {
			const id = this.#get(objectiveElement(index, 'id'), { optional: true });
			if (id !== '' && !this.#objectiveIndex.has(id)) this.#objectiveIndex.set(id, index);
		}
	}

	#readCount(element: string): number {
		const text = (this.#read(element) ?? '').trim();
		/* '' is a failed read (already a fault) or an LMS that holds nothing there. */
		if (text === '') return 0;
		if (/^\d+$/.test(text)) return Number(text);
		this.#addFault({
			call: this.#runtime.names.getValue,
			element,
			value: text,
			code: 'invalid-response',
			message: 'the LMS returned a count that is not a whole number; 0 is used',
			diagnostic: ''
		});
		return 0;
	}

	#interaction12(record: InteractionRecord, element: (field: string) => string): void {
		this.#set(element('objectives.0.id'), asText(record.objective));
		this.#set(element('time'), formatScorm12Time(record.at));
		this.#set(element('weighting'), decimalText(record.weighting, 2));
		this.#set(element('student_response'), choiceLetter(record.choiceIndex));
		const correct = listOf(record.correctChoiceIndexes);
		if (correct.length > 0) {
			this.#set(element('correct_responses.0.pattern'), correct.map(choiceLetter).join(','));
		}
		this.#set(element('result'), record.result === 'incorrect' ? 'wrong' : asText(record.result));
		this.#set(element('latency'), formatScorm12Timespan(record.latencyMs));
	}

	#interaction2004(record: InteractionRecord, element: (field: string) => string): void {
		this.#set(element('objectives.0.id'), asText(record.objective));
		this.#set(element('timestamp'), formatScorm2004Timestamp(record.at));
		this.#set(element('weighting'), decimalText(record.weighting, 4));
		this.#set(element('learner_response'), asText(record.choiceId));
		const correct = listOf(record.correctChoiceIds);
		if (correct.length > 0) {
			this.#set(element('correct_responses.0.pattern'), correct.map(asText).join('[,]'));
		}
		this.#set(element('result'), asText(record.result));
		this.#set(element('latency'), formatIso8601Duration(record.latencyMs));
		const description = descriptionText(asText(record.description));
		if (description !== '') this.#set(element('description'), description);
	}

	#writeObjective(index: number, id: string, objective: ObjectiveRecord): void {
		const element = (field: string) => objectiveElement(index, field);
		const { scorePercent, status } = objective;
		const scoreValid = isPercent(scorePercent);
		const statusValid = OBJECTIVE_STATUSES.includes(status);
		if (!scoreValid || !statusValid) {
			this.#addFault({
				call: 'recordObjectives',
				element: element(scoreValid ? 'status' : 'score'),
				value: asText(scoreValid ? status : scorePercent),
				code: 'invalid-record',
				message: scoreValid
					? `objective '${id}': status must be incomplete, passed or failed; status not sent`
					: `objective '${id}': scorePercent must be a number 0..100; score not sent`,
				diagnostic: ''
			});
		}
		if (scoreValid) {
			this.#set(element('score.min'), '0');
			this.#set(element('score.max'), '100');
			this.#set(element('score.raw'), decimalText(scorePercent, 2));
			if (this.#runtime.version === 'scorm2004') {
				this.#set(element('score.scaled'), decimalText(scorePercent / 100, 4));
			}
		}
		if (!statusValid) return;
		if (this.#runtime.version === 'scorm12') {
			this.#set(element('status'), status);
		} else {
			this.#set(element('success_status'), status === 'incomplete' ? 'unknown' : status);
			this.#set(element('completion_status'), status === 'incomplete' ? 'incomplete' : 'completed');
		}
	}

	#result12(scorePercent: number, scoreValid: boolean, passed: boolean): void {
		const cmi = CMI.scorm12;
		if (scoreValid) {
			/* min/max first: some LMSs check raw against them. */
			this.#set(cmi.scoreMin, '0');
			this.#set(cmi.scoreMax, '100');
			this.#set(cmi.scoreRaw, String(scorePercent));
		}
		this.#set(cmi.status, passed ? 'passed' : 'failed');
	}

	#result2004(scorePercent: number, scoreValid: boolean, passed: boolean): void {
		const cmi = CMI.scorm2004;
		if (scoreValid) {
			this.#set(cmi.scoreMin, '0');
			this.#set(cmi.scoreMax, '100');
			this.#set(cmi.scoreRaw, String(scorePercent));
			/* scaled = raw/100, the same measure the manifest's minNormalizedMeasure is compared with. */
			this.#set(cmi.scoreScaled, String(Number((scorePercent / 100).toFixed(2))));
		}
		this.#set(cmi.completion, 'completed');
		this.#set(cmi.success, passed ? 'passed' : 'failed');
	}

	#readTrimmed(element: string): string | null {
		const name = this.#get(element).trim();
		return name === '' ? null : name;
	}

	/**
	 * A learner preference, or null. SCORM 1.2 makes `cmi.student_preference` optional for an LMS
	 * (401 "not implemented"), and 2004 may hold no value yet (403): neither is a fault.
	 */
	#readPreference(element: string): string | null {
		try {
			const value = asText(this.#runtime.getValue(element)).trim();
			const code = this.#lastErrorCode();
			if (code === '' || code === '0') return value === '' ? null : value;
			if (code === SCORM12_NOT_IMPLEMENTED) this.#languageKept = false;
			else if (code !== SCORM2004_NOT_INITIALIZED) {
				this.#apiFault(this.#runtime.names.getValue, element, undefined, code);
			}
			return null;
		} catch (error) {
			this.#exceptionFault(this.#runtime.names.getValue, error, element);
			return null;
		}
	}

	/** The value, or '' when the read failed (the fault is recorded). */
	#get(element: string, options: { optional?: boolean } = {}): string {
		return this.#read(element, options) ?? '';
	}

	/**
	 * The value, or null when the read failed (the fault is recorded). `optional`: in 2004, "no
	 * value yet" (403, e.g. suspend_data at first launch) is an empty value, not a fault.
	 */
	#read(element: string, options: { optional?: boolean } = {}): string | null {
		const call = this.#runtime.names.getValue;
		try {
			const value = asText(this.#runtime.getValue(element));
			const code = this.#lastErrorCode();
			if (code === '' || code === '0') return value;
			const absent =
				options.optional === true &&
				this.#runtime.version === 'scorm2004' &&
				code === SCORM2004_NOT_INITIALIZED;
			if (absent) return '';
			this.#apiFault(call, element, undefined, code);
			return null;
		} catch (error) {
			this.#exceptionFault(call, error, element);
			return null;
		}
	}

	#set(element: string, value: string): boolean {
		return this.#validate(element, value) && this.#send(element, value);
	}

	/**
	 * True when the value may be sent; otherwise records why not. `partner`: the element held back
	 * with this one because the two are only ever sent together.
	 */
	#validate(element: string, value: string, partner?: string): boolean {
		const problem = validateScormValue(this.#runtime.version, element, value);
		if (problem === null) return true;
		this.#addFault({
			call: this.#runtime.names.setValue,
			element,
			value,
			code: 'invalid-value',
			message: problem,
			diagnostic:
				'not sent: refused by the content-side SCORM validator' +
				(partner === undefined ? '' : `; ${partner} was held back with it (sent only together)`)
		});
		return false;
	}

	#send(element: string, value: string): boolean {
		const call = this.#runtime.names.setValue;
		return this.#invoke(call, () => this.#runtime.setValue(element, value), element, value);
	}

	#commit(): boolean {
		this.#startCommitPending = false;
		const ok = this.#invoke(this.#runtime.names.commit, () => this.#runtime.commit());
		if (ok) {
			this.#unsavedSince = null;
			this.#retriesUsed = 0;
			this.#cancelRetry();
		} else {
			this.#unsavedSince ??= this.#now();
			this.#scheduleRetry();
		}
		return ok;
	}

	/*
	 * One retry pending at a time; 1, 2, 4, 8 s after successive failures, then none until a commit
	 * succeeds. A retry that comes due after a successful commit or after finish does nothing.
	 */
	#scheduleRetry(): void {
		if (this.#state !== 'active' || this.#retryPending) return;
		const delay = COMMIT_RETRY_DELAYS_MS[this.#retriesUsed];
		if (delay === undefined) return;
		this.#retriesUsed++;
		const token = ++this.#retryToken;
		this.#retryPending = true;
		try {
			this.#schedule(() => this.#retry(token), delay);
		} catch (error) {
			this.#retryPending = false;
			this.#exceptionFault('schedule', error);
		}
	}

	#retry(token: number): void {
		if (token !== this.#retryToken) return;
		this.#retryPending = false;
		if (this.#state !== 'active') return;
		this.#commit();
	}

	#cancelRetry(): void {
		this.#retryToken++;
		this.#retryPending = false;
	}

	/** Runs one boolean-returning API call; any failure becomes a fault, never an exception. */
	#invoke(call: string, run: () => unknown, element?: string, value?: string): boolean {
		try {
			if (succeeded(run())) return true;
			this.#apiFault(call, element, value, this.#lastErrorCode());
		} catch (error) {
			this.#exceptionFault(call, error, element, value);
		}
		return false;
	}

	#lastErrorCode(): string {
		try {
			return asText(this.#runtime.lastError()).trim();
		} catch {
			return '';
		}
	}

	#apiFault(call: string, element: string | undefined, value: string | undefined, code: string) {
		const ask = (read: () => unknown): string => {
			try {
				return asText(read());
			} catch {
				return '';
			}
		};
		const known = code !== '' && code !== '0';
		this.#addFault({
			call,
			...(element === undefined ? {} : { element }),
			...(value === undefined ? {} : { value }),
			code: known ? code : 'unknown',
			message: (known && ask(() => this.#runtime.errorString(code))) || 'the LMS reported failure',
			diagnostic: known ? ask(() => this.#runtime.diagnostic(code)) : ''
		});
	}

	#exceptionFault(call: string, error: unknown, element?: string, value?: string): void {
		this.#addFault({
			call,
			...(element === undefined ? {} : { element }),
			...(value === undefined ? {} : { value }),
			code: 'exception',
			...describeError(error)
		});
	}

	#addFault(fault: LmsFault): void {
		/* Logged, because LMS admins debug SCORM from the browser console. */
		console.warn(
			`[lms] ${fault.call}${fault.element ? ` ${fault.element}` : ''} failed: ${fault.message}`,
			{ ...fault, ...(fault.value === undefined ? {} : { value: shorten(fault.value) }) }
		);
		if (this.#faults.length < MAX_FAULTS) this.#faults.push(fault);
	}
}

const STANDALONE: LmsConnection = Object.freeze({
	mode: 'standalone',
	connected: false,
	learnerName: null,
	learnerId: null,
	learnerLanguage: null,
	alreadyCompleted: false,
	saved: null,
	faults: Object.freeze([]),
	commitFailing: false,
	unsavedSince: null,
	start: () => {},
	saveProgress: () => {},
	recordInteraction: () => {},
	recordObjectives: () => {},
	recordResult: () => {},
	saveLanguage: () => {},
	recordPathway: () => {},
	reopen: () => {},
	commit: () => {},
	finish: () => {}
});

/**
 * Connects to the LMS runtime reachable from `win`, or returns a standalone connection whose verbs
 * do nothing when there is none. Never throws.
 *
 * @param win - the content's window (`window` in the app, a plain object in tests).
 * @param options - the edition to look for, a clock for session time, a scheduler for retries.
 */
export function connectToLms(win: WindowLike, options: ConnectOptions = {}): LmsConnection {
	const found = findLmsApi(win, options.version);
	if (found === null) return STANDALONE;
	return new RuntimeConnection(
		wrapRuntime(found),
		options.now ?? (() => Date.now()),
		options.schedule ?? ((fn, ms) => setTimeout(fn, ms))
	);
}

/** What {@link finishOnPageHide} needs of a window; a real `Window` fits. */
export interface PageLifecycleTarget {
	addEventListener(type: 'pagehide' | 'visibilitychange', listener: () => void): void;
	removeEventListener(type: 'pagehide' | 'visibilitychange', listener: () => void): void;
	readonly document?: {
		readonly visibilityState?: string;
		addEventListener(type: 'visibilitychange', listener: () => void): void;
		removeEventListener(type: 'visibilitychange', listener: () => void): void;
	};
}

/**
 * Best-effort save when the learner closes the tab or navigates away: `pagehide` finishes the
 * session, `visibilitychange` to hidden only commits (the page may come back).
 *
 * `unload`/`beforeunload` are deliberately not used: Moodle 4.5 blocks `unload` by
 * Permissions-Policy, and `beforeunload` breaks the back/forward cache. An explicit finish button
 * remains the reliable path, because Chrome drops Moodle's synchronous XHR during page dismissal.
 *
 * @returns a function that removes the listeners.
 */
export function finishOnPageHide(
	connection: Pick<LmsConnection, 'finish' | 'commit'>,
	win: PageLifecycleTarget
): () => void {
	const onPageHide = () => connection.finish();
	const onVisibilityChange = () => {
		if (win.document?.visibilityState === 'hidden') connection.commit();
	};
	const visibilityTarget = win.document ?? win;
	win.addEventListener('pagehide', onPageHide);
	visibilityTarget.addEventListener('visibilitychange', onVisibilityChange);
	return () => {
		win.removeEventListener('pagehide', onPageHide);
		visibilityTarget.removeEventListener('visibilitychange', onVisibilityChange);
	};
}
