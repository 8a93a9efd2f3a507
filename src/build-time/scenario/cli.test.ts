import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const FIXTURES = 'tests/fixtures/scenarios';

function run(...args: string[]) {
	const result = spawnSync('npx', ['tsx', 'tools/scenarios-check.ts', ...args], {
		encoding: 'utf8',
		timeout: 60_000
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each run starts tsx afresh, which can take a few seconds on a slow machine.
describe('tools/scenarios-check.ts', { timeout: 30_000 }, () => {
	it('passes a sound folder with exit code 0, after the scores of every scenario and course', () => {
		const { code, stdout } = run(`${FIXTURES}/valid`);
		expect(stdout).toBe(
			[
				'Scores, lowest to highest, over every way through:',
				`  ${FIXTURES}/valid/fall_at_home.yaml: score 0–9 (professional_curiosity 0–4, risk_assessment 0–6, information_sharing 0–2) over 5 paths`,
				`  ${FIXTURES}/valid/minimal.yaml: score 0–3 (professional_curiosity 0–3) over 2 paths`,
				`  ${FIXTURES}/valid/courses/ambulance_refresher.yaml: 0–100% (pass mark 80%: can be passed and failed), about 3–4 minutes`,
				'Tells, where length gives the best choice away:',
				`  ${FIXTURES}/valid/fall_at_home.yaml: best choice is the longest in 1 of 2 decisions`,
				`  ${FIXTURES}/valid/minimal.yaml: best choice is the longest in 0 of 1 decision`,
				'  all: best choice is the longest in 1 of 3 decisions',
				'All 3 files are sound.',
				''
			].join('\n')
		);
		expect(code).toBe(0);
	});

	it('prints each problem as file:line:col  severity  message, a hint line, the scores, then a summary', () => {
		const { code, stdout, stderr } = run(
			`${FIXTURES}/malformed/missing_feedback.yaml`,
			`${FIXTURES}/malformed/unknown_next.yaml`,
			`${FIXTURES}/valid/minimal.yaml`
		);
		expect(stdout).toBe(
			[
				`${FIXTURES}/malformed/missing_feedback.yaml:24:7  error  choice \`leave_it\` in node \`kitchen\` has no \`feedback\``,
				'  hint: Add `feedback:` explaining why this choice matters and what good practice is.',
				`${FIXTURES}/malformed/unknown_next.yaml:23:15  error  choice \`ask_alone\` in node \`kitchen\` leads to node \`god_end\`, which does not exist`,
				'  hint: Did you mean `good_end`? Every `next` must name a node in this file.',
				'Scores, lowest to highest, over every way through:',
				`  ${FIXTURES}/valid/minimal.yaml: score 0–3 (professional_curiosity 0–3) over 2 paths`,
				'Tells, where length gives the best choice away:',
				`  ${FIXTURES}/valid/minimal.yaml: best choice is the longest in 0 of 1 decision`,
				'2 errors in 3 files',
				''
			].join('\n')
		);
		expect(stderr).toBe('');
		expect(code).toBe(1);
	});

	it('fails a course whose pass mark no one can reach, and warns of one no one can miss', () => {
		const { code, stdout } = run(`${FIXTURES}/pass_mark/courses`);
		const lines = stdout.split('\n');
		expect(lines).toContain(
			`${FIXTURES}/pass_mark/courses/unreachable.yaml:11:12  error  the pass mark of 80% can't be reached: the best playthrough without a critical choice scores 25%`
		);
		expect(lines).toContain(
			`${FIXTURES}/pass_mark/courses/cannot_fail.yaml:11:12  warning  the pass mark of 0% can't be missed: the lowest-scoring playthrough scores 0% and still passes`
		);
		expect(lines).toContain(
			`  ${FIXTURES}/pass_mark/courses/sound.yaml: 0–100% (pass mark 80%: can be passed and failed), about 1–3 minutes`
		);
		expect(stdout).toMatch(/\n2 errors, 1 warning in 4 files\n$/);
		expect(code).toBe(1);
	});

	it('counts errors and warnings apart', () => {
		const { code, stdout } = run(`${FIXTURES}/course_errors/courses/typos.yaml`);
		expect(stdout).toMatch(/^2 errors, 1 warning in 1 file\n$/m);
		expect(code).toBe(1);
	});

	it('passes with exit code 0 when there are only warnings', () => {
		const { code, stdout } = run(`${FIXTURES}/warnings_only`);
		expect(stdout).toMatch(/:14:5 {2}warning {2}scenario `minimal` is not written for `police`/);
		expect(stdout).toMatch(/\n1 warning in 2 files\n$/);
		expect(code).toBe(0);
	});

	it('counts stale passages in the translation line, and passes with them as warnings', () => {
		const { code, stdout } = run(`${FIXTURES}/stale_translation`);
		expect(stdout.split('\n')).toContain(
			`  ${FIXTURES}/stale_translation/courses/minimal_course.yaml: cy: 0 of 1 scenario translated, and the course's own words; learners read the other 1 in English; 1 passage to update where the English changed (not yet reviewed by a trainer who speaks it)`
		);
		expect(stdout).toMatch(/\n1 warning in 4 files\n$/);
		expect(code).toBe(0);
	});

	it('reports a missing file without a stack trace', () => {
		const { code, stdout, stderr } = run(`${FIXTURES}/nothing_here.yaml`);
		expect(stdout).toBe(
			`${FIXTURES}/nothing_here.yaml:1:1  error  there is no such file\n1 error in 1 file\n`
		);
		expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
		expect(code).toBe(1);
	});
});
