/**
 * The course player's controller: one launch of a course in the learner's browser. It ties the
 * session (engine and what the LMS hears), the scenario words arriving over the network, the
 * interface language and the LMS connection into the state the player draws. It lives with the
 * route because it is the one place allowed to wire a session to the LMS and to Svelte alike.
 */
import { SvelteMap } from 'svelte/reactivity';
import { currentLocale, localeFailed, localeFor, setLocale, t, type Locale } from '$lib/i18n';
import { inLearnerOrder } from '$lib/engine/choice-order';
import { caseNotesOf, debriefOf } from '$lib/engine/debrief';
import { welcomeSnapshot } from '$lib/engine/course-machine';
import { screenOf, statePath } from '$lib/engine/screen';
import { scoreCourse } from '$lib/engine/scoring';
import { connectToLms, finishOnPageHide, type LmsConnection } from '$lib/lms/connection';
import { scormVersionNamed } from '$lib/lms/data-model';
import { courseIn, createScenarioTexts, type ScenarioTexts } from '$lib/session/course-content';
import { startCourseSession, type CourseSession } from '$lib/session/course-session';
import type { LaunchCourse } from '$lib/scenario/launch';
import { planned } from '$lib/scenario/plan';
import type { Scenario } from '$lib/scenario/types';

type Snapshot = ReturnType<CourseSession['run']['actor']['getSnapshot']>;

export class CourseController {
	readonly launch: LaunchCourse;
	/** Read once: after the session ends the adapter is no longer connected, but what it sent stands. */
	readonly connected: boolean;
	readonly learnerName: string | null;

	readonly #lms: LmsConnection;
	// Not reactive on purpose: the prefetch effects read it, and a retake must not re-run them.
	#session: CourseSession;
	#subscription: { unsubscribe(): void };
	/** The session whose run the controller follows: none until it is built. */
	#attached: CourseSession | null = null;
	readonly #stopPageExit: () => void;
	/** The language the learner arrived with, loaded before the first screen is drawn. */
	readonly #language: Locale;
	readonly #texts: ScenarioTexts;
	/**
	 * The words that have arrived, by the language asked for and scenario id: reading it is what
	 * makes the screen follow arrivals, while `#texts` does the fetching once per file.
	 */
	readonly #arrived = new SvelteMap<string, Scenario>();
	/** A key, not a string: the notice follows a switch of language like everything else. */
	readonly #restoreKey: string | null;

	localeReady: boolean;
	snapshot: Snapshot;
	/** The order this learner sees choices in; a retake is a new attempt, with an order of its own. */
	orderSeed: string;
	/** When a resumed course was completed; none yet for one finished now (the certificate shows today). */
	completedAt: number | null;
	finished = $state(false);
	paused = $state<false | 'saved' | 'unsaved'>(false);
	commitFailing = $state(false);
	#textsFailed = $state(false);
	readonly #fromFile: boolean;
	#destroyed = false;

