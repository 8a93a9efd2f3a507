import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import type { Decision } from '../../src/lib/engine/course-machine.ts';
import { extremePlaythroughs } from '../../src/lib/engine/paths.ts';
import { packages, quickest, timeToPlay } from './packages.ts';
import { chooseRole, relaunch } from './play.ts';

const locale = (name: string) =>
	JSON.parse(
		readFileSync(resolve(import.meta.dirname, `../../src/lib/i18n/locales/${name}.json`), 'utf8')
	);
const cy = locale('cy');
const enGB = locale('en-GB');

/**
 * The interface in Welsh: switching changes every interface string on the screen at once and
 * keeps the learner's place; an LMS preference of `cy` starts the course in Welsh. Scenario text
 * is marked with its own language (Welsh where the course ships a translation, else English), so
 * it is left out of the comparison.
 */
type Tree = { [key: string]: string | Tree };
const strings = (tree: Tree): string[] =>
	Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : strings(v)));

/** A locale's strings as whole-text patterns, interpolated values matching anything. */
const patterns = (tree: Tree) =>
	strings(tree).map(
		(s) =>
			new RegExp(
				`^${s
					.split(/\{\{\s*[\w.]+\s*\}\}/)
					.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
					.join('.+?')}$`,
				's'
			)
	);
const welsh = patterns(cy);
const english = patterns(enGB);

/**
 * Every piece of interface text on the screen: text outside scenario content, and the accessible
 * names given in attributes. The learner's name and today's date are data, not strings.
 */
async function interfaceTexts(page: Page | FrameLocator): Promise<string[]> {
	const body = page.locator('body');
	return body.evaluate((root) => {
		const texts: string[] = [];
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement!;
			if (parent.closest('[lang]:not(html), script, style, [data-free-text]')) continue;
			const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
			// Punctuation between strings and content (`: `, `(`, `)`) is not a string of its own.
			const bare = text.replace(/^[(:\s]+|[):\s]+$/g, '');
			if (/\p{L}/u.test(bare)) texts.push(bare === text ? text : `${text}\n${bare}`);
		}
		for (const el of root.querySelectorAll('[aria-label]'))
			texts.push(el.getAttribute('aria-label')!);
		return texts;
	});
}

/** A text as shown, or without the punctuation around it, is one of the locale's strings. */
const matches = (locale: RegExp[], text: string) =>
	text.split('\n').some((form) => locale.some((p) => p.test(form)));

async function expectAllWelsh(page: Page | FrameLocator, label: string) {
	const texts = await interfaceTexts(page);
	expect(texts.length, label).toBeGreaterThan(3);
	const notWelsh = texts.filter((text) => !matches(welsh, text));
	expect(notWelsh, `${label}: every interface string is a cy.json string`).toEqual([]);
}

async function expectAllEnglish(page: Page | FrameLocator, label: string) {
	const texts = await interfaceTexts(page);
	const notEnglish = texts.filter((text) => !matches(english, text));
	expect(notEnglish, `${label}: every interface string is an en-GB.json string`).toEqual([]);
}

async function step(page: Page, queue: Decision[]) {
	const main = page.locator('main');
	const before = await main.getAttribute('data-step');
	if ((await main.getAttribute('data-screen')) === 'decision') {
		await page.locator(`#choice-${queue.shift()!.choice}`).check();
		await page.locator('form[data-node]').getByRole('button').click();
	} else {
		await main.locator('.button').first().click();
	}
	await expect(main).not.toHaveAttribute('data-step', before ?? '');
}

/** Switches to Welsh by keyboard, checks the screen, and switches back by mouse. */
async function switchAndBack(page: Page, screen: string, inWelsh?: () => Promise<void>) {
	const main = page.locator('main');
	const here = await main.getAttribute('data-step');
	const cymraeg = page.getByRole('button', { name: 'Cymraeg' });
	await cymraeg.focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
	await expect(cymraeg).toHaveAttribute('aria-pressed', 'true');
	// The place is kept: the same screen, and the focus stays on the switch.
	await expect(main).toHaveAttribute('data-step', here!);
	await expect(cymraeg).toBeFocused();
	await expectAllWelsh(page, screen);
	await inWelsh?.();
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
	await expect(main).toHaveAttribute('data-step', here!);
	await expectAllEnglish(page, screen);
}

