import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { choiceOrder, inLearnerOrder, orderSeed } from '../../src/lib/engine/choice-order.ts';
import { startCourseRun } from '../../src/lib/engine/progress.ts';
import { screenOf } from '../../src/lib/engine/screen.ts';
import { scoreCourse, type CourseScore } from '../../src/lib/engine/scoring.ts';
import { pointsTotal } from '../../src/lib/scenario/bounds.ts';
import { listCourses, loadCourseBundle } from '../../src/build-time/scenario/files.ts';
import { planned, plansOf } from '../../src/lib/scenario/plan.ts';
import type { Choice, CourseBundle, DecisionNode } from '../../src/lib/scenario/types.ts';

/**
 * A score means something only if it cannot be had without reading. These play every shipped
 * course and pathway on the real engine the way a learner guessing would: always the first or the
 * last choice on screen (in their own order), or always the longest or the shortest.
 */
const root = resolve(import.meta.dirname, '../../scenarios');
const courses: CourseBundle[] = listCourses(root).map((id) => {
	const loaded = loadCourseBundle(root, id);
	if (!loaded.ok) throw new Error(`${id} does not load`);
	return loaded.value;
});
const decisions = courses
	.flatMap((c) => c.scenarios)
	.flatMap((s) =>
		s.nodes.flatMap((n) => (n.type === 'decision' ? [{ scenario: s.id, node: n }] : []))
	);

type Pick = (scenarioId: string, node: DecisionNode) => Choice;

/** Plays a course from the welcome screen to the summary, choosing with `pick`. */
function playBy(bundle: CourseBundle, pathway: string | null, pick: Pick): CourseScore {
	const run = startCourseRun(bundle, null, () => 'test');
	expect(run.send(pathway ? { type: 'course.start', pathway } : { type: 'course.start' })).toBe(
		true
	);
	for (let step = 0; step < 5000 && run.actor.getSnapshot().status !== 'done'; step++) {
		const screen = screenOf(bundle, run.actor.getSnapshot());
		const sent =
			screen.kind === 'decision'
				? run.send({ type: 'choice.select', choice: pick(screen.scenario.id, screen.node).id })
				: run.send({ type: 'step.continue' });
		expect(sent).toBe(true);
	}
	expect(run.actor.getSnapshot().status).toBe('done');
	return scoreCourse(planned(bundle, pathway), run.actor.getSnapshot().context.decisions);
}

const byLength =
	(longest: boolean): Pick =>
	(_, node) =>
		[...node.choices].sort((a, b) =>
			longest ? b.text.length - a.text.length : a.text.length - b.text.length
		)[0]!;

/** The first (or last) choice as a learner with this seed sees them. */
const byPosition =
	(seed: string, last: boolean): Pick =>
	(scenarioId, node) => {
		const shown = inLearnerOrder({ id: scenarioId, nodes: [node] } as never, seed)
			.nodes[0] as DecisionNode;
		return last ? shown.choices.at(-1)! : shown.choices[0]!;
	};

const LEARNERS = 60;

describe('a learner who guesses does not pass', () => {
	for (const bundle of courses) {
		for (const { pathway } of plansOf(bundle.course)) {
			const name = `${bundle.course.id}${pathway ? ` (${pathway.id})` : ''}`;
			it(`${name}: always the longest or always the shortest choice fails`, () => {
				for (const longest of [true, false]) {
					const score = playBy(bundle, pathway?.id ?? null, byLength(longest));
					expect(score.passed, `${longest ? 'longest' : 'shortest'}: ${score.percent}%`).toBe(
						false
					);
				}
			});
			it(`${name}: always the first or always the last choice on screen fails, for ${LEARNERS} learners`, () => {
				for (let learner = 0; learner < LEARNERS; learner++) {
					for (const last of [false, true]) {
						const seed = orderSeed(`learner-${learner}`, 'a1');
						const score = playBy(bundle, pathway?.id ?? null, byPosition(seed, last));
						expect(score.passed, `${seed}, ${last ? 'last' : 'first'}: ${score.percent}%`).toBe(
							false
						);
					}
				}
			});
		}
	}
});

describe("each learner's own choice order", () => {
	it('is the same for the same learner and attempt, wherever it is worked out', () => {
		for (const { scenario, node } of decisions) {
			const seed = orderSeed('12345', 'k3x9q1');
			expect(choiceOrder(seed, scenario, node.id, node.choices.length)).toEqual(
				choiceOrder(seed, scenario, node.id, node.choices.length)
			);
		}
	});

	it('is a reordering of every choice, never losing or repeating one', () => {
		for (const { scenario, node } of decisions) {
			const order = choiceOrder('x~y', scenario, node.id, node.choices.length);
			expect([...order].sort()).toEqual(node.choices.map((_, i) => i));
		}
	});

	it('differs between two learners for most decisions, and between two attempts of one', () => {
		const differs = (a: string, b: string) =>
			decisions.filter(
				({ scenario, node }) =>
					choiceOrder(a, scenario, node.id, node.choices.length).join() !==
					choiceOrder(b, scenario, node.id, node.choices.length).join()
			).length / decisions.length;
		expect(differs(orderSeed('alice', 'a1'), orderSeed('bob', 'a1'))).toBeGreaterThan(0.8);
		expect(differs(orderSeed('alice', 'a1'), orderSeed('alice', 'a2'))).toBeGreaterThan(0.8);
	});

	it('puts the best choice in every position about equally often', () => {
		const counts = new Map<number, number>();
		let trials = 0;
		for (let learner = 0; learner < 200; learner++) {
			for (const { scenario, node } of decisions.filter((d) => d.node.choices.length === 4)) {
				const worth = node.choices.map((c) => pointsTotal(c.points));
				const best = worth.indexOf(Math.max(...worth));
				const order = choiceOrder(`${learner}~a`, scenario, node.id, 4);
				const at = order.indexOf(best);
				counts.set(at, (counts.get(at) ?? 0) + 1);
				trials++;
			}
		}
		for (let position = 0; position < 4; position++) {
			expect((counts.get(position) ?? 0) / trials).toBeGreaterThan(0.2);
			expect((counts.get(position) ?? 0) / trials).toBeLessThan(0.3);
		}
	});

	it('keeps the written order where the file says `order: fixed`', () => {
		const node: DecisionNode = {
			type: 'decision',
			id: 'grade',
			text: '',
			prompt: 'What level of risk?',
			fixedOrder: true,
			choices: ['standard', 'medium', 'high'].map((id) => ({
				id,
				text: id,
				points: {},
				feedback: '',
				next: 'end',
				critical: false
			}))
		};
		const shown = inLearnerOrder({ id: 's', nodes: [node] } as never, 'any~seed')
			.nodes[0] as DecisionNode;
		expect(shown.choices.map((c) => c.id)).toEqual(['standard', 'medium', 'high']);
	});
});
