/**
 * `npm run bench`, the measuring: the reference pages and every course's SCORM 1.2 and 2004
 * packages, launched in turn (A, B, C, A, B, C...) so that whatever the machine is doing hits
 * them all alike, in the preview LMS at a deep Moodle-like path, in headless Chromium. One file
 * because the interleaving, the browser and the servers live and die together.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { worstCaseSaveLength } from '../../lib/engine/progress.ts';
import { MANIFEST_EDITIONS } from '../package/manifest.ts';
import { SCORM_VERSIONS } from '../../lib/lms/data-model.ts';
import { LivePreview } from '../preview/live.ts';
import { loadPackages, previewHandler } from '../preview/server.ts';
import { checkAll, listCourses, loadCourseBundle } from '../scenario/files.ts';
import { viteBuild } from '../vite-build.ts';
import { BUDGETS, judge, type Judged } from './budgets.ts';
import { launch, type LaunchResult, type StepTime } from './launch.ts';
import {
	buildReference,
	REFERENCES,
	referencePackage,
	writeReferencePackage,
	type ReferenceName
} from './references.ts';
import {
	gzipSize,
	moduleReport,
	packageSizes,
	type ModuleGroup,
	type ModuleSize
} from './sizes.ts';
import { kb, median, percentile } from './stats.ts';

export interface BenchOptions {
	/** The project folder. */
	root: string;
	/** Where the course packages are (the bench adds its reference pages there). */
	dist: string;
	/** Launches of each package and reference page, at 4x and unthrottled. */
	runs: number;
	/** Steps timed after the first screen in each throttled launch of a course. */
	steps: number;
	throttle: number;
	/** The reading pause before each click, ms. */
	readMs: number;
	/** How long each LMS Commit blocks while steps are timed, ms. */
	commitDelay: number;
	/** Course ids to measure (default: every course). */
	courses?: string[];
	chromium: { executablePath: string; args: string[] };
	/** More figures taken with the browser and the preview LMS up, e.g. the heap after a run. */
	extra?: (browser: Browser, site: string) => Promise<Extra[]>;
	progress?: (line: string) => void;
}

export interface Extra {
	name: string;
	target: string;
	value: number;
	unit: string;
}

/** A time over the runs: the median, the fastest and slowest, and every sample. */
export interface Timing {
	median: number;
	min: number;
	max: number;
	samples: number[];
}

interface TargetResult {
	/** The package name served, e.g. `gp_refresher-scorm12`. */
	name: string;
	label: string;
	launchGzipKB: number;
	launchRawKB: number;
	throttled: { firstScreen: Timing; firstChoice: Timing };
	unthrottled: { firstScreen: Timing; firstChoice: Timing };
	/** What the largest contentful paint and the first usable control were (first run). */
	firstScreenElement: string | null;
	firstChoiceControl: string | null;
}

export interface PackageResult extends TargetResult {
	course: string;
	version: 'scorm12' | 'scorm2004';
	zipKB: number;
	startScenarios: string[];
	startWordsKB: number;
	largestWordsKB: number;
	worstSuspendDataChars: number;
	/** Encoded bytes fetched before the first click, KB; the files of the first run. */
	fetchedBeforeClickKB: Timing;
	fetchedBeforeClick: { file: string; bytes: number }[];
	steps: {
		p95: number;
		median: number;
		max: number;
		count: number;
		/** Steps during which an LMS Commit started between the click and the paint. */
		withCommitBetween: number;
		samples: StepTime[];
	};
	budgets: {
		launch: Judged;
		firstScreen: Judged;
		firstChoice: Judged;
		step: Judged;
		fetchedBeforeClick: Judged;
		zip: Judged;
		suspendData: Judged;
	};
}

export interface BenchResult {
	date: string;
	machine: { cpus: number; cpu: string; node: string; chromium: string };
	runs: number;
	steps: number;
	cpuSlowdown: number;
	readMs: number;
	commitDelayMs: number;
	budgets: typeof BUDGETS;
	references: Record<ReferenceName, TargetResult>;
	packages: PackageResult[];
	modules: { groups: ModuleGroup[]; heaviest: ModuleSize[]; launchGzipKB: number };
	scenarioCheckMs: Timing;
	extras: Extra[];
	durationSeconds: number;
}

const timing = (samples: number[]): Timing => ({
	median: median(samples),
	min: Math.min(...samples),
	max: Math.max(...samples),
	samples
});

/**
 * Without steps, how long after the first choice the bench waits before reading the largest
 * contentful paint: the screen is complete by then; a course that paints something larger later
 * is caught by the launches that step, which wait a second.
 */