const first = quickest[0]!;

test('switching to Welsh changes every interface string on every screen and keeps the place', async ({
	page
}) => {
	await page.goto(first.launch);
	const main = page.locator('main');
	const queue = [...extremePlaythroughs(first.bundle).worst];
	await expectAllEnglish(page, 'welcome');
	for (let i = 0; i < 200; i++) {
		const screen = (await main.getAttribute('data-screen'))!;
		const here = await main.getAttribute('data-step');
		if (screen === 'decision') {
			// Mid-decision: with the error summary showing, then with a choice made.
			await page.locator('form[data-node]').getByRole('button').click();
			await switchAndBack(page, screen, async () => {
				await expect(page.getByRole('alert')).toContainText(cy.scenario.errorSummary);
				const { violations } = await new AxeBuilder({ page })
					.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
					.analyze();
				expect(violations.map((v) => v.id)).toEqual([]);
			});
			await page.locator(`#choice-${queue[0]!.choice}`).check();
			await switchAndBack(page, screen, async () => {
				await expect(page.locator(`#choice-${queue[0]!.choice}`)).toBeChecked();
			});
		} else {
			await switchAndBack(page, screen);
		}
		await expect(main).toHaveAttribute('data-step', here!);
		if (screen === 'summary') break;
		await step(page, queue);
	}
	await expect(page.getByTestId('result')).toContainText('did not pass');
});

/** The Welsh of a scenario's passages, as its translation file has them. */
const welshPassages = (id: string): Record<string, string> =>
	parseYaml(
		readFileSync(resolve(import.meta.dirname, `../../scenarios/translations/cy/${id}.yaml`), 'utf8')
	).passages;

test('a translated scenario is read in Welsh, marked as Welsh, and in English again after a switch back', async ({
	page
}) => {
	expect(first.bundle.course.translations).toContain('cy');
	const id = first.bundle.course.scenarios[0]!;
	const english = first.bundle.scenarios.find((s) => s.id === id)!;
	await page.goto(first.launch);
	await page.getByRole('button', { name: 'Cymraeg' }).click();
	await expect(page.locator('main h1')).toHaveAttribute('lang', 'cy');
	await page.getByRole('button', { name: cy.welcome.start }).click();
	const heading = page.locator('main h1');
	await expect(heading).toHaveText(welshPassages(id).title!);
	await expect(heading).toHaveAttribute('lang', 'cy');
	await expect(page.locator('main p[lang="cy"]').first()).toHaveText(
		welshPassages(id).summary!.trim()
	);
	await page.getByRole('button', { name: 'English' }).click();
	await expect(heading).toHaveText(english.title);
	await expect(heading).toHaveAttribute('lang', 'en-GB');
});

test('an untranslated scenario stays English and says so while the interface is Welsh', async ({
	page
}) => {
	const pkg = packages.find((p) => p.bundle.course.translations.length === 0)!;
	const title = pkg.bundle.scenarios.find((s) => s.id === pkg.bundle.course.scenarios[0])!;
	await page.goto(`/?package=${pkg.name}&launch=new&lang=cy`);
	const course = page.frameLocator('#course');
	await chooseRole(course, pkg.pathway);
	await course.getByRole('button', { name: cy.welcome.start }).click();
	await expect(course.locator('main h1')).toHaveText(title.title);
	await expect(course.locator('main h1')).toHaveAttribute('lang', 'en-GB');
	await expect(course.locator('main p[lang="en-GB"]').first()).toBeVisible();
	await expect(course.getByRole('button', { name: cy.scenario.start })).toBeVisible();
});

for (const pkg of quickest) {
	test(`${pkg.name}: an LMS language preference of cy starts the course in Welsh`, async ({
		page
	}) => {
		await page.goto(`/?package=${pkg.name}&launch=new&lang=cy`);
		const course = page.frameLocator('#course');
		await expect(course.locator('main[data-screen="welcome"]')).toBeVisible();
		await expect(course.locator('html')).toHaveAttribute('lang', 'cy');
		await expect(course.getByRole('button', { name: cy.welcome.start })).toBeVisible();
		await expectAllWelsh(course, 'welcome from the LMS');
	});
}

