import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCourseBundle } from '../../src/lib/scenario/files.ts';
import { scoreCourse } from '../../src/lib/engine/scoring.ts';
import { extremePlaythroughs } from '../../src/lib/engine/paths.ts';
import type { Decision } from '../../src/lib/engine/course-machine.ts';

const root = resolve(import.meta.dirname, '../..');
const packages = readdirSync(resolve(root, 'dist'))
	.filter((f) => /-scorm(12|2004)\.zip$/.test(f))
	.map((f) => f.replace(/\.zip$/, ''));

/** Plays the course in the frame by the keyboard-free route a learner takes with a mouse. */
async function play(course: FrameLocator, decisions: Decision[]) {
	const queue = [...decisions];
	for (let step = 0; step < 200; step++) {
		const main = course.locator('main');
		const screen = await main.getAttribute('data-screen');
		if (screen === 'summary') {
			expect(queue, 'every decision of the path was played').toEqual([]);
			return;
		}
		const before = await main.getAttribute('data-step');
		if (screen === 'decision') {
			const form = course.locator('form[data-node]');
			const next = queue.shift();
			expect(next, 'the path has a decision for this screen').toBeDefined();
			await expect(form).toHaveAttribute('data-node', next!.node);
			await course.locator(`#choice-${next!.choice}`).check();
			await form.getByRole('button').click();
		} else {
			await main.locator('.button').click();
		}
		await expect(main).not.toHaveAttribute('data-step', before ?? '');
	}
	throw new Error('The course did not reach the summary in 200 steps');
}

async function cmi(page: Page): Promise<Record<string, string>> {
	return page.evaluate(() => (window as any).previewLms.api.getFlattenedCMI());
}

for (const name of packages) {
	const courseId = name.replace(/-scorm(12|2004)$/, '');
	const version = name.endsWith('scorm12') ? 'scorm12' : 'scorm2004';
	const loaded = loadCourseBundle(resolve(root, 'scenarios'), courseId);
	if (!loaded.ok) throw new Error(`${courseId} does not load`);
	const bundle = loaded.value;
	const runs = extremePlaythroughs(bundle);

	for (const [label, decisions] of [
		['best', runs.best],
		['worst', runs.worst]
	] as const) {
		const expected = scoreCourse(bundle, decisions);

		test(`${name}: the ${label} path reaches the LMS as ${expected.passed ? 'passed' : 'failed'} at ${expected.percent}%`, async ({
			page
		}) => {
			const outside: string[] = [];
			page.on('request', (r) => {
				if (!r.url().startsWith('http://127.0.0.1:')) outside.push(r.url());
			});
			const errors: string[] = [];
			page.on('pageerror', (e) => errors.push(e.message));

			await page.goto(`/?package=${name}&launch=new`);
			const course = page.frameLocator('#course');
			await expect(course.locator('main[data-screen="welcome"]')).toBeVisible();
			// Served from a deep, Moodle-like path, as an LMS would.
			expect(await page.locator('#course').getAttribute('src')).toContain(
				`/pluginfile.php/42/mod_scorm/content/${name}/index.html`
			);
			await expect(course.getByTestId('standalone')).toHaveCount(0);

			const atStart = await cmi(page);
			if (version === 'scorm12') expect(atStart['cmi.core.lesson_status']).toBe('incomplete');
			else expect(atStart['cmi.completion_status']).toBe('incomplete');

			await play(course, decisions);
			await expect(course.getByTestId('result')).toContainText(`${expected.percent}%`);
			await course.getByRole('button', { name: 'Finish and close' }).click();
			await expect(course.getByRole('status')).toBeVisible();

			const data = await cmi(page);
			const log: unknown[][] = await page.evaluate(() => (window as any).previewLms.log);
			const calls = log.map((entry) => entry[0]);
			expect(calls.filter((c) => c === 'Initialize')).toHaveLength(1);
			expect(calls.filter((c) => c === 'Terminate')).toHaveLength(1);
			// A commit after every decision, not only at the end.
			expect(calls.filter((c) => c === 'Commit').length).toBeGreaterThan(decisions.length);

			if (version === 'scorm12') {
				expect(data['cmi.core.lesson_status']).toBe(expected.passed ? 'passed' : 'failed');
				expect(Number(data['cmi.core.score.raw'])).toBe(expected.percent);
				expect(data['cmi.core.score.min']).toBe('0');
				expect(data['cmi.core.score.max']).toBe('100');
				expect(data['cmi.core.session_time']).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
			} else {
				expect(data['cmi.completion_status']).toBe('completed');
				expect(data['cmi.success_status']).toBe(expected.passed ? 'passed' : 'failed');
				expect(Number(data['cmi.score.scaled'])).toBeCloseTo(expected.percent / 100, 5);
				expect(Number(data['cmi.score.raw'])).toBe(expected.percent);
				expect(data['cmi.session_time']).toMatch(/^PT/);
			}
			expect(outside).toEqual([]);
			expect(errors).toEqual([]);
		});
	}
}

test('one best and one worst path exist for every course, and they pass and fail', () => {
	expect(packages.length).toBeGreaterThan(0);
	for (const name of packages) {
		const loaded = loadCourseBundle(
			resolve(root, 'scenarios'),
			name.replace(/-scorm(12|2004)$/, '')
		);
		if (!loaded.ok) throw new Error('does not load');
		const runs = extremePlaythroughs(loaded.value);
		expect(scoreCourse(loaded.value, runs.best).passed).toBe(true);
		expect(scoreCourse(loaded.value, runs.worst).passed).toBe(false);
	}
});
