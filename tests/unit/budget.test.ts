import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Byte budgets that are deterministic enough to be tests (times live only in `npm run bench`).
 * `npm test` packages first; run alone, this needs `npm run package`. The saved-state budget is
 * tested with the engine (src/lib/engine/progress.test.ts).
 */
const ZIP_BUDGET_KB = 400;
const dist = resolve(import.meta.dirname, '../../dist');
const zips = existsSync(dist) ? readdirSync(dist).filter((f) => f.endsWith('.zip')) : [];

describe('package size budgets', () => {
	it('has packages to measure (run npm run package first)', () => {
		expect(zips.length).toBeGreaterThan(0);
	});

	for (const zip of zips) {
		it(`${zip} is at most ${ZIP_BUDGET_KB} KB`, () => {
			expect(statSync(join(dist, zip)).size / 1024).toBeLessThanOrEqual(ZIP_BUDGET_KB);
		});
	}
});