	constructor(launch: LaunchCourse, win: Window) {
		this.launch = launch;
		// The packager stamps the SCORM version into the launch page, so the content looks only for
		// the runtime that its manifest promises; without the stamp (preview) it takes whichever it
		// finds. The adapter retries failed commits on this scheduler, so each run of it is a moment
		// the saving may have failed or recovered. Its jobs wait for a paint: an LMS's commit can
		// block the page (Moodle's is a synchronous request), and never between a click and the
		// screen it leads to, nor before the first screen.
		const stamped = win.document.querySelector<HTMLMetaElement>('meta[name="lms"]')?.content;
		this.#lms = connectToLms(win, {
			version: scormVersionNamed(stamped),
			schedule: (job, ms) => setTimeout(() => afterNextPaint(win, () => this.#afterLms(job)), ms)
		});
		this.#lms.start({ deferCommit: true });
		this.connected = this.#lms.connected;
		this.learnerName = this.#lms.learnerName;
		// LMS writes run once the new screen is painted; each batch may change the saving.
		this.#session = startCourseSession(launch, this.#lms, {
			store: browserStore(win),
			defer: (job) => afterNextPaint(win, () => this.#afterLms(job))
		});
		// A learner with saved progress needs the course's machine at once, to be shown their place;
		// one starting afresh reads the welcome screen while it is built, once the page is idle (a
		// click that comes first is handled first, and builds it then).
		this.snapshot = $state.raw(welcomeSnapshot(launch.course));
		this.completedAt = $state(null);
		this.orderSeed = $state('');
		this.#subscription = { unsubscribe() {} };
		if (this.#session.resumes) this.#attach();
		else whenIdle(win, () => this.#attach());

		// The learner's language preference (from the LMS, or this browser when standalone) chooses
		// the interface language; they can switch at any time. Another language than the bundled
		// one loads first, so a Welsh speaker never sees the first screen flash by in English.
		this.#language = localeFor(this.#session.language);
		this.localeReady = $state(this.#language === 'en-GB');
		if (!this.localeReady) void setLocale(this.#language).then(() => (this.localeReady = true));

		const restoreProblem = this.#session.resumes ? this.#session.run.restoreProblem : null;
		this.#restoreKey = restoreProblem
			? `app.restore.${restoreProblem}`
			: screenOf(launch, this.snapshot).kind !== 'welcome'
				? 'app.resumed'
				: null;

		this.#texts = createScenarioTexts(launch, win.location.href);
		this.#fromFile = win.location.protocol === 'file:';
		this.#fetchWords();

		// One way out: queued LMS writes go out first, then the session ends. Hiding the page sends
		// them and commits, as the page may come back (or may not: a hidden page paints nothing).
		this.#stopPageExit = finishOnPageHide(
			{
				finish: () => this.#afterLms(() => this.#session.finish()),
				// back from the browser's cache after the session ended: nothing more can be saved,
				// so the learner sees what a pause shows
				restored: () => {
					if (!this.finished) this.#showPaused();
				},
				// one commit for everything queued: Moodle's is a synchronous request, and Chrome may
				// drop any after the first while the page is going away
				commit: () =>
					this.#afterLms(() =>
						this.#lms.batch(() => {
							this.#session.flush();
							this.#lms.commit();
						})
					)
			},
			win
		);
	}

	// Worked out lazily (`$derived.by`), as the session they read is wired up in the constructor.

	/** The course's own words in the learner's language. */
	readonly course = $derived.by(() => courseIn(this.launch, currentLocale()));

	/**
	 * What is drawn: the learner's own scenarios (their pathway's, where the course has roles), in
	 * their language, with every decision's choices in their own order.
	 */
	readonly view = $derived.by(() => {
		const locale = currentLocale();
		// Ordering is worked out for what is drawn: the scenario on screen, or on the summary every
		// one its case notes replay; not for all of a long course on every step.
		const [here] = statePath(this.snapshot.value);
		const all = this.snapshot.status === 'done';
		return planned(
			{
				course: this.course,
				scenarios: this.launch.scenarios.map((outline) => {
					const shown = this.#shown(outline.id, locale) ?? outline;
					return all || outline.id === here ? inLearnerOrder(shown, this.orderSeed) : shown;
				})
			},
			this.snapshot.context.pathway
		);
	});

	readonly screen = $derived.by(() => screenOf(this.view, this.snapshot));

	/**
	 * The scenarios whose words this screen shows: the one being played, or on the summary every
	 * one the case notes replay.
	 */
	readonly needed = $derived.by(() =>
		'scenario' in this.screen
			? [this.screen.scenario.id]
			: this.screen.kind === 'summary'
				? this.snapshot.context.decisions
						.map((d) => d.scenario)
						.filter((id, i, ids) => ids.indexOf(id) === i)
				: []
	);

	readonly #waiting = $derived.by(() => {
		const locale = currentLocale();
		return this.needed.some((id) => !this.#shown(id, locale));
	});
	/** The words of the screen are on their way. */
	readonly loading = $derived(this.#waiting && !this.#textsFailed);
	/** They did not arrive; `file` where browsers refuse to load the rest of a course from disk. */
	readonly loadFailed = $derived.by(
		(): false | 'file' | 'network' =>
			this.#waiting && this.#textsFailed && (this.#fromFile ? 'file' : 'network')
	);

	readonly score = $derived.by(() =>
		scoreCourse(
			planned(this.launch, this.snapshot.context.pathway),
			this.snapshot.context.decisions
		)
	);
	/** The learner's decisions in the scenario on screen, replayed at its ending. */
	readonly debrief = $derived.by(() =>
		this.screen.kind === 'ending'
			? debriefOf(this.screen.scenario, this.snapshot.context.decisions)
			: []
	);
	/** The learner's own record for the summary: each scenario's decisions with their feedback. */
	readonly caseNotes = $derived.by(() =>
		this.screen.kind === 'summary' ? caseNotesOf(this.view, this.snapshot.context.decisions) : []
	);
	/** One calm notice while the LMS is not saving: the learner can carry on, the adapter retries. */
	readonly notice = $derived.by(() =>
		this.commitFailing
			? t('app.lmsFault')
			: localeFailed()
				? t('app.languageFailed', { language: t(`app.languages.${localeFailed()}`) })
				: this.#restoreKey === null
					? null
					: t(this.#restoreKey)
	);

	start(pathway?: string) {
		this.#attach(); // at once, if the learner is quicker than the build after the first paint
		this.#session.send({ type: 'course.start', ...(pathway ? { pathway } : {}) });
	}

	continue() {
		this.#session.send({ type: 'step.continue' });
	}

	choose(choice: string) {
		this.#session.send({ type: 'choice.select', choice });
	}

	/** The learner switched the interface language: remember it for their next launch. */
	saveLanguage(locale: Locale) {
		this.#session.saveLanguage(locale);
	}

	/** Ask again for the words of this screen, after they failed to arrive. */
	retry() {
		return this.#loadTexts(this.needed);
	}

	// The screen changes even if a write on the way out throws: the session has ended either way.
	finish() {
		try {
			this.#afterLms(() => this.#session.finish());
		} finally {
			this.finished = true;
		}
	}

	pause() {
		try {
			this.#afterLms(() => this.#session.finish());
		} finally {
			this.#showPaused();
		}
	}

	/** The last save is the one the learner relies on: only promise it if the LMS took it. */
	#showPaused() {
		this.paused = this.commitFailing ? 'unsaved' : 'saved';
	}

	retake() {
		this.#subscription.unsubscribe();
		this.#afterLms(() => (this.#session = this.#session.restart()));
		this.#attach();
	}

	destroy() {
		this.#destroyed = true;
		this.#subscription.unsubscribe();
		this.#stopPageExit();
	}

	/** Builds the session's run if it is not yet built, and follows it. */
	#attach() {
		// an idle callback may come after the page let go of the player
		if (this.#destroyed || this.#attached === this.#session) return;
		this.#attached = this.#session;
		this.orderSeed = this.#session.orderSeed;
		this.#subscription = this.#session.run.actor.subscribe(() => this.#update());
		this.#update();
	}

	#update() {
		this.snapshot = this.#session.run.actor.getSnapshot();
		this.completedAt = this.#session.run.completedAt;
	}

	/** Runs something that talks to the LMS, then shows whether the LMS is saving. */
	#afterLms(job: () => void) {
		try {
			job();
		} finally {
			this.commitFailing = this.#lms.commitFailing;
		}
	}

	/**
	 * The words in `locale` if they are here, else in any language already loaded: after a switch
	 * of language the screen stays as it was, with nothing the learner did undone, until the new
	 * words arrive. Reactive (`#arrived`), so the screen follows each arrival.
	 */
	#shown(id: string, locale: string): Scenario | undefined {
		return (
			this.#arrived.get(`${locale}/${id}`) ?? [...this.#arrived.values()].find((s) => s.id === id)
		);
	}

	async #load(id: string, locale: string) {
		const scenario = await this.#texts.load(id, locale);
		this.#arrived.set(`${locale}/${id}`, scenario);
	}

	#loadTexts(ids: readonly string[]) {
		const locale = currentLocale();
		return Promise.all(ids.map((id) => this.#load(id, locale))).then(
			() => (this.#textsFailed = false),
			() => (this.#textsFailed = true)
		);
	}

	/**
	 * The words of the scenario the learner is in (at the welcome screen, the first) and of the
	 * next one: asked for at once, so the first request overlaps drawing the first screen, and the
	 * next scenario is there before the learner reaches it. Nothing further: a council network or a
	 * tablet on 4G should not pay at launch for words that may be read an hour later, if at all.
	 */
	async #prefetch(here: string, locale: string) {
		const order = this.#session.plan().course.scenarios;
		const at = order.indexOf(here);
		for (const id of at < 0 ? order.slice(0, 1) : order.slice(at, at + 2)) {
			try {
				if (!this.#texts.get(id, locale)) await this.#load(id, locale);
			} catch {
				return; // asked for again when the learner gets there, where a failure can be shown
			}
		}
	}

	#fetchWords() {
		// Keyed by the ids, not the array: words arriving make a new array of the same ids, and
		// asking again for each arrival would pile up requests until the page stalls.
		const neededKey = $derived(this.needed.join(' '));
		$effect(() => {
			const locale = currentLocale();
			const ids = neededKey ? neededKey.split(' ') : [];
			if (ids.some((id) => !this.#texts.get(id, locale))) void this.#loadTexts(ids);
		});
		// Where the learner is: the scenario, and the role (which adds its scenarios to the plan).
		// Derived, so a step within a scenario asks for nothing.
		const here = $derived(statePath(this.snapshot.value)[0] ?? '');
		const pathway = $derived(this.snapshot.context.pathway);
		$effect(() => {
			void pathway;
			// in the language the learner arrived with while its interface strings load
			void this.#prefetch(here, this.localeReady ? currentLocale() : this.#language);
		});
	}
}

/**
 * Runs `job` once the browser has painted what the page shows now: a task queued from the frame
 * callback runs after that frame. A page that paints nothing (hidden) runs it after a moment.
 */
function afterNextPaint(win: Window, job: () => void) {
	let done = false;
	const once = () => {
		if (done) return;
		done = true;
		job();
	};
	win.requestAnimationFrame(() => win.setTimeout(once, 0));
	win.setTimeout(once, 500);
}

/**
 * Runs `job` when the browser has nothing more urgent to do: after the first paint and after any
 * input waiting. Where there is no idle callback (older Safari), after the next paint.
 */
function whenIdle(win: Window, job: () => void) {
	if (typeof win.requestIdleCallback === 'function')
		win.requestIdleCallback(job, { timeout: 2000 });
	else afterNextPaint(win, job);
}

function browserStore(win: Window) {
	try {
		return win.localStorage;
	} catch {
		// Storage can be blocked by policy on locked-down desktops; the course still runs.
		return null;
	}
}
