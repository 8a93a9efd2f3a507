/**
 * The app's only way to talk to the LMS: a few version-neutral verbs over the SCORM 1.2 or 2004
 * runtime, or no-ops when the course runs outside an LMS.
 *
 * Every runtime call is wrapped: a failing or throwing LMS is recorded in `faults` and never
 * breaks the course. Every value is checked by `validateScormValue` before it is sent.
 */
import { findLmsApi, type FoundLmsApi, type ScormVersion, type WindowLike } from './find-api';
import { validateScormValue } from './scorm-format';
import { formatSessionTime } from './session-time';

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
 * One thing that went wrong between the content and the LMS.
 *
 * `code` is the LMS error code (e.g. `'405'`), or one of the adapter's own codes:
 * `'invalid-value'` (refused by the validator, never sent), `'invalid-result'` (a
 * `CourseResult` outside its contract), `'exception'` (the runtime threw) or `'unknown'` (the call
 * failed but the LMS gave no error code).
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
	 * True when the LMS says this attempt has already been completed/passed before (do not go
	 * backwards). Known after `start()`.
	 */
	readonly alreadyCompleted: boolean;
	/** Everything that went wrong so far, oldest first (capped). Empty when all is well. */
	readonly faults: readonly LmsFault[];
	/**
	 * Initialise once. At first launch (1.2 status 'not attempted' or ''; 2004 completion
	 * 'not attempted'/'unknown') set status incomplete, score min 0 max 100; set exit=suspend;
	 * commit.
	 */
	start(): void;
	/**
	 * After every decision or screen change: write location (a short `[a-z0-9_.]` string),
	 * exit=suspend (unless the result is already recorded), commit.
	 */
	saveProgress(location: string): void;
	/**
	 * Course over: write score (1.2 raw/min/max; 2004 scaled/raw/min/max), status (1.2
	 * lesson_status passed|failed; 2004 completion_status completed + success_status
	 * passed|failed), exit ('' in 1.2 / 'normal' in 2004), commit. Does not terminate. A result
	 * that is not passed never overwrites a pass from before.
	 */
	recordResult(result: CourseResult): void;
	/** Commit only; cheap enough for `visibilitychange` → hidden. */
	commit(): void;
	/**
	 * Write session time, commit, terminate: exactly once whatever is called how often (finish
	 * button, pagehide, ...); calls after that do nothing and never reach the API.
	 */
	finish(): void;
}

/** Options for {@link connectToLms}. */
export interface ConnectOptions {
	/** The edition the package was built for; omitted in the preview (2004 preferred, then 1.2). */
	version?: ScormVersion;
	/** Clock in milliseconds, for session time; `Date.now` by default. */
	now?: () => number;
}

/* All data model element names of the app live here and in scorm-format.ts. */
const CMI = {
	scorm12: {
		learnerName: 'cmi.core.student_name',
		status: 'cmi.core.lesson_status',
		location: 'cmi.core.lesson_location',
		exit: 'cmi.core.exit',
		sessionTime: 'cmi.core.session_time',
		scoreRaw: 'cmi.core.score.raw',
		scoreMin: 'cmi.core.score.min',
		scoreMax: 'cmi.core.score.max'
	},
	scorm2004: {
		learnerName: 'cmi.learner_name',
		completion: 'cmi.completion_status',
		success: 'cmi.success_status',
		location: 'cmi.location',
		exit: 'cmi.exit',
		sessionTime: 'cmi.session_time',
		scoreScaled: 'cmi.score.scaled',
		scoreRaw: 'cmi.score.raw',
		scoreMin: 'cmi.score.min',
		scoreMax: 'cmi.score.max'
	}
} as const;

const MAX_FAULTS = 100;

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

type SessionState = 'idle' | 'active' | 'failed' | 'finished';

class RuntimeConnection implements LmsConnection {
	readonly mode: ScormVersion;
	#runtime: Runtime;
	#now: () => number;
	#state: SessionState = 'idle';
	#startedAt = 0;
	#learnerName: string | null = null;
	#alreadyCompleted = false;
	#previouslyPassed = false;
	#resultRecorded = false;
	#faults: LmsFault[] = [];

