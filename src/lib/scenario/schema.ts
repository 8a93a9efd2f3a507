/**
 * The scenario and course file formats: keys, limits and the words used to explain them.
 * The schemas take the YAML as written (snake_case keys, mappings keyed by id) and output the
 * types in `types.ts`. Issue paths stay in the file's terms so `parse.ts` can point at the line.
 *
 * One file of about 460 lines on purpose: the formats are one set of zod schemas whose parts
 * refer to each other, and the editor schemas (`npm run scenarios:schema`) are generated from it.
 */
import { z } from 'zod';
import { PASSAGE_ID } from './passages.ts';
import {
	AUDIENCES,
	OUTCOMES,
	THEMES,
	TRANSLATION_LOCALES,
	type Choice,
	type Course,
	type Points,
	type Scenario,
	type ScenarioNode,
	type Theme,
	type Translation
} from './types.ts';

export const FORMAT = 1;

/** Upgrades a file written in an older format; named by the checker when it meets one. */
export const MIGRATE_COMMAND = 'npm run scenarios:migrate';

/** Ids end up in SCORM objective and interaction ids, which LMSs such as Moodle reject with `-` or spaces. */
export const ID_PATTERN = /^[a-z][a-z0-9_]*$/;

export const LIMITS = {
	id: 40,
	title: 80,
	summary: 400,
	description: 400,
	prompt: 200,
	choiceText: 200,
	nodeText: 1200,
	feedback: 800,
	review: 300,
	outcome: 200,
	pathwayTitle: 60,
	pathways: 8,
	points: 10,
	choices: { min: 2, max: 5 },
	outcomes: { min: 1, max: 8 },
	minutes: { min: 1, max: 240 },
	passMark: { min: 0, max: 100 }
} as const;

/** Number ranges by key, for messages that name both ends (a zod issue carries only one). */
export const RANGES: Partial<Record<string, { min: number; max?: number; what: string }>> = {
	points: { min: 0, max: LIMITS.points, what: 'points are whole numbers' },
	pass_mark: { ...LIMITS.passMark, what: '`pass_mark` is a percentage, a whole number' },
	minutes: { ...LIMITS.minutes, what: '`minutes` is a whole number' },
	version: { min: 1, what: '`version` is a whole number' },
	format: { min: FORMAT, max: FORMAT, what: '`format`' }
};

/** What to add when a key is missing, by key. */
export const MISSING_HINTS: Partial<Record<string, string>> = {
	format: 'Add `format: 1` as the first line.',
	id: 'Add `id:` with the file name without `.yaml`.',
	version: 'Add `version: 1`, and raise it when a change makes saved progress meaningless.',
	title: 'Add `title:` with a short title (up to 80 characters).',
	theme: `Add \`theme:\` with one of: ${THEMES.join(', ')}.`,
	audiences: `Add \`audiences:\` with a list such as \`[ambulance]\`. Audiences: ${AUDIENCES.join(', ')}.`,
	audience: `Add \`audience:\` with one of: ${AUDIENCES.join(', ')}.`,
	summary: "Add `summary:` with the learner's role and the setting, in one or two sentences.",
	description: 'Add `description:` with one or two sentences for the welcome screen.',
	start: 'Add `start:` with the id of the first node.',
	nodes: 'Add `nodes:` with the scenario’s nodes indented under it.',
	type: 'Add `type: narrative`, `type: decision` or `type: ending`.',
	text: 'Add `text:` with what the learner reads.',
	prompt: 'Add `prompt:` with the question put to the learner, such as "What do you do next?".',
	choices: 'Add `choices:` with 2 to 5 choices indented under it.',
	next: 'Add `next:` with the id of the node it leads to.',
	points: 'Add `points:` with a whole number from 0 to 10 (`points: 0` if it earns nothing).',
	feedback: 'Add `feedback:` explaining why this choice matters and what good practice is.',
	outcome: 'Add `outcome: good`, `outcome: mixed` or `outcome: poor`.',
	minutes: 'Add `minutes:` with roughly how long the course takes.',
	outcomes: 'Add `outcomes:` with a list of what the learner will be able to do.',
	pass_mark: 'Add `pass_mark:` with the percentage needed to pass, such as `pass_mark: 80`.',
	critical_choice_fails:
		'Add `critical_choice_fails: true` (a critical choice fails the course) or `false`.',
	scenarios: 'Add `scenarios:` with the list of scenario ids, in the order they are played.'
};

/**
 * Descriptions travel into the generated JSON Schema (`npm run scenarios:schema`), where editors
 * show them as the trainer types. They change nothing in how a file is checked.
 */
