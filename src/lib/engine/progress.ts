import { createActor, type SnapshotFrom } from 'xstate';
import { scenarioGraph } from '../scenario/graph.ts';
import { plansOf } from '../scenario/plan.ts';
import type { CourseBundle, Scenario } from '../scenario/types.ts';
import { createCourseMachine, type CourseEvent, type CourseMachine } from './course-machine.ts';
import { screenOf } from './screen.ts';

/**
 * Saved progress is the learner's own steps, one character each, replayed through the machine on
 * the next launch. The machine is deterministic, so replaying the steps restores the same screen,
 * score, choices and feedback history exactly, in a few hundred characters for a whole course
 * (SCORM 1.2 allows 4,096).
 *
 *   p2~<course id>.<course version>~<scenario versions, dot-separated>~<attempt>~<steps>~<seconds, base 36>
 *     [~<day the course was completed, days since 1970-01-01 UTC, base 36>]
 *
 * Steps: `s` starts the course, `A`..`H` start it on the course's first..eighth pathway, `c`
 * continues, `0`..`4` picks that choice of the current decision in the file's order (never the
 * order shown, which is the learner's own). The attempt is a random value drawn when the attempt
 * starts: with the learner's id it seeds the order the choices are shown in, so a relaunch shows
 * the same order and a retake a new one. Progress saved as `p1` (no attempt) still resumes.
 * The format, course and scenario versions are checked before anything is replayed, so progress
 * saved against other content is never forced onto this one.
 */
const FORMAT = 'p2';
const FORMAT_WITHOUT_ATTEMPT = 'p1';
const START = 's';
const CONTINUE = 'c';
/** Starting on pathway n is the letter n places after `A`: never a step of another kind. */
const PATHWAY_STEPS = 'ABCDEFGH';

type RestoreProblem =
	| 'corrupt'
	| 'other-course'
	| 'content-changed'
	/** The steps replayed only in part; the learner resumes at the last step that still fits. */
	| 'partly-replayed';

export interface CourseRun {
	readonly actor: ReturnType<typeof createActor<CourseMachine>>;
	/** Sends a learner's event; returns false, and records nothing, when the current screen does not take it. */
	send(event: CourseEvent): boolean;
	/** The compact saved form of this run, with the time spent so far. */
	save(elapsedMs: number): string;
	/** Time spent in earlier sessions, from the saved progress. */
	readonly elapsedBefore: number;
	/** Why saved progress could not be used in full, or null when it was (or there was none). */
	readonly restoreProblem: RestoreProblem | null;
	/**
	 * When the learner reached the end of the course (ms since the epoch, to the day), for the
	 * certificate; null until then. Kept in the saved progress, so a later visit shows the same date.
	 */
	readonly completedAt: number | null;
	/** Records the end of the course; a date already known is kept. */
	complete(at: number): void;
	/** Drawn when the attempt started and kept in its saved progress: seeds the learner's choice order. */
	readonly attempt: string;
}

/** A fresh attempt's value: not secret, only different for each attempt. */
const newAttempt = () => Math.floor(Math.random() * 36 ** 6).toString(36);

const DAY_MS = 86_400_000;

const header = ({ course, scenarios }: CourseBundle) => {
	const versions = course.scenarios.map((id) => scenarios.find((s) => s.id === id)?.version ?? 0);
	return [`${course.id}.${course.version}`, versions.join('.')];
};

function stepFor(bundle: CourseBundle, snapshot: SnapshotFrom<CourseMachine>, event: CourseEvent) {
	if (event.type === 'course.start') {
		if (event.pathway === undefined) return START;
		const index = bundle.course.pathways.findIndex((p) => p.id === event.pathway);
		return PATHWAY_STEPS[index];
	}
	if (event.type === 'step.continue') return CONTINUE;
	const screen = screenOf(bundle, snapshot);
	if (screen.kind !== 'decision') return undefined;
	const index = screen.node.choices.findIndex((c) => c.id === event.choice);
	return index >= 0 ? String(index) : undefined;
}

function eventFor(
	bundle: CourseBundle,
	snapshot: SnapshotFrom<CourseMachine>,
	step: string
): CourseEvent | undefined {
	if (step === START) return { type: 'course.start' };
	const pathway = bundle.course.pathways[PATHWAY_STEPS.indexOf(step)];
	if (pathway) return { type: 'course.start', pathway: pathway.id };
	if (step === CONTINUE) return { type: 'step.continue' };
	const screen = screenOf(bundle, snapshot);
	if (screen.kind !== 'decision' || !/^\d$/.test(step)) return undefined;
	const choice = screen.node.choices[Number(step)];
	return choice && { type: 'choice.select', choice: choice.id };
}

