import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMap, isScalar } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateSource, type MigrationStep } from './migrate.ts';
import { FORMAT } from '../../lib/scenario/schema.ts';

/**
 * Format 1 is the first, so these tests run the machinery with a made-up format 2 that renames
 * `audiences` to `roles`: what a real step will do, against a file with comments.
 */
const renameAudiences: MigrationStep = (doc) => {
	if (!isMap(doc.contents)) return [];
	const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'audiences');
	const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
	return range ? [{ from: range[0], to: range[1], text: 'roles' }] : [];
};

const VERSION_1 = `# yaml-language-server: $schema=./schema/scenario.schema.json
# A trainer's note that must survive.
format: 1
id: waiting_room
audiences: [gp_practice] # who it is for
nodes:
  start:
    type: ending # the only node
`;

describe('migrateSource', () => {
	it('has no steps while format 1 is the only format', () => {
		expect(FORMAT).toBe(1);
		expect(MIGRATIONS).toEqual({});
		expect(migrateSource(VERSION_1, 'scenario')).toEqual({ status: 'current', format: 1 });
	});

	it('upgrades step by step, keeping comments and everything it does not change', () => {
		const result = migrateSource(VERSION_1, 'scenario', { 1: renameAudiences }, 2);
		expect(result).toEqual({
			status: 'migrated',
			from: 1,
			to: 2,
			source: VERSION_1.replace('format: 1', 'format: 2').replace('audiences:', 'roles:')
		});
	});

	it('writes every shipped file back exactly as it was, but for the format', () => {
		const identity: MigrationStep = () => [];
		const files = readdirSync('scenarios', { recursive: true, encoding: 'utf8' }).filter((f) =>
			f.endsWith('.yaml')
		);
		expect(files.length).toBeGreaterThan(15);
		for (const file of files) {
			const source = readFileSync(join('scenarios', file), 'utf8');
			const result = migrateSource(source, 'scenario', { 1: identity }, 2);
			expect(result.status === 'migrated' && result.source, file).toBe(
				source.replace(/^format: 1$/m, 'format: 2')
			);
		}
	});

	it('refuses what it cannot upgrade, and says why', () => {
		const refused = (source: string, target = 2) =>
			migrateSource(source, 'scenario', { 1: renameAudiences }, target);
		expect(refused('format: 3\n')).toMatchObject({ status: 'refused', message: /newer/ });
		expect(refused('id: x\n')).toMatchObject({ status: 'refused', message: /`format` is missing/ });
		expect(refused('format: [1\n')).toMatchObject({ status: 'refused', message: /not valid YAML/ });
		expect(refused('format: 1\n', 3)).toMatchObject({
			status: 'refused',
			message: 'no migration from format 2 exists'
		});
	});
});

describe('npm run scenarios:migrate', () => {
	it('leaves current files as they are and fails on one it cannot upgrade', () => {
		const dir = mkdtempSync(join(tmpdir(), 'migrate-'));
		try {
			cpSync('tests/fixtures/scenarios/valid', dir, { recursive: true });
			const before = readFileSync(join(dir, 'minimal.yaml'), 'utf8');
			const run = (...args: string[]) =>
				spawnSync('node_modules/.bin/tsx', ['tools/scenarios-migrate.ts', ...args], {
					encoding: 'utf8'
				});
			const ok = run(dir);
			expect(ok.status).toBe(0);
			expect(ok.stdout).toContain('3 files checked: all are at format 1 already.');
			expect(readFileSync(join(dir, 'minimal.yaml'), 'utf8')).toBe(before);

			writeFileSync(join(dir, 'future.yaml'), 'format: 9\n');
			const bad = run(dir);
			expect(bad.status).toBe(1);
			expect(bad.stderr).toMatch(/future\.yaml: not upgraded: `format` is 9, newer/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
