/**
 * Which scenarios a learner plays: a course's own list, or, where the course has pathways, its
 * core followed by the scenarios of the role the learner chose. Scores, objectives, the time
 * estimate and the certificate all work on this plan, never on every scenario the package carries.
 */
import type { Course, CourseBundle, Pathway } from './types.ts';

export function pathwayOf(course: Course, pathway: string | null | undefined): Pathway | undefined {
	return pathway ? course.pathways.find((p) => p.id === pathway) : undefined;
}

/**
 * The scenario ids a learner on `pathway` plays, in order. Before a role is chosen (or with one
 * the course does not have), a course with pathways plans only its core.
 */
export function planOf(course: Course, pathway: string | null | undefined): string[] {
	if (course.pathways.length === 0) return course.scenarios;
	return [...course.core, ...(pathwayOf(course, pathway)?.scenarios ?? [])];
}

/** Every plan a learner can be on: one per pathway, or the course's own list. */
export const plansOf = (course: Course): { pathway: Pathway | null; scenarios: string[] }[] =>
	course.pathways.length === 0
		? [{ pathway: null, scenarios: course.scenarios }]
		: course.pathways.map((pathway) => ({ pathway, scenarios: planOf(course, pathway.id) }));

/**
 * The course as one learner on `pathway` meets it: the same course with only the planned
 * scenarios, so scoring and reports need to know nothing of pathways.
 */
export function planned(bundle: CourseBundle, pathway: string | null | undefined): CourseBundle {
	if (bundle.course.pathways.length === 0) return bundle;
	const scenarios = planOf(bundle.course, pathway);
	return {
		...bundle,
		course: { ...bundle.course, scenarios, core: scenarios, pathways: [] },
		scenarios: scenarios.flatMap((id) => bundle.scenarios.filter((s) => s.id === id))
	};
}
