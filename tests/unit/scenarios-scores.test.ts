import { describe, expect, it } from 'vitest';
import { scoreBounds } from '../../src/lib/scenario/bounds.ts';
import { checkFiles } from '../../src/build-time/scenario/files.ts';
import { choice, fixture, scenarioOf } from '../fixtures/test-scenarios.ts';
import type { ScenarioNode } from '../../src/lib/scenario/types.ts';
import { courseReport, scenarioReport, walkScores } from '../../src/build-time/scenario/scores.ts';

const FIXTURES = 'tests/fixtures/scenarios';
const shipped = checkFiles(['scenarios']);

describe('walkScores', () => {
	it('plays every path of the branching fixture on the machine', () => {
		// Paths: ask_alone or check_dash (3 each), then refer_marac 6 or give_leaflet 1; or leave_it 0.
		expect(walkScores(fixture('valid/fall_at_home.yaml'))).toEqual({
			total: { min: 0, max: 9 },
			themes: {
				professional_curiosity: { min: 0, max: 4 },
				risk_assessment: { min: 0, max: 6 },
				information_sharing: { min: 0, max: 2 }
			},
			paths: 5
		});
	});

	it('agrees with scoreBounds on every shipped scenario', () => {
		expect(shipped.scenarios.length).toBeGreaterThan(0);
		for (const { scenario } of shipped.scenarios) {
			const walked = walkScores(scenario);
			const bounds = scoreBounds(scenario);
			expect([walked.total.min, walked.total.max], scenario.id).toEqual([bounds.min, bounds.max]);
			const maxByTheme = Object.fromEntries(
				Object.entries(walked.themes).map(([theme, range]) => [theme, range.max])
			);
			expect(maxByTheme, scenario.id).toEqual(bounds.maxByTheme);
		}
	});

	it('works state by state, so 2^30 paths take no time', () => {
		const nodes: ScenarioNode[] = [];
		for (let i = 0; i < 30; i++) {
			const next = i === 29 ? 'end' : `step_${i + 1}`;
			nodes.push({
				type: 'decision',
				id: `step_${i}`,
				text: '',
				prompt: '',
				choices: [choice('high', { hidden_harm: 2 }, next), choice('low', { hidden_harm: 1 }, next)]
			});
		}
		nodes.push({ type: 'ending', id: 'end', outcome: 'good', text: '' });
		const started = performance.now();
		expect(walkScores(scenarioOf(nodes))).toEqual({
			total: { min: 30, max: 60 },
			themes: { hidden_harm: { min: 30, max: 60 } },
			paths: 2 ** 30
		});
		expect(performance.now() - started).toBeLessThan(5000);
	});
});

describe('scenarioReport', () => {
	it('prints the total and per-theme ranges and the number of paths', () => {
		const file = `${FIXTURES}/valid/minimal.yaml`;
		expect(scenarioReport({ file, scenario: fixture('valid/minimal.yaml') })).toEqual({
			line: `${file}: score 0–3 (professional_curiosity 0–3) over 2 paths`,
			problems: []
		});
	});

	it('reports a scenario the engine cannot play as a fault in the checker, not a crash', () => {
		const looping = scenarioOf([
			{ type: 'narrative', id: 'a', text: '', next: 'b' },
			{ type: 'narrative', id: 'b', text: '', next: 'a' }
		]);
		const report = scenarioReport({ file: 'loop.yaml', scenario: looping });
		expect(report.problems).toEqual([
			expect.objectContaining({
				file: 'loop.yaml',
				line: 1,
				col: 1,
				severity: 'error',
				message: expect.stringContaining('playing every path on the course engine failed'),
				hint: expect.stringContaining('not in your file')
			})
		]);
	});
});

describe('courseReport', () => {
	const checked = checkFiles([`${FIXTURES}/pass_mark`]);
	const report = (id: string) => {
		const course = checked.courses.find((c) => c.bundle.course.id === id);
		if (!course) throw new Error(`course ${id} should load`);
		return courseReport(course);
	};

	it('passes a course that can be passed and failed', () => {
		expect(report('sound')).toEqual({
			line: `${FIXTURES}/pass_mark/courses/sound.yaml: 0–100% (pass mark 80%: can be passed and failed), about 1–3 minutes`,
			problems: []
		});
	});

	it('is an error when the best playthrough without a critical choice is below the pass mark', () => {
		expect(report('unreachable').problems).toEqual([
			{
				file: `${FIXTURES}/pass_mark/courses/unreachable.yaml`,
				line: 11,
				col: 12,
				severity: 'error',
				message:
					"the pass mark of 80% can't be reached: the best playthrough without a critical choice scores 25%",
				hint: 'Lower `pass_mark` to 25 or less, or give more points to good practice that avoids critical choices.'
			}
		]);
	});

	it('names the scenario when every way through it takes a critical choice', () => {
		expect(report('forced').problems).toEqual([
			expect.objectContaining({
				line: 11,
				col: 12,
				severity: 'error',
				message:
					"the pass mark can't be reached: every way through `forced` takes a critical choice, which fails the course"
			})
		]);
	});

	it('warns when no playthrough can miss the pass mark', () => {
		expect(report('cannot_fail')).toEqual({
			line: `${FIXTURES}/pass_mark/courses/cannot_fail.yaml: 0–100% (pass mark 0%: no one can fail), about 1–3 minutes`,
			problems: [
				expect.objectContaining({
					line: 11,
					col: 12,
					severity: 'warning',
					message:
						"the pass mark of 0% can't be missed: the lowest-scoring playthrough scores 0% and still passes",
					hint: expect.stringContaining('critical_choice_fails: true')
				})
			]
		});
	});

	it('finds every shipped course can be both passed and failed', () => {
		expect(shipped.courses.length).toBeGreaterThan(0);
		for (const course of shipped.courses) {
			expect(courseReport(course).problems, course.file).toEqual([]);
		}
	});
});
