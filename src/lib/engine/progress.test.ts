import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCourseBundle, listCourses } from '../../build-time/scenario/files.ts';
import type { CourseBundle } from '../scenario/types.ts';
import type { CourseEvent } from './course-machine.ts';
import { courseEvents, extremePlaythroughs } from './paths.ts';
import { startCourseRun, worstCaseSaveLength } from './progress.ts';
import { screenOf } from './screen.ts';

const scenariosDir = resolve(import.meta.dirname, '../../../scenarios');
const shipped: CourseBundle[] = listCourses(scenariosDir).map((id) => {
	const loaded = loadCourseBundle(scenariosDir, id);
	if (!loaded.ok) throw new Error(`${id} does not load`);
	return loaded.value;
});

/** A small, seeded generator, so a failing random walk can be replayed. */
function random(seed: number) {
	return () => {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		return seed / 2 ** 31;
	};
}

/** Walks the course by random events a learner could send, stopping anywhere along the way. */
function randomWalk(bundle: CourseBundle, seed: number) {
	const next = random(seed);
	const run = startCourseRun(bundle);
	const events = courseEvents(bundle.scenarios, bundle.course.pathways);
	const stopAfter = Math.floor(next() * 120);
	for (let i = 0; i < stopAfter && run.actor.getSnapshot().status !== 'done'; i++) {
		const possible = events.filter((e) => run.actor.getSnapshot().can(e));
		run.send(possible[Math.floor(next() * possible.length)]!);
	}
	return run;
}

describe('saved progress', () => {
	it('has shipped courses to test', () => {
		expect(shipped.length).toBeGreaterThan(0);
		expect(readdirSync(scenariosDir).length).toBeGreaterThan(1);
	});

	for (const bundle of shipped) {
		it(
			`${bundle.course.id}: round-trips exactly over 150 random walks`,
			{ timeout: 60_000 },
			() => {
				for (let seed = 1; seed <= 150; seed++) {
					const run = randomWalk(bundle, seed);
					const saved = run.save(123_000 + seed * 1000);
					const restored = startCourseRun(bundle, saved);
					expect(restored.restoreProblem).toBeNull();
					const [a, b] = [run.actor.getSnapshot(), restored.actor.getSnapshot()];
					expect(b.value).toEqual(a.value);
					expect(b.context).toEqual(a.context);
					expect(restored.elapsedBefore).toBe(Math.floor((123_000 + seed * 1000) / 1000) * 1000);
					expect(restored.save(123_000 + seed * 1000)).toBe(saved);
				}
			}
		);

		it(`${bundle.course.id}: the longest saved progress fits SCORM 1.2 with room to spare`, () => {
			const worst = worstCaseSaveLength(bundle);
			expect(worst).toBeLessThanOrEqual(1024);
			// No random walk is ever longer than the worst case.
			for (let seed = 1; seed <= 100; seed++) {
				expect(randomWalk(bundle, seed).save(10 ** 9).length).toBeLessThanOrEqual(worst);
			}
		});
	}

	const bundle = shipped[0]!;
	const attempt = () => 'k3x9q1';
	const played = () => {
		const run = startCourseRun(bundle, null, attempt);
		const events: CourseEvent[] = [{ type: 'course.start' }, { type: 'step.continue' }];
		for (const e of events) run.send(e);
		return run;
	};

	it('ignores an event the current screen does not take, and saves nothing for it', () => {
		const run = played();
		const before = run.save(0);
		expect(run.send({ type: 'course.start' })).toBe(false);
		expect(run.send({ type: 'choice.select', choice: 'no_such_choice' })).toBe(false);
		expect(run.save(0)).toBe(before);
	});

	it.each([
		['corrupt', 'not saved progress at all'],
		['corrupt', 'p1~x~1~sc!!~0'],
		['corrupt', 'p9~a.1~1~sc~0'],
		['other-course', 'p1~another_course.1~1~sc~0']
	] as const)('starts cleanly, saying %s, from %j', (problem, saved) => {
		const run = startCourseRun(bundle, saved);
		expect(run.restoreProblem).toBe(problem);
		expect(screenOf(bundle, run.actor.getSnapshot()).kind).toBe('welcome');
	});

	it('starts cleanly when a scenario has changed version since the progress was saved', () => {
		const saved = played().save(60_000);
		const changed: CourseBundle = {
			...bundle,
			scenarios: bundle.scenarios.map((s) => ({ ...s, version: s.version + 1 }))
		};
		const run = startCourseRun(changed, saved);
		expect(run.restoreProblem).toBe('content-changed');
		expect(run.actor.getSnapshot().context.decisions).toEqual([]);
	});

	it('keeps the day the course was completed, for the certificate', () => {
		const run = startCourseRun(bundle, null, attempt);
		const finish = (r: typeof run) => {
			for (const decision of extremePlaythroughs(bundle).best) {
				while (!r.send({ type: 'choice.select', choice: decision.choice })) {
					if (!r.send({ type: 'course.start' })) r.send({ type: 'step.continue' });
				}
			}
			while (r.send({ type: 'step.continue' }));
		};
		run.complete(Date.UTC(2026, 10, 28, 15));
		expect(run.completedAt).toBeNull(); // not at the end yet
		finish(run);
		expect(run.actor.getSnapshot().status).toBe('done');
		run.complete(Date.UTC(2026, 10, 28, 15, 30));
		run.complete(Date.UTC(2026, 11, 2)); // a later visit keeps the first date
		const saved = run.save(90_000);
		expect(saved).toMatch(/~[0-9a-z]+~[0-9a-z]+$/);
		const resumed = startCourseRun(bundle, saved);
		expect(resumed.restoreProblem).toBeNull();
		expect(resumed.completedAt).toBe(Date.UTC(2026, 10, 28));
		expect(resumed.save(90_000)).toBe(saved);
		// progress saved before dates were kept still resumes, with no date
		const older = startCourseRun(bundle, saved.replace(/~[0-9a-z]+$/, ''));
		expect(older.restoreProblem).toBeNull();
		expect(older.completedAt).toBeNull();
		// a date with steps that do not reach the end is not believed
		const partial = startCourseRun(bundle, saved.replace(/~s[^~]*~/, '~scc~'));
		expect(partial.completedAt).toBeNull();
	});

	it('resumes progress saved before attempts were kept (p1), and saves it as p2 from then on', () => {
		const p2 = played().save(60_000);
		const p1 = p2.replace(/^p2~([^~]*)~([^~]*)~k3x9q1~/, 'p1~$1~$2~');
		expect(p1).toMatch(/^p1~[^~]+~[^~]+~sc~/);
		const run = startCourseRun(bundle, p1, () => 'new1');
		expect(run.restoreProblem).toBeNull();
		expect(run.actor.getSnapshot().value).toEqual(played().actor.getSnapshot().value);
		expect(run.elapsedBefore).toBe(60_000);
		expect(run.save(60_000)).toBe(p2.replace('~k3x9q1~', '~new1~'));
	});

	it('keeps the steps that still fit when the rest do not', () => {
		const saved = played().save(0).replace(/~sc~/, '~scc9~');
		const run = startCourseRun(bundle, saved);
		expect(run.restoreProblem).toBe('partly-replayed');
		expect(run.save(0)).toContain('~scc~');
	});
});
