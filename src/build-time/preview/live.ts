/**
 * Live preview for `npm start`: watches the scenarios folder, checks the courses a change
 * touches, repackages the sound ones and tells the open harness pages (Server-Sent Events), which
 * relaunch the course where the learner was, or show the located problems in its place.
 */
import { watch } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { loadPackageCourse, writeCoursePackages } from '../package/course.ts';
import { buildApp as buildAppFiles, hasAppBuild, readAppBuild } from '../package/app-build.ts';
import { APP_BUILD_DIR, REPO_ROOT } from '../package/pack.ts';
import { listCourses, loadCourseBundle } from '../scenario/files.ts';
import { formatProblem, hasErrors, type Problem } from '../../lib/scenario/problem.ts';
import type { CourseBundle } from '../../lib/scenario/types.ts';

export const ROOT = REPO_ROOT;

export interface PackagingOptions {
	/** The scenarios folder to package from. */
	scenariosDir: string;
	/** Where the zips go. */
	distDir: string;
	/** Print the packager's own output (startup); live repackaging stays quiet. */
	verbose?: boolean;
}

export type PackagingOutcome = { ok: true } | { ok: false; message: string };

// ---------------------------------------------------------------------------------------------
// Repackaging: the one place that knows how a course becomes its zips.

/** The app build every package is made from; `npm start` builds it first (tools/package.ts). */
const APP_BUILD = join(ROOT, APP_BUILD_DIR);
let appBuilding: Promise<PackagingOutcome> | undefined;

/**
 * Builds the app: at startup, so the preview serves the code as it is now, or when there is no
 * build yet (`--no-package --watch` on a clean tree). Scenario changes need no new build.
 */
export function buildApp({ fresh = false, verbose = false } = {}): Promise<PackagingOutcome> {
	if (!fresh && hasAppBuild(APP_BUILD)) return Promise.resolve({ ok: true });
	appBuilding ??= buildAppFiles(ROOT, APP_BUILD_DIR, !verbose)
		.then(
			(): PackagingOutcome => ({ ok: true }),
			(error: unknown): PackagingOutcome => ({
				ok: false,
				message: `vite build failed: ${error instanceof Error ? error.message : String(error)}`
			})
		)
		.finally(() => (appBuilding = undefined));
	return appBuilding;
}

/**
 * Writes `<distDir>/<course>-scorm12.zip` and `-scorm2004.zip` for each course, from the
 * scenarios in `scenariosDir`. Everything else calls this and nothing else. A course is its
 * launch data and text files added to the one app build, so this takes a moment, in process.
 */
export async function repackage(
	courseIds: readonly string[],
	{ scenariosDir, distDir, verbose = false }: PackagingOptions
): Promise<PackagingOutcome> {
	const built = await buildApp({ verbose });
	if (!built.ok) return built;
	try {
		const build = await readAppBuild(APP_BUILD);
		for (const id of courseIds) {
			const info = loadPackageCourse(ROOT, id, resolve(scenariosDir));
			for (const [path, size] of writeCoursePackages(info, build, resolve(distDir))) {
				if (verbose) console.log(`${shownPath(path).padEnd(40)}  ${(size / 1024).toFixed(1)} KB`);
			}
		}
		return { ok: true };
	} catch (error) {
		return { ok: false, message: error instanceof Error ? error.message : String(error) };
	}
}

// ---------------------------------------------------------------------------------------------
// Watching

/**
 * Calls `onChange` once a burst of changes to `.yaml` files under `dir` has settled for
 * `debounceMs`. Returns a function that stops watching.
 */
function watchScenarios(dir: string, onChange: () => void, debounceMs = 100): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const watcher = watch(dir, { recursive: true }, (_event, name) => {
		// Editors save through temporary files: only the YAML matters.
		if (name && !String(name).endsWith('.yaml')) return;
		clearTimeout(timer);
		timer = setTimeout(onChange, debounceMs);
	});
	return () => {
		clearTimeout(timer);
		watcher.close();
	};
}

// ---------------------------------------------------------------------------------------------
// The live state of the courses, pushed to the harness pages

/** A problem as the harness lists it: located, with the file shown as the terminal shows it. */
export interface ShownProblem {
	/** `file:line:col`, as `npm run scenarios:check` prints it. */
	where: string;
	severity: Problem['severity'];
	message: string;
	hint?: string;
}

/** Paths inside the working folder are shown relative to it, as the checker's own output does. */
export function shownPath(file: string): string {
	const shown = relative(process.cwd(), file);
	return shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : file;
}

function showProblem(problem: Problem): ShownProblem {
	return {
		where: `${shownPath(problem.file)}:${problem.line}:${problem.col}`,
		severity: problem.severity,
		message: problem.message,
		hint: problem.hint
	};
}

interface Client {
	res: ServerResponse;
	/** The course the page is showing, served first when several must be repackaged. */
	course: string | null;
}

export interface LiveOptions extends PackagingOptions {
	/** Courses that have packages to serve. */
	served: readonly string[];
	/** Courses to package as soon as their files are sound (they had errors at startup). */
	pending?: readonly string[];
	/** Called after a course's zips were rewritten, before the pages hear of it. */
	onPackaged: (courseId: string, bundle: CourseBundle) => void;
	log?: (line: string) => void;
}

