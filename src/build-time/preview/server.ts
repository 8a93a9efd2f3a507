/**
 * The preview LMS's HTTP side: the host page and its scripts (the browser side, in tools/preview/),
 * the packages in dist/ exactly as zipped under a deep, Moodle-like path, and the author tools'
 * JSON. A request it cannot read
 * (a malformed URL such as `/%E0%A4%A`) gets 400 and a fault in one request 500: the server that
 * an author leaves running while editing never goes down for one bad address.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { authorMap, jumpTo } from './author.ts';
import { ROOT, type LivePreview } from './live.ts';
import { readManifest } from '../package/manifest-read.ts';
import { MANIFEST_EDITIONS } from '../package/manifest.ts';
import { SCORM_VERSIONS, type ScormVersion } from '../../lib/lms/data-model.ts';

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

export interface Package {
	name: string;
	/** The course id: the package name without its SCORM version. */
	course: string;
	version: ScormVersion;
	label: string;
	title: string;
	passMark: number;
	launch: string;
	files: Record<string, Uint8Array>;
}

/** The packages in `dist`, unzipped, with what the host page lists about each. */
export function loadPackages(dist: string): Package[] {
	if (!existsSync(dist)) return [];
	return readdirSync(dist)
		.sort()
		.flatMap((file) => {
			const version = SCORM_VERSIONS.find((v) => file.endsWith(`-${v}.zip`));
			return version ? [{ file, name: file.slice(0, -'.zip'.length), version }] : [];
		})
		.map(({ file, name, version }) => {
			const files = unzipSync(readFileSync(join(dist, file)));
			const manifest = new TextDecoder().decode(files['imsmanifest.xml']);
			const { title = name, passMark: mastery } = readManifest(version, manifest);
			return {
				name,
				course: name.slice(0, -`-${version}`.length),
				version,
				label: MANIFEST_EDITIONS[version].label,
				title,
				passMark: mastery,
				launch: `${CONTENT_PATH}${name}/index.html`,
				files
			};
		});
}

const harness: Record<string, [string, string]> = {
	'/': [join(ROOT, 'tools/preview/index.html'), types['.html']!],
	'/preview/harness.js': [join(ROOT, 'tools/preview/harness.js'), types['.js']!],
	'/preview/author.js': [join(ROOT, 'tools/preview/author.js'), types['.js']!],
	'/preview/harness.css': [join(ROOT, 'tools/preview/harness.css'), types['.css']!],
	'/preview/scorm-again.js': [
		join(ROOT, 'node_modules/scorm-again/dist/esm/scorm-again.min.js'),
		types['.js']!
	]
};

/**
 * Text goes gzipped to a browser that accepts it, as LMS web servers send it: what a learner's
 * browser fetches, and `npm run bench` counts, is the compressed size. At level 9, the level the
 * bench and the budget tests measure payloads at. A package's files are compressed once.
 */
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|xml)|image\/svg\+xml)/;
const compressed = new WeakMap<Uint8Array, Uint8Array>();
function gzipped(body: string | Uint8Array): Uint8Array {
	if (typeof body === 'string') return gzipSync(body, { level: 9 });
	let gz = compressed.get(body);
	if (!gz) compressed.set(body, (gz = gzipSync(body, { level: 9 })));
	return gz;
}

export interface PreviewSite {
	/** The packages as they are now: live repackaging replaces them. */
	packages: () => readonly Package[];
	live: Pick<LivePreview, 'packaged' | 'subscribe'>;
}

/** The path and query of a request, or undefined if its URL cannot be decoded. */
function requested(req: IncomingMessage): { path: string; url: URL } | undefined {
	try {
		const url = new URL(req.url ?? '/', 'http://localhost');
		return { path: decodeURIComponent(url.pathname), url };
	} catch {
		return undefined;
	}
}

export function previewHandler({ packages, live }: PreviewSite): RequestListener {
	const answer = (req: IncomingMessage, res: ServerResponse) => {
		const send = (
			status: number,
			body: string | Uint8Array,
			type = 'text/plain; charset=utf-8'
		) => {
			const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-store' };
			if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding']))) {
				Object.assign(headers, { 'content-encoding': 'gzip', vary: 'accept-encoding' });
				body = gzipped(body);
			}
			res.writeHead(status, headers);
			res.end(body);
		};
		const json = (status: number, value: unknown) =>
			send(status, JSON.stringify(value), types['.json']);
		const request = requested(req);
		if (!request) return send(400, 'Bad request: the address is not a well-formed URL');
		const { path, url } = request;
		const query = (name: string) => url.searchParams.get(name) ?? '';
		if (path === '/preview/packages.json') {
			return json(
				200,
				packages().map(({ files: _files, ...rest }) => rest)
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
			const file = packages().find((p) => p.name === name)?.files[rest.join('/')];
			if (file) return send(200, file, types[extname(path)] ?? 'application/octet-stream');
		}
		send(404, 'Not found');
	};
	return (req, res) => {
		try {
			answer(req, res);
		} catch (error) {
			console.error(`${req.url}: ${error instanceof Error ? error.stack : String(error)}`);
			if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
			res.end('Internal error: see the preview server output');
		}
	};
}
