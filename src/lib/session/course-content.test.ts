import { describe, expect, it } from 'vitest';
import { splitCourse, type LocaleTexts } from '../scenario/launch.ts';
import { scenarioPassages, withScenarioPassages } from '../scenario/passages.ts';
import { loadCourseBundle } from '../../build-time/scenario/files.ts';
import { courseIn, createScenarioTexts, scenarioLocale, type Fetch } from './course-content.ts';

const loaded = loadCourseBundle('tests/fixtures/scenarios/valid', 'ambulance_refresher');
if (!loaded.ok) throw new Error('fixture course should load');
const bundle = loaded.value;
const [first, second] = bundle.scenarios;
const welsh: LocaleTexts = {
	locale: 'cy',
	scenarios: {
		[first!.id]: Object.fromEntries(
			Object.entries(scenarioPassages(first!)).map(([id, text]) => [id, `CY ${text}`])
		)
	},
	course: { title: 'Cwrs', description: 'Disgrifiad', 'outcomes.1': 'Un', 'outcomes.2': 'Dau' }
};
const { launch, texts } = splitCourse(bundle, [welsh]);
const BASE = 'https://lms.example/pluginfile.php/42/mod_scorm/content/7/index.html';

/** Serves the package's text files from memory, as the LMS would over HTTP, counting requests. */
function serve(failFirst = 0) {
	const requests: string[] = [];
	let failures = failFirst;
	const fetchText: Fetch = async (url) => {
		requests.push(url);
		const path = url.slice(BASE.length - 'index.html'.length).replace(/\?v=[0-9a-f]{8}$/, '');
		const body = texts.get(path);
		if (failures > 0) {
			failures--;
			return { ok: false, status: 503, json: async () => null };
		}
		return { ok: !!body, status: body ? 200 : 404, json: async () => body };
	};
	return { requests, fetchText };
}

describe('scenario texts', () => {
	it('fetch each file once, relative to the launch page, and give back the whole scenario', async () => {
		const { requests, fetchText } = serve();
		const cache = createScenarioTexts(launch, BASE, fetchText);
		expect(cache.get(first!.id, 'en-GB')).toBeUndefined();
		const [a, b] = await Promise.all([
			cache.load(first!.id, 'en-GB'),
			cache.load(first!.id, 'en-GB')
		]);
		expect(a).toBe(b);
		expect(a).toEqual(first);
		expect(cache.get(first!.id, 'en-GB')).toBe(a);
		// with the file's version, so a new upload of the package is never served last version's words
		const path = `content/en-GB/${first!.id}.json`;
		expect(launch.textVersions[path]).toMatch(/^[0-9a-f]{8}$/);
		expect(requests).toEqual([
			`https://lms.example/pluginfile.php/42/mod_scorm/content/7/${path}?v=${launch.textVersions[path]}`
		]);
	});

	it('use a complete translation, marked with its language, and English where there is none', async () => {
		const cache = createScenarioTexts(launch, BASE, serve().fetchText);
		const cy = await cache.load(first!.id, 'cy');
		expect(cy.lang).toBe('cy');
		expect(cy).toEqual({
			...withScenarioPassages(first!, welsh.scenarios[first!.id]!),
			lang: 'cy'
		});
		expect(scenarioLocale(launch, second!.id, 'cy')).toBe('en-GB');
		const english = await cache.load(second!.id, 'cy');
		expect(english.lang).toBeUndefined();
		expect(english).toEqual(second);
	});

	it('change version when the words change, and only then', () => {
		const path = `content/en-GB/${first!.id}.json`;
		const again = splitCourse(bundle, [welsh]).launch.textVersions;
		expect(again[path]).toBe(launch.textVersions[path]);
		const edited = {
			...bundle,
			scenarios: bundle.scenarios.map((s) => (s === first ? { ...s, title: `${s.title}!` } : s))
		};
		expect(splitCourse(edited, [welsh]).launch.textVersions[path]).not.toBe(
			launch.textVersions[path]
		);
	});

	it('forget a failed fetch, so trying again can succeed', async () => {
		const { requests, fetchText } = serve(1);
		const cache = createScenarioTexts(launch, BASE, fetchText);
		await expect(cache.load(first!.id, 'en-GB')).rejects.toThrow(/HTTP 503/);
		await expect(cache.load(first!.id, 'en-GB')).resolves.toEqual(first);
		expect(requests).toHaveLength(2);
	});

	it('give the course its translated words only where the package has them', () => {
		expect(courseIn(launch, 'cy')).toMatchObject({
			title: 'Cwrs',
			lang: 'cy',
			outcomes: ['Un', 'Dau']
		});
		expect(courseIn(launch, 'en-GB')).toBe(launch.course);
	});
});
