import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { readZip } from '../../src/build-time/package/zip.ts';
import { quickest } from './packages.ts';

/**
 * Each scenario's words load when the learner is about to read them. When they cannot, the learner
 * is told calmly, keeps their place, and can try again; nothing is lost.
 */
const pkg = quickest[0]!;

test('words that fail to load are asked for again, and the learner carries on from the same place', async ({
	page
}) => {
	let blocked = true;
	const asked: string[] = [];
	// the package's own content folder, not the LMS's /content/ path it is served under
	const folder = pkg.launch.replace(/index\.html$/, '');
	await page.route(`**${folder}content/**`, (route) => {
		const url = new URL(route.request().url());
		asked.push(`${url.pathname}${url.search}`);
		return blocked ? route.abort('internetdisconnected') : route.continue();
	});
	await page.goto(pkg.launch);
	const main = page.locator('main');
	await page.getByRole('button', { name: 'Start the course' }).click();
	await expect(main).toHaveAttribute('data-screen', 'failed');
	await expect(page.getByRole('alert')).toContainText('Your progress is saved');
	await expect(page.locator('main h1')).toBeFocused();
	// the words are asked for by a path relative to the launch page, inside the package
	expect(asked.length).toBeGreaterThan(0);
	expect(asked.every((path) => path.startsWith(`${folder}content/en-GB/`))).toBe(true);
	// each with its version, so a new upload of the package is never served last version's words
	expect(asked.every((path) => /\.json\?v=[0-9a-f]{8}$/.test(path))).toBe(true);

	blocked = false;
	await page.getByRole('button', { name: 'Try again' }).click();
	await expect(main).toHaveAttribute('data-screen', 'intro');
	const first = pkg.bundle.scenarios.find((s) => s.id === pkg.bundle.course.scenarios[0])!;
	await expect(page.locator('main h1')).toHaveText(first.title);
});

test('opened from a file, the course says to open it from the LMS instead', async ({ page }) => {
	const dir = mkdtempSync(join(tmpdir(), 'course-file-'));
	try {
		const files = readZip(readFileSync(resolve(import.meta.dirname, `../../dist/${pkg.name}.zip`)));
		for (const [path, data] of files) {
			mkdirSync(dirname(join(dir, path)), { recursive: true });
			writeFileSync(join(dir, path), data);
		}
		await page.goto(pathToFileURL(join(dir, 'index.html')).href);
		await page.getByRole('button', { name: 'Start the course' }).click();
		await expect(page.locator('main')).toHaveAttribute('data-screen', 'failed');
		await expect(page.getByRole('alert')).toContainText('opened from a file');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
