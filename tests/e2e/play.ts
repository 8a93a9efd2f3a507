import { expect, type FrameLocator, type Page } from '@playwright/test';
import type { Decision } from '../../src/lib/engine/course-machine.ts';

/**
 * On the welcome screen of a course with pathways, chooses the learner's role (nothing to do
 * where the course has none).
 */
export async function chooseRole(course: FrameLocator | Page, pathway: string | null | undefined) {
	if (pathway) await course.locator(`#pathway-${pathway}`).check();
}

/**
 * Plays the course in the frame by the keyboard-free route a learner takes with a mouse, as the
 * role `pathway` where the course has pathways. `onScreen` runs on every screen, the summary
 * included, before the learner acts on it.
 */
export async function play(
	course: FrameLocator | Page,
	decisions: Decision[],
	{
		stopAfterDecisions = false,
		pathway = null,
		onScreen
	}: {
		stopAfterDecisions?: boolean;
		pathway?: string | null;
		onScreen?: (screen: string | null) => Promise<void>;
	} = {}
) {
	const queue = [...decisions];
	for (let step = 0; step < 1000; step++) {
		const main = course.locator('main');
		const screen = await main.getAttribute('data-screen');
		await onScreen?.(screen);
		if (stopAfterDecisions && queue.length === 0) return;
		if (screen === 'summary') {
			expect(queue, 'every decision of the path was played').toEqual([]);
			return;
		}
		const before = await main.getAttribute('data-step');
		if (screen === 'decision') {
			const form = course.locator('form[data-node]');
			const next = queue.shift();
			expect(next, 'the path has a decision for this screen').toBeDefined();
			await expect(form).toHaveAttribute('data-node', next!.node);
			await course.locator(`#choice-${next!.choice}`).check();
			await form.getByRole('button').click();
		} else {
			if (screen === 'welcome') await chooseRole(course, pathway);
			await main.locator('.button').click();
		}
		await expect(main).not.toHaveAttribute('data-step', before ?? '');
	}
	throw new Error('The course did not reach the summary in 1000 steps');
}

/** Presses Tab until the focused element matches `selector`, as a keyboard user would. */
async function tabTo(page: Page, selector: string) {
	for (let i = 0; i < 40; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
	}
	throw new Error(`Tab never reached ${selector}`);
}

/** Plays the course with the keyboard alone: Tab, arrow keys, Space and Enter. */
export async function playByKeyboard(
	page: Page,
	decisions: Decision[],
	pathway: string | null = null
) {
	const queue = [...decisions];
	const main = page.locator('main');
	for (let step = 0; step < 1000; step++) {
		const screen = await main.getAttribute('data-screen');
		if (screen === 'summary') {
			expect(queue).toEqual([]);
			return;
		}
		const before = await main.getAttribute('data-step');
		if (screen === 'decision') {
			const next = queue.shift()!;
			await tabTo(page, 'input[name="choice"]');
			// Arrow keys move through a radio group and select as they go.
			for (let i = 0; i < 6; i++) {
				const current = await page.evaluate(
					() => (document.activeElement as HTMLInputElement).value
				);
				if (current === next.choice) break;
				await page.keyboard.press('ArrowDown');
			}
			await page.keyboard.press('Space');
			await expect(page.locator(`#choice-${next.choice}`)).toBeChecked();
			await tabTo(page, 'form button[type="submit"]');
			await page.keyboard.press('Enter');
		} else {
			if (screen === 'welcome' && pathway) {
				// A radio group takes focus on its checked (or first) option; arrows move and select.
				await tabTo(page, 'input[name="pathway"]');
				for (let i = 0; i < 10; i++) {
					const current = await page.evaluate(
						() => (document.activeElement as HTMLInputElement).value
					);
					if (current === pathway) break;
					await page.keyboard.press('ArrowDown');
				}
				await page.keyboard.press('Space');
				await expect(page.locator(`#pathway-${pathway}`)).toBeChecked();
			}
			await tabTo(page, 'main .button');
			await page.keyboard.press('Enter');
		}
		await expect(main).not.toHaveAttribute('data-step', before ?? '');
		// Focus moves to the new screen's heading, not back to the top of the page.
		await expect(page.locator('main h1')).toBeFocused();
	}
	throw new Error('The course did not reach the summary in 1000 steps');
}

/**
 * Relaunches the course in the preview LMS's frame, as a learner reopening it, and waits until
 * the new launch has replaced the old page: the old page can still match any locator for a
 * moment, and reading it as it goes fails with "execution context was destroyed".
 */
export async function relaunch(page: Page) {
	const navigated = page.waitForEvent('framenavigated', (frame) => frame.name() === 'course');
	await page.locator('#relaunch').click();
	await (await navigated).waitForLoadState('domcontentloaded');
}
