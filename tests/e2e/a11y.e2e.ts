import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createActor } from 'xstate';
import { createCourseMachine, type Decision } from '../../src/lib/engine/course-machine.ts';
import { screenOf } from '../../src/lib/engine/screen.ts';
import type { CourseBundle } from '../../src/lib/scenario/types.ts';
import { extremePlaythroughs } from '../../src/lib/engine/paths.ts';
import { packages, quickest, timeToPlay } from './packages.ts';

/**
 * WCAG 2.2 AA on every kind of screen of every shipped scenario, generated from the course files:
 * each course is walked once on its worst path (which reaches a critical choice and a failing
 * summary with the case notes), with axe on the screens each scenario fills and once on the rest,
 * at 320 CSS px wide (1280 px at 400% zoom), where nothing may scroll sideways. The player is the same for both SCORM versions and for the LMS
 * and standalone modes, so the standalone 1.2 package of each course stands for all four.
 */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const NARROW = { width: 320, height: 640 };

async function expectAccessible(page: Page, label: string) {
	const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
	const found = violations.map(
		(v) =>
			`${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(found, `axe on ${label}`).toEqual([]);
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width, `${label} reflows into 320 px`).toBeLessThanOrEqual(NARROW.width);
	await expect(page.locator('html'), `${label} says its language`).toHaveAttribute('lang', /^en/);
	await expectTargetsLargeEnough(page, label);
}

/** WCAG 2.5.8: every control outside running text is at least 24 by 24 CSS px. */
async function expectTargetsLargeEnough(page: Page, label: string) {
	const small = await page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('button, input, select, summary')]
			.filter((el) => el.offsetParent !== null)
			.map((el) => ({ el, box: el.getBoundingClientRect() }))
			.filter(({ box }) => box.width < 24 || box.height < 24)
			.map(({ el, box }) => `${el.outerHTML.slice(0, 80)} ${box.width}x${box.height}`)
	);
	expect(small, `${label}: targets under 24 px`).toEqual([]);
}

/**
 * The step the learner takes on this screen; at a decision, the next choice of the path; on the
 * welcome screen of a course with pathways, the role first.
 */
async function step(page: Page, queue: Decision[], pathway: string | null = null) {
	const main = page.locator('main');
	const before = await main.getAttribute('data-step');
	if ((await main.getAttribute('data-screen')) === 'decision') {
		const next = queue.shift();
		expect(next, 'the path has a decision for this screen').toBeDefined();
		await page.locator(`#choice-${next!.choice}`).check();
		await page.locator('form[data-node]').getByRole('button').click();
	} else {
		if (pathway && (await main.getAttribute('data-screen')) === 'welcome')
			await page.locator(`#pathway-${pathway}`).check();
		await main.locator('.button').first().click();
	}
	await expect(main).not.toHaveAttribute('data-step', before ?? '');
}

/**
 * Walks a path, running axe on the screens whose content comes from each scenario (its first
 * decision, feedback and ending) and once on the screens whose structure is the same everywhere
 * (welcome, intro, narrative, the error summary, a critical feedback and the summary).
 */
async function walkChecking(page: Page, decisions: Decision[], pathway: string | null = null) {
	const queue = [...decisions];
	const checked = new Set<string>();
	const main = page.locator('main');
	const perScenario = new Set(['decision', 'feedback', 'ending']);
	for (let i = 0; i < 2000; i++) {
		const [kind, scenario] = ((await main.getAttribute('data-step')) ?? '').split(':');
		const key = perScenario.has(kind!) ? `${scenario}:${kind}` : kind!;
		if (!checked.has(key)) {
			checked.add(key);
			await expectAccessible(page, `${scenario} ${kind}`);
		}
		if (kind === 'feedback' && !checked.has('critical')) {
			if ((await page.getByTestId('critical').count()) > 0) {
				checked.add('critical');
				await expectAccessible(page, `${scenario} critical feedback`);
			}
		}
		if (kind === 'welcome' && pathway) {
			// Starting without choosing a role shows the same error summary as a decision.
			checked.add('welcome-error-summary');
			await main.locator('.button').first().click();
			await expect(page.getByRole('alert')).toBeFocused();
			await expectAccessible(page, 'the welcome screen with its error summary');
		}
		if (kind === 'decision' && !checked.has('error-summary')) {
			// The GOV.UK error summary, shown when the learner confirms without choosing.
			checked.add('error-summary');
			await page.locator('form[data-node]').getByRole('button').click();
			await expect(page.getByRole('alert')).toBeFocused();
			await expectAccessible(page, `${scenario} decision with its error summary`);
		}
		if (kind === 'summary') {
			expect(queue, 'every decision of the path was played').toEqual([]);
			return checked;
		}
		await step(page, queue, pathway);
	}
	throw new Error('The course did not reach the summary');
}

/** The keys `walkChecking` should check on a path, worked out by the engine alone. */
function screensOnPath(bundle: CourseBundle, decisions: Decision[]): string[] {
	const actor = createActor(createCourseMachine(bundle)).start();
	const queue = [...decisions];
	const keys = new Set<string>(['error-summary']);
	for (let i = 0; i < 2000; i++) {
		const screen = screenOf(bundle, actor.getSnapshot());
		const scenario = 'scenario' in screen ? screen.scenario.id : '';
		keys.add(
			['decision', 'feedback', 'ending'].includes(screen.kind)
				? `${scenario}:${screen.kind}`
				: screen.kind
		);
		if (screen.kind === 'feedback' && screen.choice.critical) keys.add('critical');
		if (screen.kind === 'summary') break;
		if (screen.kind === 'welcome') actor.send({ type: 'course.start' });
		else if (screen.kind === 'decision')
			actor.send({ type: 'choice.select', choice: queue.shift()!.choice });
		else actor.send({ type: 'step.continue' });
	}
	return [...keys].sort();
}

