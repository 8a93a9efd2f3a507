/**
 * One recorded attempt read back through its course, as `judgeDecision` wrote it: 1.2 responses
 * are letters in the file's order of choices, 2004 responses are choice ids. A response that no
 * longer fits the scenario files becomes a notice, never a guess.
 */
import type { Decision } from '../../lib/engine/course-machine.ts';
import { startCourseRun } from '../../lib/engine/progress.ts';
import { judgeDecision, scoreCourse } from '../../lib/engine/scoring.ts';
import type {
	Choice,
	CourseBundle,
	DecisionNode,
	Scenario,
	Theme
} from '../../lib/scenario/types.ts';
import type { Located, Notice, RecordedAttempt } from './exports.ts';

/** An attempt read back through its course: what the learner chose and how it went. */
export interface AttemptView {
	record: RecordedAttempt;
	bundle: CourseBundle;
	decisions: Decision[];
	completed?: boolean;
	passed?: boolean;
	score?: number;
	/** Theme → met, from the LMS's objectives where it stored them, else from the decisions. */
	themes: Map<Theme, boolean>;
	/** Per scenario: the arrows walked (`from>to`) and the ending reached, if any. */
	paths: Map<string, { edges: string[]; ending?: string }>;
}

export const scenarioOf = (interaction: string) => interaction.slice(0, interaction.indexOf('.'));

/** The course an attempt was made in: named by the export, or the best fit for its decisions. */
export function courseFor(
	record: RecordedAttempt,
	bundles: CourseBundle[],
	fileScenarios: Set<string>
): CourseBundle | undefined {
	const named = bundles.find((b) => b.course.id === record.course);
	if (named) return named;
	const titled = bundles.find((b) => b.course.title === record.courseTitle);
	if (titled) return titled;
	const own = new Set(record.decisions.map((d) => scenarioOf(d.interaction)));
	if (own.size === 0) return undefined;
	const fits = (ids: Set<string>) =>
		bundles
			.filter((b) => [...ids].every((id) => b.course.scenarios.includes(id)))
			.sort((a, b) => a.course.scenarios.length - b.course.scenarios.length);
	return fits(fileScenarios)[0] ?? fits(own)[0];
}

/**
 * Moodle's three reports list the same attempts under the same learner key: one attempt each,
 * with the decisions of the interactions report and the dates and scores of any.
 */
export function mergeAttempts(records: RecordedAttempt[]): RecordedAttempt[] {
	const merged = new Map<string, RecordedAttempt>();
	for (const record of records) {
		const key = JSON.stringify([record.learner, record.attempt]);
		const known = merged.get(key);
		if (!known) {
			merged.set(key, {
				...record,
				objectives: new Map(record.objectives),
				decisions: [...record.decisions]
			});
			continue;
		}
		if (known.decisions.length === 0 && record.decisions.length > 0) {
			known.decisions = [...record.decisions];
			known.at = record.at;
			known.format = record.format;
		}
		known.started ??= record.started;
		known.seconds ??= record.seconds;
		known.score ??= record.score;
		known.completed ??= record.completed;
		known.passed ??= record.passed;
		known.pathway ??= record.pathway;
		for (const [id, met] of record.objectives)
			if (!known.objectives.has(id)) known.objectives.set(id, met);
	}
	return [...merged.values()];
}

export const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** The choice a recorded response names, or a notice saying why none fits. */
function choiceFor(
	node: DecisionNode,
	response: string,
	edition: '1.2' | '2004' | undefined
): { choice: Choice } | { problem: string } {
	const byId = node.choices.find((c) => c.id === response);
	if (edition !== '1.2' && byId) return { choice: byId };
	if (edition !== '2004' && /^[a-z]$/.test(response)) {
		const index = LETTERS.indexOf(response);
		const choice = node.choices[index];
		if (choice) return { choice };
		return {
			problem: `the response \`${response}\` is choice ${index + 1}, but the decision now has ${node.choices.length} (a–${LETTERS[node.choices.length - 1]})`
		};
	}
	return {
		problem: `the response \`${response}\` is not a choice of this decision (now ${node.choices.map((c) => `\`${c.id}\``).join(', ')})`
	};
}

const CHANGED_HINT =
	'The scenario has probably changed since this attempt. Run the report with --scenarios pointing at the scenario files as they were when the course was packaged.';

/** `ambulance_refresher.1 (scenario versions 1.2)`: what saved progress says it was made with. */
function versionsIn(progress: string): string {
	const [, course, scenarios] = progress.split('~');
	return `${course ?? '?'} (scenario versions ${scenarios ?? '?'})`;
}

/**
 * Saved progress names the course and scenario versions an attempt was made with: where they
 * are not the versions in --scenarios, say so once per file, before any choice is misread.
 */
export function versionNotices(records: RecordedAttempt[], bundle: CourseBundle): Notice[] {
	const byFile = new Map<string, RecordedAttempt[]>();
	for (const record of records) {
		if (!record.savedProgress) continue;
		const problem = startCourseRun(bundle, record.savedProgress).restoreProblem;
		if (problem !== 'content-changed' && problem !== 'other-course') continue;
		byFile.set(record.at.file, [...(byFile.get(record.at.file) ?? []), record]);
	}
	const here = `${bundle.course.id}.${bundle.course.version} (scenario versions ${bundle.scenarios.map((s) => s.version).join('.')})`;
	return [...byFile.values()].map((changed) => ({
		...changed[0]!.at,
		kind: 'course changed',
		message: `${changed.length} of this file's attempts were saved by ${[...new Set(changed.map((r) => versionsIn(r.savedProgress!)))].join(', ')}, but the scenarios folder has ${here}; choices are matched by id or letter all the same, and any that no longer fit are listed`,
		hint: CHANGED_HINT
	}));
}

