import { getSimplePaths } from 'xstate/graph';
import type { CourseBundle, Scenario } from '../scenario/types.ts';
import { createCourseMachine, type CourseEvent, type Decision } from './course-machine.ts';
import { scoreCourse } from './scoring.ts';

/** Every event a learner can send anywhere in the course: what path searches try at each state. */
export function courseEvents(scenarios: Scenario[]): CourseEvent[] {
	const choiceIds = new Set(
		scenarios
			.flatMap((s) => s.nodes.flatMap((n) => (n.type === 'decision' ? n.choices : [])))
			.map((c) => c.id)
	);
	return [
		{ type: 'course.start' },
		{ type: 'step.continue' },
		...[...choiceIds].map((choice) => ({ type: 'choice.select' as const, choice }))
	];
}

/**
 * Every way through the course from the welcome screen to the summary, as the events that play
 * it. The number of paths is the product over scenarios, so call it on small courses or on one
 * scenario at a time (a course bundle with a single scenario).
 */
export function completePaths(bundle: CourseBundle) {
	return getSimplePaths(createCourseMachine(bundle), {
		events: courseEvents(bundle.scenarios),
		toState: (snapshot) => snapshot.status === 'done'
	});
}

/** The decisions made along a path, read from the snapshot it ends in. */
const decisionsOf = (path: ReturnType<typeof completePaths>[number]) =>
	path.state.context.decisions;

/**
 * The best and the worst way through a course, one scenario at a time: best earns the most points
 * without a critical choice, worst earns the fewest and takes a critical choice where it can.
 * Tests play these to prove a course can be both passed and failed.
 */
export function extremePlaythroughs({ course, scenarios }: CourseBundle) {
	const best: Decision[] = [];
	const worst: Decision[] = [];
	for (const id of course.scenarios) {
		const scenario = scenarios.find((s) => s.id === id);
		if (!scenario) continue;
		const single: CourseBundle = { course: { ...course, scenarios: [id] }, scenarios: [scenario] };
		const ranked = completePaths(single)
			.map((path) => {
				const score = scoreCourse(single, decisionsOf(path));
				return {
					decisions: decisionsOf(path),
					earned: score.earned,
					critical: score.failedOnCritical || score.scenarios.some((s) => s.critical.length > 0)
				};
			})
			.sort((a, b) => a.earned - b.earned || Number(b.critical) - Number(a.critical));
		const safe = ranked.filter((r) => !r.critical);
		best.push(...(safe.at(-1) ?? ranked.at(-1))!.decisions);
		worst.push(...ranked[0]!.decisions);
	}
	return { best, worst };
}