test('without a language preference the course starts in English', async ({ page }) => {
	await page.goto(`/?package=${first.name}&launch=new`);
	const course = page.frameLocator('#course');
	await expect(course.locator('main[data-screen="welcome"]')).toBeVisible();
	await expect(course.locator('html')).toHaveAttribute('lang', 'en-GB');
	await expectAllEnglish(course, 'welcome from the LMS');
});

for (const pkg of quickest) {
	test(`${pkg.name}: a learner's switch of language is kept in the LMS for the next launch`, async ({
		page
	}) => {
		await page.goto(`/?package=${pkg.name}&launch=new`);
		const course = page.frameLocator('#course');
		await course.getByRole('button', { name: 'Cymraeg' }).click();
		await expect(course.locator('html')).toHaveAttribute('lang', 'cy');
		const element =
			pkg.version === 'scorm12'
				? 'cmi.student_preference.language'
				: 'cmi.learner_preference.language';
		await expect
			.poll(() =>
				page.evaluate((e) => (window as any).previewLms.api.getFlattenedCMI()[e], element)
			)
			.toBe('cy');
		await relaunch(page);
		await expect(course.locator('main[data-screen="welcome"]')).toBeVisible();
		await expect(course.locator('html')).toHaveAttribute('lang', 'cy');
		await expectAllWelsh(course, 'welcome after a relaunch');
	});
}

test('a course that ships in Welsh can be taken in Welsh from start to certificate, with nothing for axe to find', async ({
	page
}) => {
	const pkg = packages.find(
		(p) =>
			p.version === 'scorm12' &&
			p.bundle.course.translations.includes('cy') &&
			p.bundle.course.scenarios.length > 1
	)!;
	test.setTimeout(timeToPlay(pkg.bundle));
	await page.goto(pkg.launch);
	await page.getByRole('button', { name: 'Cymraeg' }).click();
	// the Welsh strings arrive by request: read the screen once the switch is made
	await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
	const main = page.locator('main');
	const queue = [...extremePlaythroughs(pkg.bundle).best];
	const seen = new Set<string>();
	for (let i = 0; i < 300; i++) {
		const screen = (await main.getAttribute('data-screen'))!;
		if (screen !== 'welcome' && screen !== 'summary') {
			// every scenario screen is in Welsh, and says so
			await expect(main.locator('[lang]').first()).toHaveAttribute('lang', 'cy');
			await expect(main.locator('[lang="en-GB"]')).toHaveCount(0);
		}
		if (!seen.has(screen)) {
			seen.add(screen);
			await expectAllWelsh(page, screen);
			const { violations } = await new AxeBuilder({ page })
				.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
				.analyze();
			expect(
				violations.map((v) => v.id),
				screen
			).toEqual([]);
		}
		if (screen === 'summary') break;
		await step(page, queue);
	}
	// the case notes replay every decision in Welsh, and the certificate names the course in Welsh
	await expect(page.getByTestId('certificate')).toBeVisible();
	await expect(page.locator('.case-note h3[lang="cy"]')).toHaveCount(
		pkg.bundle.course.scenarios.length
	);
	await expect(page.locator('.case-notes [lang="en-GB"]')).toHaveCount(0);
});

test('Welsh strings that never arrive do not hold the course back: it goes on in English and says so', async ({
	page
}) => {
	// the LMS takes the request and never answers it
	await page.route('**/locales/cy.json*', () => {});
	await page.goto(`/?package=${first.name}&launch=new&lang=cy`);
	const course = page.frameLocator('#course');
	await expect(course.locator('main[data-screen="welcome"]:not([data-prerendered])')).toBeVisible({
		timeout: 12_000
	});
	await expect(course.locator('html')).toHaveAttribute('lang', 'en-GB');
	await expect(course.getByRole('status')).toContainText('Cymraeg could not be loaded');
	await expect(course.getByRole('heading', { name: 'The course has not started' })).toHaveCount(0);
	await expect(course.getByRole('button', { name: 'Start the course' })).toBeEnabled();
});
