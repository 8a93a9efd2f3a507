import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { loadCourseBundle, listCourses } from '../lib/scenario/files.ts';
import { formatProblem } from '../lib/scenario/problem.ts';

const MODULE_ID = 'virtual:course';
const RESOLVED_ID = '\0' + MODULE_ID;

/**
 * Serves `virtual:course`: the course named by `COURSE` (default: the first course file), parsed
 * and checked at build time. The package ships checked JSON, never the YAML parser, and a
 * broken scenario stops the build with located messages instead of reaching a learner.
 */
export function coursePlugin(folder = 'scenarios'): Plugin {
	const root = resolve(folder);
	return {
		name: 'safeguarding-course',
		resolveId(id) {
			return id === MODULE_ID ? RESOLVED_ID : undefined;
		},
		load(id) {
			if (id !== RESOLVED_ID) return undefined;
			const courseId = process.env.COURSE || listCourses(root)[0];
			if (!courseId) this.error(`No course files found in ${folder}/courses/`);
			const result = loadCourseBundle(root, courseId);
			for (const problem of result.problems) this.addWatchFile(problem.file);
			if (!result.ok) {
				this.error(
					`Course ${courseId} has problems:\n` + result.problems.map(formatProblem).join('\n')
				);
			}
			this.addWatchFile(resolve(root, 'courses', `${courseId}.yaml`));
			for (const scenario of result.value.scenarios) {
				this.addWatchFile(resolve(root, `${scenario.id}.yaml`));
			}
			return `export default ${JSON.stringify(result.value)};`;
		}
	};
}
