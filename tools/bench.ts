/**
 * `npm run bench`: how light and fast the packages are, against their budgets, beside a minimal
 * SvelteKit + Svelte + XState page built the same way (the floor the framework sets).
 *
 *   tsx tools/bench.ts [--runs 10] [--no-package]
 *
 * Prints one table and writes it as JSON to bench/results/latest.json (and a dated copy).
 * Times come from headless Chromium with the CPU throttled 4x, each package served from a deep,
 * Moodle-like path inside the preview LMS frame, as an LMS would.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Frame, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { extremePlaythroughs } from '../src/lib/engine/paths.ts';
import { worstCaseSaveLength } from '../src/lib/engine/progress.ts';
import { checkAll, listCourses, loadCourseBundle } from '../src/build-time/scenario/files.ts';
import { CHROMIUM_ARGS, findChromium } from '../tests/e2e/browser.ts';
import { play } from '../tests/e2e/play.ts';
import type { Decision } from '../src/lib/engine/course-machine.ts';
import { exitWithUsage, readArgs } from './cli.ts';
import { viteBuild } from '../src/build-time/vite-build.ts';

const root = resolve(import.meta.dirname, '..');
const { values: options } = readArgs(process.argv.slice(2), {
	options: { runs: { type: 'string' }, 'no-package': { type: 'boolean' } },
	needs: { runs: 'a number' },
	fail: exitWithUsage('usage: tsx tools/bench.ts [--runs 10] [--no-package]')
});
const runs = Number(options.runs) || 10;
const port = 4199;
const CPU_SLOWDOWN = 4;
const DEEP_PATH = '/pluginfile.php/42/mod_scorm/content/';
const dist = join(root, 'bench', '.packages');

/** The budgets, for the mandatory course (issue: "lighter and faster than any authoring tool"). */
export const BUDGETS = {
	launchGzipKB: 60,
	zipKB: 400,
	firstScreenMs: 300,
	firstChoiceMs: 500,
	suspendDataChars: 1024
} as const;

interface Figure {
	name: string;
	course: string;
	value: number;
	unit: string;
	budget?: number;
	reference?: number;
	spread?: [number, number];
}

const figures: Figure[] = [];
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function run(command: string, commandArgs: string[]) {
	const result = spawnSync(command, commandArgs, {
		cwd: root,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	if (result.status !== 0) {
		console.error(`${command} ${commandArgs.join(' ')} failed:\n${result.stdout}${result.stderr}`);
		process.exit(1);
	}
}

/** A reference page from bench/<name>/routes, built like the course. */
async function buildReference(name: 'reference' | 'reference-i18next'): Promise<Uint8Array> {
	const dir = join('.svelte-kit', 'bench', name);
	await viteBuild({ root, env: { BENCH_REFERENCE: name, BUILD_DIR: dir }, quiet: true });
	return readFileSync(join(root, dir, 'index.html'));
}

/**
 * Marks the moment the first screen and the first choice are on screen, clicking straight
 * through any screens in between, so the times measure the course, not a person reading.
 * Runs in every frame; only the course frame has a `main[data-screen]`.
 */
// A string, not a function: tsx would wrap a function's inner functions in helpers the page lacks.
const MEASURE = `
	const marks = {};
	window.__bench = marks;
	const observe = () => {
		const main = document.querySelector('main[data-screen]');
		if (!main) return;
		marks.firstScreen ??= performance.now();
		if (document.querySelector('input[name="choice"]')) {
			marks.firstChoice ??= performance.now();
			return;
		}
		main.querySelector('.button')?.click();
	};
	new MutationObserver(observe).observe(document, { childList: true, subtree: true });
`;

async function courseFrame(page: Page): Promise<Frame> {
	for (let i = 0; i < 200; i++) {
		const frame = page.frames().find((f) => f.url().includes('/pluginfile.php/'));
		if (frame) return frame;
		await page.waitForTimeout(25);
	}
	throw new Error('the course frame never loaded');
}

async function timeLaunch(browser: Browser, url: string, inFrame: boolean) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.addInitScript(MEASURE);
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
	await page.goto(url);
	const frame = inFrame ? await courseFrame(page) : page.mainFrame();
	await frame.waitForFunction(
		() => (window as unknown as { __bench?: { firstChoice?: number } }).__bench?.firstChoice,
		undefined,
		{ timeout: 30_000 }
	);
	const marks = await frame.evaluate(
		() => (window as unknown as { __bench: { firstScreen: number; firstChoice: number } }).__bench
	);
	await context.close();
	return marks;
}

async function heapAfterFullRun(browser: Browser, url: string, decisions: Decision[]) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(url);
	await play(page, decisions);
	const cdp = await context.newCDPSession(page);
	await cdp.send('HeapProfiler.collectGarbage');
	const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
	await context.close();
	return usedSize;
}

