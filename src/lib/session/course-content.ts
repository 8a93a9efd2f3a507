/**
 * The player's side of `src/lib/scenario/launch.ts`: reads the course from the launch page and
 * fetches each scenario's words when the learner is about to read them, by a URL relative to the
 * launch page (an LMS serves the package from a deep path of its own). No Svelte, no SCORM.
 */
import {
	LAUNCH_DATA_ID,
	scenarioTextPath,
	textUrl,
	type LaunchCourse
} from '../scenario/launch.ts';
import {
	SOURCE_LOCALE,
	withCoursePassages,
	withScenarioPassages,
	type Passages
} from '../scenario/passages.ts';
import type { Course, Scenario } from '../scenario/types.ts';

/** The course the packager put into the page, or null when there is none (an unpackaged build). */
export function readLaunchCourse(doc: Document): LaunchCourse | null {
	const text = doc.getElementById(LAUNCH_DATA_ID)?.textContent?.trim();
	if (!text) return null;
	try {
		const data = JSON.parse(text) as LaunchCourse;
		return data?.course && Array.isArray(data.scenarios) ? data : null;
	} catch {
		return null;
	}
}

/** The language a scenario is shown in for a learner using `locale`: theirs if translated, else English. */
export const scenarioLocale = (launch: LaunchCourse, scenarioId: string, locale: string) =>
	Object.hasOwn(launch.languages, scenarioId) && launch.languages[scenarioId]!.includes(locale)
		? locale
		: SOURCE_LOCALE;

/** The course's words in `locale` where the package has them, marked with their language. */
export function courseIn(launch: LaunchCourse, locale: string): Course {
	// the locale comes from the LMS's learner preference: an own key only
	const passages = Object.hasOwn(launch.courseTranslations, locale)
		? launch.courseTranslations[locale]
		: undefined;
	return passages
		? { ...withCoursePassages(launch.course, passages), lang: locale }
		: launch.course;
}

export type Fetch = (
	url: string
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export interface ScenarioTexts {
	/** The scenario with its words, or undefined until they have arrived. */
	get(scenarioId: string, locale: string): Scenario | undefined;
	/** Fetches the words (once; a failed fetch may be tried again). Resolves when they are there. */
	load(scenarioId: string, locale: string): Promise<Scenario>;
}

/**
 * A cache of scenario words by language. Fetches are relative to `base` (the launch page's URL)
 * and go out once per file; a failure is forgotten so the learner can try again.
 */
export function createScenarioTexts(
	launch: LaunchCourse,
	base: string,
	fetchText: Fetch = (url) => fetch(url)
): ScenarioTexts {
	const loaded = new Map<string, Scenario>();
	const pending = new Map<string, Promise<Scenario>>();
	const outlines = new Map(launch.scenarios.map((s) => [s.id, s]));
	const keyOf = (id: string, locale: string) => `${scenarioLocale(launch, id, locale)}/${id}`;

	return {
		get: (id, locale) => loaded.get(keyOf(id, locale)),
		load(id, locale) {
			const key = keyOf(id, locale);
			const done = loaded.get(key);
			if (done) return Promise.resolve(done);
			const outline = outlines.get(id);
			if (!outline) return Promise.reject(new Error(`no scenario ${id} in this course`));
			let request = pending.get(key);
			if (!request) {
				const lang = scenarioLocale(launch, id, locale);
				request = fetchText(new URL(textUrl(launch, scenarioTextPath(id, lang)), base).href)
					.then(async (response) => {
						if (!response.ok)
							throw new Error(`${scenarioTextPath(id, lang)}: HTTP ${response.status}`);
						const passages = (await response.json()) as Passages;
						const scenario = withScenarioPassages(outline, passages);
						const full = lang === SOURCE_LOCALE ? scenario : { ...scenario, lang };
						loaded.set(key, full);
						return full;
					})
					.finally(() => pending.delete(key));
				pending.set(key, request);
			}
			return request;
		}
	};
}
