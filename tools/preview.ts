/**
 * `npm start`: the preview LMS on 127.0.0.1. It serves the packages in dist/ exactly as zipped,
 * each under a deep, Moodle-like path, beside a host page that plays the LMS with scorm-again.
 * While it runs it watches the scenarios folder: a saved change repackages the course and the
 * page relaunches it where the learner was, or shows the located problems in its place. Author
 * mode in the page draws the map of the scenario and jumps to any node.
 *
 *   tsx tools/preview.ts [--port 5173] [--no-package] [--watch | --no-watch]
 *                        [--scenarios DIR] [--dist DIR]
 *
 * --no-package serves dist/ as it is and, unless --watch is given, does not watch either.
 */
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { listCourses, loadCourseBundle } from '../src/build-time/scenario/files.ts';
import { formatProblem, hasErrors } from '../src/lib/scenario/problem.ts';
import {
	buildApp,
	LivePreview,
	repackage,
	ROOT as root,
	shownPath
} from '../src/build-time/preview/live.ts';
import { loadPackages, previewHandler } from '../src/build-time/preview/server.ts';
import { exitWithUsage, readArgs } from './cli.ts';

const USAGE =
	'usage: tsx tools/preview.ts [--port 5173] [--no-package] [--watch | --no-watch] [--scenarios DIR] [--dist DIR]';
const { values: options } = readArgs(process.argv.slice(2), {
	options: {
		port: { type: 'string' },
		'no-package': { type: 'boolean' },
		watch: { type: 'boolean' },
		'no-watch': { type: 'boolean' },
		scenarios: { type: 'string' },
		dist: { type: 'string' }
	},
	needs: { port: 'a number', scenarios: 'a folder', dist: 'a folder' },
	fail: exitWithUsage(USAGE)
});
// 0 asks the system for a free port; the line printed once listening names it.
const port = Number(options.port ?? process.env.PORT ?? 5173);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
	exitWithUsage(USAGE)('--port needs a number from 0 to 65535');
}
const dist = resolve(options.dist ?? join(root, 'dist'));
const scenariosDir = resolve(options.scenarios ?? join(root, 'scenarios'));
const packageFirst = !options['no-package'];
const watching = options.watch || (packageFirst && !options['no-watch']);

// Stop cleanly on Ctrl+C or a kill, so packaging in progress and temporary folders go too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));

/** Courses left out at startup because of errors: packaged once their files are put right. */
let pending: string[] = [];
if (packageFirst) {
	// Courses with errors are reported and left out, so the others can still be previewed.
	const all = listCourses(scenariosDir);
	const sound = all.filter((id) => {
		const result = loadCourseBundle(scenariosDir, id);
		if (hasErrors(result.problems)) {
			console.error(`\n${id}: not packaged, fix these problems first:`);
			for (const problem of result.problems) console.error(`  ${formatProblem(problem)}`);
		}
		return result.ok;
	});
	pending = all.filter((id) => !sound.includes(id));
	console.log(
		`▸ building the app and packaging ${sound.length} course${sound.length === 1 ? '' : 's'}`
	);
	let outcome = await buildApp({ fresh: true, verbose: true });
	if (outcome.ok && sound.length)
		outcome = await repackage(sound, { scenariosDir, distDir: dist, verbose: true });
	if (!outcome.ok) {
		console.error(outcome.message);
		process.exit(1);
	}
}

let packages = loadPackages(dist);
if (packages.length === 0) {
	console.error(`No packages in ${shownPath(dist)}. Run \`npm run package\` first.`);
	process.exit(1);
}

const live = new LivePreview({
	scenariosDir,
	distDir: dist,
	// A zip with no course file here (the bench's reference pages) is served as it is, unwatched.
	served: [...new Set(packages.map((p) => p.course))].filter((id) =>
		listCourses(scenariosDir).includes(id)
	),
	pending,
	onPackaged: () => {
		packages = loadPackages(dist);
	}
});
if (watching) live.watch();

const server = createServer(previewHandler({ packages: () => packages, live }));

server.listen(port, '127.0.0.1', () => {
	const address = server.address();
	const actual = typeof address === 'object' && address ? address.port : port;
	console.log(
		`Preview LMS: http://127.0.0.1:${actual}/  (${packages.length} packages; Ctrl+C stops)`
	);
});