function startPreview(): Promise<ChildProcess> {
	const server = spawn(
		process.execPath,
		[
			join(root, 'node_modules/tsx/dist/cli.mjs'),
			'tools/preview.ts',
			'--no-package',
			'--dist',
			dist,
			'--port',
			String(port)
		],
		{ cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }
	);
	return new Promise((ready) =>
		server.stdout!.on('data', (d) => String(d).includes('Preview LMS') && ready(server))
	);
}

async function main() {
	// Its own copy of the packages, so a packaging run elsewhere cannot change them mid-measure.
	if (!options['no-package']) {
		const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
		run(process.execPath, [tsx, 'tools/package.ts', '--quiet', '--out', dist]);
	}
	const reference = await buildReference('reference');
	const referenceGzip = gzipSync(reference, { level: 9 }).length;
	// The same with i18next, which the stack requires: the least any course built on it can weigh.
	const stackFloor = await buildReference('reference-i18next');
	figures.push({
		name: 'launch payload, gzip, reference + i18next',
		course: '(floor)',
		value: kb(gzipSync(stackFloor, { level: 9 }).length),
		unit: 'KB',
		budget: BUDGETS.launchGzipKB,
		reference: kb(referenceGzip)
	});
	const scenariosDir = join(root, 'scenarios');
	const zips = readdirSync(dist)
		.filter((f) => /-scorm(12|2004)\.zip$/.test(f))
		.sort();

	for (const courseId of listCourses(scenariosDir)) {
		const loaded = loadCourseBundle(scenariosDir, courseId);
		if (!loaded.ok) throw new Error(`${courseId} does not load`);
		const zip12 = zips.find((z) => z === `${courseId}-scorm12.zip`)!;
		const packaged = unzipSync(readFileSync(join(dist, zip12)));
		const html = packaged['index.html']!;
		// Fetched after the first screen, a scenario at a time, in the learner's language.
		const texts = Object.entries(packaged).filter(([path]) => path.startsWith('content/en-GB/'));
		const textGzip = texts.map(([, data]) => gzipSync(data, { level: 9 }).length);
		figures.push(
			{
				name: 'launch payload, raw',
				course: courseId,
				value: kb(html.length),
				unit: 'KB',
				reference: kb(reference.length)
			},
			{
				name: 'launch payload, gzip',
				course: courseId,
				value: kb(gzipSync(html, { level: 9 }).length),
				unit: 'KB',
				budget: BUDGETS.launchGzipKB,
				reference: kb(referenceGzip)
			}
		);
		figures.push({
			name: 'scenario words, largest, gzip (on demand)',
			course: courseId,
			value: kb(Math.max(...textGzip)),
			unit: 'KB'
		});
		for (const zip of zips.filter((z) => z.startsWith(`${courseId}-scorm`))) {
			figures.push({
				name: `zip (${zip.includes('2004') ? 'SCORM 2004' : 'SCORM 1.2'})`,
				course: courseId,
				value: kb(readFileSync(join(dist, zip)).length),
				unit: 'KB',
				budget: BUDGETS.zipKB
			});
		}
		figures.push({
			name: 'worst-case suspend_data',
			course: courseId,
			value: worstCaseSaveLength(loaded.value),
			unit: 'chars',
			budget: BUDGETS.suspendDataChars
		});
	}

	const server = await startPreview();
	const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
	try {
		// The reference page, served on its own from the same kind of deep path, times the floor.
		const referenceServer = createServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(reference);
		}).listen(port + 1, '127.0.0.1');
		const referenceMarks: { firstScreen: number; firstChoice: number }[] = [];
		for (let i = 0; i < runs; i++) {
			referenceMarks.push(
				await timeLaunch(
					browser,
					`http://127.0.0.1:${port + 1}${DEEP_PATH}reference/index.html`,
					false
				)
			);
		}
		referenceServer.close();
		const referenceScreen = Math.round(median(referenceMarks.map((m) => m.firstScreen)));
		const referenceChoice = Math.round(median(referenceMarks.map((m) => m.firstChoice)));
		for (const courseId of listCourses(scenariosDir)) {
			const url = `http://127.0.0.1:${port}/?package=${courseId}-scorm12&launch=new`;
			const screens: number[] = [];
			const choices: number[] = [];
			for (let i = 0; i < runs; i++) {
				const marks = await timeLaunch(browser, url, true);
				screens.push(marks.firstScreen);
				choices.push(marks.firstChoice);
			}
			const spread = (xs: number[]): [number, number] => [
				Math.round(Math.min(...xs)),
				Math.round(Math.max(...xs))
			];
			figures.push(
				{
					name: 'first screen (4x CPU throttle)',
					course: courseId,
					value: Math.round(median(screens)),
					unit: 'ms',
					budget: BUDGETS.firstScreenMs,
					spread: spread(screens),
					reference: referenceScreen
				},
				{
					name: 'first choice (4x CPU throttle)',
					course: courseId,
					value: Math.round(median(choices)),
					unit: 'ms',
					budget: BUDGETS.firstChoiceMs,
					spread: spread(choices),
					reference: referenceChoice
				}
			);
		}
		const mandatory = loadCourseBundle(scenariosDir, 'csp_mandatory');
		if (mandatory.ok) {
			const heap = await heapAfterFullRun(
				browser,
				`http://127.0.0.1:${port}${DEEP_PATH}csp_mandatory-scorm12/index.html`,
				extremePlaythroughs(mandatory.value).best
			);
			figures.push({
				name: 'JS heap after a full run',
				course: 'csp_mandatory',
				value: kb(heap) / 1024,
				unit: 'MB'
			});
		}
	} finally {
		await browser.close();
		server.kill();
	}

	const checkTimes: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		checkAll(scenariosDir);
		checkTimes.push(performance.now() - start);
	}
	figures.push({
		name: 'scenario check, all files',
		course: '(all)',
		value: Math.round(median(checkTimes)),
		unit: 'ms',
		spread: [Math.round(Math.min(...checkTimes)), Math.round(Math.max(...checkTimes))]
	});

	report();
}

