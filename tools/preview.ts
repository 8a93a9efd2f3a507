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
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { listCourses, loadCourseBundle } from '../src/lib/scenario/files.ts';
import { formatProblem, hasErrors } from '../src/lib/scenario/problem.ts';
import { authorMap, jumpTo } from './preview/author.ts';
import { buildApp, LivePreview, repackage, ROOT as root, shownPath } from './preview/live.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
	const at = args.indexOf(name);
	return at >= 0 ? args[at + 1] : undefined;
};
const port = Number(option('--port')) || Number(process.env.PORT) || 5173;
const dist = resolve(option('--dist') ?? join(root, 'dist'));
const scenariosDir = resolve(option('--scenarios') ?? join(root, 'scenarios'));
const packageFirst = !args.includes('--no-package');
const watching = args.includes('--watch') || (packageFirst && !args.includes('--no-watch'));

/** Where an LMS like Moodle serves unzipped package files from. */
export const CONTENT_PATH = '/pluginfile.php/42/mod_scorm/content/';

const types: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.xml': 'application/xml; charset=utf-8',
	'.xsd': 'application/xml; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon'
};

interface Package {
	name: string;
	/** The course id: the package name without its SCORM version. */
	course: string;
	version: 'scorm12' | 'scorm2004';
	label: string;
	title: string;
	passMark: number;
	launch: string;
	files: Record<string, Uint8Array>;
}

function loadPackages(): Package[] {
	if (!existsSync(dist)) return [];
	return readdirSync(dist)
		.filter((f) => /-scorm(12|2004)\.zip$/.test(f))
		.sort()
		.map((file) => {
			const name = file.replace(/\.zip$/, '');
			const files = unzipSync(readFileSync(join(dist, file)));
			const manifest = new TextDecoder().decode(files['imsmanifest.xml']);
			const version = name.endsWith('scorm12') ? 'scorm12' : 'scorm2004';
			const mastery =
				version === 'scorm12'
					? Number(/<adlcp:masteryscore>([\d.]+)</.exec(manifest)?.[1] ?? 0)
					: Math.round(
							Number(/<imsss:minNormalizedMeasure>([\d.]+)</.exec(manifest)?.[1] ?? 0) * 100
						);
			const title = /<organization[^>]*>\s*<title>([^<]*)</.exec(manifest)?.[1] ?? name;
			return {
				name,
				course: name.replace(/-scorm(12|2004)$/, ''),
				version,
				label: version === 'scorm12' ? 'SCORM 1.2' : 'SCORM 2004 4th edition',
				title,
				passMark: mastery,
				launch: `${CONTENT_PATH}${name}/index.html`,
				files
			};
		});
}

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
	let outcome = await buildApp({ fresh: true, verbose: true });
	if (outcome.ok && sound.length)
		outcome = await repackage(sound, { scenariosDir, distDir: dist, verbose: true });
	if (!outcome.ok) {
		console.error(outcome.message);
		process.exit(1);
	}
}

let packages = loadPackages();
if (packages.length === 0) {
	console.error(`No packages in ${shownPath(dist)}. Run \`npm run package\` first.`);
	process.exit(1);
}

const live = new LivePreview({
	scenariosDir,
	distDir: dist,
	served: [...new Set(packages.map((p) => p.course))],
	pending,
	onPackaged: () => {
		packages = loadPackages();
	}
});
if (watching) live.watch();

const harness: Record<string, [string, string]> = {
	'/': [join(root, 'tools/preview/index.html'), types['.html']!],
	'/preview/harness.js': [join(root, 'tools/preview/harness.js'), types['.js']!],
	'/preview/author.js': [join(root, 'tools/preview/author.js'), types['.js']!],
	'/preview/harness.css': [join(root, 'tools/preview/harness.css'), types['.css']!],
	'/preview/scorm-again.js': [
		join(root, 'node_modules/scorm-again/dist/esm/scorm-again.min.js'),
		types['.js']!
	]
};

const server = createServer((req, res) => {
	const url = new URL(req.url ?? '/', 'http://localhost');
	const path = decodeURIComponent(url.pathname);
	const send = (status: number, body: string | Uint8Array, type = 'text/plain; charset=utf-8') => {
		res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
		res.end(body);
	};
	const json = (status: number, value: unknown) =>
		send(status, JSON.stringify(value), types['.json']);
	const query = (name: string) => url.searchParams.get(name) ?? '';
	if (path === '/preview/packages.json') {
		return json(
			200,
			packages.map(({ files: _files, ...rest }) => rest)
		);
	}
	if (path === '/preview/events') return live.subscribe(res, query('course') || null);
	if (path === '/preview/map' || path === '/preview/jump') {
		const bundle = live.packaged.get(query('course'));
		if (!bundle) {
			return json(404, { error: `course ${query('course')} is not packaged: see its problems` });
		}
		if (path === '/preview/map') {
			const map = authorMap(bundle, query('scenario') || bundle.course.scenarios[0]!);
			return map ? json(200, map) : json(404, { error: `no scenario ${query('scenario')}` });
		}
		const jump = jumpTo(bundle, query('scenario'), query('node'));
		return jump
			? json(200, jump)
			: json(404, { error: `no path reaches node ${query('node')} of ${query('scenario')}` });
	}
	const page = harness[path];
	if (page) return send(200, readFileSync(page[0]), page[1]);
	if (path.startsWith(CONTENT_PATH)) {
		const [name, ...rest] = path.slice(CONTENT_PATH.length).split('/');
		const file = packages.find((p) => p.name === name)?.files[rest.join('/')];
		if (file) return send(200, file, types[extname(path)] ?? 'application/octet-stream');
	}
	send(404, 'Not found');
});

server.listen(port, '127.0.0.1', () => {
	const address = server.address();
	const actual = typeof address === 'object' && address ? address.port : port;
	console.log(
		`Preview LMS: http://127.0.0.1:${actual}/  (${packages.length} packages; Ctrl+C stops)`
	);
});
