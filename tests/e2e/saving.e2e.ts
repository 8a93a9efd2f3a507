import { expect, test } from '@playwright/test';
import { setSaving, withMinimalLms12 } from './minimal-lms.ts';
import { quickest } from './packages.ts';

/**
 * The notice while the LMS is not saving follows the adapter's own commits: it appears when a
 * commit fails and goes when a retry succeeds, with no step from the learner in between. The
 * launch page gets a minimal SCORM 1.2 runtime whose Commit the test turns off and on.
 */
const pkg = quickest.find((p) => p.version === 'scorm12')!;
const notSaving = 'We could not reach your learning system just now.';

test('the notice says the LMS is not saving while commits fail, and goes when a retry saves', async ({
	page
}) => {
	await withMinimalLms12(page, { saving: false });
	await page.goto(pkg.launch);
	// The first commit goes out just after the first screen is drawn, and fails.
	await expect(page.getByRole('status')).toContainText(notSaving);
	await setSaving(page, true);
	// The adapter retries on its own timer (1, 2, 4, 8 s): the learner does nothing.
	await expect(page.getByRole('status')).toHaveCount(0, { timeout: 10_000 });

	await setSaving(page, false);
	await page.getByRole('button', { name: 'Start the course' }).click();
	// A step's LMS writes commit, and that failure shows without waiting for a retry.
	await expect(page.getByRole('status')).toContainText(notSaving, { timeout: 500 });
});

test('pausing promises a saved place only when the LMS took the last save', async ({ page }) => {
	await withMinimalLms12(page, { saving: false });
	await page.goto(pkg.launch);
	await setSaving(page, true);
	await page.getByRole('button', { name: 'Start the course' }).click();
	await setSaving(page, false);
	await page.getByRole('button', { name: 'Pause and leave' }).click();
	await expect(page.locator('main[data-screen="paused"]')).toBeVisible();
	await expect(page.getByRole('alert')).toContainText(
		'Your learning system did not confirm that your place was saved.'
	);
	await expect(page.getByText('Your place is saved.')).toHaveCount(0);
	// "you can carry on" no longer holds once the session is closed
	await expect(page.getByText(notSaving)).toHaveCount(0);
});

test('pausing with an LMS that saves says the place is saved', async ({ page }) => {
	await withMinimalLms12(page);
	await page.goto(pkg.launch);
	await page.getByRole('button', { name: 'Start the course' }).click();
	await page.getByRole('button', { name: 'Pause and leave' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Your place is saved. You can close this window and come back to it later.'
	);
	await expect(page.getByRole('alert')).toHaveCount(0);
});