function report() {
	console.log(
		`\n${runs} runs each; times are medians from navigation to the mark, with the fastest–slowest spread.` +
			'\nReference: a minimal SvelteKit + Svelte + XState page built the same way (served on its own).\n'
	);
	const rows = figures.map((f) => {
		const over = f.budget !== undefined && f.value > f.budget;
		return [
			f.course,
			f.name,
			`${Number(f.value.toFixed(2))} ${f.unit}`,
			f.spread ? `${f.spread[0]}–${f.spread[1]}` : '',
			f.budget === undefined ? '' : `${f.budget} ${f.unit}`,
			f.budget === undefined ? '' : over ? 'OVER' : 'ok',
			f.reference === undefined ? '' : `${f.reference} ${f.unit}`
		];
	});
	const header = ['course', 'figure', 'value', 'spread', 'budget', '', 'reference'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
	const line = (cells: string[]) =>
		cells
			.map((c, i) => c.padEnd(widths[i]!))
			.join('  ')
			.trimEnd();
	console.log(line(header));
	for (const row of rows) console.log(line(row));

	const result = {
		date: new Date().toISOString(),
		machine: { cpus: cpus().length, node: process.version },
		runs,
		cpuSlowdown: CPU_SLOWDOWN,
		budgets: BUDGETS,
		figures
	};
	const dir = join(root, 'bench', 'results');
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'latest.json'), JSON.stringify(result, null, '\t') + '\n');
	console.log(`\nWritten to bench/results/latest.json`);
}

main().catch((error) => {
	console.error(`bench: ${error instanceof Error ? error.message : error}`);
	process.exit(1);
});
