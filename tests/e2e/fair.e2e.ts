import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { packages } from './packages.ts';
import { chooseRole, relaunch } from './play.ts';

/**
 * A fair score in the real player: each learner sees the choices in an order of their own, kept
 * across a relaunch; the role chosen on the welcome screen reaches the LMS and survives a
 * relaunch; and a learner who clicks by position or by length does not pass.
 */
const byName = (name: string) => packages.find((p) => p.name === name)!;
const cmi = (page: Page): Promise<Record<string, string>> =>
	page.evaluate(() => (window as any).previewLms.api.getFlattenedCMI());

/** By position or length as a guesser would; `same` takes the same choice whatever the order. */
type Policy = 'first' | 'last' | 'longest' | 'shortest' | 'same';

/** One step by `policy`; returns the order of the choices shown, at a decision. */
async function stepBy(course: FrameLocator | Page, policy: Policy, pathway: string | null) {
	const main = course.locator('main');
	const before = await main.getAttribute('data-step');
	const screen = await main.getAttribute('data-screen');
	let shown: string[] | null = null;
	if (screen === 'decision') {
		const inputs = course.locator('input[name="choice"]');
		shown = await inputs.evaluateAll((all) => all.map((i) => (i as HTMLInputElement).value));
		const labels = await course
			.locator('.choice label')
			.evaluateAll((all) => all.map((l) => l.textContent!.trim().length));
		const index =
			policy === 'same'
				? shown.indexOf([...shown].sort()[0]!)
				: policy === 'first'
					? 0
					: policy === 'last'
						? shown.length - 1
						: labels.indexOf((policy === 'longest' ? Math.max : Math.min)(...labels));
		await course.locator(`#choice-${shown[index]}`).check();
		await course.locator('form[data-node]').getByRole('button').click();
	} else {
		if (screen === 'welcome') await chooseRole(course, pathway);
		await main.locator('.button').first().click();
	}
	await expect(main).not.toHaveAttribute('data-step', before ?? '');
	return shown;
}

/** Plays to the summary by `policy` and returns the orders shown at each decision. */
async function playBy(course: FrameLocator | Page, policy: Policy, pathway: string | null) {
	const orders: string[][] = [];
	for (let i = 0; i < 2000; i++) {
		if ((await course.locator('main').getAttribute('data-screen')) === 'summary') return orders;
		const shown = await stepBy(course, policy, pathway);
		if (shown) orders.push(shown);
	}
	throw new Error('The course did not reach the summary');
}

/**
 * Steps until `count` decisions have been shown, taking the same choices whatever their order (so
 * two learners meet the same decisions); returns the orders shown.
 */
async function firstOrders(course: FrameLocator, count: number, pathway: string) {
	const orders: string[][] = [];
	while (orders.length < count) {
		const shown = await stepBy(course, 'same', pathway);
		if (shown) orders.push(shown);
	}
	return orders;
}

test('each learner sees their own order, kept across a relaunch, and the role reaches the LMS', async ({
	page
}) => {
	const pkg = byName('csp_mandatory-scorm12');
	const pathway = 'health';
	await page.goto(`/?package=${pkg.name}&launch=new&learner=alice`);
	const course = page.frameLocator('#course');
	await expect(course.locator('main[data-screen="welcome"]')).toBeVisible();
	const alice = await firstOrders(course, 4, pathway);
	expect((await cmi(page))['cmi.comments']).toBe('pathway: health (Health and ambulance)');

	// At the next decision, a relaunch shows the same order, on the same role's plan.
	const main = course.locator('main');
	while ((await main.getAttribute('data-screen')) !== 'decision')
		await stepBy(course, 'same', pathway);
	const shownOrder = () =>
		course
			.locator('input[name="choice"]')
			.evaluateAll((all) => all.map((i) => (i as HTMLInputElement).value));
	const before = await shownOrder();
	await relaunch(page);
	await expect(course.getByText('You are where you left off')).toBeVisible();
	await expect(main).toHaveAttribute('data-screen', 'decision');
	expect(await shownOrder()).toEqual(before);
	expect((await cmi(page))['cmi.core.lesson_location']).toMatch(
		new RegExp(`^(${pkg.bundle.course.scenarios.join('|')})\\.`)
	);

	// Another learner: the same decisions in other orders (all four alike by chance: about 1 in 10^5).
	await page.goto(`/?package=${pkg.name}&launch=new&learner=bob`);
	const bob = await firstOrders(page.frameLocator('#course'), 4, pathway);
	expect(bob.map((o) => [...o].sort())).toEqual(alice.map((o) => [...o].sort()));
	expect(bob).not.toEqual(alice);
});

test('SCORM 2004: the role reaches the LMS as a comment from the learner', async ({ page }) => {
	const pkg = byName('csp_mandatory-scorm2004');
	await page.goto(`/?package=${pkg.name}&launch=new`);
	const course = page.frameLocator('#course');
	await firstOrders(course, 1, 'voluntary_sector');
	const data = await cmi(page);
	expect(data['cmi.comments_from_learner.0.comment']).toBe(
		'pathway: voluntary_sector (Voluntary and community sector)'
	);
	expect(data['cmi.comments_from_learner.0.location']).toBe('welcome');
});

for (const [name, policy, pathway] of [
	['ambulance_refresher-scorm12', 'first', null],
	['gp_refresher-scorm12', 'last', null],
	['csp_mandatory-scorm12', 'longest', 'police_probation'],
	['csp_mandatory-scorm12', 'shortest', 'children_education']
] as const) {
	test(`${name}${pathway ? ` (${pathway})` : ''}: always the ${policy} choice does not pass`, async ({
		page
	}) => {
		test.setTimeout(120_000);
		await page.goto(byName(name).launch);
		await playBy(page, policy, pathway);
		await expect(page.getByTestId('result')).toContainText('did not pass');
	});
}
