import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/lib/engine/course-machine.ts';
import { judgeDecision, scoreCourse } from '../../src/lib/engine/scoring.ts';
import type { CourseBundle, Scenario } from '../../src/lib/scenario/types.ts';
import { loadCourses } from '../../src/build-time/report/analyse.ts';
import { buildReport } from '../../src/build-time/report/report.ts';
import { shown } from '../../src/build-time/report/summary.ts';

/**
 * Round trip: made-up learners play a course at random, their attempts are written out as the
 * plain CSV exports (decisions or tracks, SCORM 1.2 letters or 2004 ids, with and without role
 * pathways), and the report must count back exactly what was played.
 */
const { bundles } = loadCourses('tests/fixtures/report/scenarios');

/** A small, seeded generator, so a failing case can be replayed from its seed. */
function random(seed: number) {
	return () => {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		return seed / 2 ** 31;
	};
}

interface Played {
	learner: string;
	attempt: number;
	pathway?: string;
	decisions: Decision[];
	/** Per scenario started: the ending reached, or undefined. */
	endings: Map<string, string | undefined>;
	completed: boolean;
	passed: boolean;
}

/** One attempt: each scenario walked from its start by random choices, maybe left part way. */
function play(bundle: CourseBundle, next: () => number): Omit<Played, 'learner' | 'attempt'> {
	const decisions: Decision[] = [];
	const endings = new Map<string, string | undefined>();
	// an attempt left before its first decision leaves nothing in an export: at least one
	const leaveAt = next() < 0.15 ? 1 + Math.floor(next() * 12) : Infinity;
	let steps = 0;
	for (const scenario of bundle.scenarios) {
		if (steps >= leaveAt) break;
		const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
		let node = nodes.get(scenario.start);
		// A learner leaves at a decision: once the last choice is made, its ending is decided.
		while (node) {
			if (node.type === 'ending') {
				endings.set(scenario.id, node.id);
				break;
			}
			if (node.type === 'narrative') {
				node = nodes.get(node.next);
				continue;
			}
			if (steps >= leaveAt) break;
			const choice = node.choices[Math.floor(next() * node.choices.length)]!;
			decisions.push({ scenario: scenario.id, node: node.id, choice: choice.id });
			// a scenario counts as started from its first decision, as an export shows it
			if (!endings.has(scenario.id)) endings.set(scenario.id, undefined);
			steps++;
			node = nodes.get(choice.next);
		}
	}
	const completed =
		bundle.scenarios.every((s) => endings.get(s.id) !== undefined) && decisions.length > 0;
	return {
		decisions,
		endings,
		completed,
		passed: completed && scoreCourse(bundle, decisions).passed
	};
}

