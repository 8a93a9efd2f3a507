import { expect, test, type Page } from '@playwright/test';
import { extremePlaythroughs } from '../../src/lib/engine/paths.ts';
import { scoreCourse } from '../../src/lib/engine/scoring.ts';
import { quickest, timeToPlay } from './packages.ts';
import { play, playByKeyboard, relaunch } from './play.ts';

const first = quickest[0]!;

const lmsLog = (page: Page): Promise<unknown[][]> =>
	page.evaluate(() => (window as any).previewLms.log);
const cmi = (page: Page): Promise<Record<string, string>> =>
	page.evaluate(() => (window as any).previewLms.api.getFlattenedCMI());

test('a whole course by keyboard alone at 320 px wide, with no LMS (standalone mode)', async ({
	page
}) => {
	await page.setViewportSize({ width: 320, height: 640 });
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto(first.launch);

	await expect(page.getByTestId('standalone')).toBeVisible();
	const { best } = extremePlaythroughs(first.bundle);
	await playByKeyboard(page, best);

	const expected = scoreCourse(first.bundle, best);
	await expect(page.getByTestId('result')).toContainText(`${expected.percent}%`);
	// Reflow: nothing is wider than a 320 px screen, so nobody scrolls sideways.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	expect(errors).toEqual([]);
});

test('the support lines open from the welcome screen and from inside a scenario', async ({
	page
}) => {
	await page.goto(first.launch);
	const support = page.locator('footer details');
	await support.getByText('Support if this affects you').click();
	await expect(support.getByText('0808 2000 247')).toBeVisible();
	await page.getByRole('button', { name: 'Start the course' }).click();
	await page.getByRole('button', { name: 'Start the scenario' }).click();
	await expect(page.locator('main[data-screen="narrative"]')).toBeVisible();
	await expect(support.getByText('0808 2000 247')).toBeVisible();
});

test('a decision asked without a choice shows an error summary, not a silent no-op', async ({
	page
}) => {
	await page.goto(first.launch);
	// Continue through the opening screens until the first decision.
	while ((await page.locator('main').getAttribute('data-screen')) !== 'decision') {
		const before = await page.locator('main').getAttribute('data-step');
		await page.locator('main .button').click();
		await expect(page.locator('main')).not.toHaveAttribute('data-step', before ?? '');
	}
	await page.getByRole('button', { name: 'Confirm my choice' }).click();
	await expect(page.getByRole('alert')).toContainText('Select one of the choices');
	await expect(page.getByRole('alert')).toBeFocused();
});

for (const pkg of quickest) {
	test(`${pkg.name}: closing the window mid-course ends the session once and keeps it open to resume`, async ({
		page
	}) => {
		await page.goto(`/?package=${pkg.name}&launch=new`);
		const course = page.frameLocator('#course');
		const { best } = extremePlaythroughs(pkg.bundle);
		// Play up to the first decision and make it.
		await play(course, [best[0]!], { stopAfterDecisions: true });

		// The learner closes the course: the frame navigates away and fires pagehide.
		await page.evaluate(() => {
			(document.getElementById('course') as HTMLIFrameElement).src = 'about:blank';
		});
		await expect(page.locator('#status')).toContainText('ended its session');

		const calls = (await lmsLog(page)).map((entry) => entry[0]);
		expect(calls.filter((c) => c === 'Terminate')).toHaveLength(1);
		const data = await cmi(page);
		if (pkg.version === 'scorm12') {
			expect(data['cmi.core.lesson_status']).toBe('incomplete');
			expect(data['cmi.core.exit']).toBe('suspend');
			expect(data['cmi.core.lesson_location']).toMatch(/^[a-z0-9_.]+$/);
		} else {
			expect(data['cmi.completion_status']).toBe('incomplete');
			expect(data['cmi.exit']).toBe('suspend');
			expect(data['cmi.location']).toMatch(/^[a-z0-9_.]+$/);
		}
	});

	test(`${pkg.name}: a failed course can be retaken, and a passed one reopens at its result`, async ({
		page
	}) => {
		test.setTimeout(timeToPlay(pkg.bundle, 2));
		const { best, worst } = extremePlaythroughs(pkg.bundle);
		const status = pkg.version === 'scorm12' ? 'cmi.core.lesson_status' : 'cmi.success_status';
		await page.goto(`/?package=${pkg.name}&launch=new`);
		const course = page.frameLocator('#course');
		await play(course, worst);
		await course.getByRole('button', { name: 'Finish and close' }).click();
		await expect(page.locator('#status')).toContainText('ended its session');
		expect((await cmi(page))[status]).toBe('failed');

		// Relaunched, the failed attempt shows its result and offers a retake.
		await relaunch(page);
		await expect(course.getByTestId('result')).toContainText('did not pass');
		await course.getByRole('button', { name: 'Try the course again' }).click();
		await expect(course.locator('main[data-screen="welcome"]')).toBeVisible();
		await play(course, best);
		await course.getByRole('button', { name: 'Finish and close' }).click();
		await expect(page.locator('#status')).toContainText('ended its session');
		expect((await cmi(page))[status]).toBe('passed');

		// Relaunched again, the pass stands: the result shows for review, with no retake.
		await relaunch(page);
		await expect(course.getByTestId('result')).toContainText('You passed');
		await expect(course.getByRole('button', { name: 'Try the course again' })).toHaveCount(0);
		expect((await cmi(page))[status]).toBe('passed');
	});
}