const about = <T extends z.ZodType>(schema: T, description: string): T =>
	schema.meta({ description });

const idRule = z.string().max(LIMITS.id).regex(ID_PATTERN);

/** Text is trimmed first so the trailing newline of a `|` block neither counts nor shows. */
const text = (max: number) => z.string().trim().min(1).max(max);

/** A `next` or `start`: any word, so the graph check can say which node was probably meant. */
const nodeRef = z.string().trim().min(1);

const pointsValue = z.int().min(0).max(LIMITS.points);

const themePointsShape = Object.fromEntries(
	THEMES.map((theme) => [
		theme,
		about(pointsValue, `Points for ${theme}: a whole number from 0 to ${LIMITS.points}.`).optional()
	])
) as { [K in Theme]: z.ZodOptional<typeof pointsValue> };

const choiceShape = {
	text: about(
		text(LIMITS.choiceText),
		`What the learner would do, as a button (up to ${LIMITS.choiceText} characters).`
	),
	points: about(
		z.union([pointsValue, z.strictObject(themePointsShape)]),
		`A whole number from 0 to ${LIMITS.points}, credited to the scenario's theme, or points per theme such as { risk_assessment: 2, professional_curiosity: 1 }.`
	),
	feedback: about(
		text(LIMITS.feedback),
		`Shown after the choice: why it matters and what good practice is (up to ${LIMITS.feedback} characters).`
	),
	next: about(nodeRef, 'The id of the node this choice leads to.'),
	critical: about(
		z.boolean().default(false),
		'true when taking this choice fails the scenario whatever the points (for example, ignoring a disclosure).'
	)
};

/** Raised by the choice count check; `parse.ts` words it with the node's id. */
export interface ChoiceCountParams {
	kind: 'choice_count';
	count: number;
}

const choices = z
	.record(idRule, z.strictObject(choiceShape))
	.superRefine(
		(value, ctx) => {
			const count = Object.keys(value).length;
			if (count < LIMITS.choices.min || count > LIMITS.choices.max) {
				const params: ChoiceCountParams = { kind: 'choice_count', count };
				ctx.addIssue({ code: 'custom', message: `${count} choices`, params, input: value });
			}
		},
		// Counted even when a choice has its own problems, so every problem shows in one run.
		{ when: (payload) => isMapping(payload.value) }
	)
	// The count is a refinement, which JSON Schema can't see: stated again for editors.
	.meta({
		description: `${LIMITS.choices.min} to ${LIMITS.choices.max} choices, each under its own id (lower case letters, digits and _).`,
		minProperties: LIMITS.choices.min,
		maxProperties: LIMITS.choices.max
	});

const nodeText = () =>
	about(
		text(LIMITS.nodeText),
		`What the learner reads (up to ${LIMITS.nodeText} characters). Write \`|\` after the key and the text on the lines below, indented.`
	);

const nodeShapes = {
	narrative: {
		type: about(
			z.literal('narrative'),
			'narrative: something happens; the learner reads it and continues to `next`.'
		),
		text: nodeText(),
		next: about(nodeRef, 'The id of the node that follows.')
	},
	decision: {
		type: about(
			z.literal('decision'),
			`decision: the learner picks one of ${LIMITS.choices.min} to ${LIMITS.choices.max} choices.`
		),
		text: nodeText(),
		prompt: about(
			text(LIMITS.prompt),
			`The question put to the learner, such as "What do you do next?" (up to ${LIMITS.prompt} characters).`
		),
		review: about(
			text(LIMITS.review).optional(),
			`Optional: the review's learning this decision answers, shown in the debrief (up to ${LIMITS.review} characters).`
		),
		order: about(
			z.enum(['shuffled', 'fixed']).default('shuffled'),
			'Optional: `fixed` keeps the choices in the order written, for choices that form a scale (such as standard, medium, high risk). Otherwise each learner sees them in their own order.'
		),
		choices
	},
	ending: {
		type: about(z.literal('ending'), 'ending: where the scenario stops.'),
		outcome: about(
			z.enum(OUTCOMES),
			'How it went: good, mixed or poor. A scenario needs at least one good and one poor ending.'
		),
		text: nodeText()
	}
};

export const NODE_TYPES = Object.keys(nodeShapes) as (keyof typeof nodeShapes)[];

const node = z.discriminatedUnion('type', [
	z.strictObject(nodeShapes.narrative),
	z.strictObject(nodeShapes.decision),
	z.strictObject(nodeShapes.ending)
]);