/**
 * Starts a run of the course, resuming from saved progress where it fits this content. Anything
 * that does not fit starts the learner cleanly, at the last step that still makes sense, and says
 * why in `restoreProblem`; it never throws.
 */
export function startCourseRun(
	bundle: CourseBundle,
	saved?: string | null,
	drawAttempt: () => string = newAttempt
): CourseRun {
	const actor = createActor(createCourseMachine(bundle)).start();
	const steps: string[] = [];
	let elapsedBefore = 0;
	let restoreProblem: RestoreProblem | null = null;
	let completedDay: number | null = null;
	let attempt: string | null = null;

	const send = (event: CourseEvent) => {
		const before = actor.getSnapshot();
		const step = stepFor(bundle, before, event);
		if (!step || !before.can(event)) return false;
		actor.send(event);
		steps.push(step);
		return true;
	};

	if (saved) {
		const all = saved.split('~');
		// p1 had no attempt: read it as p2 with an empty one, and draw one below
		const parts =
			all[0] === FORMAT_WITHOUT_ATTEMPT ? [FORMAT, ...all.slice(1, 3), '', ...all.slice(3)] : all;
		const [course, versions] = header(bundle);
		if (
			(parts.length !== 6 && parts.length !== 7) ||
			parts[0] !== FORMAT ||
			!/^[a-z0-9]{0,12}$/.test(parts[3]!) ||
			!new RegExp(`^[${START}${CONTINUE}${PATHWAY_STEPS}0-9]*$`).test(parts[4]!)
		) {
			restoreProblem = 'corrupt';
		} else if (parts[1]!.split('.')[0] !== bundle.course.id) {
			restoreProblem = 'other-course';
		} else if (parts[1] !== course || parts[2] !== versions) {
			restoreProblem = 'content-changed';
		} else {
			attempt = parts[3] || null;
			const seconds = parseInt(parts[5]!, 36);
			elapsedBefore = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 0;
			const day = parts[6] === undefined ? NaN : parseInt(parts[6], 36);
			completedDay = Number.isFinite(day) && day >= 0 ? day : null;
			for (const step of parts[4]!) {
				const event = eventFor(bundle, actor.getSnapshot(), step);
				if (!event || !send(event)) {
					restoreProblem = 'partly-replayed';
					break;
				}
			}
		}
	}
	const thisAttempt = attempt ?? drawAttempt();

	// a date saved with steps that no longer reach the end belongs to another run
	if (actor.getSnapshot().status !== 'done') completedDay = null;

	return {
		actor,
		send,
		save: (elapsedMs) =>
			[
				FORMAT,
				...header(bundle),
				thisAttempt,
				steps.join(''),
				Math.floor(elapsedMs / 1000).toString(36),
				...(completedDay === null ? [] : [completedDay.toString(36)])
			].join('~'),
		elapsedBefore,
		restoreProblem,
		attempt: thisAttempt,
		get completedAt() {
			return completedDay === null ? null : completedDay * DAY_MS;
		},
		complete(at) {
			if (completedDay === null && actor.getSnapshot().status === 'done')
				completedDay = Math.floor(at / DAY_MS);
		}
	};
}

/**
 * The longest saved progress any way through the course can produce, in characters: the number
 * a SCORM 1.2 LMS must store (its limit is 4,096). Found node by node, as paths only go forward.
 */
export function worstCaseSaveLength(bundle: CourseBundle): number {
	const byId = new Map(bundle.scenarios.map((s) => [s.id, s]));
	// The introduction, then each node: one step on, or a choice then continuing from its feedback.
	const stepsIn = (scenario: Scenario) =>
		1 +
		scenarioGraph(scenario).fold<number>(
			(node, ahead) =>
				node.type === 'decision'
					? 2 + Math.max(...ahead.map(({ value }) => value))
					: 1 + (ahead[0]?.value ?? 0),
			0
		);
	// Starting the course, then the longest way through each scenario of the longest plan.
	const steps = Math.max(
		...plansOf(bundle.course).map(
			({ scenarios }) =>
				1 + scenarios.reduce((sum, id) => sum + (byId.has(id) ? stepsIn(byId.get(id)!) : 0), 0)
		)
	);
	// A day of seconds in base 36 is four characters; allow six, for a very long course. The day of
	// completion is four (until the year 6568), with its separator. The attempt is drawn at random:
	// count it at its longest.
	const run = startCourseRun(bundle);
	return run.save(0).length - run.attempt.length + 6 + steps + 5 + 5;
}
