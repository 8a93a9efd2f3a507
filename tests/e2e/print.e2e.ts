import { writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { extremePlaythroughs } from '../../src/lib/engine/paths.ts';
import { withMinimalLms12 } from './minimal-lms.ts';
import { quickest } from './packages.ts';
import { play } from './play.ts';

/**
 * The certificate and the case notes on paper: print media shows the part the learner asked for,
 * black on white without the controls, and Chromium turns it into a PDF. The name comes from the
 * LMS, so the launch page gets a minimal SCORM 1.2 runtime of its own, holding the name in the
 * "Last, First" form LMSs use. Each test leaves its PDF and a picture of the printed page in its
 * output folder (test-results/), to look at.
 */
const pkg = quickest.find((p) => p.version === 'scorm12')!;

async function withLearnerNamed(page: Page, name: string) {
	await withMinimalLms12(page, { data: { 'cmi.core.student_name': name } });
	// The print dialog would block a headless test; the stylesheet is what is under test.
	await page.addInitScript(() => (window.print = () => {}));
}

async function toPassingSummary(page: Page) {
	await withLearnerNamed(page, 'Jones, Ffion');
	await page.goto(pkg.launch);
	await play(page, extremePlaythroughs(pkg.bundle).best);
	await expect(page.getByTestId('result')).toContainText('You passed');
}

test('the certificate names the learner from the LMS, with the course, result and date', async ({
	page
}) => {
	await toPassingSummary(page);
	const certificate = page.getByTestId('certificate');
	await expect(certificate).toContainText('Certificate of completion');
	await expect(page.getByTestId('certificate-name')).toHaveText('Ffion Jones');
	await expect(certificate).toContainText(pkg.bundle.course.title);
	await expect(certificate).toContainText('Passed with 100%');
	const today = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' }).format(new Date());
	await expect(certificate).toContainText(today);
});

test('printed from the browser, the summary, certificate and case notes show without controls', async ({
	page
}, testInfo) => {
	await toPassingSummary(page);
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByTestId('certificate-name')).toHaveText('Ffion Jones');
	await expect(page.getByRole('heading', { name: 'My case notes' })).toBeVisible();
	for (const hidden of ['.button', 'footer', '.banner', '.header-controls', '.skip-link']) {
		for (const el of await page.locator(hidden).all()) await expect(el).toBeHidden();
	}
	// Black on white, whatever the screen colours are.
	const colours = await page.evaluate(() => {
		const body = getComputedStyle(document.body);
		const root = getComputedStyle(document.documentElement);
		return [body.color, root.backgroundColor];
	});
	expect(colours).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
	const pdf = await page.pdf({ format: 'A4', printBackground: true });
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	expect(pdf.length).toBeGreaterThan(10_000);
	await writeFile(testInfo.outputPath('everything.pdf'), pdf);
});

test('"Print my certificate" prints the certificate alone, with the learner name', async ({
	page
}, testInfo) => {
	await toPassingSummary(page);
	await page.getByRole('button', { name: 'Print my certificate' }).click();
	await expect(page.locator('html')).toHaveAttribute('data-print', 'certificate');
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByTestId('certificate-name')).toHaveText('Ffion Jones');
	await expect(page.getByTestId('certificate')).toBeVisible();
	await expect(page.getByTestId('result')).toBeHidden();
	await expect(page.locator('.case-notes')).toBeHidden();
	// The picture first: making the PDF fires afterprint, which ends the one-part printing.
	await page.screenshot({ fullPage: true, path: testInfo.outputPath('certificate.png') });
	const pdf = await page.pdf({ format: 'A4', printBackground: true });
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	expect(pdf.length).toBeGreaterThan(5_000);
	await writeFile(testInfo.outputPath('certificate.pdf'), pdf);

	// Once the dialog closes (here, once the PDF is made), the whole page prints again.
	await expect(page.locator('html')).not.toHaveAttribute('data-print');
	await expect(page.getByTestId('result')).toBeVisible();
});

test('"Print my case notes" prints every decision with its feedback, without the certificate', async ({
	page
}, testInfo) => {
	await toPassingSummary(page);
	await page.getByRole('button', { name: 'Print my case notes' }).click();
	await expect(page.locator('html')).toHaveAttribute('data-print', 'notes');
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByTestId('certificate')).toBeHidden();
	const notes = page.locator('.case-notes');
	await expect(notes.getByRole('heading', { name: 'My case notes' })).toBeVisible();
	const { best } = extremePlaythroughs(pkg.bundle);
	for (const decision of best) {
		const scenario = pkg.bundle.scenarios.find((s) => s.id === decision.scenario)!;
		const node = scenario.nodes.find((n) => n.id === decision.node)!;
		if (node.type !== 'decision') continue;
		const choice = node.choices.find((c) => c.id === decision.choice)!;
		await expect(notes.getByRole('heading', { name: scenario.title })).toBeVisible();
		await expect(notes.getByRole('heading', { name: node.prompt })).toBeVisible();
		await expect(notes).toContainText(choice.text);
	}
	// The picture first: making the PDF fires afterprint, which ends the one-part printing.
	await page.screenshot({ fullPage: true, path: testInfo.outputPath('case-notes.png') });
	const pdf = await page.pdf({ format: 'A4', printBackground: true });
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	expect(pdf.length).toBeGreaterThan(5_000);
	await writeFile(testInfo.outputPath('case-notes.pdf'), pdf);
});