const formatRule = about(
	z.literal(FORMAT),
	`The version of the file format: always ${FORMAT} for now.`
);
const versionRule = about(
	z.int().min(1),
	'A whole number from 1. Raise it when a change makes saved progress meaningless.'
);

const scenarioShape = {
	format: formatRule,
	id: about(
		idRule,
		`The file name without .yaml: lower case letters, digits and _ only, up to ${LIMITS.id} characters.`
	),
	version: versionRule,
	title: about(text(LIMITS.title), `A short title (up to ${LIMITS.title} characters).`),
	theme: about(z.enum(THEMES), 'The main theme: a bare number of points is credited to it.'),
	audiences: about(
		z.array(z.enum(AUDIENCES)).min(1),
		'Who the scenario suits, as a list such as [ambulance, csp].'
	),
	summary: about(
		text(LIMITS.summary),
		`Shown before the scenario starts: the learner's role and the setting (up to ${LIMITS.summary} characters).`
	),
	start: about(nodeRef, 'The id of the first node.'),
	nodes: about(
		z.record(idRule, node),
		'The nodes, each under its own id (lower case letters, digits and _), with a `type`.'
	)
};

const courseShape = {
	format: formatRule,
	id: about(
		idRule,
		'The file name without .yaml, and the package name: lower case letters, digits and _ only.'
	),
	version: versionRule,
	title: about(text(LIMITS.title), `A short title (up to ${LIMITS.title} characters).`),
	description: about(
		text(LIMITS.description),
		`One or two sentences for the welcome screen (up to ${LIMITS.description} characters).`
	),
	audience: about(z.enum(AUDIENCES), 'Who the course is for.'),
	minutes: about(
		z.int().min(LIMITS.minutes.min).max(LIMITS.minutes.max),
		`Roughly how long the course takes, in minutes (${LIMITS.minutes.min} to ${LIMITS.minutes.max}).`
	),
	outcomes: about(
		z.array(text(LIMITS.outcome)).min(LIMITS.outcomes.min).max(LIMITS.outcomes.max),
		`What the learner will be able to do: ${LIMITS.outcomes.min} to ${LIMITS.outcomes.max} items, each up to ${LIMITS.outcome} characters.`
	),
	pass_mark: about(
		z.int().min(LIMITS.passMark.min).max(LIMITS.passMark.max),
		'The percentage needed to pass (0 to 100); the same number goes into the SCORM manifest.'
	),
	critical_choice_fails: about(
		z.boolean(),
		'true: any critical choice fails the course whatever the score.'
	),
	scenarios: about(
		z.array(nodeRef).min(1).optional(),
		'The ids of the scenarios, in the order they are played. A course with pathways lists `core` and `pathways` instead.'
	),
	core: about(
		z.array(nodeRef).min(1).optional(),
		'With `pathways`: the ids of the scenarios every learner plays first, in order.'
	),
	pathways: about(
		z
			.record(
				idRule,
				z.strictObject({
					title: about(
						text(LIMITS.pathwayTitle),
						`The role as the learner chooses it on the welcome screen, such as "Housing" (up to ${LIMITS.pathwayTitle} characters).`
					),
					scenarios: about(
						z.array(nodeRef).min(1),
						'The ids of the scenarios this role plays after the core, in order.'
					)
				})
			)
			.optional(),
		'Optional: roles the learner chooses between on the welcome screen, each under its own id (lower case letters, digits and _), with a `title` and its own `scenarios`.'
	),
	translations: about(
		z.array(z.enum(TRANSLATION_LOCALES)).default([]),
		`Languages the course also ships in, such as [cy]. Each scenario's translation is read from translations/<language>/<scenario id>.yaml.`
	)
};

/** A passage id, as `npm run scenarios:translate` writes them: `title`, `arrival.text`, `ask.listen.feedback`. */
const passageId = z.string().regex(new RegExp(`^${PASSAGE_ID.source}$`));

const translationShape = {
	format: formatRule,
	reviewed: about(
		z.boolean(),
		'true once a trainer who speaks the language has checked the translation against the English.'
	),
	// optional: files written before the record are read, their passages reported as unverified
	translated_from: about(
		z
			.record(passageId, z.string().regex(/^[0-9a-f]{8}$/))
			.nullable()
			.optional(),
		'The English each passage was translated from, as a short fingerprint per passage id. Written by `npm run scenarios:translate`; run it with `--accept <passage id>` once a passage is updated, rather than editing this.'
	),
	// empty (null) while every passage of a new translation is still commented out
	passages: about(
		z
			.record(
				passageId,
				z
					.string()
					.trim()
					.min(1)
					.max(LIMITS.nodeText * 2)
			)
			.nullable(),
		'Each passage under its id, in the other language. `npm run scenarios:translate` writes the ids with the English beside them.'
	)
};

