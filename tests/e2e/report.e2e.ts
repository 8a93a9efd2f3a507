import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { loadCourses } from '../../src/build-time/report/analyse.ts';
import { buildReport } from '../../src/build-time/report/report.ts';

/**
 * The safeguarding lead's report in a browser: WCAG 2.2 AA by axe, nothing fetched from anywhere,
 * and A4 pages when printed. Built from the Moodle fixtures' tracks (read through the scenarios
 * they were made with). `REPORT_SCREENSHOT=1` also refreshes the README's picture of it.
 */
const FIXTURES = 'tests/fixtures/report';
// axe over every chart and map takes a while on a busy machine
test.describe.configure({ timeout: 90_000 });

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * The report over the refreshers' tracks (one SCORM 1.2, one 2004): every kind of section the CSP
 * course has, at a size axe checks in seconds. The CSP course's figures are tested in the units.
 */
function writeReport(dir: string, learners: boolean): string {
	const { bundles } = loadCourses(join(FIXTURES, 'scenarios'));
	const files = readdirSync(join(FIXTURES, 'moodle-4.5'))
		.filter((name) => name.endsWith('.tracks.csv') && !name.startsWith('csp_mandatory'))
		.map((name) => join(FIXTURES, 'moodle-4.5', name));
	const { html } = buildReport(
		files.map((file) => ({ file, bytes: readFileSync(file) })),
		bundles,
		{ learners, generated: '2026-12-07' }
	);
	mkdirSync(dir, { recursive: true });
	const page = join(dir, 'report.html');
	writeFileSync(page, html);
	return page;
}

async function expectAccessible(page: Page, label: string) {
	const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
	const found = violations.map(
		(v) =>
			`${v.id} (${v.impact}): ${v.help} at ${v.nodes
				.slice(0, 3)
				.map((n) => n.target.join(' '))
				.join(', ')}`
	);
	expect(found, `axe on ${label}`).toEqual([]);
}

test('the report passes axe, fetches nothing and prints on A4', async ({ page }, testInfo) => {
	const file = writeReport(testInfo.outputDir, false);
	const requests: string[] = [];
	page.on('request', (request) => {
		if (!request.url().startsWith('file:')) requests.push(request.url());
	});
	await page.goto(pathToFileURL(file).href);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Which decisions staff get wrong'
	);
	await expect(page.locator('script')).toHaveCount(0);
	await expectAccessible(page, 'the report');
	// Every chart is an image with a name, and has a table beside it.
	const charts = page.locator('svg.chart');
	expect(await charts.count()).toBeGreaterThan(10);
	for (const chart of (await charts.all()).slice(0, 10)) {
		await expect(chart).toHaveAttribute('role', 'img');
		await expect(chart).toHaveAccessibleName(/.+/);
		await expect(chart.locator('xpath=ancestor::div[contains(@class,"pair")]//table')).toHaveCount(
			1
		);
	}
	// No names or e-mail addresses from the exports.
	await expect(page.locator('body')).not.toContainText('learner1');
	await expect(page.locator('body')).not.toContainText('@example');

	if (process.env.REPORT_SCREENSHOT) {
		await page.setViewportSize({ width: 1100, height: 1400 });
		await page.locator('#g2-h').scrollIntoViewIfNeeded();
		await page.screenshot({
			path: 'docs/report-example.png',
			clip: {
				x: 0,
				y: await page
					.locator('#g2-h')
					.evaluate((el) => el.getBoundingClientRect().top + window.scrollY - 10),
				width: 1100,
				height: 1400
			},
			fullPage: true
		});
	}

	await page.emulateMedia({ media: 'print' });
	const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
	writeFileSync(testInfo.outputPath('report.pdf'), pdf);
	const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
	expect(pages.length, 'the report runs to several A4 pages').toBeGreaterThan(2);
	expect(requests, 'nothing is fetched').toEqual([]);
});

test('the per-learner rows carry their warning and pass axe', async ({ page }, testInfo) => {
	const file = writeReport(testInfo.outputDir, true);
	await page.goto(pathToFileURL(file).href);
	await expect(page.getByText('Warning: this section identifies people.')).toBeVisible();
	await expect(page.getByRole('table', { name: 'Each learner, per course' })).toContainText(
		'learner1'
	);
	await expectAccessible(page, 'the report with learners');
});
