import { expect, test, type Page } from '@playwright/test';
import { scoreCourse } from '../../src/lib/engine/scoring.ts';
import { extremePlaythroughs } from '../../src/lib/engine/paths.ts';
import { packages, timeToPlay } from './packages.ts';
import { play } from './play.ts';

async function cmi(page: Page): Promise<Record<string, string>> {
	return page.evaluate(() => (window as any).previewLms.api.getFlattenedCMI());
}

for (const { name, version, bundle, launch, pathway } of packages) {
	const runs = extremePlaythroughs(bundle);

	for (const [label, decisions] of [
		['best', runs.best],
		['worst', runs.worst]
	] as const) {
		const expected = scoreCourse(bundle, decisions);

		test(`${name}: the ${label} path reaches the LMS as ${expected.passed ? 'passed' : 'failed'} at ${expected.percent}%`, async ({
			page
		}) => {
			test.setTimeout(timeToPlay(bundle));
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
			expect(await page.locator('#course').getAttribute('src')).toContain(launch);
			await expect(course.getByTestId('standalone')).toHaveCount(0);

			const atStart = await cmi(page);
			if (version === 'scorm12') expect(atStart['cmi.core.lesson_status']).toBe('incomplete');
			else expect(atStart['cmi.completion_status']).toBe('incomplete');

			await play(course, decisions, { pathway });
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

test('every course can be both passed and failed', () => {
	expect(packages.length).toBeGreaterThan(0);
	for (const { bundle } of packages) {
		const runs = extremePlaythroughs(bundle);
		expect(scoreCourse(bundle, runs.best).passed).toBe(true);
		expect(scoreCourse(bundle, runs.worst).passed).toBe(false);
	}
});
