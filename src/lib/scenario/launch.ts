/**
 * What a package carries, split for speed: the launch page holds the course and the outline of
 * every scenario (ids, links, points: all the engine needs to run, score and resume), and each
 * scenario's words are a small JSON file per language beside it, fetched when the learner is about
 * to read them. Pure data and paths; the packager writes these, the player reads them.
 */
import {
	coursePassages,
	missingPassages,
	outlineOf,
	scenarioPassages,
	SOURCE_LOCALE,
	type Passages
} from './passages.ts';
import { courseEstimates, type MinutesRange } from './estimate.ts';
import type { CourseBundle, ScenarioOutline } from './types.ts';

export interface LaunchCourse extends CourseBundle {
	/** Every scenario of the course without its words; they are files of their own. */
	scenarios: ScenarioOutline[];
	/** Languages each scenario can be read in, the source language first. */
	languages: Record<string, string[]>;
	/** The course's own words in each complete translation (the welcome screen needs them at once). */
	courseTranslations: Record<string, Passages>;
	/**
	 * A short hash of each text file, by path, asked for with it (`?v=`): an LMS that serves a
	 * new upload of the package under the same address never hands out last version's words.
	 */
	textVersions: Record<string, string>;
	/**
	 * How long the course takes, worked out from the words when the package was made (the launch
	 * page does not carry them): by pathway id, or under `''` for a course without pathways.
	 */
	estimates: Record<string, MinutesRange>;
}

/** Complete translations into one language: passages per scenario id, and the course's own. */
export interface LocaleTexts {
	locale: string;
	scenarios: Record<string, Passages>;
	course?: Passages;
}

/** The id of the `<script type="application/json">` in the launch page that holds the course. */
export const LAUNCH_DATA_ID = 'course';

/**
 * The id of the launch page's placeholder that the packager fills with the welcome screen, drawn
 * when the package is made (src/app.html spells it too), and that the player removes once its own
 * screen is drawn.
 */
export const FIRST_SCREEN_ID = 'first-screen';

/**
 * The id of the template the packager puts beside the first screen: the notice the launch page
 * shows in its place if the app has not started after a while or failed to (see deferAppStart).
 * The player removes it with the first screen.
 */
export const NOT_STARTED_ID = 'not-started';

/** A scenario's words in one language, relative to the launch page. */
export const scenarioTextPath = (scenarioId: string, locale: string) =>
	`content/${locale}/${scenarioId}.json`;

/**
 * Splits a checked course into the launch data and the text files. A translation is used for a
 * scenario only when it is complete: a learner never reads a passage in one language and the next
 * in another, and an incomplete scenario falls back to English as a whole (the checker lists what
 * is missing).
 */
export function splitCourse(
	bundle: CourseBundle,
	translations: readonly LocaleTexts[] = []
): { launch: LaunchCourse; texts: Map<string, Passages> } {
	const texts = new Map<string, Passages>();
	const languages: Record<string, string[]> = {};
	for (const scenario of bundle.scenarios) {
		const source = scenarioPassages(scenario);
		texts.set(scenarioTextPath(scenario.id, SOURCE_LOCALE), source);
		languages[scenario.id] = [SOURCE_LOCALE];
		for (const { locale, scenarios } of translations) {
			// an own key only: a scenario may be called `constructor`
			const translated = Object.hasOwn(scenarios, scenario.id) ? scenarios[scenario.id] : undefined;
			if (!translated || missingPassages(source, translated).length) continue;
			texts.set(scenarioTextPath(scenario.id, locale), pick(source, translated));
			languages[scenario.id]!.push(locale);
		}
	}
	const courseSource = coursePassages(bundle.course);
	const courseTranslations: Record<string, Passages> = {};
	for (const { locale, course } of translations) {
		if (course && !missingPassages(courseSource, course).length)
			courseTranslations[locale] = pick(courseSource, course);
	}
	const textVersions = Object.fromEntries(
		[...texts].map(([path, passages]) => [path, contentHash(JSON.stringify(passages))])
	);
	return {
		launch: {
			course: bundle.course,
			scenarios: bundle.scenarios.map(outlineOf),
			languages,
			courseTranslations,
			textVersions,
			estimates: courseEstimates(bundle)
		},
		texts
	};
}

/** FNV-1a, 32 bits, as 8 hex digits: enough to tell one version of a file from the next. */
export function contentHash(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Where to fetch a text file from, relative to the launch page, with its version. */
export function textUrl(launch: LaunchCourse, path: string): string {
	const version = launch.textVersions[path];
	return version ? `${path}?v=${version}` : path;
}

/** Only the passages the source has, in its order: stale ids in a translation never ship. */
const pick = (source: Passages, translated: Passages): Passages =>
	Object.fromEntries(Object.keys(source).map((id) => [id, translated[id]!]));

/** The launch data as it goes into the page: `<` escaped so no text can close the script tag. */
export const launchDataJson = (launch: LaunchCourse) =>
	JSON.stringify(launch).replace(/</g, '\\u003c');
