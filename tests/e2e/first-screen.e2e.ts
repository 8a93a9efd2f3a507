/**
 * The welcome screen is drawn into the launch page when the package is made (issue 13): it paints
 * before any script runs, and the app takes over with the same markup, without a shift, a flash
 * for assistive technology or a second copy left behind.
 */
import { expect, test, type Frame, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { packages } from './packages.ts';

/** Markup as a reader meets it: no Svelte markers, no whitespace between tags. */
const normalise = (html: string) =>
	html
		.replace(/<!--[^]*?-->/g, '')
		.replace(/\sdata-prerendered=""/g, '')
		.replace(/>\s+</g, '><')
		.trim();

/** The player's own elements: skip link, header, banners, main, live region and footer (not Kit's route announcer). */
const playerMarkup = (root: Element) =>
	[...root.children]
		.filter((e) => e.tagName !== 'SCRIPT' && e.id !== 'svelte-announcer')
		.map((e) => e.outerHTML)
		.join('');

async function courseFrame(page: Page): Promise<Frame> {
	await expect
		.poll(() => page.frames().some((f) => f.url().includes('/pluginfile.php/')))
		.toBe(true);
	return page.frames().find((f) => f.url().includes('/pluginfile.php/'))!;
}

for (const pkg of packages) {
	test.describe(pkg.name, () => {
		test('shows the welcome screen with no script, inert and hidden from assistive technology', async ({
			browser
		}) => {
			const context = await browser.newContext({ javaScriptEnabled: false });
			const page = await context.newPage();
			await page.goto(pkg.launch);
			const first = page.locator('#first-screen');
			await expect(first).toHaveAttribute('inert', '');
			await expect(first.locator('h1')).toHaveText(pkg.full.course.title);
			// the notice for an app that does not start waits, as a template
			await expect(page.locator('#not-started')).toBeHidden();
			await expect(page.locator('main')).toHaveCount(1);
			await expect(page).toHaveTitle(pkg.full.course.title);
			await expect(page.getByTestId('estimate')).toHaveText(/^About \d+( to \d+)? minutes$/);
			// nothing of it is in the browser's accessibility tree until the app has confirmed it
			const cdp = await context.newCDPSession(page);
			const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
				nodes: { ignored: boolean; name?: { value?: string } }[];
			};
			const heard = nodes.filter((n) => !n.ignored).map((n) => n.name?.value ?? '');
			expect(heard.filter((name) => name.includes(pkg.full.course.title))).toEqual([
				pkg.full.course.title // the page's <title>, as the document's name
			]);
			await context.close();
		});

		test('is replaced by the app with the same markup and no layout shift', async ({
			browser,
			page
		}) => {
			// the page as packaged, before any script runs
			const still = await browser.newContext({ javaScriptEnabled: false });
			const stillPage = await still.newPage();
			await stillPage.goto(pkg.launch);
			const drawn = normalise(await stillPage.locator('#first-screen').evaluate(playerMarkup));
			await still.close();

			await page.addInitScript(() => {
				const w = window as unknown as { __shift: number };
				w.__shift = 0;
				new PerformanceObserver((list) => {
					for (const entry of list.getEntries() as unknown as { value: number }[])
						w.__shift += entry.value;
				}).observe({ type: 'layout-shift', buffered: true });
			});
			await page.goto(`/?package=${pkg.name}&launch=new`);
			const frame = await courseFrame(page);
			await expect(
				frame.locator('main[data-screen="welcome"]:not([data-prerendered])')
			).toBeVisible();
			await expect(frame.locator('#first-screen')).toHaveCount(0);
			await expect(frame.locator('main')).toHaveCount(1);
			const live = normalise(await frame.locator('body > div').evaluate(playerMarkup));
			// the live region is filled as the learner moves on; the rest is the same to the byte
			expect(live).toBe(drawn);
			expect(await frame.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(
				0
			);
			const axe = await new AxeBuilder({ page }).include('#course').analyze();
			expect(axe.violations).toEqual([]);
		});
	});
}

/** The launch page as packaged, with the app's start-up script replaced by `code`. */
async function withAppStart(page: Page, launch: string, code: string) {
	await page.route(`**${launch}`, async (route) => {
		const response = await route.fetch();
		const html = (await response.text()).replace(
			/(<script type="text\/x-app-start" id="app-start">)[^]*?(<\/script>)/,
			(_, open: string, close: string) => `${open}${code}${close}`
		);
		expect(html).toContain(code);
		await route.fulfill({ response, body: html });
	});
}

test.describe('an app that does not start', () => {
	const pkg = packages.find((p) => p.version === 'scorm12')!;

	async function expectNotStarted(page: Page) {
		const heading = page.getByRole('heading', { name: 'The course has not started' });
		await expect(heading).toBeFocused();
		await expect(page.getByText('Reload the page to try again.')).toBeVisible();
		// the dead welcome screen is gone, and the notice is the page's one main
		await expect(page.locator('main[data-prerendered]')).toHaveCount(0);
		await expect(page.getByRole('main')).toHaveCount(1);
		await expect(page.locator('main')).toHaveCount(1);
		const axe = await new AxeBuilder({ page }).analyze();
		expect(axe.violations).toEqual([]);
	}

	test('fails: the learner is told to reload, soon after the error', async ({ page }) => {
		await withAppStart(page, pkg.launch, "throw new Error('the app is broken')");
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		const started = Date.now();
		await page.goto(pkg.launch);
		await expectNotStarted(page);
		expect(Date.now() - started).toBeLessThan(8_000);
		expect(errors).toEqual(['the app is broken']);
	});

	test('never finishes starting: the learner is told to reload after 10 s', async ({ page }) => {
		await withAppStart(page, pkg.launch, '/* starts nothing */');
		await page.goto(pkg.launch);
		await expect(page.getByRole('heading', { name: 'The course has not started' })).toBeHidden();
		await page.waitForTimeout(8_000);
		await expect(page.getByRole('heading', { name: 'The course has not started' })).toBeHidden();
		await expectNotStarted(page);
	});
});
