import { expect, test } from '@playwright/test';
import { quickest } from './packages.ts';
import { chooseRole } from './play.ts';

/**
 * The preview LMS's slow runtime, which `npm run bench` times the course's steps under:
 * `?commitDelay=N` makes the real scorm-again Commit hold the page for N ms, as Moodle's
 * synchronous save does on a busy server, and `previewLms.commitDelay` changes it at run time.
 */
for (const pkg of quickest) {
	test(`?commitDelay=300 makes the ${pkg.version} runtime's Commit block the page for 300 ms`, async ({
		page
	}) => {
		const commitName = pkg.version === 'scorm12' ? 'LMSCommit' : 'Commit';
		await page.goto(`/?package=${pkg.name}&launch=new&commitDelay=300`);
		await expect(page.locator('#status')).toContainText('Each Commit blocks the page for 300 ms');
		const course = page.frameLocator('#course');
		const main = course.locator('main');
		await expect(main).toHaveAttribute('data-screen', 'welcome');
		await chooseRole(course, pkg.pathway);
		await main.locator('.button').click();
		await expect(main).not.toHaveAttribute('data-screen', 'welcome');

		// The course's own commits went through the slow runtime, each taking the 300 ms...
		await expect
			.poll(() => page.evaluate(() => (window as any).previewLms.commits.length))
			.toBeGreaterThan(0);
		const durations: number[] = await page.evaluate(() =>
			(window as any).previewLms.commits.map((c: { start: number; end: number }) => c.end - c.start)
		);
		for (const duration of durations) expect(duration).toBeGreaterThanOrEqual(300);
		// ...and still reached the LMS: the real runtime answers once the wait is over.
		const lessonStatus =
			pkg.version === 'scorm12' ? 'cmi.core.lesson_status' : 'cmi.completion_status';
		expect(
			await page.evaluate((e) => (window as any).previewLms.api.getFlattenedCMI()[e], lessonStatus)
		).toBe('incomplete');

		// Synchronously: a timer due at once fires only after Commit has returned.
		const timed = (name: string) =>
			page.evaluate(
				(name) =>
					new Promise<{ answer: string; call: number; timer: number }>((resolve) => {
						const api = (window as any).previewLms.api;
						const start = performance.now();
						let call = 0;
						setTimeout(() => resolve({ answer, call, timer: performance.now() - start }), 0);
						const answer = String(api[name](''));
						call = performance.now() - start;
					}),
				name
			);
		const slow = await timed(commitName);
		expect(slow.answer).toBe('true');
		expect(slow.call).toBeGreaterThanOrEqual(300);
		expect(slow.timer).toBeGreaterThanOrEqual(300);

		// Changed at run time: back to answering at once.
		await page.evaluate(() => ((window as any).previewLms.commitDelay = 0));
		expect((await timed(commitName)).call).toBeLessThan(100);
	});
}
