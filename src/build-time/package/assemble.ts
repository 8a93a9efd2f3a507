/**
 * Turns one static build into the file set of one SCORM package: the shipped part of the build,
 * the launch page marked with its LMS API, the manifest and the schema files at the root.
 */
import {
	LAUNCH_FILE,
	MANIFEST_FILE,
	SCHEMA_FILES,
	writeManifest,
	type ManifestCourse
} from './manifest.ts';
import { type ScormVersion } from '../../lib/lms/data-model.ts';
import type { FirstScreen } from '../first-screen/render.ts';
import { FIRST_SCREEN_ID, NOT_STARTED_ID } from '../../lib/scenario/launch.ts';

/**
 * Build output that must not ship. `_app/version.json` is only for Kit's update polling, which an
 * LMS copy never uses; source maps would expose the sources and bloat the zip; preview and harness
 * pages host the fake LMS (scorm-again) for development only.
 */
export function isShippedBuildFile(path: string): boolean {
	const segments = path.split('/');
	const name = segments.at(-1) ?? '';
	if (path === '_app/version.json') return false;
	if (name.endsWith('.map')) return false;
	if (segments.some((s) => s.startsWith('.'))) return false;
	if (segments.some((s) => /preview|harness/i.test(s))) return false;
	return true;
}

