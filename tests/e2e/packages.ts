import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCourseBundle } from '../../src/build-time/scenario/files.ts';
import { planned, plansOf } from '../../src/lib/scenario/plan.ts';

const root = resolve(import.meta.dirname, '../..');

/** The packages `npm run package` wrote, as the preview LMS serves them. */
export const packages = readdirSync(resolve(root, 'dist'))
	.filter((f) => /-scorm(12|2004)\.zip$/.test(f))
	.map((file) => {
		const name = file.replace(/\.zip$/, '');
		const courseId = name.replace(/-scorm(12|2004)$/, '');
		const loaded = loadCourseBundle(resolve(root, 'scenarios'), courseId);
		if (!loaded.ok)
			throw new Error(`Course ${courseId} does not load: run npm run scenarios:check`);
		const plans = plansOf(loaded.value.course).map(({ pathway }) => ({
			pathway: pathway?.id ?? null,
			bundle: planned(loaded.value, pathway?.id)
		}));
		return {
			name,
			version: name.endsWith('scorm12') ? ('scorm12' as const) : ('scorm2004' as const),
			/**
			 * The course as a learner on its first pathway plays it (the course itself where it has
			 * none): what most tests play. `plans` has every pathway; `full` the whole course.
			 */
			bundle: plans[0]!.bundle,
			pathway: plans[0]!.pathway,
			plans,
			full: loaded.value,
			/** Where the package's launch page is served: a deep, Moodle-like path. */
			launch: `/pluginfile.php/42/mod_scorm/content/${name}/index.html`
		};
	});

/** A generous time limit for a test that plays a course: long courses take a few hundred steps. */
export const timeToPlay = (bundle: (typeof packages)[number]['bundle'], runs = 1) =>
	30_000 + runs * bundle.course.scenarios.length * 10_000;

/**
 * Per SCORM version, the package with the fewest scenarios: the mechanics (resume, relaunch,
 * pause) are the same for every course, so they are proven once per version on the quickest.
 */
export const quickest = (['scorm12', 'scorm2004'] as const).map(
	(version) =>
		packages
			.filter((p) => p.version === version)
			.sort((a, b) => a.bundle.course.scenarios.length - b.bundle.course.scenarios.length)[0]!
);
