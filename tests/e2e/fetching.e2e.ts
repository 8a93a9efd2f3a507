/**
 * What a learner's network pays for (issue 13): before the first click, the launch page and the
 * words of the scenario the learner starts in; while they read one scenario, the next one's.
 */
import { expect, test, type Page } from '@playwright/test';
import { chooseRole } from './play.ts';
import { packages } from './packages.ts';

const csp = packages.find((p) => p.name === 'csp_mandatory-scorm2004')!;

/** The scenario word files the course frame asked for, by scenario id, in order. */
function wordsAskedFor(page: Page): string[] {
	const asked: string[] = [];
	page.on('request', (request) => {
		const match = /\/content\/[^/]+\/([^/?]+)\.json/.exec(request.url());
		if (match) asked.push(match[1]!);
	});
	return asked;
}

test('before the first click only the first scenario’s words are fetched, then one ahead', async ({
	page
}) => {
	const asked = wordsAskedFor(page);
	const plan = csp.plans.find((p) => p.pathway === 'health')!.bundle.course.scenarios;
	await page.goto(`/?package=${csp.name}&launch=new`);
	const course = page.frameLocator('#course');
	await expect(course.locator('main[data-screen="welcome"]:not([data-prerendered])')).toBeVisible();
	// a learner reading the welcome screen: nothing more arrives however long they take
	await expect.poll(() => asked.length).toBe(1);
	await page.waitForTimeout(1500);
	expect(asked).toEqual([plan[0]]);

	await chooseRole(course, 'health');
	await course.getByRole('button', { name: 'Start the course' }).click();
	await expect(course.locator('main[data-screen="intro"]')).toBeVisible();
	// in the first scenario, the second one's words come while the learner reads
	await expect.poll(() => asked).toEqual([plan[0], plan[1]]);
	await page.waitForTimeout(1000);
	expect(asked).toEqual([plan[0], plan[1]]);
});
