/**
 * Compiles render.ts and the Svelte components it draws for Node, once per app build: the
 * packager then renders each course's first screen in a moment, in process. Not `viteBuild`: that
 * builds the app through SvelteKit's plugin, while this is a plain server build of one module.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';
import type { LaunchCourse } from '../../lib/scenario/launch.ts';
import type { FirstScreen } from './render.ts';

/** The compiled renderer's file name inside the folder it is built into. */
const RENDERER = 'first-screen.js';

/**
 * Builds the renderer into `outDir` (a folder of its own: it is emptied). Svelte's scoped class
 * names depend on each component's path and CSS, which are the same here as in the app build, so
 * the styles in the launch page apply to this markup as they do to the app's.
 */
export async function buildFirstScreen(root: string, outDir: string): Promise<void> {
	await build({
		root,
		configFile: false,
		logLevel: 'error',
		// svelte.config.js (its preprocessing) is read as for the app; no CSS is written, the
		// launch page already carries it
		plugins: [svelte({ compilerOptions: { css: 'external' } })],
		resolve: { alias: { $lib: join(root, 'src/lib') } },
		// what vite.config.ts defines for the app: the fetched languages' versions matter only to
		// the app, which fetches them, and the screen it draws talks to no LMS
		define: { __LOCALE_VERSIONS__: '{}', __SCORM_EDITION__: JSON.stringify('any') },
		build: {
			ssr: join(root, 'src/build-time/first-screen/render.ts'),
			outDir,
			emptyOutDir: true,
			minify: false,
			rolldownOptions: { output: { entryFileNames: RENDERER } }
		}
	});
}

export type RenderFirstScreen = (launch: LaunchCourse) => FirstScreen;

/** Loads a renderer built by {@link buildFirstScreen}. */
export async function loadFirstScreen(outDir: string): Promise<RenderFirstScreen> {
	// a query per load, so the live preview picks up a rebuilt renderer
	const url = `${pathToFileURL(join(outDir, RENDERER)).href}?t=${Date.now()}`;
	const module = (await import(url)) as { renderFirstScreen: RenderFirstScreen };
	return module.renderFirstScreen;
}
