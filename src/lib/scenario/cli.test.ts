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
	it('passes a sound folder with exit code 0', () => {
		const { code, stdout } = run(`${FIXTURES}/valid`);
		expect(stdout).toBe('All 3 files are sound.\n');
		expect(code).toBe(0);
	});

	it('prints each problem as file:line:col  severity  message, a hint line, then a summary', () => {
		const { code, stdout, stderr } = run(
			`${FIXTURES}/malformed/missing_feedback.yaml`,
			`${FIXTURES}/malformed/unknown_next.yaml`,
			`${FIXTURES}/valid/minimal.yaml`
		);
		expect(stdout).toBe(
			[
				`${FIXTURES}/malformed/missing_feedback.yaml:23:7  error  choice \`leave_it\` in node \`kitchen\` has no \`feedback\``,
				'  hint: Add `feedback:` explaining why this choice matters and what good practice is.',
				`${FIXTURES}/malformed/unknown_next.yaml:22:15  error  choice \`ask_alone\` in node \`kitchen\` leads to node \`god_end\`, which does not exist`,
				'  hint: Did you mean `good_end`? Every `next` must name a node in this file.',
				'2 errors in 3 files',
				''
			].join('\n')
		);
		expect(stderr).toBe('');
		expect(code).toBe(1);
	});

	it('counts errors and warnings apart', () => {
		const { code, stdout } = run(`${FIXTURES}/course_errors/courses/typos.yaml`);
		expect(stdout).toMatch(/^2 errors, 1 warning in 1 file\n$/m);
		expect(code).toBe(1);
	});

	it('passes with exit code 0 when there are only warnings', () => {
		const { code, stdout } = run(`${FIXTURES}/warnings_only`);
		expect(stdout).toMatch(/ {2}warning {2}scenario `minimal` is not written for `police`/);
		expect(stdout).toMatch(/\n1 warning in 2 files\n$/);
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
