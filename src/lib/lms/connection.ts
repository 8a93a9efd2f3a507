/**
 * The app's only way to talk to the LMS: a few version-neutral verbs over the SCORM 1.2 or 2004
 * runtime, or no-ops when the course runs outside an LMS.
 *
 * The adapter is split by job: the port the session depends on (port.ts), the names of each
 * edition (data-model.ts), what each edition spells differently (edition-12.ts, edition-2004.ts),
 * the verbs over any edition (runtime-connection.ts), guarded runtime calls (runtime.ts),
 * commit-with-retry, the fault log and the page lifecycle. This module picks the pieces and keeps
 * every name the app imports in one place.
 */
import type { Scheduler } from './commit-retry';
import type { ScormVersion } from './data-model';
import type { Edition } from './edition';
import { scorm12 } from './edition-12';
import { scorm2004 } from './edition-2004';
import { findLmsApi, type WindowLike } from './find-api';
import type { LmsConnection } from './port';
import { bindRuntime } from './runtime';
import { RuntimeConnection } from './runtime-connection';

export { finishOnPageHide } from './page-lifecycle';
export type * from './port';

/** Options for {@link connectToLms}. */
export interface ConnectOptions {
	/** The edition the package was built for; omitted in the preview (2004 preferred, then 1.2). */
	version?: ScormVersion;
	/** Clock in milliseconds, for session time and `unsavedSince`; `Date.now` by default. */
	now?: () => number;
	/** Schedules commit retries; `setTimeout` by default. Tests pass a manual queue. */
	schedule?: Scheduler;
}

/**
 * The editions this build talks to. The build sets `__SCORM_EDITION__` (vite.config.ts): a package
 * is built for the one edition its manifest promises, and the other's code is dropped as dead;
 * tests and the unpackaged app keep both, SCORM 2004 preferred.
 */
const EDITIONS: readonly Edition[] =
	__SCORM_EDITION__ === 'scorm12'
		? [scorm12]
		: __SCORM_EDITION__ === 'scorm2004'
			? [scorm2004]
			: [scorm2004, scorm12];

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
	batch: (writes: () => void) => writes(),
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
	const editions = options.version
		? EDITIONS.filter((edition) => edition.version === options.version)
		: EDITIONS;
	const found = findLmsApi(
		win,
		editions.map((edition) => edition.runtime)
	);
	const edition = editions.find((e) => e.version === found?.version);
	if (found === null || edition === undefined) return STANDALONE;
	return new RuntimeConnection(
		edition,
		bindRuntime(found),
		options.now ?? (() => Date.now()),
		options.schedule ?? ((fn, ms) => setTimeout(fn, ms))
	);
}
