/**
 * Builds the app and writes one SCORM 1.2 and one SCORM 2004 zip for every course (or the ids given):
 *   tsx tools/package.ts [--quiet] [--build-dir DIR] [--out DIR] [--root DIR] [course ids...]
 * The app is built once (through Vite's API, into .svelte-kit/package/app) and serves every
 * course: each package adds its course's launch data and text files to that build, which takes a
 * moment. `--build-dir` skips the build and packages DIR instead; `--root` packages another
 * project folder (default: this repo).
 */
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
	listCourseIds,
	loadPackageCourse,
	writeCoursePackages
} from '../src/build-time/package/course.ts';
import { APP_BUILD_DIR, assertXmllint, REPO_ROOT } from '../src/build-time/package/pack.ts';
import { buildApp, hasAppBuild, readAppBuild } from '../src/build-time/package/app-build.ts';
import { readArgs } from './cli.ts';

class CliError extends Error {}

const USAGE =
	'usage: tsx tools/package.ts [--quiet] [--build-dir DIR] [--out DIR] [--root DIR] [course ids...]';

interface Options {
	quiet: boolean;
	buildDir: string | undefined;
	out: string | undefined;
	root: string;
	ids: string[];
}

function parseOptions(argv: string[]): Options {
	const { values, positionals } = readArgs(argv, {
		options: {
			quiet: { type: 'boolean', short: 'q' },
			'build-dir': { type: 'string' },
			out: { type: 'string' },
			root: { type: 'string' },
			help: { type: 'boolean', short: 'h' }
		},
		fail: (message) => new CliError(`${message}\n${USAGE}`)
	});
	if (values.help) {
		console.log(USAGE);
		process.exit(0);
	}
	const path = (value: string | undefined) => (value === undefined ? undefined : resolve(value));
	return {
		quiet: values.quiet ?? false,
		buildDir: path(values['build-dir']),
		out: path(values.out),
		root: path(values.root) ?? REPO_ROOT,
		ids: positionals
	};
}

async function build(root: string, quiet: boolean): Promise<string> {
	try {
		await buildApp(root, APP_BUILD_DIR, quiet);
	} catch (error) {
		throw new CliError(`vite build failed: ${(error as Error).message}`);
	}
	return join(root, APP_BUILD_DIR);
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const log = (line: string) => options.quiet || console.log(line);
	const ids = options.ids.length ? options.ids : listCourseIds(options.root);
	if (!ids.length) throw new CliError('no courses to package: add scenarios/courses/<id>.yaml');
	assertXmllint();
	// load every course first so a typo in the last one fails before minutes of building
	const courses = ids.map((id) => loadPackageCourse(options.root, id));
	const outDir = options.out ?? join(options.root, 'dist');
	const written: [string, number][] = [];

	log(options.buildDir ? `▸ packaging the build in ${options.buildDir}` : '▸ building the app');
	const buildDir = options.buildDir ?? (await build(options.root, options.quiet));
	if (!hasAppBuild(buildDir)) {
		throw new CliError(
			options.buildDir
				? `--build-dir ${buildDir} has no index.html`
				: `the build wrote no index.html in ${relative(options.root, buildDir)}; ` +
						'does svelte.config.js use process.env.BUILD_DIR for adapter-static pages?'
		);
	}
	const app = await readAppBuild(buildDir);

	for (const info of courses) {
		log(`▸ ${info.course.id}`);
		written.push(...writeCoursePackages(info, app, outDir));
	}

	const rows = written.map(([path, size]) => {
		const shown = relative(process.cwd(), path);
		return [
			shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : path,
			`${(size / 1024).toFixed(1)} KB`
		];
	});
	const width = Math.max(4, ...rows.map(([f]) => (f as string).length));
	log(`\n${'file'.padEnd(width)}  size`);
	for (const [file, size] of rows) log(`${(file as string).padEnd(width)}  ${size}`);
}

try {
	await main();
} catch (e) {
	// failures are reported as one message; a stack would bury it
	console.error(`package: ${(e as Error).message}`);
	process.exit(1);
}
