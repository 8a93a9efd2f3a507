/**
 * Discovery of the LMS-provided SCORM runtime object, following the ADL API discovery algorithm
 * (walk `parent` frames, then `opener` and its parents).
 */
import type { RuntimeNames } from './data-model';

/**
 * The minimum of a window that discovery reads. A real `Window` fits; so does a plain object,
 * which is what the unit tests use.
 */
export interface WindowLike {
	readonly parent?: WindowLike | null;
	readonly opener?: WindowLike | null;
	readonly API?: unknown;
	readonly API_1484_11?: unknown;
}

/** The SCORM 1.2 runtime (`window.API`) as far as this adapter calls it. */
interface Scorm12Runtime {
	LMSInitialize(param: ''): unknown;
	LMSFinish(param: ''): unknown;
	LMSGetValue(element: string): unknown;
	LMSSetValue(element: string, value: string): unknown;
	LMSCommit(param: ''): unknown;
	LMSGetLastError(): unknown;
	LMSGetErrorString(code: string): unknown;
	LMSGetDiagnostic(code: string): unknown;
}

/** The SCORM 2004 runtime (`window.API_1484_11`) as far as this adapter calls it. */
interface Scorm2004Runtime {
	Initialize(param: ''): unknown;
	Terminate(param: ''): unknown;
	GetValue(element: string): unknown;
	SetValue(element: string, value: string): unknown;
	Commit(param: ''): unknown;
	GetLastError(): unknown;
	GetErrorString(code: string): unknown;
	GetDiagnostic(code: string): unknown;
}

/** A runtime found by {@link findLmsApi}, tagged with its edition. */
export type FoundLmsApi =
	| { readonly version: 'scorm12'; readonly api: Scorm12Runtime; readonly names: RuntimeNames }
	| { readonly version: 'scorm2004'; readonly api: Scorm2004Runtime; readonly names: RuntimeNames };

/** The ADL algorithm's limit; real LMS frame nesting is a handful of levels. */
const MAX_PARENT_HOPS = 500;

/*
 * Only the lifecycle and data methods are required: the error methods are always called inside
 * try/catch, and some LMS wrappers are known to be sloppy about them.
 */
const REQUIRED_METHODS = ['initialize', 'terminate', 'getValue', 'setValue', 'commit'] as const;

function isRuntime(candidate: unknown, names: RuntimeNames): boolean {
	if (candidate === null || (typeof candidate !== 'object' && typeof candidate !== 'function')) {
		return false;
	}
	const record = candidate as Record<string, unknown>;
	const methods = names.methods;
	return REQUIRED_METHODS.every((method) => typeof record[methods[method]] === 'function');
}

/** Reads `win[name]`; cross-origin frames throw `SecurityError`, which means "not here". */
function readRuntime(win: WindowLike, names: RuntimeNames): unknown {
	try {
		const candidate = win[names.global];
		return isRuntime(candidate, names) ? candidate : undefined;
	} catch {
		return undefined;
	}
}

function readParent(win: WindowLike): WindowLike | null {
	try {
		return win.parent ?? null;
	} catch {
		return null;
	}
}

function readOpener(win: WindowLike): WindowLike | null {
	try {
		return win.opener ?? null;
	} catch {
		return null;
	}
}

/**
 * Looks in `start` and its ancestors. Keeps climbing past a frame whose runtime property cannot be
 * read, because a cross-origin wrapper frame (e.g. an ESR or CDN host) may sit between the
 * content and a same-origin LMS frame, and `parent` itself is readable across origins.
 */
function searchUp(start: WindowLike, names: RuntimeNames): { api: unknown; top: WindowLike } {
	let current = start;
	for (let hops = 0; ; hops++) {
		const api = readRuntime(current, names);
		if (api !== undefined) return { api, top: current };
		const parent = readParent(current);
		if (parent === null || parent === current || hops >= MAX_PARENT_HOPS) {
			return { api: undefined, top: current };
		}
		current = parent;
	}
}

function searchVersion(win: WindowLike, names: RuntimeNames): unknown {
	const own = searchUp(win, names);
	if (own.api !== undefined) return own.api;
	/*
	 * Moodle's "new window" display puts the content in a popup whose opener holds the API; when the
	 * content is itself framed inside that popup, the opener hangs off the popup's top window.
	 */
	const openers = [readOpener(win), readOpener(own.top)];
	for (const [index, opener] of openers.entries()) {
		if (opener === null || openers.indexOf(opener) !== index) continue;
		const found = searchUp(opener, names);
		if (found.api !== undefined) return found.api;
	}
	return undefined;
}

/**
 * Finds the LMS runtime for the content running in `win`.
 *
 * @param win - the content's window (or a window-like object in tests).
 * @param runtimes - the editions to look for, in order of preference: a package looks only for the
 *   one its manifest promises.
 * @returns the runtime and its edition, or `null` when no LMS is reachable. Never throws.
 */
export function findLmsApi(win: WindowLike, runtimes: readonly RuntimeNames[]): FoundLmsApi | null {
	for (const names of runtimes) {
		const api = searchVersion(win, names);
		if (api === undefined) continue;
		/* isRuntime checked the methods of exactly this edition. */
		return { version: names.version, api, names } as FoundLmsApi;
	}
	return null;
}