/** A scenario file as written. */
export type ScenarioFile = z.infer<z.ZodObject<typeof scenarioShape>>;
/** A course file as written. */
export type CourseFile = z.infer<z.ZodObject<typeof courseShape>>;

function toPoints(points: number | Points, theme: Theme): Points {
	if (typeof points === 'number') return { [theme]: points };
	return Object.fromEntries(Object.entries(points).filter(([, value]) => value !== undefined));
}

function toScenario(file: ScenarioFile): Scenario {
	const nodes = Object.entries(file.nodes).map(([id, node]): ScenarioNode => {
		if (node.type === 'narrative')
			return { type: 'narrative', id, text: node.text, next: node.next };
		if (node.type === 'ending')
			return { type: 'ending', id, outcome: node.outcome, text: node.text };
		const choices = Object.entries(node.choices).map(([choiceId, choice]): Choice => ({
			id: choiceId,
			text: choice.text,
			points: toPoints(choice.points, file.theme),
			feedback: choice.feedback,
			next: choice.next,
			critical: choice.critical
		}));
		return {
			type: 'decision',
			id,
			text: node.text,
			prompt: node.prompt,
			...(node.review === undefined ? {} : { review: node.review }),
			...(node.order === 'fixed' ? { fixedOrder: true } : {}),
			choices
		};
	});
	return {
		format: FORMAT,
		id: file.id,
		version: file.version,
		title: file.title,
		theme: file.theme,
		audiences: file.audiences,
		summary: file.summary,
		start: file.start,
		nodes
	};
}

function toCourse(file: CourseFile): Course {
	// A course lists `scenarios`, or `core` and `pathways`; the checker says which when both or
	// neither are given, and the course then plays whatever it has.
	const pathways = Object.entries(file.pathways ?? {}).map(([id, pathway]) => ({
		id,
		title: pathway.title,
		scenarios: pathway.scenarios
	}));
	const core = file.core ?? file.scenarios ?? [];
	// as written when there are no pathways, so the checker can point at an id listed twice
	const scenarios =
		pathways.length === 0 ? core : [...new Set([...core, ...pathways.flatMap((p) => p.scenarios)])];
	return {
		format: FORMAT,
		id: file.id,
		version: file.version,
		title: file.title,
		description: file.description,
		audience: file.audience,
		minutes: file.minutes,
		outcomes: file.outcomes,
		passMark: file.pass_mark,
		criticalChoiceFails: file.critical_choice_fails,
		scenarios,
		core,
		pathways,
		translations: file.translations
	};
}

/** A scenario file as written, before it becomes a `Scenario`: what the JSON Schema describes. */
export const scenarioFileSchema = z.strictObject(scenarioShape).meta({
	title: 'Scenario',
	description: 'One branching case scenario. The format is explained in scenarios/README.md.'
});

/** A course file as written, before it becomes a `Course`: what the JSON Schema describes. */
export const courseFileSchema = z.strictObject(courseShape).meta({
	title: 'Course',
	description:
		'One course: which scenarios, in what order, for whom, and the pass mark. See scenarios/README.md.'
});

/** A translation file as written: what the JSON Schema describes. */
export const translationFileSchema = z.strictObject(translationShape).meta({
	title: 'Translation',
	description:
		"One scenario's or course's words in another language, passage by passage. See scenarios/README.md."
});

export const translationSchema = translationFileSchema.transform((file): Translation => ({
	reviewed: file.reviewed,
	translatedFrom: file.translated_from ?? {},
	passages: file.passages ?? {}
}));

/** A scenario file (YAML data) in, a `Scenario` out. Graph rules are checked separately. */
export const scenarioSchema = scenarioFileSchema.transform(toScenario);

/** A course file (YAML data) in, a `Course` out. References to scenarios are checked separately. */
export const courseSchema = courseFileSchema.transform(toCourse);

/** The keys allowed in each kind of mapping, for did-you-mean on unknown keys. */
export const KEYS = {
	scenario: Object.keys(scenarioShape),
	course: Object.keys(courseShape),
	translation: Object.keys(translationShape),
	node: {
		narrative: Object.keys(nodeShapes.narrative),
		decision: Object.keys(nodeShapes.decision),
		ending: Object.keys(nodeShapes.ending)
	},
	choice: Object.keys(choiceShape),
	points: [...THEMES]
};

export function isMapping(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
