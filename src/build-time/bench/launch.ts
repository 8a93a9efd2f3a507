/**
 * One launch of one package in the preview LMS, in a fresh browser context, measured by the
 * probe in frame-probe.js: first screen, first choice, what was fetched before the first click,
 * and, if asked, a few steps with the reading pause between them under a slow LMS Commit.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Frame, Page } from '@playwright/test';

const PROBE = readFileSync(new URL('./frame-probe.js', import.meta.url), 'utf8');

export interface LaunchOptions {
	/** The preview LMS, e.g. `http://127.0.0.1:4199`. */
	site: string;
	/** The package name, e.g. `gp_refresher-scorm12`. */
	name: string;
	/** CPU slowdown (1: none). */
	throttle: number;
	/** Screens to step through after the first; 0 measures the launch only. */
	steps: number;
	/** How long the learner reads a painted screen before clicking on, in ms. */
	readMs: number;
	/** With no steps: how long to wait after the first choice for the last contentful paint. */
	settleMs?: number;
	/** Milliseconds each LMS Commit blocks for while stepping (the launch is timed without). */
	commitDelay: number;
}

export interface LcpEntry {
	time: number;
	size: number;
	element: string | null;
	screen: string | null;
	content: boolean;
}

export interface StepTime {
	from: string | null;
	to: string | null;
	/** From the click to the next screen painted. */
	ms: number;
	/** From the screen painted to the click: the reading pause, as it came out. */
	readMs: number | null;
	/** LMS Commits that started between the click and the paint. */
	commitsBetween: number;
}

export interface LaunchResult {
	/** The largest contentful paint of course content, ms from the frame's navigation. */
	firstScreen: number;
	firstScreenElement: string | null;
	/** The first paint with a usable control, ms from the frame's navigation. */
	firstChoice: number;
	firstChoiceControl: string | null;
	/** Encoded (as sent: gzip) bytes of the package's files fetched before the first click. */
	fetchedBeforeClick: number;
	fetched: { file: string; bytes: number }[];
	steps: StepTime[];
}

interface Probe {
	lcp: LcpEntry[];
	firstChoice: number | null;
	choiceControl: string | null;
	firstInput: number | null;
	shownAt: number | null;
	stepDone: Promise<
		(Omit<StepTime, 'commitsBetween'> & { clickAt: number; paintedAt: number }) | { error: string }
	>;
	expectStep(): void;
	readyForFirstClick(readMs: number, quietMs: number): boolean;
}
declare const window: Window & { __bench?: Probe };

/** Nothing fetched for this long counts as the page having stopped fetching on its own. */
const QUIET_MS = 500;
const TIMEOUT = 60_000;

async function courseFrame(page: Page): Promise<Frame> {
	const frame = await (await page.waitForSelector('#course', { timeout: TIMEOUT })).contentFrame();
	if (!frame) throw new Error('the preview LMS has no course frame');
	return frame;
}

/** The first screen: the last largest-contentful-paint entry of course content. */
export function firstScreenOf(lcp: readonly LcpEntry[], before = Infinity): LcpEntry | undefined {
	return lcp.filter((entry) => entry.content && entry.time < before).at(-1);
}