for (const pkg of packages.filter((p) => p.version === 'scorm12')) {
	// A course with pathways is walked on each, so every scenario it carries is checked.
	for (const { pathway, bundle } of pkg.plans) {
		const { worst } = extremePlaythroughs(bundle);
		const course = bundle.course;
		const name = `${course.id}${pathway ? ` (${pathway})` : ''}`;

		test(`${name}: axe finds nothing on any kind of screen of any scenario, worst path`, async ({
			page
		}) => {
			test.setTimeout(timeToPlay(bundle, 2));
			await page.setViewportSize(NARROW);
			await page.goto(pkg.launch);
			const checked = await walkChecking(page, worst, pathway);
			await expect(page.getByTestId('result')).toContainText('did not pass');
			// What the engine says the path shows, from the files: every scenario's decision,
			// feedback and ending, and each other kind of screen at least once, were all checked.
			const expected = screensOnPath(bundle, worst);
			expect([...checked].sort()).toEqual(
				(pathway ? [...expected, 'welcome-error-summary'] : expected).sort()
			);
			expect(checked).toContain('critical');
			for (const id of course.scenarios) expect(checked).toContain(`${id}:ending`);
		});
	}
}

// The summary's structure is the same for every course: the failing one (with the case notes of
// every scenario) is checked on every course above, the passing one with its certificate here.
test('axe finds nothing on the passing summary with its certificate, on screen and printed', async ({
	page
}) => {
	const pkg = quickest[0]!;
	test.setTimeout(timeToPlay(pkg.bundle));
	await page.setViewportSize(NARROW);
	await page.goto(pkg.launch);
	const queue = [...extremePlaythroughs(pkg.bundle).best];
	while ((await page.locator('main').getAttribute('data-screen')) !== 'summary') {
		await step(page, queue);
	}
	await expect(page.getByTestId('result')).toContainText('You passed');
	await expect(page.getByTestId('certificate')).toBeVisible();
	await expectAccessible(page, 'the passing summary');
	await page.emulateMedia({ media: 'print' });
	await expectAccessible(page, 'the passing summary, printed');
});

test('axe finds nothing on the paused screen', async ({ page }) => {
	await page.setViewportSize(NARROW);
	await page.goto(quickest[0]!.launch);
	await page.getByRole('button', { name: 'Start the course' }).click();
	await page.getByRole('button', { name: 'Pause and leave' }).click();
	await expect(page.locator('main[data-screen="paused"]')).toBeVisible();
	await expectAccessible(page, 'paused');
});

test('every control shows where the keyboard focus is', async ({ page }) => {
	await page.goto(quickest[0]!.launch);
	const main = page.locator('main');
	while ((await main.getAttribute('data-screen')) !== 'decision') {
		await step(page, []);
	}
	await page.locator('form[data-node]').getByRole('button').click();
	await expect(page.getByRole('alert')).toBeFocused();
	// From the error summary, Tab forwards to the end and Shift+Tab back to the top: each stop
	// must look different from the same element unfocused.
	const seen = new Set<string>();
	for (const key of ['Tab', 'Shift+Tab']) {
		await page.getByRole('alert').focus();
		for (let i = 0; i < 40; i++) {
			await page.keyboard.press(key);
			const focused = await page.evaluate(() => {
				const el = document.activeElement as HTMLElement | null;
				if (!el || el === document.body) return null;
				// A radio's focus shows on its label, as in the GOV.UK pattern.
				const shown = el instanceof HTMLInputElement ? (el.labels?.[0] ?? el) : el;
				const look = () => {
					const s = getComputedStyle(shown);
					return [s.outlineStyle, s.outlineColor, s.boxShadow, s.backgroundColor, s.color].join();
				};
				const withFocus = look();
				el.blur();
				const without = look();
				el.focus();
				return { name: el.outerHTML.slice(0, 60), withFocus, without };
			});
			if (!focused) break;
			seen.add(focused.name);
			expect(focused.withFocus, `focus shows on ${focused.name}`).not.toBe(focused.without);
		}
	}
	// The skip link, both languages, pause, the error link, a radio, the button and support.
	expect(seen.size).toBeGreaterThanOrEqual(8);
});

test('with reduced motion asked for, nothing moves', async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await page.goto(quickest[0]!.launch);
	await step(page, []);
	const moving = await page.evaluate(() => {
		const animated = document.getAnimations().length;
		const transitions = [...document.querySelectorAll('*')].filter((el) =>
			getComputedStyle(el)
				.transitionDuration.split(',')
				.some((d) => parseFloat(d) > 0)
		).length;
		return {
			animated,
			transitions,
			smooth: getComputedStyle(document.documentElement).scrollBehavior
		};
	});
	expect(moving).toEqual({ animated: 0, transitions: 0, smooth: 'auto' });
});

test('each step moves focus to the new heading and announces it in a live region', async ({
	page
}) => {
	const pkg = quickest[0]!;
	await page.goto(pkg.launch);
	const main = page.locator('main');
	const announcement = page.getByTestId('announcement');
	await expect(announcement).toHaveAttribute('aria-live', 'polite');
	const queue = [...extremePlaythroughs(pkg.bundle).best];
	for (let i = 0; i < 6; i++) {
		await step(page, queue);
		const heading = main.locator('h1');
		await expect(heading).toBeFocused();
		await expect(announcement).toHaveText((await heading.textContent())!.trim());
	}
});
