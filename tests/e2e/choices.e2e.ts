import { expect, test } from '@playwright/test';
import { choiceCoveringPlaythroughs } from '../../src/lib/engine/paths.ts';
import { scoreCourse } from '../../src/lib/engine/scoring.ts';
import { packages, timeToPlay } from './packages.ts';
import { play } from './play.ts';

/**
 * Every choice of every scenario, played in the real player: each course is walked as many
 * times as it takes for its runs to take every choice at least once, and each run must reach
 * the summary with the score the engine gives it. The player is the same for both SCORM
 * versions, so the 1.2 package of each course stands for both; it runs standalone, with no LMS.
 */
for (const pkg of packages.filter((p) => p.version === 'scorm12')) {
	// A course with pathways is played on each: between them they reach every scenario, and a
	// scenario already covered on an earlier pathway is played by one route only.
	const covered = new Set<string>();
	for (const { pathway, bundle } of pkg.plans) {
		const name = `${pkg.full.course.id}${pathway ? ` (${pathway})` : ''}`;
		const runs = choiceCoveringPlaythroughs(bundle, covered);
		for (const id of bundle.course.scenarios) covered.add(id);
		runs.forEach((decisions, run) => {
			test(`${name}: run ${run + 1} plays its choices to the summary`, async ({ page }) => {
				test.setTimeout(timeToPlay(bundle));
				await page.goto(pkg.launch);
				await play(page, decisions, { pathway });
				const expected = scoreCourse(bundle, decisions);
				await expect(page.getByTestId('result')).toContainText(`${expected.percent}%`);
			});
		});
	}
}