export async function launch(browser: Browser, options: LaunchOptions): Promise<LaunchResult> {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		await page.addInitScript({ content: PROBE });
		// The LMS page loads first, at full speed, and picks the package; the CPU is slowed before
		// the launch, which loads the course into its frame. Only the course is timed, from its
		// frame's navigation, but the LMS page's work during the launch runs slowed, as it would.
		await page.goto(`${options.site}/?package=${encodeURIComponent(options.name)}`);
		await page.waitForFunction(
			(name) => (document.getElementById('package') as HTMLSelectElement | null)?.value === name,
			options.name,
			{ timeout: TIMEOUT }
		);
		if (options.throttle > 1) {
			const cdp = await context.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.throttle });
		}
		await page.evaluate(() =>
			(document.getElementById('controls') as HTMLFormElement).requestSubmit()
		);
		const frame = await courseFrame(page);
		await frame.waitForFunction(() => window.__bench?.firstChoice != null, undefined, {
			polling: 50,
			timeout: TIMEOUT
		});
		if (options.steps > 0) {
			await frame.waitForFunction(
				([read, quiet]) => window.__bench!.readyForFirstClick(read, quiet),
				[options.readMs, QUIET_MS] as const,
				{ polling: 50, timeout: TIMEOUT }
			);
		} else {
			await frame.waitForTimeout(options.settleMs ?? options.readMs);
		}

		const steps = options.steps > 0 ? await stepThrough(page, frame, options) : [];
		const probe = await frame.evaluate(() => {
			const { lcp, firstChoice, choiceControl, firstInput } = window.__bench!;
			const resources = [
				...performance.getEntriesByType('navigation'),
				...performance.getEntriesByType('resource')
			] as PerformanceResourceTiming[];
			return {
				lcp,
				firstChoice: firstChoice!,
				choiceControl,
				firstInput,
				resources: resources.map((r) => ({
					name: r.name,
					start: r.startTime,
					bytes: r.encodedBodySize
				}))
			};
		});
		const screen = firstScreenOf(probe.lcp, probe.firstInput ?? Infinity);
		if (!screen) {
			throw new Error(
				`${options.name}: no largest contentful paint of course content (entries: ${JSON.stringify(probe.lcp)})`
			);
		}
		const base = new URL(frame.url());
		const before = probe.resources.filter(
			(r) => r.start < (probe.firstInput ?? Infinity) && r.name.startsWith(base.origin)
		);
		const folder = base.pathname.slice(0, base.pathname.lastIndexOf('/') + 1);
		const fetched = before
			.map((r) => ({ file: new URL(r.name).pathname.replace(folder, ''), bytes: r.bytes }))
			.filter((f) => !f.file.startsWith('/'));
		return {
			firstScreen: screen.time,
			firstScreenElement: screen.element,
			firstChoice: probe.firstChoice,
			firstChoiceControl: probe.choiceControl,
			fetchedBeforeClick: fetched.reduce((sum, f) => sum + f.bytes, 0),
			fetched,
			steps
		};
	} finally {
		await context.close();
	}
}

/**
 * Plays on from the first screen: on each screen the learner reads, picks (a role on a welcome
 * screen with roles, the first choice shown on a decision) and clicks on `readMs` after the screen
 * was painted. The LMS Commit blocks for `commitDelay` ms from the first click on.
 */
async function stepThrough(page: Page, frame: Frame, options: LaunchOptions): Promise<StepTime[]> {
	await page.evaluate((delay) => {
		(window as unknown as { previewLms: { commitDelay: number } }).previewLms.commitDelay = delay;
	}, options.commitDelay);
	const results: Omit<StepTime, 'commitsBetween'>[] = [];
	const clicks: { clickAt: number; paintedAt: number }[] = [];
	const main = frame.locator('main[data-screen]');
	for (let i = 0; i < options.steps; i++) {
		const screen = await main.getAttribute('data-screen');
		if (screen === 'summary') break;
		const pick =
			screen === 'welcome'
				? main.locator('input[name="pathway"]')
				: screen === 'decision'
					? main.locator('input[name="choice"]')
					: null;
		// The pick is part of reading (on the welcome screen it is the first click, once the bench
		// has waited for the first screen), and so is scrolling to the button.
		if (pick && (await pick.count())) await pick.first().check();
		const button =
			screen === 'decision'
				? main.locator('form[data-node] .button')
				: main.locator('.button').first();
		await button.scrollIntoViewIfNeeded();
		const box = await button.boundingBox();
		if (!box)
			throw new Error(`${options.name}, step ${i + 1}: the button on ${screen} is not shown`);
		await frame.evaluate(() => window.__bench!.expectStep());
		// The click on comes readMs after the screen was painted: the wait is worked out in the
		// frame's clock and slept here, so nothing runs in the page meanwhile.
		if (i > 0) {
			const due = await frame.evaluate(
				(read) => window.__bench!.shownAt! + read - performance.now(),
				options.readMs
			);
			if (due > 0) await new Promise((wake) => setTimeout(wake, due));
		}
		await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
		const result = await frame.evaluate(() => window.__bench!.stepDone);
		if ('error' in result)
			throw new Error(`${options.name}, step ${i + 1} from ${screen}: ${result.error}`);
		clicks.push({ clickAt: result.clickAt, paintedAt: result.paintedAt });
		results.push({ from: result.from, to: result.to, ms: result.ms, readMs: result.readMs });
	}
	// LMS Commits are timed by the host page in epoch milliseconds; the frame's clock starts at its
	// own time origin.
	const origin = await frame.evaluate(() => performance.timeOrigin);
	const commits: { start: number }[] = await page.evaluate(
		() => (window as unknown as { previewLms: { commits: { start: number }[] } }).previewLms.commits
	);
	return results.map((step, i) => ({
		...step,
		commitsBetween: commits.filter(
			(c) => c.start >= origin + clicks[i]!.clickAt && c.start <= origin + clicks[i]!.paintedAt
		).length
	}));
}
