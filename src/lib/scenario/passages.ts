/**
 * Passages: every piece of text a learner reads, under an id that stays the same while the
 * trainer edits the words. Translations are keyed by these ids, and the package ships the text of
 * each scenario apart from its structure, so only what the learner is about to read is loaded.
 *
 * Ids are built from node and choice ids (`[a-z][a-z0-9_]*`) and a field name:
 *   title, summary, <node>.text, <node>.prompt, <node>.review, <node>.<choice>.text,
 *   <node>.<choice>.feedback; for a course: title, description, outcomes.<n> (from 1),
 *   pathways.<id>.title.
 */
import type { Course, Scenario, ScenarioNode, ScenarioOutline } from './types.ts';

/** The shape of a passage id (unanchored, to build patterns from): `title`, `arrival.text`, `ask.listen.feedback`. */
export const PASSAGE_ID = /[a-z][a-z0-9_]*(?:\.[a-z0-9_]+){0,2}/;

/** Passage id → text, in reading order. */
export type Passages = Record<string, string>;

/** The language every scenario is written in; translations fall back to it. */
export const SOURCE_LOCALE = 'en-GB';

function nodePassages(node: ScenarioNode, into: Passages): void {
	into[`${node.id}.text`] = node.text;
	if (node.type !== 'decision') return;
	into[`${node.id}.prompt`] = node.prompt;
	if (node.review !== undefined) into[`${node.id}.review`] = node.review;
	for (const choice of node.choices) {
		into[`${node.id}.${choice.id}.text`] = choice.text;
		into[`${node.id}.${choice.id}.feedback`] = choice.feedback;
	}
}

export function scenarioPassages(scenario: Scenario): Passages {
	const passages: Passages = { title: scenario.title, summary: scenario.summary };
	for (const node of scenario.nodes) nodePassages(node, passages);
	return passages;
}

export function coursePassages(course: Course): Passages {
	const passages: Passages = { title: course.title, description: course.description };
	course.outcomes.forEach((outcome, i) => (passages[`outcomes.${i + 1}`] = outcome));
	for (const pathway of course.pathways) passages[`pathways.${pathway.id}.title`] = pathway.title;
	return passages;
}

/**
 * The scenario with its words replaced from `passages`; a passage the map lacks is left as it
 * was, unless `blank` says to empty it.
 */
export function withScenarioPassages(
	scenario: Scenario,
	passages: Passages,
	blank: (id: string) => boolean = () => false
): Scenario {
	const text = (id: string, current: string) =>
		(Object.hasOwn(passages, id) ? passages[id] : undefined) ?? (blank(id) ? '' : current);
	return {
		...scenario,
		title: text('title', scenario.title),
		summary: text('summary', scenario.summary),
		nodes: scenario.nodes.map((node): ScenarioNode => {
			const base = { ...node, text: text(`${node.id}.text`, node.text) };
			if (base.type !== 'decision') return base;
			return {
				...base,
				prompt: text(`${node.id}.prompt`, base.prompt),
				...(base.review === undefined ? {} : { review: text(`${node.id}.review`, base.review) }),
				choices: base.choices.map((choice) => ({
					...choice,
					text: text(`${node.id}.${choice.id}.text`, choice.text),
					feedback: text(`${node.id}.${choice.id}.feedback`, choice.feedback)
				}))
			};
		})
	};
}

/**
 * The scenario's structure without its words: what the launch page carries and the engine runs
 * on. Decision prompts stay, in English: the LMS's interaction report names each question by it.
 */
export const outlineOf = (scenario: Scenario): ScenarioOutline =>
	withScenarioPassages(scenario, {}, (id) => !id.endsWith('.prompt')) as ScenarioOutline;

export function withCoursePassages(course: Course, passages: Passages): Course {
	return {
		...course,
		title: passages.title ?? course.title,
		description: passages.description ?? course.description,
		outcomes: course.outcomes.map((outcome, i) => passages[`outcomes.${i + 1}`] ?? outcome),
		pathways: course.pathways.map((pathway) => ({
			...pathway,
			title: passages[`pathways.${pathway.id}.title`] ?? pathway.title
		}))
	};
}

/** Passage ids of `source` that `translated` lacks or leaves empty, in reading order. */
export const missingPassages = (source: Passages, translated: Passages): string[] =>
	Object.keys(source).filter((id) => !translated[id]?.trim());
