/**
 * What packaging needs to know about a course: id, title, version, pass mark and its themes.
 * It goes through the scenario checker, so packaging refuses exactly what `scenarios:check`
 * refuses. Node only (reads files).
 */
import { join } from 'node:path';
import { listCourses, loadCourseBundle, loadTranslations } from '../scenario/files.ts';
import { launchDataJson, splitCourse } from '../scenario/launch.ts';
import { formatProblem } from '../scenario/problem.ts';
import { courseThemes } from '../engine/scoring.ts';
import type { CourseContent } from './assemble.ts';
import type { ManifestCourse } from './manifest.ts';

/** The scenarios folder inside a project root. */
export const SCENARIOS_DIR = 'scenarios';

export interface PackageCourseInfo {
	course: ManifestCourse;
	/** The themes the course scores, as the content reports them: SCORM 2004 objective ids. */
	objectives: string[];
	/** The launch data and the text files the course adds to the app build. */
	content: CourseContent;
}

export class CourseError extends Error {}

/** Course ids from `scenarios/courses/*.yaml`, sorted. */
export function listCourseIds(root: string): string[] {
	return listCourses(join(root, SCENARIOS_DIR));
}

/** Throws a CourseError listing every error (as `file:line:col  error  message`) if the course is unusable. */
export function loadPackageCourse(root: string, id: string): PackageCourseInfo {
	const result = loadCourseBundle(join(root, SCENARIOS_DIR), id);
	if (!result.ok) {
		const errors = result.problems.filter((p) => p.severity === 'error');
		throw new CourseError(`course ${id} has problems:\n${errors.map(formatProblem).join('\n')}`);
	}
	const { course } = result.value;
	const folder = join(root, SCENARIOS_DIR);
	const { launch, texts } = splitCourse(result.value, loadTranslations(folder, result.value));
	const encoder = new TextEncoder();
	return {
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
