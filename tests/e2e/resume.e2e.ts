import { expect, test, type FrameLocator } from '@playwright/test';
import { relaunch } from './play.ts';
import { extremePlaythroughs } from '../../src/lib/engine/paths.ts';
import { packages, quickest, timeToPlay } from './packages.ts';

/**
 * The learner closes the window at every kind of screen and launches again: the course must come
 * back at the same screen, with the same decisions behind it.
 */
const screensToVisit = ['intro', 'narrative', 'decision', 'feedback', 'ending', 'summary'];

async function step(course: FrameLocator, choice?: string) {
	const main = course.locator('main');
	const before = await main.getAttribute('data-step');
	if ((await main.getAttribute('data-screen')) === 'decision') {
		await course.locator(`#choice-${choice}`).check();
		await course.locator('form[data-node]').getByRole('button').click();
	} else {
		await main.locator('.button').click();
	}
	await expect(main).not.toHaveAttribute('data-step', before ?? '');
}

for (const pkg of quickest) {
	test(`${pkg.name}: resumes at the same screen after closing at each kind of screen`, async ({
		page
	}) => {
		// A relaunch at every kind of screen: about twice the time of a plain run.
		test.setTimeout(timeToPlay(pkg.bundle, 2));
		const { best } = extremePlaythroughs(pkg.bundle);
		const choices = best.map((d) => d.choice);
		await page.goto(`/?package=${pkg.name}&launch=new`);
		const course = page.frameLocator('#course');
		const main = course.locator('main');
		const seen = new Set<string>();

		for (let i = 0; i < 1000; i++) {
			const screen = (await main.getAttribute('data-screen'))!;
			const here = await main.getAttribute('data-step');
			if (!seen.has(screen)) {
				seen.add(screen);
				await relaunch(page);
				await expect(main).toHaveAttribute('data-step', here!);
				if (screen !== 'welcome')
					await expect(course.getByText('You are where you left off')).toBeVisible();
			}
			if (screen === 'summary') break;
			await step(course, screen === 'decision' ? choices.shift() : undefined);
		}
		expect([...seen]).toEqual(expect.arrayContaining(screensToVisit));
		// Resumed all the way: the result is still the best one.
		await expect(course.getByTestId('result')).toContainText('100%');
	});
}

test('standalone mode keeps progress in the browser across a reload', async ({ page }) => {
	const pkg = packages[0]!;
	await page.goto(pkg.launch);
	await page.getByRole('button', { name: 'Start the course' }).click();
	await page.getByRole('button', { name: 'Start the scenario' }).click();
	const here = await page.locator('main').getAttribute('data-step');
	await page.reload();
	await expect(page.locator('main')).toHaveAttribute('data-step', here!);
});

test('a learner can pause, and the place is kept for the next launch', async ({ page }) => {
	const pkg = packages[0]!;
	await page.goto(`/?package=${pkg.name}&launch=new`);
	const course = page.frameLocator('#course');
	await course.getByRole('button', { name: 'Start the course' }).click();
	const here = await course.locator('main').getAttribute('data-step');
	await course.getByRole('button', { name: 'Pause and leave' }).click();
	await expect(course.getByText('Your place is saved')).toBeVisible();
	await expect(page.locator('#status')).toContainText('ended its session');
	await relaunch(page);
	await expect(course.locator('main')).toHaveAttribute('data-step', here!);
});
