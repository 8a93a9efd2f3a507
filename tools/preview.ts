/**
 * `npm start`: the preview LMS on 127.0.0.1. It serves the packages in dist/ exactly as zipped,
 * each under a deep, Moodle-like path, beside a host page that plays the LMS with scorm-again.
 *
 *   tsx tools/preview.ts [--port 5173] [--no-package] [--dist DIR]
 */
import { createServer } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1] || 0) || Number(process.env.PORT) || 5173;
const root = resolve(import.meta.dirname, '..');
const distArg = args.indexOf('--dist');
const dist = distArg >= 0 ? resolve(args[distArg + 1]!) : join(root, 'dist');

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
				version,
				label: version === 'scorm12' ? 'SCORM 1.2' : 'SCORM 2004 4th edition',
				title,
				passMark: mastery,
				launch: `${CONTENT_PATH}${name}/index.html`,
				files
			};
		});
}

if (!args.includes('--no-package')) {
	execFileSync(
		process.execPath,
		[join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'tools/package.ts')],
		{
			cwd: root,
			stdio: 'inherit'
		}
	);
}

const packages = loadPackages();
if (packages.length === 0) {
	console.error('No packages in dist/. Run `npm run package` first.');
	process.exit(1);
}

const harness: Record<string, [string, string]> = {
	'/': [join(root, 'tools/preview/index.html'), types['.html']!],
	'/preview/harness.js': [join(root, 'tools/preview/harness.js'), types['.js']!],
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
	if (path === '/preview/packages.json') {
		const list = packages.map(({ files: _files, ...rest }) => rest);
		return send(200, JSON.stringify(list), types['.json']);
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