const SETTLE_MS = 300;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** What each module adds to the launch page, from a build with MODULE_SIZES set (the 1.2 app). */
async function moduleSizes(root: string): Promise<ModuleSize[]> {
	const dir = mkdtempSync(join(tmpdir(), 'bench-modules-'));
	try {
		const file = join(dir, 'modules.json');
		await viteBuild({
			root,
			env: {
				BUILD_DIR: join('.svelte-kit', 'bench', 'modules'),
				MODULE_SIZES: file,
				SCORM_EDITION: 'scorm12'
			},
			quiet: true
		});
		return JSON.parse(readFileSync(file, 'utf8')) as ModuleSize[];
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

interface Target {
	name: string;
	label: string;
	course?: string;
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
	const started = performance.now();
	const say = options.progress ?? (() => {});
	const scenariosDir = join(options.root, 'scenarios');
	const courseIds = options.courses?.length ? options.courses : listCourses(scenariosDir);
	const bundles = new Map(
		courseIds.map((id) => {
			const loaded = loadCourseBundle(scenariosDir, id);
			if (!loaded.ok) throw new Error(`course ${id} does not load: run npm run scenarios:check`);
			return [id, loaded.value] as const;
		})
	);

	say('building the reference pages and the module size report');
	const firstZip = join(options.dist, `${courseIds[0]}-scorm12.zip`);
	const referenceSizes = {} as Record<ReferenceName, { gzip: number; raw: number }>;
	for (const name of Object.keys(REFERENCES) as ReferenceName[]) {
		const page = await buildReference(options.root, name);
		writeReferencePackage(options.dist, name, page, firstZip);
		referenceSizes[name] = { gzip: gzipKB(page), raw: kb(page.length) };
	}
	const modules = await moduleSizes(options.root);

	const targets: Target[] = [
		...(Object.entries(REFERENCES) as [ReferenceName, string][]).map(([name, label]) => ({
			name: referencePackage(name),
			label
		})),
		...courseIds.flatMap((course) =>
			SCORM_VERSIONS.map((version) => ({
				name: `${course}-${version}`,
				label: `${course} ${MANIFEST_EDITIONS[version].label}`,
				course
			}))
		)
	];

	const packages = loadPackages(options.dist);
	for (const target of targets) {
		if (!packages.some((p) => p.name === target.name)) {
			throw new Error(`no package ${target.name}.zip in ${options.dist}`);
		}
	}
	const live = new LivePreview({
		scenariosDir,
		distDir: options.dist,
		served: courseIds,
		onPackaged: () => {},
		log: () => {}
	});
	const server = createServer(previewHandler({ packages: () => packages, live }));
	await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
	const site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const browser = await chromium.launch({
		executablePath: options.chromium.executablePath,
		args: options.chromium.args
	});
	const chromiumVersion = browser.version();

	const throttled = new Map<string, LaunchResult[]>(targets.map((t) => [t.name, []]));
	const unthrottled = new Map<string, LaunchResult[]>(targets.map((t) => [t.name, []]));
	let extras: Extra[];
	try {
		// One launch of each first, not counted: the browser, the server's gzip and the disk warm up.
		for (const target of targets) {
			await launch(browser, {
				site,
				name: target.name,
				throttle: 1,
				steps: 0,
				readMs: 0,
				settleMs: 0,
				commitDelay: 0
			});
		}
		for (let round = 1; round <= options.runs; round++) {
			for (const target of targets) {
				throttled.get(target.name)!.push(
					await launch(browser, {
						site,
						name: target.name,
						throttle: options.throttle,
						steps: target.course ? options.steps : 0,
						readMs: options.readMs,
						settleMs: SETTLE_MS,
						commitDelay: options.commitDelay
					})
				);
			}
			for (const target of targets) {
				unthrottled.get(target.name)!.push(
					await launch(browser, {
						site,
						name: target.name,
						throttle: 1,
						steps: 0,
						readMs: options.readMs,
						settleMs: SETTLE_MS,
						commitDelay: 0
					})
				);
			}
			const elapsed = (performance.now() - started) / 1000;
			say(`round ${round} of ${options.runs} done (${minutes(elapsed)})`);
		}
		extras = (await options.extra?.(browser, site)) ?? [];
	} finally {
		await browser.close();
		server.closeAllConnections();
		server.close();
	}

	const targetResult = (target: Target, launchGzipKB: number, launchRawKB: number) => {
		const slow = throttled.get(target.name)!;
		const fast = unthrottled.get(target.name)!;
		return {
			name: target.name,
			label: target.label,
			launchGzipKB,
			launchRawKB,
			throttled: {
				firstScreen: timing(slow.map((r) => r.firstScreen)),
				firstChoice: timing(slow.map((r) => r.firstChoice))
			},
			unthrottled: {
				firstScreen: timing(fast.map((r) => r.firstScreen)),
				firstChoice: timing(fast.map((r) => r.firstChoice))
			},
			firstScreenElement: slow[0]!.firstScreenElement,
			firstChoiceControl: slow[0]!.firstChoiceControl
		};
	};

	const references = Object.fromEntries(
		(Object.keys(REFERENCES) as ReferenceName[]).map((name, i) => [
			name,
			targetResult(targets[i]!, referenceSizes[name].gzip, referenceSizes[name].raw)
		])
	) as Record<ReferenceName, TargetResult>;
	const bare = references.reference;
	const stack = references['reference-i18next'];

	const packageResults = targets
		.filter((t) => t.course)
		.map((target): PackageResult => {
			const bundle = bundles.get(target.course!)!;
			const sizes = packageSizes(join(options.dist, `${target.name}.zip`), bundle.course);
			const base = targetResult(target, kb(sizes.launchGzip), kb(sizes.launchRaw));
			const runs = throttled.get(target.name)!;
			const steps = runs.flatMap((r) => r.steps);
			const stepMs = steps.map((s) => s.ms);
			const fetched = timing(runs.map((r) => kb(r.fetchedBeforeClick)));
			const suspendData = worstCaseSaveLength(bundle);
			const ms = (x: number) => Math.round(x);
			return {
				...base,
				course: target.course!,
				version: target.name.endsWith('scorm12') ? 'scorm12' : 'scorm2004',
				zipKB: kb(sizes.zip),
				startScenarios: sizes.startScenarios,
				startWordsKB: kb(sizes.startWordsGzip),
				largestWordsKB: kb(sizes.largestWordsGzip),
				worstSuspendDataChars: suspendData,
				fetchedBeforeClickKB: fetched,
				fetchedBeforeClick: runs[0]!.fetched,
				steps: {
					p95: percentile(stepMs, 95),
					median: median(stepMs),
					max: Math.max(...stepMs),
					count: steps.length,
					withCommitBetween: steps.filter((s) => s.commitsBetween > 0).length,
					samples: steps
				},
				budgets: {
					launch: judge(
						base.launchGzipKB,
						stack.launchGzipKB + BUDGETS.launchOverReferenceKB,
						`reference + i18next ${round1(stack.launchGzipKB)} KB + ${BUDGETS.launchOverReferenceKB} KB`
					),
					firstScreen: judge(
						base.throttled.firstScreen.median,
						bare.throttled.firstScreen.median + BUDGETS.firstScreenOverReferenceMs,
						`reference ${ms(bare.throttled.firstScreen.median)} ms + ${BUDGETS.firstScreenOverReferenceMs} ms`
					),
					firstChoice: judge(
						base.throttled.firstChoice.median,
						bare.throttled.firstChoice.median + BUDGETS.firstChoiceOverReferenceMs,
						`reference ${ms(bare.throttled.firstChoice.median)} ms + ${BUDGETS.firstChoiceOverReferenceMs} ms`
					),
					step: judge(percentile(stepMs, 95), BUDGETS.stepP95Ms, `${BUDGETS.stepP95Ms} ms`),
					fetchedBeforeClick: judge(
						fetched.median,
						base.launchGzipKB + kb(sizes.startWordsGzip),
						`launch ${round1(base.launchGzipKB)} KB + start words ${round1(kb(sizes.startWordsGzip))} KB`
					),
					zip: judge(kb(sizes.zip), BUDGETS.zipKB, `${BUDGETS.zipKB} KB`),
					suspendData: judge(
						suspendData,
						BUDGETS.suspendDataChars,
						`${BUDGETS.suspendDataChars} chars`
					)
				}
			};
		});

	const checkTimes: number[] = [];
	for (let i = 0; i < options.runs; i++) {
		const start = performance.now();
		checkAll(scenariosDir);
		checkTimes.push(performance.now() - start);
	}

	return {
		date: new Date().toISOString(),
		machine: {
			cpus: cpus().length,
			cpu: cpus()[0]?.model ?? '',
			node: process.version,
			chromium: chromiumVersion
		},
		runs: options.runs,
		steps: options.steps,
		cpuSlowdown: options.throttle,
		readMs: options.readMs,
		commitDelayMs: options.commitDelay,
		budgets: BUDGETS,
		references,
		packages: packageResults,
		modules: {
			...moduleReport(modules),
			launchGzipKB: packageResults[0]?.launchGzipKB ?? NaN
		},
		scenarioCheckMs: timing(checkTimes),
		extras,
		durationSeconds: (performance.now() - started) / 1000
	};
}

const gzipKB = (data: Uint8Array) => kb(gzipSize(data));

export const minutes = (seconds: number) => {
	// rounded once, so 239.6 s reads 4 min 00 s, not 3 min 60 s
	const whole = Math.round(seconds);
	return whole < 60
		? `${whole} s`
		: `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
};