const LMS_META = /<meta\s[^>]*name\s*=\s*["']?lms["']?[^>]*>\s*/gi;

/**
 * Puts `<meta name="lms" content="scorm12">` in `<head>`; the app reads it to know which API object
 * (`API` or `API_1484_11`) to look for. It goes first because the inlined bundle may run from a
 * script in `<head>` before the rest is parsed. Any `lms` meta already there is replaced.
 */
export function injectLmsMeta(html: string, version: ScormVersion): string {
	const cleaned = html.replace(LMS_META, '');
	const head = /<head(\s[^>]*)?>/i.exec(cleaned);
	if (!head) throw new Error(`${LAUNCH_FILE} has no <head> to put <meta name="lms"> in`);
	const at = head.index + head[0].length;
	const meta = `<meta name="lms" content="${version}">`;
	return `${cleaned.slice(0, at)}\n\t\t${meta}${cleaned.slice(at)}`;
}

/**
 * Fills the one placeholder `pattern` matches (src/app.html has each once) with what `fill` makes
 * of the match. `fill` is a function, so `$` in the course's words is taken as it is.
 */
function fillPlaceholder(
	html: string,
	pattern: RegExp,
	placeholder: string,
	fill: (...groups: string[]) => string
): string {
	const found = html.match(new RegExp(pattern, 'g'))?.length ?? 0;
	if (found !== 1)
		throw new Error(
			`${LAUNCH_FILE} should hold one ${placeholder} placeholder, found ${found}: ` +
				'is src/app.html the one this build used?'
		);
	return html.replace(pattern, (_, ...groups: string[]) => fill(...groups));
}

const LAUNCH_DATA_PLACEHOLDER = /<script type="application\/json" id="course">[^<]*<\/script>/;

/**
 * Fills the launch page's course placeholder (see src/app.html) with the course's launch data, so
 * one app build serves every course and packaging a course takes a moment, not a build.
 */
function injectLaunchData(html: string, json: string): string {
	return fillPlaceholder(
		html,
		LAUNCH_DATA_PLACEHOLDER,
		'<script type="application/json" id="course">',
		() => `<script type="application/json" id="course">${json}</script>`
	);
}

const FIRST_SCREEN_PLACEHOLDER = new RegExp(`<div id="${FIRST_SCREEN_ID}"([^>]*)></div>`);

/**
 * Fills the launch page's first-screen placeholder (see src/app.html) with the welcome screen drawn
 * when the package was made, and gives the page the course's title, so the learner sees the course
 * before any script has run. The placeholder is inert and hidden from assistive technology: the app
 * replaces it with the same markup, live, as it starts. Beside it goes the hidden notice the page
 * shows if the app does not start (see deferAppStart).
 */
export function injectFirstScreen(html: string, { title, body, notStarted }: FirstScreen): string {
	const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;');
	return fillPlaceholder(
		html,
		FIRST_SCREEN_PLACEHOLDER,
		`empty <div id="${FIRST_SCREEN_ID}">`,
		(attributes) => `<div id="${FIRST_SCREEN_ID}"${attributes}>${body}</div>${notStarted}`
	).replace(/<\/head>/i, () => `\t<title>${escaped}</title>\n\t</head>`);
}

/** SvelteKit's inline start-up script: the one plain `<script>` in the launch page's body. */
const APP_START = /(<body[^]*?)<script>([^]*?)<\/script>/i;

/**
 * Runs the app after the first screen has painted instead of while the page is parsed: SvelteKit's
 * inline script blocks the parser, so the screen drawn into the page would otherwise appear only
 * once the app had started. The script is kept as data and run, as the same inline script in the
 * same place (so `document.currentScript` still finds its container), once the browser has painted.
 * The snippet is plain ES5 on purpose: it runs before anything else, in whatever browser.
 *
 * If the app has not replaced the drawn screen 10 s after it was set off, or 2 s after an error on
 * the page, the snippet puts the notice that the course has not started (a template beside it) in
 * its place: the drawn screen is inert, and a learner left clicking a dead Start button would never
 * know to reload.
 */
export function deferAppStart(html: string): string {
	if (!APP_START.test(html))
		throw new Error(`${LAUNCH_FILE} has no inline start-up script in its <body> to defer`);
	// Started when the browser reports the first contentful paint, or after a moment where it never
	// does (a page opened in the background paints nothing): either way, once only.
	const start =
		'<script>(function(){var done=false;' +
		'function stuck(){' +
		`var f=document.getElementById('${FIRST_SCREEN_ID}'),n=document.getElementById('${NOT_STARTED_ID}');` +
		"if(!f||!n||!f.hasAttribute('inert'))return;f.removeAttribute('inert');f.innerHTML=n.innerHTML;" +
		"var h=f.querySelector('h1');if(h)h.focus()}" +
		"addEventListener('error',function(){setTimeout(stuck,2000)});" +
		"addEventListener('unhandledrejection',function(){setTimeout(stuck,2000)});" +
		'function go(){if(done)return;done=true;setTimeout(stuck,10000);' +
		"var d=document.getElementById('app-start'),s=document.createElement('script');" +
		's.textContent=d.textContent;d.replaceWith(s)}' +
		'try{new PerformanceObserver(function(l){l.getEntries().forEach(function(e){' +
		"if(e.name==='first-contentful-paint')setTimeout(go)})}).observe({type:'paint',buffered:true})}" +
		'catch(e){}setTimeout(go,1000)})()</script>';
	return html.replace(
		APP_START,
		(_, before: string, code: string) =>
			`${before}<script type="text/x-app-start" id="app-start">${code}</script>${start}`
	);
}

/** A course's part of the package: its launch data and its text files (see src/lib/scenario/launch.ts). */
export interface CourseContent {
	launchJson: string;
	files: Map<string, Uint8Array>;
	/** The welcome screen, drawn when the package was made. */
	firstScreen?: FirstScreen;
}

export interface AssembleOptions {
	version: ScormVersion;
	course: ManifestCourse;
	/** The build output, path → bytes, relative forward-slash paths. */
	build: Map<string, Uint8Array>;
	/** The version's schema files by name, as vendored in tools/xsd/<version>/. */
	schemas: Map<string, Uint8Array>;
	objectives?: string[];
	/** Without it the launch page goes as built (tests of the packaging alone). */
	content?: CourseContent;
}

/** The package's files, ready for `createZip`. Throws if the build or schema set is unusable. */
export function assemblePackage(options: AssembleOptions): Map<string, Uint8Array> {
	const { version, course, build, schemas } = options;
	const control = new Set<string>([MANIFEST_FILE, ...SCHEMA_FILES[version]]);
	const content = new Map<string, Uint8Array>();
	for (const [path, data] of build) {
		// a root file named like ours would be silently replaced, so refuse rather than guess
		if (control.has(path))
			throw new Error(`The build has ${path} at its root, which the package writes itself`);
		if (isShippedBuildFile(path)) content.set(path, data);
	}
	const launch = content.get(LAUNCH_FILE);
	if (!launch) throw new Error(`The build has no ${LAUNCH_FILE} at its root`);
	let html = injectLmsMeta(new TextDecoder().decode(launch), version);
	if (options.content) {
		html = injectLaunchData(html, options.content.launchJson);
		if (options.content.firstScreen)
			html = deferAppStart(injectFirstScreen(html, options.content.firstScreen));
		for (const [path, data] of options.content.files) {
			if (content.has(path) || control.has(path))
				throw new Error(`The course's ${path} would replace a file of the build`);
			content.set(path, data);
		}
	}
	content.set(LAUNCH_FILE, new TextEncoder().encode(html));

	const files = new Map(content);
	const manifest = writeManifest({
		version,
		course,
		files: [...content.keys()],
		objectives: options.objectives
	});
	files.set(MANIFEST_FILE, new TextEncoder().encode(manifest));
	for (const name of SCHEMA_FILES[version]) {
		const data = schemas.get(name);
		if (!data) throw new Error(`Schema file ${name} for ${version} is missing`);
		files.set(name, data);
	}
	return files;
}