	constructor(runtime: Runtime, now: () => number) {
		this.#runtime = runtime;
		this.#now = now;
		this.mode = runtime.version;
	}

	get connected(): boolean {
		return this.#state === 'active';
	}

	get learnerName(): string | null {
		return this.#learnerName;
	}

	get alreadyCompleted(): boolean {
		return this.#alreadyCompleted;
	}

	get faults(): readonly LmsFault[] {
		return this.#faults;
	}

	start(): void {
		if (this.#state !== 'idle') return;
		if (!this.#invoke(this.#runtime.names.initialize, () => this.#runtime.initialize())) {
			this.#state = 'failed';
			return;
		}
		this.#state = 'active';
		this.#startedAt = this.#now();
		if (this.#runtime.version === 'scorm12') this.#start12();
		else this.#start2004();
		this.#commit();
	}

	saveProgress(location: string): void {
		if (this.#state !== 'active') return;
		const cmi = CMI[this.#runtime.version];
		this.#set(cmi.location, location);
		/* Going back to 'suspend' after the result would keep a finished attempt open for resume. */
		if (!this.#resultRecorded) this.#set(cmi.exit, 'suspend');
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
		this.#commit();
	}

	commit(): void {
		if (this.#state !== 'active') return;
		this.#commit();
	}

	finish(): void {
		const wasActive = this.#state === 'active';
		/* Set first, so a pagehide fired from inside the LMS's own Terminate cannot re-enter. */
		this.#state = 'finished';
		if (!wasActive) return;
		const cmi = CMI[this.#runtime.version];
		const elapsed = Math.max(0, this.#now() - this.#startedAt);
		this.#set(cmi.sessionTime, formatSessionTime(this.#runtime.version, elapsed));
		this.#commit();
		this.#invoke(this.#runtime.names.terminate, () => this.#runtime.terminate());
	}

	#start12(): void {
		const cmi = CMI.scorm12;
		this.#learnerName = this.#readName(cmi.learnerName);
		const status = this.#get(cmi.status);
		this.#alreadyCompleted = status === 'passed' || status === 'completed';
		this.#previouslyPassed = status === 'passed';
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
		this.#learnerName = this.#readName(cmi.learnerName);
		const completion = this.#get(cmi.completion);
		const success = this.#get(cmi.success);
		this.#alreadyCompleted = completion === 'completed' || success === 'passed';
		this.#previouslyPassed = success === 'passed';
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

	#readName(element: string): string | null {
		const name = this.#get(element).trim();
		return name === '' ? null : name;
	}

	#get(element: string): string {
		const call = this.#runtime.names.getValue;
		try {
			const value = asText(this.#runtime.getValue(element));
			const code = this.#lastErrorCode();
			if (code !== '' && code !== '0') this.#apiFault(call, element, undefined, code);
			return value;
		} catch (error) {
			this.#exceptionFault(call, error, element);
			return '';
		}
	}

	#set(element: string, value: string): boolean {
		const call = this.#runtime.names.setValue;
		const problem = validateScormValue(this.#runtime.version, element, value);
		if (problem !== null) {
			this.#addFault({
				call,
				element,
				value,
				code: 'invalid-value',
				message: problem,
				diagnostic: 'not sent: refused by the content-side SCORM validator'
			});
			return false;
		}
		return this.#invoke(call, () => this.#runtime.setValue(element, value), element, value);
	}

	#commit(): boolean {
		return this.#invoke(this.#runtime.names.commit, () => this.#runtime.commit());
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
	alreadyCompleted: false,
	faults: Object.freeze([]),
	start: () => {},
	saveProgress: () => {},
	recordResult: () => {},
	commit: () => {},
	finish: () => {}
});

/**
 * Connects to the LMS runtime reachable from `win`, or returns a standalone connection whose verbs
 * do nothing when there is none. Never throws.
 *
 * @param win - the content's window (`window` in the app, a plain object in tests).
 * @param options - the edition to look for, and a clock for session time.
 */
export function connectToLms(win: WindowLike, options: ConnectOptions = {}): LmsConnection {
	const found = findLmsApi(win, options.version);
	if (found === null) return STANDALONE;
	return new RuntimeConnection(wrapRuntime(found), options.now ?? (() => Date.now()));
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
