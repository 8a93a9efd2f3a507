/**
 * The scenario and course formats as the rest of the code sees them, after parsing and checking.
 * The file format itself (YAML keys, limits, messages) is defined once, in `schema.ts`.
 */

/** The learning themes from the review. Ids are `[a-z0-9_]` because they become SCORM objective ids. */
export const THEMES = [
	'professional_curiosity',
	'hidden_harm',
	'coercive_control',
	'dna_follow_up',
	'risk_assessment',
	'information_sharing'
] as const;
export type Theme = (typeof THEMES)[number];

/** Who a scenario or course is written for. */
export const AUDIENCES = [
	'csp',
	'ambulance',
	'gp_practice',
	'health',
	'housing',
	'probation',
	'mental_health',
	'social_care',
	'police',
	'education'
] as const;
type Audience = (typeof AUDIENCES)[number];

/**
 * Languages a course can be translated into, besides English (the language every scenario is
 * written in). The interface ships in each of them (src/lib/i18n/locales/).
 */
export const TRANSLATION_LOCALES = ['cy'] as const;
type TranslationLocale = (typeof TRANSLATION_LOCALES)[number];

/** How an ending went, which colours the debrief and the map. */
export const OUTCOMES = ['good', 'mixed', 'poor'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Points a choice earns, per theme. A bare number in the file is credited to the scenario's theme. */
export type Points = Partial<Record<Theme, number>>;

export interface Choice {
	/** `[a-z0-9_]`, unique within its decision. */
	id: string;
	text: string;
	points: Points;
	/** Teaches: why this choice matters and what good practice is. */
	feedback: string;
	/** Node id this choice leads to. */
	next: string;
	/** Taking it fails the scenario whatever the points (for example, ignoring a disclosure). */
	critical: boolean;
}

export interface NarrativeNode {
	type: 'narrative';
	id: string;
	text: string;
	next: string;
}

export interface DecisionNode {
	type: 'decision';
	id: string;
	text: string;
	/** The question put to the learner. */
	prompt: string;
	/**
	 * The learning from the review this decision answers (for example its recommendation on
	 * completing a DASH), replayed in the debrief beside the learner's own choice.
	 */
	review?: string;
	/**
	 * The choices form a scale (`order: fixed` in the file) and are shown in the order written;
	 * otherwise each learner sees them in an order of their own, so position tells them nothing.
	 */
	fixedOrder?: boolean;
	choices: Choice[];
}

export interface EndingNode {
	type: 'ending';
	id: string;
	outcome: Outcome;
	text: string;
}

export type ScenarioNode = NarrativeNode | DecisionNode | EndingNode;

export interface Scenario {
	format: 1;
	/** `[a-z0-9_]`, the file name without `.yaml`. */
	id: string;
	/** Bumped by the trainer when a change would make saved progress meaningless. */
	version: number;
	title: string;
	theme: Theme;
	audiences: Audience[];
	/** One or two sentences shown before the scenario starts: the learner's role and setting. */
	summary: string;
	/** Id of the first node. */
	start: string;
	/** The language the words are in when the player loaded a translation; English otherwise. */
	lang?: string;
	/** In file order; ids are `[a-z0-9_]` and unique. */
	nodes: ScenarioNode[];
}

export interface Course {
	format: 1;
	/** `[a-z0-9_]`, the file name without `.yaml`; also the package name. */
	id: string;
	version: number;
	title: string;
	description: string;
	audience: Audience;
	/** Roughly how long the course takes, shown on the welcome screen. */
	minutes: number;
	/** What the learner will be able to do, shown on the welcome screen. */
	outcomes: string[];
	/** Percentage (0 to 100) the learner needs to pass. The same number goes into the SCORM manifest. */
	passMark: number;
	/** When true, taking any critical choice fails the course whatever the score. */
	criticalChoiceFails: boolean;
	/**
	 * Every scenario id the course carries, each once, in the order they are played: the core
	 * first, then each pathway's own. A learner plays the core and their pathway's (`planOf`).
	 */
	scenarios: string[];
	/** The scenarios every learner plays; all of `scenarios` when the course has no pathways. */
	core: string[];
	/** Roles a learner chooses between on the welcome screen, each adding its own scenarios. */
	pathways: Pathway[];
	/** Languages the course ships its scenarios in besides English, where a translation is complete. */
	translations: TranslationLocale[];
	/** The language the words are in when the player uses a translation; English otherwise. */
	lang?: string;
}

/** A learner's role in a course with pathways: its name and the scenarios played after the core. */
export interface Pathway {
	/** `[a-z0-9_]`: kept in saved progress and reported to the LMS. */
	id: string;
	/** The role as the learner chooses it, for example "Housing". */
	title: string;
	scenarios: string[];
}

/** A translation file: passage id (see `passages.ts`) → the words in the other language. */
export interface Translation {
	/** True once a trainer who speaks the language has checked it; until then the docs say so. */
	reviewed: boolean;
	/**
	 * Passage id → a hash of the English it was translated from (`englishHash`). A passage whose
	 * English has changed since is stale; one with no entry predates the record.
	 */
	translatedFrom: Record<string, string>;
	passages: Record<string, string>;
}

/** A course with its scenarios resolved: everything the player needs, as plain JSON. */
export interface CourseBundle {
	course: Course;
	scenarios: Scenario[];
}

declare const outlineMark: unique symbol;

/**
 * A scenario without its words (`outlineOf`): ids, links, points and the English decision
 * prompts, every other text empty. What the launch page carries and the engine runs on; it is a
 * Scenario for everything that reads structure, and only its words (`withScenarioPassages`) make
 * it one a learner can read. The mark exists only for the type checker.
 */
export type ScenarioOutline = Scenario & { readonly [outlineMark]: true };
