/**
 * The one way the tools build the app: Vite's API, in process. svelte.config.js reads the build
 * folder from BUILD_DIR (and the benchmark's reference routes from BENCH_REFERENCE) as it loads,
 * and SvelteKit looks for it, as the adapter writes, relative to the working folder; so both are
 * set for the build and put back after. Builds must not overlap (callers run one at a time).
 *
 * What the build prints is what a user of `npm start` and `npm run package` needs: warnings and
 * errors, not Vite's list of output files nor SvelteKit's progress lines (the tools print the
 * packages they write). The few messages in NOISE are dropped, each for the reason given there.
 */
import { build } from 'vite';

export interface ViteBuild {
	/** The project folder: its vite.config.ts and svelte.config.js are used. */
	root: string;
	/** BUILD_DIR, relative to `root`, and any other variable svelte.config.js reads. */
	env: { BUILD_DIR: string } & Record<string, string>;
	/** Errors only: no warnings either. */
	quiet?: boolean;
}

/**
 * Messages from the build that say nothing a user can act on, with why each is dropped. SvelteKit
 * and its adapter print with console.log whatever Vite's log level (and its own warnings the same
 * way, so console.log is filtered, not silenced); Vite prints warnings with console.warn. Each
 * pattern is matched against the whole message with its colours removed.
 */
const NOISE: readonly { pattern: RegExp; reason: string }[] = [
	{
		pattern: /^Run npm run preview to preview your production build locally\.$/,
		reason: 'SvelteKit names a script this project does not have: `npm start` is the preview.'
	},
	{
		pattern: /^> Using @sveltejs\/adapter-static$|^Wrote site to ".*"$|^✔ done$/,
		reason: "the adapter's progress: the tools say what they build and list what they write."
	},
	{
		// Kit's inline bundle is an IIFE, where `import.meta` does not exist, so Rolldown replaces it
		// with `{}` and warns. The two uses are dead code in the bundle: Kit's generated app.js has
		// `import.meta.hot;`, the dev server's hook, inert in a build; Vite's preload helper reads
		// import.meta only to preload a dynamic import's separate files, and in an IIFE (Vite sets
		// __VITE_IS_MODERN__ false there) that branch is removed: the bundle inlines every import.
		// The cause is in SvelteKit and Vite; the built page holds no `import.meta`.
		pattern:
			/^\[EMPTY_IMPORT_META\][^]*(?:generated\/client-optimized\/app\.js|vite\/preload-helper\.js)/,
		reason:
			'import.meta in dead code of the inline bundle (Kit dev hook, Vite preload helper): see above.'
	},
	{
		pattern: /^\[PLUGIN_TIMINGS\]/,
		reason:
			"Rolldown's note to plugin authors that SvelteKit's writeBundle takes most of the build: " +
			'it runs the client build and the adapter inside it, as designed.'
	}
];

// eslint-disable-next-line no-control-regex
const COLOURS = /\u001b\[[0-9;]*m/g;

/** Whether a console message is one of the NOISE. */
export function isNoise(args: readonly unknown[]): boolean {
	const text = args.map(String).join(' ').replace(COLOURS, '').trim().replace(/^ +/gm, '');
	return NOISE.some(({ pattern }) => pattern.test(text));
}

export async function viteBuild({ root, env, quiet = false }: ViteBuild): Promise<void> {
	const saved = Object.entries(env).map(([name]) => [name, process.env[name]] as const);
	const cwd = process.cwd();
	const { log, warn } = console;
	Object.assign(process.env, env);
	process.chdir(root);
	console.log = (...args: unknown[]) => {
		if (!quiet && !isNoise(args)) log(...args);
	};
	console.warn = (...args: unknown[]) => {
		if (!isNoise(args)) warn(...args);
	};
	try {
		// no `root` here: SvelteKit sets it (to the working folder) and warns if we do. The level
		// reaches the client build SvelteKit starts inside this one.
		await build({ logLevel: quiet ? 'error' : 'warn' });
	} finally {
		console.log = log;
		console.warn = warn;
		process.chdir(cwd);
		for (const [name, value] of saved) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	}
}
