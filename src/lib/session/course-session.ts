import type { CourseEvent, Decision } from '../engine/course-machine.ts';
import { startCourseRun, type CourseRun } from '../engine/progress.ts';
import { orderSeed } from '../engine/choice-order.ts';
import { locationOf } from '../engine/screen.ts';
import { judgeDecision, scoreCourse, type CourseScore } from '../engine/scoring.ts';
import type { LmsConnection, ObjectiveRecord } from '../lms/connection.ts';
import { pathwayOf, planned } from '../scenario/plan.ts';
import type { CourseBundle, Pathway } from '../scenario/types.ts';

/** Where progress is kept when no LMS is connected: the browser's own storage. */
export interface ProgressStore {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

export interface SessionOptions {
	/** Milliseconds since the epoch; injectable so tests are deterministic. */
	now?: () => number;
	/** Used in standalone mode only. */
	store?: ProgressStore | null;
	/**
	 * Runs LMS writes after the new screen is drawn, so a slow LMS never holds up the learner.
	 * Defaults to a zero timeout; tests pass a function that runs the job at once.
	 */
	defer?: (job: () => void) => void;
	/** Ignore saved progress and start from the welcome screen (a retake). */
	fresh?: boolean;
	/** Draws a new attempt's value (see `progress.ts`); injectable so tests are deterministic. */
	drawAttempt?: () => string;
}

export interface CourseSession {
	/**
	 * The engine's run of the course, built when first asked for: the course machine of a long
	 * course takes a while to build, and a learner starting afresh reads the welcome screen, which
	 * needs none of it, first.
	 */
	readonly run: CourseRun;
	/** True when there is saved progress to resume (or to refuse): the run is needed at once. */
	readonly resumes: boolean;
	/** Whether the run has been built yet. */
	readonly started: boolean;
	/** Seeds the order this learner sees choices in, this attempt: see `choice-order.ts`. */
	readonly orderSeed: string;
	/** The course as this learner plays it: only their pathway's scenarios, once they chose one. */
	plan(): CourseBundle;
	/** The interface language the learner chose before (LMS preference, or this browser's), if any. */
	readonly language: string | null;
	/** Remembers the learner's choice of interface language for their next launch. */
	saveLanguage(tag: string): void;
	/** Sends a learner's event to the engine and queues what the LMS should hear about it. */
	send(event: CourseEvent): boolean;
	/** Sends any queued LMS writes now: before the session ends, nothing may be left behind. */
	flush(): void;
	/** Writes what is queued and ends the LMS session; progress stays saved for a later resume. */
	finish(): void;
	/** Starts the course again after a fail, keeping the LMS's record of earlier attempts. */
	restart(): CourseSession;
}

const storeKey = (bundle: CourseBundle) => `safeguarding-course:${bundle.course.id}`;
const languageKey = 'safeguarding-course:language';

/**
 * Connects a run of the course to the LMS: one interaction per decision, one objective per theme,
 * saved progress after every step, and the result at the end. It knows the engine and the LMS
 * adapter's version-neutral verbs, never SCORM element names.
 */
export function startCourseSession(
	bundle: CourseBundle,
	lms: LmsConnection,
	options: SessionOptions = {}
): CourseSession {
	const { now = Date.now, store = null, defer = (job) => setTimeout(job, 0), fresh } = options;
	const standalone = lms.mode === 'standalone' || !lms.connected;
	const saved = fresh
		? null
		: standalone
			? store?.getItem(storeKey(bundle))
			: lms.saved?.suspendData;
	const sessionStart = now();
	let decisionShownAt = sessionStart;
	let resultSent = false;

	// LMS writes wait for `defer` (the page's next paint); everything queued by then goes out as
	// one batch, with one commit. A job that throws does not hold back the jobs behind it, nor the
	// next flush: the learner's progress is in those.
	const queue: (() => void)[] = [];
	let scheduled = false;
	const flush = () => {
		scheduled = false;
		const failures: unknown[] = [];
		lms.batch(() => {
			for (let job = queue.shift(); job; job = queue.shift()) {
				try {
					job();
				} catch (e) {
					failures.push(e);
				}
			}
		});
		if (failures.length) throw failures[0];
	};
	const later = (job: () => void) => {
		queue.push(job);
		if (!scheduled) {
			scheduled = true;
			defer(flush);
		}
	};

	const objectives = (score: CourseScore, over: boolean): ObjectiveRecord[] =>
		score.themes.map((theme) => ({
			id: theme.theme,
			scorePercent: theme.percent,
			status: !over ? 'incomplete' : theme.percent >= score.passMark ? 'passed' : 'failed'
		}));

	const saveProgress = () => {
		const run = attach();
		const snapshot = run.actor.getSnapshot();
		const progress = run.save(run.elapsedBefore + now() - sessionStart);
		if (standalone) store?.setItem(storeKey(bundle), progress);
		else lms.saveProgress({ location: locationOf(snapshot), suspendData: progress });
	};

	// What the machine says the step being sent did. The replay of saved progress comes before
	// these listeners: the LMS heard about those steps when the learner took them.
	let heard: { pathway?: Pathway; decision?: Decision } = {};
	let built: CourseRun | undefined;
	const attach = (): CourseRun => {
		if (built) return built;
		const run = startCourseRun(bundle, saved, options.drawAttempt);
		run.actor.on('pathway.chosen', (chosen) => {
			heard.pathway = pathwayOf(bundle.course, chosen.pathway);
		});
		run.actor.on('decision.made', (made) => {
			heard.decision = made.decision;
		});
		// A relaunch that resumes at the summary has already reported its result.
		resultSent = run.actor.getSnapshot().status === 'done';
		built = run;
		return run;
	};

	// Before the run is built the learner is at the welcome screen, with no role yet.
	const plan = () => planned(bundle, built?.actor.getSnapshot().context.pathway ?? null);

	const send = (event: CourseEvent) => {
		const run = attach();
		const at = now();
		heard = {};
		if (!run.send(event)) return false;
		const { pathway, decision } = heard;
		const snapshot = run.actor.getSnapshot();
		const decisions = snapshot.context.decisions;
		if (snapshot.hasTag('decision')) decisionShownAt = at;

		const scenario = decision && bundle.scenarios.find((s) => s.id === decision.scenario);
		const judgement = scenario && decision && judgeDecision(scenario, decision);
		const latencyMs = at - decisionShownAt;
		const done = snapshot.status === 'done';

		later(() => {
			if (pathway) lms.recordPathway({ id: pathway.id, title: pathway.title });
			if (judgement && decision) {
				lms.recordInteraction({
					id: judgement.id,
					choiceId: decision.choice,
					choiceIndex: judgement.choiceIndex,
					correctChoiceIds: judgement.bestChoiceIds,
					correctChoiceIndexes: judgement.bestChoiceIndexes,
					result: judgement.result,
					weighting: judgement.weighting,
					latencyMs,
					at,
					description: judgement.prompt,
					objective: judgement.theme
				});
				lms.recordObjectives(objectives(scoreCourse(plan(), decisions), false));
			}
			if (done) run.complete(at);
			saveProgress();
			if (done && !resultSent) {
				resultSent = true;
				const score = scoreCourse(plan(), decisions);
				lms.recordObjectives(objectives(score, true));
				lms.recordResult({ scorePercent: score.percent, passed: score.passed });
			}
		});
		return true;
	};

	return {
		get run() {
			return attach();
		},
		resumes: Boolean(saved),
		get started() {
			return built !== undefined;
		},
		get orderSeed() {
			return orderSeed(standalone ? null : lms.learnerId, attach().attempt);
		},
		plan,
		language: standalone ? (store?.getItem(languageKey) ?? null) : lms.learnerLanguage,
		saveLanguage(tag) {
			if (standalone) store?.setItem(languageKey, tag);
			else later(() => lms.saveLanguage(tag));
		},
		send,
		flush,
		finish() {
			try {
				flush();
			} finally {
				lms.finish();
			}
		},
		restart() {
			flush();
			if (standalone) store?.removeItem(storeKey(bundle));
			lms.reopen();
			return startCourseSession(bundle, lms, { ...options, fresh: true });
		}
	};
}
