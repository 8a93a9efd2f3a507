/**
 * The rules a schema can't express: the scenario graph, file names, and references between files.
 * Everything here runs on values that already passed the schema.
 */
import { readSchemaLine, schemaLine, SCHEMA_FILES } from './json-schema.ts';
import { locatorFor, type Locator, type Path } from '../../lib/scenario/locate.ts';
import type { FileKind } from './messages.ts';
import type { Problem } from '../../lib/scenario/problem.ts';
import { ID_PATTERN, LIMITS } from '../../lib/scenario/schema.ts';
import { closest, didYouMean, listOf, quoted } from '../../lib/scenario/suggest.ts';
import { decisionLengths, isTell, TELL_RATIO } from '../../lib/scenario/tells.ts';
import { scenarioGraph, type ScenarioGraph, type Step } from '../../lib/scenario/graph.ts';
import type { Course, Outcome, Scenario } from '../../lib/scenario/types.ts';

/** A file's name and text, for checks that must point into it. */
export interface SourceFile {
	file: string;
	source: string;
}

/** Where a step's `next` is written. */
const nextPath = (step: Step): Path =>
	step.choice
		? ['nodes', step.from.id, 'choices', step.choice.id, 'next']
		: ['nodes', step.from.id, 'next'];

/** "node `arrival`" or "choice `leave_it` in node `kitchen`". */
const whatTakes = (step: Step) =>
	step.choice
		? `choice \`${step.choice.id}\` in node \`${step.from.id}\``
		: `node \`${step.from.id}\``;

/** The file name without folders and `.yaml`, or undefined when the name says nothing (not a .yaml file). */
function fileId(file: string): string | undefined {
	const base = file.split(/[\\/]/).pop() ?? '';
	return base.endsWith('.yaml') ? base.slice(0, -'.yaml'.length) : undefined;
}

/** The file name must be the id: builds and course lists find scenarios by file name. */
export function checkFileName(id: string, file: string, locator: Locator): Problem[] {
	const name = fileId(file);
	if (name === undefined || name === id) return [];
	const alternative = ID_PATTERN.test(name) ? `, or change \`id\` to \`${name}\`` : '';
	return [
		{
			file,
			...locator.at(['id']),
			severity: 'error',
			message: `the file is called ${quoted(`${name}.yaml`)} but its \`id\` is \`${id}\``,
			hint: `Rename the file to \`${id}.yaml\`${alternative}. The file name and the id must match.`
		}
	];
}

/**
 * The first line links the editor schema, so VS Code with the YAML extension completes keys and
 * flags mistakes while the trainer types. A warning: the file itself is sound without it.
 */
export function checkSchemaLine(source: string, file: string, kind: FileKind): Problem[] {
	const found = readSchemaLine(source);
	const wanted = SCHEMA_FILES[kind];
	if (!found) {
		return [
			{
				file,
				line: 1,
				col: 1,
				severity: 'warning',
				message: `the first line does not link the ${kind} schema, so editors can't complete keys or flag mistakes as you type`,
				hint: `Add this as the first line: \`${schemaLine(kind)}\``
			}
		];
	}
	const name = found.link.split(/[\\/]/).pop() ?? '';
	if (name === wanted) return [];
	return [
		{
			file,
			line: 1,
			col: found.col,
			severity: 'warning',
			message: `the first line links ${quoted(found.link)}, which is not the ${kind} schema`,
			hint: `Link \`${wanted}\` instead: \`${schemaLine(kind)}\``
		}
	];
}

const ENDING_HINTS: Record<'good' | 'poor', string> = {
	good: 'Add a node with `type: ending` and `outcome: good`: learners need to see where good practice leads.',
	poor: 'Add a node with `type: ending` and `outcome: poor`: learners need to see what missing the signs can lead to.'
};

