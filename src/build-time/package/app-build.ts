/**
 * The app every package is made from, built once per SCORM edition (a 1.2 package carries no 2004
 * code and the other way round), with the renderer of the first screen beside it:
 *
 *   <dir>/scorm12/       the app that talks to a SCORM 1.2 runtime (index.html and what it loads)
 *   <dir>/scorm2004/     the same for SCORM 2004
 *   <dir>/first-screen/  renders each course's welcome screen into its launch page (never ships)
 *
 * A folder holding an index.html itself (`npm run package -- --build-dir`) serves both editions
 * and has no renderer. Node only.
 */
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
	buildFirstScreen,
	loadFirstScreen,
	type RenderFirstScreen
} from '../first-screen/build.ts';
import { viteBuild } from '../vite-build.ts';
import { SCORM_VERSIONS, type ScormVersion } from '../../lib/lms/data-model.ts';
import { readDirFiles } from './pack.ts';

export interface AppBuild {
	/** Each edition's app: path → bytes. */
	files: Record<ScormVersion, Map<string, Uint8Array>>;
	/** Draws a course's first screen; absent for a prebuilt folder without one. */
	renderFirstScreen?: RenderFirstScreen;
}

const FIRST_SCREEN = 'first-screen';

/**
 * Builds both editions of the app and the first-screen renderer into `dir` (relative to `root`),
 * replacing what was there: a stale file of an earlier build would otherwise ship.
 */
export async function buildApp(root: string, dir: string, quiet = true): Promise<void> {
	rmSync(resolve(root, dir), { recursive: true, force: true });
	for (const edition of SCORM_VERSIONS) {
		// BUILD_DIR relative: svelte.config.js reads it with the project root as working folder
		await viteBuild({
			root,
			env: { BUILD_DIR: join(dir, edition), SCORM_EDITION: edition },
			quiet
		});
	}
	await buildFirstScreen(root, resolve(root, dir, FIRST_SCREEN));
}

/** True when `dir` holds an app build that {@link readAppBuild} can read. */
export const hasAppBuild = (dir: string) =>
	existsSync(join(dir, 'index.html')) ||
	SCORM_VERSIONS.every((edition) => existsSync(join(dir, edition, 'index.html')));

/** Reads an app build written by {@link buildApp}, or a prebuilt folder serving both editions. */
export async function readAppBuild(dir: string): Promise<AppBuild> {
	if (existsSync(join(dir, 'index.html'))) {
		const files = readDirFiles(dir);
		return { files: { scorm12: files, scorm2004: files } };
	}
	const files = Object.fromEntries(
		SCORM_VERSIONS.map((edition) => [edition, readDirFiles(join(dir, edition))])
	) as AppBuild['files'];
	const renderer = join(dir, FIRST_SCREEN);
	return existsSync(renderer)
		? { files, renderFirstScreen: await loadFirstScreen(renderer) }
		: { files };
}
