import { expect, test } from '@playwright/test';
import type { Decision } from '../../src/lib/engine/course-machine.ts';
import { progressAtNode } from '../../src/lib/engine/jump.ts';
import { coveringRoutes } from '../../src/lib/engine/paths.ts';
import { scoreCourse } from '../../src/lib/engine/scoring.ts';
import type { Scenario } from '../../src/lib/scenario/types.ts';
import { packages, timeToPlay } from './packages.ts';
import { play } from './play.ts';

/**
 * Every choice of every scenario, played in the real player. Each course (each pathway) is
 * played once from the welcome screen to the summary, which must show the score the engine gives.
 * The runs that take the remaining choices start where they are needed: the course is opened with
 * saved progress at the first scenario with a choice still to take (as the preview's author mode
 * does), plays on to the last such scenario, and must reach the ending the engine predicts. A
 * scenario shared by several pathways is covered on the first. The player is the same for both
 * SCORM versions, so the 1.2 package of each course stands for both; it runs standalone.
 */

/** The ending a route through a scenario reaches. */
function endingOf(scenario: Scenario, route: Decision[]): string {
	const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
	const queue = [...route];
	for (let node = nodes.get(scenario.start); node;) {
		if (node.type === 'ending') return node.id;
		if (node.type === 'narrative') node = nodes.get(node.next);
		else {
			const choice = queue.shift()?.choice;
			node = nodes.get(node.choices.find((c) => c.id === choice)!.next);
		}
	}
	throw new Error(`the route through ${scenario.id} does not end`);
}

for (const pkg of packages.filter((p) => p.version === 'scorm12')) {
	const covered = new Set<string>();
	for (const { pathway, bundle } of pkg.plans) {
		const name = `${pkg.full.course.id}${pathway ? ` (${pathway})` : ''}`;
		const scenarios = bundle.course.scenarios.map((id) =>
			bundle.scenarios.find((s) => s.id === id)!
		);
		const routes = scenarios.map((s) => coveringRoutes(s));
		// Scenarios covered on an earlier pathway need no more runs here.
		const fresh = scenarios.map((s) => !covered.has(s.id));
		for (const s of scenarios) covered.add(s.id);
		const runs = Math.max(1, ...routes.map((r, i) => (fresh[i] ? r.length : 1)));
		const routeIn = (i: number, run: number) => routes[i]![Math.min(run, routes[i]!.length - 1)]!;

		test(`${name}: run 1 plays its choices to the summary`, async ({ page }) => {
			test.setTimeout(timeToPlay(bundle));
			const decisions = scenarios.flatMap((_, i) => routeIn(i, 0));
			await page.goto(pkg.launch);
			await play(page, decisions, { pathway });
			const expected = scoreCourse(bundle, decisions);
			await expect(page.getByTestId('result')).toContainText(`${expected.percent}%`);
		});

		for (let run = 1; run < runs; run++) {
			const needed = scenarios.flatMap((_, i) => (fresh[i] && routes[i]!.length > run ? [i] : []));
			const from = needed[0]!;
			const to = needed.at(-1)!;
			const last = scenarios[to]!;
			test(`${name}: run ${run + 1} plays its choices in ${needed.map((i) => scenarios[i]!.id).join(', ')}`, async ({
				page
			}) => {
				test.setTimeout(timeToPlay(bundle));
				const start = scenarios[from]!;
				const saved = progressAtNode(pkg.full, start.id, start.start);
				expect(saved, `a way to ${start.id}`).not.toBeNull();
				await page.addInitScript(
					([key, value]) => localStorage.setItem(key!, value!),
					[`safeguarding-course:${pkg.full.course.id}`, saved!.progress]
				);
				await page.goto(pkg.launch);
				const decisions = scenarios.slice(from, to + 1).flatMap((_, i) => routeIn(from + i, run));
				await play(page, decisions, { stopAfterDecisions: true });
				const main = page.locator('main');
				for (let i = 0; i < 20 && (await main.getAttribute('data-screen')) !== 'ending'; i++) {
					const before = await main.getAttribute('data-step');
					await main.locator('.button').click();
					await expect(main).not.toHaveAttribute('data-step', before ?? '');
				}
				await expect(main).toHaveAttribute(
					'data-step',
					`ending:${last.id}:${endingOf(last, routeIn(to, run))}:`
				);
			});
		}
	}
}