function quote(value: string): string {
	return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const scenarioOf = (bundle: CourseBundle, id: string) =>
	bundle.scenarios.find((s) => s.id === id) as Scenario;

function letterOf(bundle: CourseBundle, d: Decision): string {
	const judged = judgeDecision(scenarioOf(bundle, d.scenario), d)!;
	return 'abcdefghijklmnopqrstuvwxyz'[judged.choiceIndex]!;
}

/** The decisions CSV: one row per decision. */
function decisionsCsv(bundle: CourseBundle, played: Played[], letters: boolean): string {
	const lines = ['learner,attempt,interaction,response,result,time,pathway'];
	let clock = Date.UTC(2026, 11, 1, 9);
	for (const attempt of played) {
		for (const d of attempt.decisions) {
			const judged = judgeDecision(scenarioOf(bundle, d.scenario), d)!;
			clock += 61_000;
			const result = letters && judged.result === 'incorrect' ? 'wrong' : judged.result;
			lines.push(
				[
					quote(attempt.learner),
					String(attempt.attempt),
					judged.id,
					letters ? letterOf(bundle, d) : d.choice,
					result,
					new Date(clock).toISOString().slice(0, 19),
					attempt.pathway ?? ''
				].join(',')
			);
		}
	}
	return `${lines.join('\n')}\n`;
}

/** The tracks CSV: every stored element, in SCORM 1.2 or 2004 names, in shuffled order. */
function tracksCsv(
	bundle: CourseBundle,
	played: Played[],
	edition: '1.2' | '2004',
	next: () => number
): string {
	const rows: string[][] = [];
	for (const attempt of played) {
		const put = (element: string, value: string) =>
			rows.push([
				attempt.learner,
				String(attempt.attempt),
				`ITEM_${bundle.course.id}`,
				element,
				value
			]);
		const score = scoreCourse(bundle, attempt.decisions);
		if (edition === '1.2') {
			put(
				'cmi.core.lesson_status',
				attempt.completed ? (attempt.passed ? 'passed' : 'failed') : 'incomplete'
			);
			if (attempt.completed) put('cmi.core.score.raw', String(score.percent));
			if (attempt.pathway)
				put('cmi.comments', `pathway: ${attempt.pathway} (The ${attempt.pathway} pathway)`);
		} else {
			put('cmi.completion_status', attempt.completed ? 'completed' : 'incomplete');
			put(
				'cmi.success_status',
				attempt.completed ? (attempt.passed ? 'passed' : 'failed') : 'unknown'
			);
			if (attempt.pathway) {
				put(
					'cmi.comments_from_learner.0.comment',
					`pathway: ${attempt.pathway} (The ${attempt.pathway} pathway)`
				);
			}
		}
		attempt.decisions.forEach((d, n) => {
			const judged = judgeDecision(scenarioOf(bundle, d.scenario), d)!;
			// Moodle stores 1.2 indices with underscores; either spelling must read
			const at = edition === '1.2' && n % 2 ? `cmi.interactions_${n}` : `cmi.interactions.${n}`;
			put(`${at}.id`, judged.id);
			put(
				`${at}.${edition === '1.2' ? 'student_response' : 'learner_response'}`,
				edition === '1.2' ? letterOf(bundle, d) : d.choice
			);
			put(
				`${at}.result`,
				edition === '1.2' && judged.result === 'incorrect' ? 'wrong' : judged.result
			);
		});
	}
	for (let i = rows.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[rows[i], rows[j]] = [rows[j]!, rows[i]!];
	}
	return `learner,attempt,sco,element,value\n${rows.map((r) => r.map(quote).join(',')).join('\n')}\n`;
}

function generate(seed: number) {
	const next = random(seed);
	const bundle = bundles[Math.floor(next() * bundles.length)]!;
	const pathways = next() < 0.5 ? ['police', 'health'] : [];
	const learners = 1 + Math.floor(next() * 24);
	const played: Played[] = [];
	for (let i = 0; i < learners; i++) {
		// keys with commas and quotes, as names can have
		const learner = i % 5 === 0 ? `Smith, "Jo" ${i}` : `learner${i}`;
		const pathway = pathways.length ? pathways[Math.floor(next() * pathways.length)] : undefined;
		const attempts = 1 + Math.floor(next() * next() * 3);
		for (let attempt = 1; attempt <= attempts; attempt++) {
			played.push({ learner, attempt, pathway, ...play(bundle, next) });
		}
	}
	const format = Math.floor(next() * 4);
	const text =
		format === 0
			? decisionsCsv(bundle, played, true)
			: format === 1
				? decisionsCsv(bundle, played, false)
				: tracksCsv(bundle, played, format === 2 ? '1.2' : '2004', next);
	return { bundle, played, text, format, learners };
}

/** What the report should find, counted straight from the plays. */
function expected(bundle: CourseBundle, played: Played[]) {
	const firsts = played.filter((p) => p.attempt === 1);
	const choices = new Map<string, { first: number; all: number }>();
	const count = (list: Played[], field: 'first' | 'all') => {
		for (const p of list) {
			for (const d of p.decisions) {
				const key = `${d.scenario}.${d.node}.${d.choice}`;
				const entry = choices.get(key) ?? { first: 0, all: 0 };
				entry[field]++;
				choices.set(key, entry);
			}
		}
	};
	count(firsts, 'first');
	count(played, 'all');
	const learners = new Set(played.map((p) => p.learner));
	const some = (pick: (p: Played) => boolean) =>
		[...learners].filter((l) => played.some((p) => p.learner === l && pick(p))).length;
	const endings = new Map<string, number>();
	for (const p of firsts) {
		for (const [scenario, ending] of p.endings) {
			const key = `${scenario}.${ending ?? '(unfinished)'}`;
			endings.set(key, (endings.get(key) ?? 0) + 1);
		}
	}
	return {
		learners: learners.size,
		attempts: played.length,
		completed: some((p) => p.completed),
		passed: some((p) => p.passed),
		choices,
		endings,
		bundle
	};
}

describe('the report counts back exactly what generated exports hold', () => {
	for (let seed = 1; seed <= 40; seed++) {
		it(`seed ${seed}`, () => {
			const { bundle, played, text, format } = generate(seed);
			const { analysis, summary } = buildReport(
				[{ file: `generated-${seed}.csv`, bytes: new TextEncoder().encode(text) }],
				bundles
			);
			expect(analysis.notices, `format ${format}`).toEqual([]);
			const truth = expected(bundle, played);
			const group = analysis.groups.find((g) => !g.pathway)!;
			expect(group.course.id).toBe(bundle.course.id);
			expect({
				learners: group.learners,
				attempts: group.attempts,
				completed: group.completed,
				passed: group.passed
			}).toEqual({
				learners: truth.learners,
				attempts: truth.attempts,
				completed: truth.completed,
				passed: truth.passed
			});
			for (const decision of group.decisions) {
				for (const choice of decision.choices) {
					const key = `${decision.scenario}.${decision.node}.${choice.id}`;
					const want = truth.choices.get(key) ?? { first: 0, all: 0 };
					expect({ key, first: choice.first, all: choice.all }).toEqual({ key, ...want });
				}
			}
			for (const scenario of group.scenarios) {
				for (const [ending, n] of scenario.endings) {
					expect(n, `${scenario.id}.${ending}`).toBe(truth.endings.get(`${scenario.id}.${ending}`));
				}
				expect(scenario.unfinished).toBe(truth.endings.get(`${scenario.id}.(unfinished)`) ?? 0);
			}
			// Role pathways: one group each, with its own learners.
			const pathways = new Set(played.flatMap((p) => (p.pathway ? [p.pathway] : [])));
			expect(analysis.groups.filter((g) => g.pathway).map((g) => g.pathway!.id)).toEqual(
				[...pathways].sort()
			);
			for (const g of analysis.groups.filter((g) => g.pathway)) {
				expect(g.learners).toBe(
					new Set(played.filter((p) => p.pathway === g.pathway!.id).map((p) => p.learner)).size
				);
			}
			// What is written out hides every count from 1 to 4, and small groups entirely.
			const publicGroup = summary.groups.find((g) => !g.pathway)!;
			expect(publicGroup.learners).toEqual(shown(truth.learners));
			expect(publicGroup.suppressed).toBe(truth.learners < 5);
			for (const decision of publicGroup.decisions) {
				for (const choice of decision.choices) {
					const want = truth.choices.get(`${decision.scenario}.${decision.node}.${choice.id}`);
					expect(choice.first.learners).toEqual(shown(want?.first ?? 0));
				}
			}
			const json = JSON.stringify(summary);
			expect(json).not.toMatch(/learner\d|Smith/);
		});
	}
});
