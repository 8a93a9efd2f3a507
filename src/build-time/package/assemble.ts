/**
 * Turns one static build into the file set of one SCORM package: the shipped part of the build,
 * the launch page marked with its LMS API, the manifest and the schema files at the root.
 */
import {
	LAUNCH_FILE,
	MANIFEST_FILE,
	SCHEMA_FILES,
	writeManifest,
	type ManifestCourse,
	type ScormVersion
} from './manifest.ts';

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

const LAUNCH_DATA = /<script type="application\/json" id="course">[^<]*<\/script>/;

/**
 * Fills the launch page's course placeholder (see src/app.html) with the course's launch data, so
 * one app build serves every course and packaging a course takes a moment, not a build.
 */
function injectLaunchData(html: string, json: string): string {
	const found = html.match(new RegExp(LAUNCH_DATA, 'g'))?.length ?? 0;
	if (found !== 1)
		throw new Error(
			`${LAUNCH_FILE} should hold one <script type="application/json" id="course"> placeholder, ` +
				`found ${found}: is src/app.html the one this build used?`
		);
	// a function replacement, so `$` in the course's words is taken as it is
	return html.replace(
		LAUNCH_DATA,
		() => `<script type="application/json" id="course">${json}</script>`
	);
}

/** A course's part of the package: its launch data and its text files (see src/lib/scenario/launch.ts). */
export interface CourseContent {
	launchJson: string;
	files: Map<string, Uint8Array>;
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
