/**
 * Test fixtures: scorm-again runtimes set up like the LMSs we target, relaunches that carry the
 * previous session's data over, a content window under the LMS frame, a manual clock and a
 * manual scheduler for commit retries.
 *
 * Test-only: nothing in the app imports this file.
 */
import { Scorm12API, Scorm2004API } from 'scorm-again';
import type { InteractionRecord } from './connection';
import type { WindowLike } from './find-api';

type Json = Record<string, unknown>;

/**
 * A Moodle-like 1.2 LMS: mastery score from the manifest, status recomputed from the score on
 * LMSFinish (scorm-again applies `mastery_override` only with credit 'credit' in normal mode).
 */
export function moodle12(core: Json = {}): Scorm12API {
	const api = new Scorm12API({ logLevel: 5, autocommit: false, mastery_override: true });
	api.loadFromJSON({
		student_data: { mastery_score: '80' },
		core: { student_name: 'Doe, Jane', credit: 'credit', lesson_mode: 'normal', ...core }
	});
	return api;
}

/** A 2004 LMS with the manifest's minNormalizedMeasure 0.8 as scaled_passing_score. */
export function lms2004(data: Json = {}): Scorm2004API {
	const api = new Scorm2004API({ logLevel: 5, autocommit: false });
	api.loadFromJSON({ learner_name: 'Doe, Jane', scaled_passing_score: '0.8', ...data });
	return api;
}

/*
 * What an LMS keeps of a finished session, as scorm-again's flattened CMI, less what the LMS
 * itself owns or resets for the next session (entry is set by `relaunch*`).
 */
function carriedOver(flat: Record<string, unknown>, owned: readonly string[]) {
	return Object.fromEntries(Object.entries(flat).filter(([key]) => !owned.includes(key)));
}

/**
 * The next launch of a 1.2 SCO: the previous session's data loaded before LMSInitialize, and
 * `entry` set as an LMS does ('resume' after exit=suspend, else ''), unless given.
 */
export function relaunch12(previous: Scorm12API, entry?: string): Scorm12API {
	const api = moodle12();
	const flat = previous.getFlattenedCMI() as Record<string, unknown>;
	api.loadFromFlattenedJSON(
		carriedOver(flat, ['cmi.core.entry', 'cmi.core.exit', 'cmi.core.session_time'])
	);
	api.cmi.core.entry = entry ?? (flat['cmi.core.exit'] === 'suspend' ? 'resume' : '');
	return api;
}

/** The next launch of a 2004 SCO, as {@link relaunch12}. */
export function relaunch2004(previous: Scorm2004API, entry?: string): Scorm2004API {
	const api = lms2004();
	const flat = previous.getFlattenedCMI() as Record<string, unknown>;
	api.loadFromFlattenedJSON(carriedOver(flat, ['cmi.entry', 'cmi.exit', 'cmi.session_time']));
	api.cmi.entry = entry ?? (flat['cmi.exit'] === 'suspend' ? 'resume' : '');
	return api;
}

/** The course frame inside the LMS's player page inside the LMS window holding the API. */
export function contentFrameUnder(lmsGlobals: {
	API?: unknown;
	API_1484_11?: unknown;
}): WindowLike {
	const lmsWindow: { parent?: WindowLike; API?: unknown; API_1484_11?: unknown } = {
		...lmsGlobals
	};
	lmsWindow.parent = lmsWindow;
	return { parent: { parent: lmsWindow } };
}

/** A clock that reads 1000 until advanced. */
export function clock() {
	let time = 1000;
	return { now: () => time, advance: (ms: number) => (time += ms) };
}

/** A scheduler that only queues: tests run the due callbacks themselves. */
export function manualScheduler() {
	const queue: { fn: () => void; ms: number }[] = [];
	const scheduled: number[] = [];
	return {
		schedule: (fn: () => void, ms: number) => {
			queue.push({ fn, ms });
			scheduled.push(ms);
		},
		/** Every delay ever asked for, in order. */
		scheduled,
		get pending(): number {
			return queue.length;
		},
		/** Runs the oldest queued callback; returns its delay, or undefined when none was queued. */
		runNext(): number | undefined {
			const next = queue.shift();
			next?.fn();
			return next?.ms;
		},
		/** Runs queued callbacks, including ones they queue, until none is left (max 50). */
		runAll(): number[] {
			const ran: number[] = [];
			for (let i = 0; i < 50 && queue.length > 0; i++) ran.push(this.runNext() as number);
			return ran;
		}
	};
}

/** Epoch ms of a local date and time (month 1-12), so formatted local times are zone-proof. */
export function localTime(
	year: number,
	month: number,
	day: number,
	hours: number,
	minutes: number,
	seconds: number
): number {
	return new Date(year, month - 1, day, hours, minutes, seconds).getTime();
}

/** A decision as the app reports it; override any field. */
export function decision(overrides: Partial<InteractionRecord> = {}): InteractionRecord {
	return {
		id: 'ambulance_fall_at_home.the_hint',
		choiceId: 'ask_directly',
		choiceIndex: 1,
		correctChoiceIds: ['ask_directly', 'speak_alone'],
		correctChoiceIndexes: [1, 3],
		result: 'correct',
		weighting: 1,
		latencyMs: 12_500,
		at: localTime(2025, 11, 28, 14, 5, 9),
		description: 'Mrs Patel hints that things are difficult at home. What do you do?',
		objective: 'theme_risk',
		...overrides
	};
}
