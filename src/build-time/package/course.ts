/**
 * What packaging needs to know about a course: id, title, version, pass mark and its themes.
 * It goes through the scenario checker, so packaging refuses exactly what `scenarios:check`
 * refuses. Node only (reads files).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listCourses, loadCourseBundle, loadTranslations } from '../scenario/files.ts';
import { launchDataJson, splitCourse, type LaunchCourse } from '../../lib/scenario/launch.ts';
import { formatProblem } from '../../lib/scenario/problem.ts';
import { courseThemes } from '../../lib/engine/scoring.ts';
import type { AppBuild } from './app-build.ts';
import type { CourseContent } from './assemble.ts';
import { type ManifestCourse } from './manifest.ts';
import { SCORM_VERSIONS } from '../../lib/lms/data-model.ts';
import { makePackage } from './pack.ts';

/** The scenarios folder inside a project root. */
const SCENARIOS_DIR = 'scenarios';

export interface PackageCourseInfo {
	course: ManifestCourse;
	/** The themes the course scores, as the content reports them: SCORM 2004 objective ids. */
	objectives: string[];
	/** The launch data and the text files the course adds to the app build. */
	content: CourseContent;
	/** The launch data as data, for drawing the first screen. */
	launch: LaunchCourse;
}

class CourseError extends Error {}

/** Course ids from `scenarios/courses/*.yaml`, sorted. */
export function listCourseIds(root: string): string[] {
	return listCourses(join(root, SCENARIOS_DIR));
}

/**
 * Throws a CourseError listing every error (as `file:line:col  error  message`) if the course is
 * unusable. The scenarios come from `<root>/scenarios` unless another folder is given.
 */
export function loadPackageCourse(
	root: string,
	id: string,
	folder = join(root, SCENARIOS_DIR)
): PackageCourseInfo {
	const result = loadCourseBundle(folder, id);
	if (!result.ok) {
		const errors = result.problems.filter((p) => p.severity === 'error');
		throw new CourseError(`course ${id} has problems:\n${errors.map(formatProblem).join('\n')}`);
	}
	const { course } = result.value;
	const { launch, texts } = splitCourse(result.value, loadTranslations(folder, result.value));
	const encoder = new TextEncoder();
	return {
		launch,
		content: {
			launchJson: launchDataJson(launch),
			files: new Map(
				[...texts].map(([path, passages]) => [path, encoder.encode(JSON.stringify(passages))])
			)
		},
		course: {
			id: course.id,
			title: course.title,
			version: course.version,
			passMark: course.passMark
		},
		objectives: courseThemes(result.value)
	};
}

/**
 * Writes `<outDir>/<course>-scorm12.zip` and `-scorm2004.zip` from the app build of each edition
 * and returns what it wrote with the sizes. Both zips are made and checked before either is
 * written; throws a CourseError naming the version and the problems if either fails.
 */
export function writeCoursePackages(
	info: PackageCourseInfo,
	app: AppBuild,
	outDir: string
): [string, number][] {
	const { course, objectives } = info;
	const content: CourseContent = app.renderFirstScreen
		? { ...info.content, firstScreen: app.renderFirstScreen(info.launch) }
		: info.content;
	const zips: [string, Uint8Array][] = [];
	for (const version of SCORM_VERSIONS) {
		let result;
		try {
			const build = app.files[version];
			result = makePackage({ version, course, build, objectives, content });
		} catch (e) {
			throw new CourseError(`${course.id} ${version}: ${(e as Error).message}`);
		}
		if (result.problems.length) {
			throw new CourseError(
				`${course.id} ${version}: the package failed its checks:\n` +
					result.problems.map((p) => `  - ${p}`).join('\n')
			);
		}
		zips.push([join(outDir, `${course.id}-${version}.zip`), result.zip]);
	}
	mkdirSync(outDir, { recursive: true });
	for (const [path, zip] of zips) writeFileSync(path, zip);
	return zips.map(([path, zip]) => [path, zip.length]);
}
