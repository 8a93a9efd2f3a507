import { expect, test, type Page } from '@playwright/test';
import { quickest } from './packages.ts';

/**
 * The notice while the LMS is not saving follows the adapter's own commits: it appears when a
 * commit fails and goes when a retry succeeds, with no step from the learner in between. The
 * launch page gets a minimal SCORM 1.2 runtime whose Commit the test turns off and on.
 */
const pkg = quickest.find((p) => p.version === 'scorm12')!;
const notSaving = 'We could not reach your learning system just now.';

async function withFlakyLms(page: Page) {
	await page.addInitScript(() => {
		const data: Record<string, string> = {
			'cmi.core.lesson_status': 'not attempted',
			'cmi.core.entry': 'ab-initio',
			'cmi.interactions._count': '0',
			'cmi.objectives._count': '0'
		};
		const lms = { saving: false, error: '0' };
		(window as any).flakyLms = lms;
		(window as any).API = {
			LMSInitialize: () => 'true',
			LMSFinish: () => 'true',
			LMSGetValue: (element: string) => data[element] ?? '',
			LMSSetValue: (element: string, value: string) => {
				data[element] = String(value);
				return 'true';
			},
			LMSCommit: () => {
				lms.error = lms.saving ? '0' : '101';
				return String(lms.saving);
			},
			LMSGetLastError: () => lms.error,
			LMSGetErrorString: () => '',
			LMSGetDiagnostic: () => ''
		};
	});
}

test('the notice says the LMS is not saving while commits fail, and goes when a retry saves', async ({
	page
}) => {
	await withFlakyLms(page);
	await page.goto(pkg.launch);
	// The first commit goes out just after the first screen is drawn, and fails.
	await expect(page.getByRole('status')).toContainText(notSaving);
	await page.evaluate(() => ((window as any).flakyLms.saving = true));
	// The adapter retries on its own timer (1, 2, 4, 8 s): the learner does nothing.
	await expect(page.getByRole('status')).toHaveCount(0, { timeout: 10_000 });

	await page.evaluate(() => ((window as any).flakyLms.saving = false));
	await page.getByRole('button', { name: 'Start the course' }).click();
	// A step's LMS writes commit, and that failure shows without waiting for a retry.
	await expect(page.getByRole('status')).toContainText(notSaving, { timeout: 500 });
});
