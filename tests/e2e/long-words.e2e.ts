import { expect, test, type Page } from '@playwright/test';
import { extremePlaythroughs } from '../../src/lib/engine/paths.ts';
import { play } from './play.ts';
import { quickest } from './packages.ts';

/**
 * Trainers paste web addresses and the odd unbroken run of characters into scenarios. Every
 * passage the learner reads (node text, prompts, choices, feedback, the review in the debrief and
 * the case notes) and the course title on the certificate are given a long address and a
 * 150-character word, as the package serves them; no screen may then scroll sideways, on a phone
 * (320 CSS px) or a desktop (1,280 px).
 */
const LONG_URL = `https://www.example.org/safeguarding/domestic-abuse/${'referral-pathway-'.repeat(6)}guidance.pdf`;
const LONG_WORD = 'Llanfair'.repeat(19).slice(0, 150);
const lengthen = (text: string) => `${text} ${LONG_URL} ${LONG_WORD}`;

const WIDTHS = [
	{ width: 320, height: 640 },
	{ width: 1280, height: 800 }
];

/** Serves the package with every passage and the course title lengthened. */
async function serveLengthened(page: Page, title: string) {
	await page.route('**/content/**/*.json*', async (route) => {
		const response = await route.fetch();
		const passages = (await response.json()) as Record<string, string>;
		const json = Object.fromEntries(
			Object.entries(passages).map(([id, text]) => [id, lengthen(text)])
		);
		await route.fulfill({ response, json });
	});
	await page.route('**/index.html*', async (route) => {
		const response = await route.fetch();
		const quotedTitle = JSON.stringify(title);
		const body = (await response.text()).replace(
			`"title":${quotedTitle}`,
			`"title":${JSON.stringify(lengthen(title))}`
		);
		await route.fulfill({ response, body });
	});
}

async function expectNoSidewaysScroll(page: Page, label: string) {
	const { scrollWidth, clientWidth } = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		clientWidth: document.documentElement.clientWidth
	}));
	expect(scrollWidth, `${label} fits ${clientWidth} px`).toBeLessThanOrEqual(clientWidth);
}

for (const size of WIDTHS) {
	test(`long addresses and words wrap on every kind of screen at ${size.width} px`, async ({
		page
	}) => {
		const pkg = quickest[0]!;
		test.setTimeout(120_000);
		await page.setViewportSize(size);
		await serveLengthened(page, pkg.bundle.course.title);
		await page.goto(pkg.launch);
		const seen = new Set<string>();
		await play(page, extremePlaythroughs(pkg.bundle).best, {
			onScreen: async (screen) => {
				seen.add(screen ?? '');
				if (screen === 'decision')
					await expect(page.locator('.choice label').first()).toContainText(LONG_WORD);
				await expectNoSidewaysScroll(page, `the ${screen} screen`);
			}
		});
		// the summary: debrief, case notes and certificate, each carrying the long words
		await expect(page.getByTestId('certificate')).toContainText(LONG_URL);
		await expect(page.locator('.case-notes')).toContainText(LONG_WORD);
		await expectNoSidewaysScroll(page, 'the summary with its certificate and case notes');
		expect([...seen]).toEqual(expect.arrayContaining(['decision', 'summary']));
	});
}
