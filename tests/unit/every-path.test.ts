import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { createCourseMachine, type CourseMachine } from '../../src/lib/engine/course-machine.ts';
import { courseEvents } from '../../src/lib/engine/paths.ts';
import { screenOf } from '../../src/lib/engine/screen.ts';
import { scoreCourse } from '../../src/lib/engine/scoring.ts';
import { scoreBounds } from '../../src/lib/scenario/bounds.ts';
import {
	listScenarios,
	loadCourseBundle,
	listCourses
} from '../../src/build-time/scenario/files.ts';
import type { CourseBundle, Scenario } from '../../src/lib/scenario/types.ts';

const root = resolve(import.meta.dirname, '../../scenarios');
const courses = listCourses(root).map((id) => {
	const loaded = loadCourseBundle(root, id);
	if (!loaded.ok) throw new Error(`${id} does not load`);
	return loaded.value;
});
const scenarios = new Map<string, Scenario>(
	courses.flatMap((c) => c.scenarios).map((s) => [s.id, s])
);

/**
 * Plays every way through one scenario on the compiled machine, depth first, and hands each
 * finished run to `visit`. Paths only go forward, so the search always ends.
 */
function everyPath(
	bundle: CourseBundle,
	visit: (end: SnapshotFrom<CourseMachine>, endings: string[]) => void
) {
	const scenario = bundle.scenarios[0]!;
	const machine = createCourseMachine(bundle);
	const events = courseEvents([scenario]);
	const walk = (snapshot: SnapshotFrom<CourseMachine>, endings: string[]) => {
		if (snapshot.status === 'done') return visit(snapshot, endings);
		const screen = screenOf(bundle, snapshot);
		const seen = screen.kind === 'ending' ? [...endings, screen.node.id] : endings;
		const next = events.filter((e) => snapshot.can(e));
		expect(next.length, `a dead end at ${JSON.stringify(snapshot.value)}`).toBeGreaterThan(0);
		for (const event of next) walk(transition(machine, snapshot, event)[0], seen);
	};
	walk(initialTransition(machine)[0], []);
}

describe('every path of every shipped scenario', () => {
	it('covers every scenario file', () => {
		expect([...scenarios.keys()].sort()).toEqual(listScenarios(root).sort());
	});

	for (const scenario of scenarios.values()) {
		it(`${scenario.id}: every path ends at an ending, scored within the checker's bounds`, () => {
			const bounds = scoreBounds(scenario);
			const totals: number[] = [];
			const bundle: CourseBundle = {
				course: { ...courses[0]!.course, scenarios: [scenario.id] },
				scenarios: [scenario]
			};
			everyPath(bundle, (end, endings) => {
				expect(endings).toHaveLength(1);
				const score = scoreCourse(bundle, end.context.decisions);
				totals.push(score.earned);
				expect(score.percent).toBeGreaterThanOrEqual(0);
				expect(score.percent).toBeLessThanOrEqual(100);
			});
			expect(totals.length).toBeGreaterThan(1);
			expect(Math.max(...totals)).toBe(bounds.max);
			expect(Math.min(...totals)).toBe(bounds.min);
		});
	}
});
