/**
 * A step's LMS writes wait for the paint of the screen it leads to; a page hidden before that
 * paint (the learner switches tab at once, a tablet locks) must not hold them back: hiding sends
 * the queued writes, then commits, in the same moment.
 */
import { expect, test } from '@playwright/test';
import { withMinimalLms12, type MinimalLms } from './minimal-lms.ts';
import { quickest } from './packages.ts';

const pkg = quickest.find((p) => p.version === 'scorm12')!;

test('hiding the page before the next paint sends the step’s writes and commits', async ({
	page
}) => {
	await withMinimalLms12(page);
	await page.goto(pkg.launch);
	await expect(page.locator('main[data-screen="welcome"]:not([data-prerendered])')).toBeVisible();
	// Start, then hide the page, in one task: no frame is painted in between.
	const seen = await page.evaluate(() => {
		const lms = (window as unknown as { minimalLms: MinimalLms }).minimalLms;
		const before = lms.data['cmi.suspend_data'] ?? '';
		const committed = lms.commits.length;
		const start = document.querySelector<HTMLButtonElement>('main form button[type="submit"]')!;
		start.click();
		const queued = lms.data['cmi.suspend_data'] ?? '';
		Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
		document.dispatchEvent(new Event('visibilitychange'));
		return {
			before,
			queued,
			after: lms.data['cmi.suspend_data'] ?? '',
			commits: lms.commits.slice(committed)
		};
	});
	// the step's progress was still queued for the paint when the page was hidden
	expect(seen.queued).toBe(seen.before);
	// hiding sent it and committed it at once
	expect(seen.after).not.toBe(seen.before);
	expect(seen.after).toMatch(/^p2~/);
	// with one commit: Moodle's is a synchronous request, and a closing page may drop a second
	expect(seen.commits).toEqual([seen.after]);
});