/** Reads one attempt's decisions back through its course and walks its paths. */
export function viewAttempt(
	record: RecordedAttempt,
	bundle: CourseBundle,
	notices: Notice[]
): AttemptView {
	const decisions: Decision[] = [];
	/** Where each decision was read, for messages about the path. */
	const where = new Map<Decision, Located>();
	const scenarios = new Map(bundle.scenarios.map((s) => [s.id, s]));
	for (const recorded of record.decisions) {
		const at = recorded.at;
		const dot = recorded.interaction.indexOf('.');
		const scenario = scenarios.get(recorded.interaction.slice(0, dot));
		const node = scenario?.nodes.find((n) => n.id === recorded.interaction.slice(dot + 1));
		if (!scenario || dot < 0 || node?.type !== 'decision') {
			notices.push({
				...at,
				kind: 'unknown interaction',
				message: `\`${recorded.interaction}\` is not a decision of course \`${bundle.course.id}\`${scenario ? ` (scenario \`${scenario.id}\` has no decision \`${recorded.interaction.slice(dot + 1)}\`)` : ''}; it is not counted`,
				hint: scenario ? CHANGED_HINT : undefined
			});
			continue;
		}
		const found = choiceFor(node, recorded.response, recorded.edition);
		if ('problem' in found) {
			notices.push({
				...at,
				kind: 'course changed',
				message: `\`${recorded.interaction}\`: ${found.problem}; it is not counted`,
				hint: CHANGED_HINT
			});
			continue;
		}
		const decision = { scenario: scenario.id, node: node.id, choice: found.choice.id };
		const judged = judgeDecision(scenario, decision)!;
		const result = recorded.result === 'wrong' ? 'incorrect' : recorded.result;
		if (
			result &&
			['correct', 'incorrect', 'neutral'].includes(result) &&
			result !== judged.result
		) {
			notices.push({
				...at,
				kind: 'course changed',
				message: `\`${recorded.interaction}\` \`${recorded.response}\` (\`${found.choice.id}\`) was recorded as ${recorded.result}, but the scenario now makes it ${judged.result}; counted as \`${found.choice.id}\``,
				hint: CHANGED_HINT
			});
		}
		decisions.push(decision);
		where.set(decision, at);
	}

	const paths = new Map<string, { edges: string[]; ending?: string }>();
	for (const scenario of bundle.scenarios) {
		const mine = decisions.filter((d) => d.scenario === scenario.id);
		if (mine.length === 0) continue;
		paths.set(scenario.id, walk(scenario, mine, where, notices));
	}
	const allEnded =
		decisions.length > 0 && bundle.scenarios.every((s) => paths.get(s.id)?.ending !== undefined);
	const computed = scoreCourse(bundle, decisions);
	// The package writes the course score only with the result (src/lib/session), so a score the
	// LMS holds means the attempt was finished, and is the score it was judged on, whatever the
	// scenario files say now.
	const scored = record.score !== undefined;
	const unended = [...paths].filter(([, path]) => path.ending === undefined).map(([id]) => id);
	if (scored && record.completed === undefined && unended.length > 0) {
		notices.push({
			...record.at,
			kind: 'course changed',
			message: `the LMS holds a score of ${record.score}, so this attempt was finished, but its decisions no longer reach an ending of ${unended.map((id) => `\`${id}\``).join(', ')}; it is counted as finished, with the LMS's score`,
			hint: CHANGED_HINT
		});
	}
	const completed =
		record.completed ?? (scored ? true : decisions.length > 0 ? allEnded : undefined);
	const score = record.score ?? (decisions.length > 0 ? computed.percent : undefined);
	const passed =
		record.passed ??
		(completed === undefined
			? undefined
			: completed &&
				(scored
					? record.score! >= bundle.course.passMark &&
						!(decisions.length > 0 && computed.failedOnCritical)
					: decisions.length > 0 && computed.passed));
	const themes = new Map<Theme, boolean>();
	for (const theme of computed.themes) {
		const stored = record.objectives.get(theme.theme);
		if (stored !== undefined) themes.set(theme.theme, stored);
		else if (completed && decisions.length > 0) {
			themes.set(theme.theme, theme.percent >= bundle.course.passMark);
		}
	}
	return { record, bundle, decisions, completed, passed, score, themes, paths };
}

/** The arrows an attempt took through one scenario, from its start to the ending it reached. */
function walk(
	scenario: Scenario,
	decisions: Decision[],
	where: Map<Decision, Located>,
	notices: Notice[]
): { edges: string[]; ending?: string } {
	const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
	const edges: string[] = [];
	const queue = [...decisions];
	let node = nodes.get(scenario.start);
	for (let steps = 0; node && steps <= scenario.nodes.length; steps++) {
		if (node.type === 'ending') return { edges, ending: node.id };
		if (node.type === 'narrative') {
			edges.push(`${node.id}>${node.next}`);
			node = nodes.get(node.next);
			continue;
		}
		const next = queue.shift();
		if (!next) break;
		if (next.node !== node.id) {
			notices.push({
				...where.get(next)!,
				kind: 'course changed',
				message: `in scenario \`${scenario.id}\` this attempt answered \`${next.node}\` where the scenario now leads to \`${node.id}\`; its path is drawn only up to there`,
				hint: CHANGED_HINT
			});
			break;
		}
		const choice = node.choices.find((c) => c.id === next.choice)!;
		edges.push(`${node.id}>${choice.next}`);
		node = nodes.get(choice.next);
	}
	return { edges };
}
