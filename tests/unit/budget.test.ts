import { RUNTIME_12, RUNTIME_2004 } from '../../src/lib/lms/data-model.ts';
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readZip } from '../../src/build-time/package/zip.ts';
import cy from '../../src/lib/i18n/locales/cy.json';

/**
 * Byte budgets that are deterministic enough to be tests (times live only in `npm run bench`).
 * `npm test` packages first; run alone, this needs `npm run package`. The saved-state budget is
 * tested with the engine (src/lib/engine/progress.test.ts).
 */
const ZIP_BUDGET_KB = 400;
/**
 * The launch page, gzip: what loads before the first screen. The target is 60 KB, which
 * the chosen stack cannot meet: Kit + Svelte + XState alone are 40 KB and i18next 16 KB (see the
 * README's Performance section). This ceiling is the figure reached, with a small margin, so any
 * growth is a decision rather than an accident. It rose from 92 KB when the CSP course grew from 13
 * to 21 scenarios in six role pathways: the outline of each (9.5 KB gzip for all 21) is what the
 * engine runs on, whichever role the learner picks. It rose again to 98 KB with the one scenario
 * graph module (`scenario/graph.ts`), whose checker walks come along with the score fold the
 * player needs. It is 100 KB since the welcome screen is drawn into the page when the package is
 * made (1.8 KB gzip for the CSP course), so the learner reads it before any script has run.
 */
const LAUNCH_GZIP_CEILING_KB = 100;
/** One scenario's words in one language, gzip: fetched just before the learner reads them. */
const SCENARIO_TEXT_GZIP_KB = 12;

const dist = resolve(import.meta.dirname, '../../dist');
const zips = existsSync(dist) ? readdirSync(dist).filter((f) => f.endsWith('.zip')) : [];
const gzipKB = (data: Uint8Array) => gzipSync(data, { level: 9 }).length / 1024;

describe('package size budgets', () => {
	it('has packages to measure (run npm run package first)', () => {
		expect(zips.length).toBeGreaterThan(0);
	});

	for (const zip of zips) {
		it(`${zip} is at most ${ZIP_BUDGET_KB} KB`, () => {
			expect(statSync(join(dist, zip)).size / 1024).toBeLessThanOrEqual(ZIP_BUDGET_KB);
		});

		describe(zip, () => {
			const files = readZip(readFileSync(join(dist, zip)));
			const launch = files.get('index.html')!;
			const html = new TextDecoder().decode(launch);

			it(`loads at most ${LAUNCH_GZIP_CEILING_KB} KB gzip before the first screen`, () => {
				expect(gzipKB(launch)).toBeLessThanOrEqual(LAUNCH_GZIP_CEILING_KB);
			});

			it('keeps scenario words and other languages out of the launch page', () => {
				const texts = [...files].filter(([path]) => path.startsWith('content/'));
				expect(texts.length).toBeGreaterThan(0);
				for (const [path, data] of texts) {
					const { title, summary } = JSON.parse(new TextDecoder().decode(data));
					expect(html, path).not.toContain(JSON.stringify(summary).slice(1, -1));
					expect(html, path).not.toContain(`"title":${JSON.stringify(title)}`);
					expect(gzipKB(data), path).toBeLessThanOrEqual(SCENARIO_TEXT_GZIP_KB);
				}
				expect(files.has('locales/cy.json')).toBe(true);
				expect(html).not.toContain(cy.welcome.warning);
			});

			it('carries the LMS adapter of its own SCORM edition only', () => {
				const [own, other] = zip.includes('scorm2004')
					? [RUNTIME_2004, RUNTIME_12]
					: [RUNTIME_12, RUNTIME_2004];
				// as a string in the minified code, in whichever quotes
				const quoted = (name: string) => new RegExp(`["'\`]${name}["'\`]`);
				expect(html).toMatch(quoted(own.methods.commit));
				expect(html).not.toMatch(quoted(other.global));
				expect(html).not.toMatch(quoted(other.methods.initialize));
				expect(html).not.toContain(zip.includes('scorm2004') ? 'cmi.core.' : 'cmi.learner_id');
			});
		});
	}
});
