import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/build-time/scenario/parse.ts';
import { newIdProblem, scenarioTemplate } from '../../src/build-time/scenario/template.ts';
import { walkScores } from '../../src/build-time/scenario/scores.ts';

function run(tool: string, ...args: string[]) {
	const result = spawnSync('npx', ['tsx', `tools/${tool}.ts`, ...args], {
		encoding: 'utf8',
		timeout: 60_000
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scenarioTemplate', () => {
	const template = scenarioTemplate('new_case');

	it('passes the checker as written, without a single warning', () => {
		const result = parseScenario(template, 'scenarios/new_case.yaml');
		expect(result.problems).toEqual([]);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.id).toBe('new_case');
		// Something to learn from on every path: points to earn, and an ending of each kind.
		expect(walkScores(result.value).total).toEqual({ min: 0, max: 3 });
		const outcomes = result.value.nodes.flatMap((n) => (n.type === 'ending' ? [n.outcome] : []));
		expect(outcomes.sort()).toEqual(['good', 'mixed', 'poor']);
	});

	it('links the editor schema on its first line and explains its keys in comments', () => {
		const lines = template.split('\n');
		expect(lines[0]).toBe('# yaml-language-server: $schema=./schema/scenario.schema.json');
		for (const key of ['format:', 'version:', 'theme:', 'audiences:', 'points:', 'critical:']) {
			const i = lines.findIndex((line) => line.trimStart().startsWith(key));
			expect(i, key).toBeGreaterThan(0);
			const commented = lines[i]!.includes(' # ') || lines[i - 1]!.trimStart().startsWith('#');
			expect(commented, key).toBe(true);
		}
	});

	it('is already formatted as Prettier would', async () => {
		const options = (await resolveConfig('scenarios/new_case.yaml')) ?? {};
		expect(await format(template, { ...options, filepath: 'scenarios/new_case.yaml' })).toBe(
			template
		);
	});
});

describe('newIdProblem', () => {
	it('accepts an id that follows the rule', () => {
		expect(newIdProblem('fall_at_home')).toBeUndefined();
	});

	it('explains a bad id and offers one that works', () => {
		expect(newIdProblem('Fall-at-home')).toEqual({
			message: expect.stringContaining(
				'the id `Fall-at-home` is not allowed: ids may only contain lower case letters'
			),
			hint: 'Try `fall_at_home`.'
		});
		expect(newIdProblem(`a${'b'.repeat(44)}`)?.message).toBe(
			`the id \`a${'b'.repeat(44)}\` is 45 characters long; ids can be at most 40`
		);
	});
});

// Each run starts tsx afresh, which can take a few seconds on a slow machine.
describe('tools/scenarios-new.ts', { timeout: 60_000 }, () => {
	const dir = mkdtempSync(join(tmpdir(), 'scenarios-new-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('writes a file that the checker passes, with exit code 0', () => {
		const { code, stdout } = run('scenarios-new', 'waiting_room', '--dir', dir);
		expect(code).toBe(0);
		expect(stdout).toMatch(/^Wrote .*waiting_room\.yaml\. Next:/);
		const file = join(dir, 'waiting_room.yaml');
		// Outside the scenarios folder the schema link is worked out from where the file is.
		expect(readFileSync(file, 'utf8')).toMatch(
			/^# yaml-language-server: \$schema=(\.\.\/)+.*scenarios\/schema\/scenario\.schema\.json\n/
		);
		const check = run('scenarios-check', file);
		expect(check.stdout).toMatch(/\nThe 1 file is sound\.\n$/);
		expect(check.code).toBe(0);
	});

	it('never overwrites a file', () => {
		const file = join(dir, 'kept.yaml');
		writeFileSync(file, 'my work\n');
		const { code, stderr } = run('scenarios-new', 'kept', '--dir', dir);
		expect(code).toBe(1);
		expect(stderr).toMatch(/kept\.yaml already exists; it was left as it is\n {2}hint: /);
		expect(readFileSync(file, 'utf8')).toBe('my work\n');
	});

	it('asks for a folder when --dir names a file, and leaves the file alone', () => {
		const file = join(dir, 'notes.txt');
		writeFileSync(file, 'my notes\n');
		const { code, stderr } = run('scenarios-new', 'waiting_room_two', '--dir', file);
		expect(code).toBe(1);
		expect(stderr).toMatch(/--dir .*notes\.txt is a file, not a folder\n {2}hint: Name the folder/);
		expect(readFileSync(file, 'utf8')).toBe('my notes\n');
	});

	it('refuses an id that breaks the rule, and suggests one', () => {
		const { code, stderr } = run('scenarios-new', 'Waiting-Room', '--dir', dir);
		expect(code).toBe(1);
		expect(stderr).toContain('scenarios:new: the id `Waiting-Room` is not allowed');
		expect(stderr).toContain('hint: Try `waiting_room`.');
		expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
		expect(existsSync(join(dir, 'Waiting-Room.yaml'))).toBe(false);
	});

	it('asks for an id when none is given', () => {
		const { code, stderr } = run('scenarios-new');
		expect(code).toBe(1);
		expect(stderr).toContain('give the new scenario an id');
		expect(stderr).toContain('usage: npm run scenarios:new <id>');
	});
});
