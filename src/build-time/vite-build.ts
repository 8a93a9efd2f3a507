/**
 * The one way the tools build the app: Vite's API, in process. svelte.config.js reads the build
 * folder from BUILD_DIR (and the benchmark's reference routes from BENCH_REFERENCE) as it loads,
 * and SvelteKit looks for it, as the adapter writes, relative to the working folder; so both are
 * set for the build and put back after. Builds must not overlap (callers run one at a time).
 */
import { build } from 'vite';

export interface ViteBuild {
	/** The project folder: its vite.config.ts and svelte.config.js are used. */
	root: string;
	/** BUILD_DIR, relative to `root`, and any other variable svelte.config.js reads. */
	env: { BUILD_DIR: string } & Record<string, string>;
	/** Errors only: SvelteKit and its adapter print with console.log, whatever Vite's log level. */
	quiet?: boolean;
}

export async function viteBuild({ root, env, quiet = false }: ViteBuild): Promise<void> {
	const saved = Object.entries(env).map(([name]) => [name, process.env[name]] as const);
	const cwd = process.cwd();
	const log = console.log;
	Object.assign(process.env, env);
	process.chdir(root);
	if (quiet) console.log = () => {};
	try {
		// no `root` here: SvelteKit sets it (to the working folder) and warns if we do
		await build({ logLevel: quiet ? 'error' : 'info' });
	} finally {
		console.log = log;
		process.chdir(cwd);
		for (const [name, value] of saved) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	}
}
