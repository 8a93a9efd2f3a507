/**
 * `npm run bench`: how light and fast the packages are against their budgets, each set against
 * reference pages measured in the same run (src/build-time/bench/ does the measuring).
 *
 *   tsx tools/bench.ts [--runs 10] [--steps 6] [--quick] [--no-package] [course ids...]
 *
 * --quick: 3 runs of 4 steps and no full playthrough, to try a change (about 3 minutes).
 * --no-package: measure the packages already in bench/.packages.
 * Prints the figures, then a Markdown table for the README, and writes bench/results/latest.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extremePlaythroughs } from '../src/lib/engine/paths.ts';
import { planned, plansOf } from '../src/lib/scenario/plan.ts';
import { loadCourseBundle } from '../src/build-time/scenario/files.ts';
import { CONTENT_PATH } from '../src/build-time/preview/server.ts';
import { formatReport, readmeTable } from '../src/build-time/bench/report.ts';
import { minutes, runBench, type Extra } from '../src/build-time/bench/run.ts';
import { CHROMIUM_ARGS, findChromium } from '../tests/e2e/browser.ts';
import { play } from '../tests/e2e/play.ts';
import { exitWithUsage, readArgs } from './cli.ts';
import type { Browser } from '@playwright/test';

const USAGE =
	'usage: tsx tools/bench.ts [--runs 10] [--steps 6] [--quick] [--no-package] [course ids...]';
const root = resolve(import.meta.dirname, '..');
const { values: options, positionals: courses } = readArgs(process.argv.slice(2), {
	options: {
		runs: { type: 'string' },
		steps: { type: 'string' },
		quick: { type: 'boolean' },
		'no-package': { type: 'boolean' }
	},
	needs: { runs: 'a number', steps: 'a number' },
	fail: exitWithUsage(USAGE)
});
const count = (value: string | undefined, fallback: number) => {
	if (value === undefined) return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1) exitWithUsage(USAGE)(`expected a whole number, not ${value}`);
	return n;
};
const quick = options.quick ?? false;
const runs = count(options.runs, quick ? 3 : 10);
const steps = count(options.steps, quick ? 4 : 6);
const dist = join(root, 'bench', '.packages');
const started = performance.now();

// Its own copy of the packages, so a packaging run elsewhere cannot change them mid-measure.
if (!options['no-package']) {
	console.log('▸ packaging every course into bench/.packages');
	const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
	const result = spawnSync(
		process.execPath,
		[tsx, 'tools/package.ts', '--quiet', '--out', dist, ...courses],
		{ cwd: root, encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] }
	);
	if (result.status !== 0) process.exit(1);
}

/** The JS heap after the CSP course played to the end on its first role, best choices. */
async function heapAfterFullRun(browser: Browser, site: string): Promise<Extra[]> {
	const course = 'csp_mandatory';
	if (courses.length && !courses.includes(course)) return [];
	const loaded = loadCourseBundle(join(root, 'scenarios'), course);
	if (!loaded.ok) return [];
	const pathway = plansOf(loaded.value.course)[0]!.pathway?.id ?? null;
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		// standalone, straight from the package path: the LMS's own page is not the course's heap
		await page.goto(`${site}${CONTENT_PATH}${course}-scorm12/index.html`);
		await play(page, extremePlaythroughs(planned(loaded.value, pathway)).best, { pathway });
		const cdp = await context.newCDPSession(page);
		await cdp.send('HeapProfiler.collectGarbage');
		const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
		return [
			{
				name: 'JS heap after a full run',
				target: `${course}-scorm12`,
				value: usedSize / 2 ** 20,
				unit: 'MB'
			}
		];
	} finally {
		await context.close();
	}
}

console.log(
	`▸ measuring: ${runs} runs of each page, ${steps} steps in each run of a course` +
		(quick ? ' (quick)' : '')
);
try {
	const result = await runBench({
		root,
		dist,
		runs,
		steps,
		throttle: 4,
		readMs: 1000,
		commitDelay: 300,
		courses,
		chromium: { executablePath: findChromium(), args: CHROMIUM_ARGS },
		extra: quick ? undefined : heapAfterFullRun,
		progress: (line) => console.log(`  ${line}`)
	});
	result.durationSeconds = (performance.now() - started) / 1000;
	console.log(formatReport(result).join('\n'));
	console.log(['', 'For the README:', '', ...readmeTable(result)].join('\n'));
	const dir = join(root, 'bench', 'results');
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'latest.json'), JSON.stringify(result, null, '\t') + '\n');
	console.log(`\nWritten to bench/results/latest.json (took ${minutes(result.durationSeconds)})`);
} catch (error) {
	console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