/**
 * Keeps every served course checked against the files and its packages up to date. Changes are
 * handled one burst at a time: a change that arrives while packaging is picked up right after.
 */
export class LivePreview {
	/** The bundle each served course was last packaged from: what jumps and maps must use. */
	readonly packaged = new Map<string, CourseBundle>();
	/** The latest problems per course (errors mean the course is not repackaged). */
	private readonly problems = new Map<string, ShownProblem[]>();
	private readonly packagedJson = new Map<string, string>();
	private readonly known: Set<string>;
	private readonly served: Set<string>;
	private readonly clients = new Set<Client>();
	private packaging: string | null = null;
	private busy = false;
	private dirty = false;
	private readonly log: (line: string) => void;

	constructor(private readonly options: LiveOptions) {
		this.log = options.log ?? ((line) => console.log(line));
		this.served = new Set([...options.served, ...(options.pending ?? [])]);
		this.known = new Set(listCourses(options.scenariosDir));
		for (const id of this.served) {
			const result = loadCourseBundle(options.scenariosDir, id);
			this.problems.set(id, result.problems.map(showProblem));
			// The served zips are taken to be built from the files as they are now.
			if (result.ok && options.served.includes(id)) this.remember(id, result.value);
		}
	}

	private remember(id: string, bundle: CourseBundle) {
		this.packaged.set(id, bundle);
		this.packagedJson.set(id, JSON.stringify(bundle));
	}

	/** `/preview/events`: a Server-Sent Events stream, opened with the course the page shows. */
	subscribe(res: ServerResponse, course: string | null) {
		res.writeHead(200, {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			connection: 'keep-alive'
		});
		res.write('retry: 1000\n\n');
		const client = { res, course };
		this.clients.add(client);
		const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 20_000);
		res.on('close', () => {
			clearInterval(keepAlive);
			this.clients.delete(client);
		});
		this.sendTo(client, 'state', {
			problems: Object.fromEntries(this.problems),
			packaging: this.packaging
		});
	}

	private sendTo(client: Client, event: string, data: unknown) {
		client.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
	}

	private broadcast(event: string, data: unknown) {
		for (const client of this.clients) this.sendTo(client, event, data);
	}

	/** Something under the scenarios folder changed: check, repackage, tell the pages. */
	async changed(): Promise<void> {
		if (this.busy) {
			this.dirty = true;
			return;
		}
		this.busy = true;
		try {
			do {
				this.dirty = false;
				await this.update();
			} while (this.dirty);
		} finally {
			this.busy = false;
		}
	}

	private async update() {
		const { scenariosDir } = this.options;
		const present = listCourses(scenariosDir);
		// Served courses, and courses whose file appeared while the preview runs.
		const ids = present.filter((id) => this.served.has(id) || !this.known.has(id));
		const toPackage: string[] = [];
		for (const id of ids) {
			const result = loadCourseBundle(scenariosDir, id);
			const shown = result.problems.map(showProblem);
			const before = JSON.stringify(this.problems.get(id) ?? []);
			const wasBroken = (this.problems.get(id) ?? []).some((p) => p.severity === 'error');
			this.problems.set(id, shown);
			if (JSON.stringify(shown) !== before) {
				this.broadcast('problems', { course: id, problems: shown });
			}
			if (!result.ok) {
				if (hasErrors(result.problems)) {
					this.log(`\n${id}: not repackaged, fix these problems first:`);
					for (const problem of result.problems) this.log(`  ${formatProblem(problem)}`);
				}
				continue;
			}
			if (JSON.stringify(result.value) !== this.packagedJson.get(id)) toPackage.push(id);
			// Put back as it was: the package already there still fits.
			else if (wasBroken) this.broadcast('reloaded', { course: id, repackaged: false });
		}
		// The courses the pages show first: they are the ones someone is waiting for.
		const watched = new Set([...this.clients].map((c) => c.course));
		toPackage.sort((a, b) => Number(watched.has(b)) - Number(watched.has(a)));
		for (const id of toPackage) {
			// A newer change makes this one stale: check again first.
			if (this.dirty) return;
			const bundle = loadCourseBundle(scenariosDir, id);
			if (!bundle.ok) continue;
			this.packaging = id;
			this.broadcast('packaging', { course: id });
			const started = Date.now();
			const outcome = await repackage([id], { scenariosDir, distDir: this.options.distDir });
			this.packaging = null;
			if (outcome.ok) {
				this.served.add(id);
				this.known.add(id);
				this.remember(id, bundle.value);
				this.options.onPackaged(id, bundle.value);
				this.log(`${id}: repackaged in ${((Date.now() - started) / 1000).toFixed(1)} s`);
				this.broadcast('reloaded', { course: id, repackaged: true });
			} else {
				this.log(`${id}: packaging failed:\n${outcome.message}`);
				this.broadcast('failed', { course: id, message: outcome.message });
			}
		}
	}

	/** Starts watching the scenarios folder; returns a function that stops. */
	watch(): () => void {
		const stop = watchScenarios(this.options.scenariosDir, () => void this.changed());
		this.log(`Live preview: watching ${shownPath(this.options.scenariosDir)} for changes`);
		return stop;
	}
}
