/**
 * What the bench weighs without a browser: each package's launch page and zip, the words of the
 * scenarios a learner can start in, and what each module adds to the launch page.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { scenarioTextPath } from '../../lib/scenario/launch.ts';
import { SOURCE_LOCALE } from '../../lib/scenario/passages.ts';
import { plansOf } from '../../lib/scenario/plan.ts';
import type { Course } from '../../lib/scenario/types.ts';

/** Gzip as the budget tests and the preview server measure it. */
export const gzipSize = (data: Uint8Array | string) => gzipSync(data, { level: 9 }).length;

export interface PackageSizes {
	/** The launch page (the app, its CSS and the course outline, inlined), gzip and as is. */
	launchGzip: number;
	launchRaw: number;
	zip: number;
	/** The scenarios a learner can start in (one per role where the course has roles). */
	startScenarios: string[];
	/** The largest of their words files, gzip: the most a learner needs before the first click. */
	startWordsGzip: number;
	/** The largest words file of any scenario, gzip. */
	largestWordsGzip: number;
}

export function packageSizes(zipFile: string, course: Course): PackageSizes {
	const zipped = readFileSync(zipFile);
	const files = unzipSync(zipped);
	const launch = files['index.html'];
	if (!launch) throw new Error(`${zipFile} has no index.html`);
	const words = (id: string) => {
		const file = files[scenarioTextPath(id, SOURCE_LOCALE)];
		if (!file) throw new Error(`${zipFile} has no words for scenario ${id}`);
		return gzipSize(file);
	};
	const startScenarios = [...new Set(plansOf(course).map((plan) => plan.scenarios[0]!))];
	return {
		launchGzip: gzipSize(launch),
		launchRaw: launch.length,
		zip: zipped.length,
		startScenarios,
		startWordsGzip: Math.max(...startScenarios.map(words)),
		largestWordsGzip: Math.max(...course.scenarios.map(words))
	};
}

/** One module of the client build, as vite.config.ts writes them with MODULE_SIZES set. */
export interface ModuleSize {
	id: string;
	/** Bytes in the bundle as rendered (before minifying). */
	bytes: number;
	/** That code alone, gzip: modules compress better together, so these add up to more. */
	gzip: number;
}

export interface ModuleGroup {
	group: string;
	modules: number;
	bytes: number;
	gzip: number;
}

/**
 * Which package or folder a module belongs to: the npm package for anything under node_modules
 * (`@sveltejs/kit`, `svelte`, `xstate`), `src/lib/<layer>` or `src/routes` for the app's own code,
 * and Kit's generated entry or a bundler helper otherwise.
 */
export function groupOf(id: string): string {
	const path = id.replace(/\\/g, '/').replace(/\?.*$/, '');
	const inModules = path.lastIndexOf('node_modules/');
	if (inModules >= 0) {
		const [scope, name] = path.slice(inModules + 'node_modules/'.length).split('/');
		return scope!.startsWith('@') ? `${scope}/${name}` : scope!;
	}
	const lib = /(?:^|\/)src\/lib\/([^/]+)\//.exec(path);
	if (lib) return `src/lib/${lib[1]}`;
	if (/(?:^|\/)src\/routes\//.test(path)) return 'src/routes';
	if (path.includes('.svelte-kit/')) return 'SvelteKit (generated)';
	if (path.startsWith('\0') || path.startsWith('vite/')) return 'bundler helpers';
	return path;
}

/** A module's id as the report shows it: from the package name for anything in node_modules. */
export const shownModule = (id: string) => id.replace(/^.*\/?node_modules\//, '');

export function moduleReport(sizes: readonly ModuleSize[]): {
	groups: ModuleGroup[];
	heaviest: ModuleSize[];
} {
	const groups = new Map<string, ModuleGroup>();
	for (const size of sizes) {
		const name = groupOf(size.id);
		const group = groups.get(name) ?? { group: name, modules: 0, bytes: 0, gzip: 0 };
		group.modules += 1;
		group.bytes += size.bytes;
		group.gzip += size.gzip;
		groups.set(name, group);
	}
	const byWeight = <T extends { bytes: number }>(xs: T[]) => xs.sort((a, b) => b.bytes - a.bytes);
	return {
		groups: byWeight([...groups.values()]),
		heaviest: byWeight(sizes.filter((s) => s.bytes > 0).map((s) => ({ ...s })))
	};
}