/** Graph and file name rules for a scenario that passed the schema. */
export function checkScenario(scenario: Scenario, locator: Locator, file: string): Problem[] {
	const problems: Problem[] = [...checkFileName(scenario.id, file, locator)];
	const error = (path: Path, message: string, hint: string, atKey = false): void => {
		const where = atKey ? locator.key(path) : locator.at(path);
		problems.push({ file, ...where, severity: 'error', message, hint });
	};

	const graph = scenarioGraph(scenario);
	const ids = scenario.nodes.map((node) => node.id);
	const exists = (id: string) => graph.node(id) !== undefined;
	const allSteps = ids.flatMap((id) => graph.steps(id));

	if (!exists(scenario.start)) {
		error(
			['start'],
			`\`start\` names node ${quoted(scenario.start)}, which does not exist`,
			`${didYouMean(scenario.start, ids)}Set \`start\` to the id of the first node.`
		);
	}
	for (const step of allSteps) {
		if (!exists(step.to)) {
			error(
				nextPath(step),
				`${whatTakes(step)} leads to node ${quoted(step.to)}, which does not exist`,
				`${didYouMean(step.to, ids)}Every \`next\` must name a node in this file.`
			);
		}
	}

	// A misspelt `next` or `start` is reported above; following it to the node it was surely meant
	// for keeps that node from also being reported as unreachable.
	const meant = (id: string): string | undefined => (exists(id) ? id : closest(id, ids));
	const start = meant(scenario.start);
	if (start !== undefined) {
		const reached = graph.reachable(start, meant);
		for (const id of ids) {
			if (!reached.has(id)) {
				error(
					['nodes', id],
					`node \`${id}\` can't be reached: no path from \`start\` leads to it`,
					'Point a `next` at it, or remove it if it is no longer needed.',
					true
				);
			}
		}
	}

	for (const step of graph.backSteps()) {
		error(
			nextPath(step),
			`${whatTakes(step)} leads back to node \`${step.to}\`, which comes before it on the path; paths only go forward in format 1`,
			'Point it at a node further on. To let the learner try again, copy the node under a new id.'
		);
	}

	// A `next` to a missing node is reported above; counting it as a way out avoids a second,
	// misleading report on every node before it.
	const endsOut = graph.leadingTo(
		(node) => node.type === 'ending' || graph.steps(node.id).some((step) => !exists(step.to))
	);
	for (const id of ids) {
		if (!endsOut.has(id)) {
			error(
				['nodes', id],
				`no path from node \`${id}\` leads to an ending`,
				'Follow its `next` values: at least one route must reach a node with `type: ending`.',
				true
			);
		}
	}

	const outcomes = new Set<Outcome>(
		scenario.nodes.flatMap((node) => (node.type === 'ending' ? [node.outcome] : []))
	);
	for (const outcome of ['good', 'poor'] as const) {
		if (!outcomes.has(outcome)) {
			error(['nodes'], `the scenario has no \`${outcome}\` ending`, ENDING_HINTS[outcome], true);
		}
	}
	problems.push(...checkCritical(graph, locator, file));
	problems.push(...checkTells(scenario, locator, file));
	return problems;
}

/**
 * A warning where the best choice is noticeably the longest: a learner who picks the longest
 * answer would pass without reading. A warning, so a deliberate exception can stay.
 */
function checkTells(scenario: Scenario, locator: Locator, file: string): Problem[] {
	return decisionLengths(scenario)
		.filter(isTell)
		.map(({ node, best, ratio }) => ({
			file,
			...locator.key(['nodes', node.id]),
			severity: 'warning' as const,
			message: `in decision \`${node.id}\` the best choice, \`${best}\`, is ${Math.round((ratio - 1) * 100)}% longer than the others on average: learners can pick it by its length`,
			hint: `Say the best choice more briefly, or give the others the same detail, until it is no more than ${Math.round((TELL_RATIO - 1) * 100)}% longer than their average.`
		}));
}

/**
 * Critical choices that tell the learner two things at once. Taking one fails the scenario
 * whatever follows, so the story after it should not end well; and a decision where every choice
 * is critical fails every learner who reaches it. Warnings: the file still plays.
 */
function checkCritical(graph: ScenarioGraph, locator: Locator, file: string): Problem[] {
	const problems: Problem[] = [];
	// The outcomes of the endings reachable from a node.
	const outcomesFrom = (id: string) =>
		new Set(
			[...graph.reachable(id)].flatMap((to) => {
				const node = graph.node(to);
				return node?.type === 'ending' ? [node.outcome] : [];
			})
		);
	for (const node of graph.scenario.nodes) {
		if (node.type !== 'decision') continue;
		for (const choice of node.choices) {
			if (!choice.critical || !graph.node(choice.next)) continue;
			const outcomes = outcomesFrom(choice.next);
			if (!outcomes.has('good')) continue;
			const only = outcomes.size === 1;
			problems.push({
				file,
				...locator.at(['nodes', node.id, 'choices', choice.id, 'next']),
				severity: 'warning',
				message: `critical choice \`${choice.id}\` in node \`${node.id}\` leads to node \`${choice.next}\`, from which ${only ? 'only a `good` ending can' : 'a `good` ending can still'} be reached`,
				hint: 'A critical choice fails the scenario whatever comes next, so the story should show where missing this leads: point `next` at a path that ends `poor`. If the choice is not that serious, remove `critical: true`.'
			});
		}
		if (node.choices.length > 1 && node.choices.every((choice) => choice.critical)) {
			problems.push({
				file,
				...locator.key(['nodes', node.id, 'choices']),
				severity: 'warning',
				message: `every choice in node \`${node.id}\` is critical, so every learner who reaches it fails`,
				hint: 'Give the learner at least one choice that is good practice, or remove `critical: true` from the choices that are not serious failures.'
			});
		}
	}
	return problems;
}

export interface CourseCheckOptions {
	/**
	 * Ids of scenarios that exist but are not in the map (for example because their own file has
	 * errors, reported there): they are not reported as unknown, and are offered as suggestions.
	 */
	present?: Iterable<string>;
}

/**
 * A course against the scenarios it lists: each exists, none twice, and (as a warning) each is
 * written for the course's audience. Problems point at the list item in `courseFile`.
 */
export function checkCourse(
	course: Course,
	scenarios: ReadonlyMap<string, Scenario>,
	courseFile: SourceFile,
	options: CourseCheckOptions = {}
): Problem[] {
	const locator = locatorFor(courseFile.source);
	const present = new Set(options.present ?? []);
	const known = [...new Set([...scenarios.keys(), ...present])];
	const problems: Problem[] = [];
	const error = (path: Path, message: string, hint: string) =>
		problems.push({
			file: courseFile.file,
			...locator.key(path),
			severity: 'error',
			message,
			hint
		});
	const listed = (key: string) => locator.has([key]);
	if (listed('scenarios') && (listed('core') || listed('pathways'))) {
		error(
			['scenarios'],
			'the course has `scenarios` and also `core` or `pathways`',
			'List `scenarios` for a course everyone plays the same way, or `core` and `pathways` for a course with roles: not both.'
		);
	} else if (!listed('scenarios') && !(listed('core') && listed('pathways'))) {
		error(
			[listed('core') ? 'core' : listed('pathways') ? 'pathways' : 'id'],
			listed('core')
				? 'the course has `core` but no `pathways`'
				: listed('pathways')
					? 'the course has `pathways` but no `core`'
					: 'the course lists no scenarios',
			listed('core') || listed('pathways')
				? 'A course with roles lists the scenarios everyone plays under `core:` and each role under `pathways:`. Without roles, use `scenarios:` alone.'
				: 'Add `scenarios:` with the list of scenario ids, in the order they are played.'
		);
	}
	if (course.pathways.length > LIMITS.pathways) {
		error(
			['pathways'],
			`the course has ${course.pathways.length} pathways; a course can offer at most ${LIMITS.pathways}`,
			'Merge roles that share most of their scenarios, or make a second course.'
		);
	}

	// Each list the learner plays through: the plain list, or the core and each pathway's own.
	const lists: { path: Path; ids: string[]; plan: string }[] =
		course.pathways.length === 0
			? [{ path: ['scenarios'], ids: course.scenarios, plan: '`scenarios`' }]
			: [
					{ path: ['core'], ids: course.core, plan: '`core`' },
					...course.pathways.map((p) => ({
						path: ['pathways', p.id, 'scenarios'],
						ids: p.scenarios,
						plan: `pathway \`${p.id}\``
					}))
				];
	const coreIds = new Set(course.pathways.length === 0 ? [] : course.core);
	for (const { path, ids, plan } of lists) {
		const firstIndex = new Map<string, number>();
		ids.forEach((id, index) => {
			const where = { file: courseFile.file, ...locator.at([...path, index]) };
			const first = firstIndex.get(id);
			if (first !== undefined || (path[0] !== 'core' && coreIds.has(id))) {
				problems.push({
					...where,
					severity: 'error',
					message:
						first !== undefined
							? `${plan} lists ${quoted(id)} twice (first as item ${first + 1})`
							: `${plan} lists ${quoted(id)}, which is already in \`core\``,
					hint: 'A scenario is played once per learner: remove one of them.'
				});
				return;
			}
			firstIndex.set(id, index);
			const scenario = scenarios.get(id);
			if (!scenario) {
				if (present.has(id)) return;
				problems.push({
					...where,
					severity: 'error',
					message: `${plan} lists ${quoted(id)}, but there is no scenario with that id`,
					hint: `${didYouMean(id, known)}Each listed id needs a scenario file \`${id}.yaml\` next to the \`courses\` folder.`
				});
				return;
			}
			if (!scenario.audiences.includes(course.audience)) {
				problems.push({
					...where,
					severity: 'warning',
					message: `scenario \`${id}\` is not written for \`${course.audience}\`, the course's audience (it lists ${listOf(scenario.audiences, 'and')})`,
					hint: `If it suits them, add \`${course.audience}\` to the scenario's \`audiences\`.`
				});
			}
		});
	}
	return problems;
}
