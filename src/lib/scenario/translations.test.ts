import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFiles, loadCourseBundle, loadTranslations, translationFile } from './files.ts';
import { scenarioTextPath, splitCourse } from './launch.ts';
import { parseTranslation } from './parse.ts';
import {
	coursePassages,
	missingPassages,
	outlineOf,
	scenarioPassages,
	withScenarioPassages
} from './passages.ts';
import { fixture } from './test-scenarios.ts';
import { translationTemplate } from './translations.ts';

const scenario = fixture('valid/fall_at_home.yaml');
const source = scenarioPassages(scenario);
const FILE = 'translations/cy/fall_at_home.yaml';

/** A whole translation: every passage, marked so a test can tell it from the English. */
const welsh = Object.fromEntries(Object.entries(source).map(([id, text]) => [id, `CY ${text}`]));

const yamlOf = (passages: Record<string, string>, reviewed = false) =>
	[
		'# yaml-language-server: $schema=../../schema/translation.schema.json',
		'format: 1',
		`reviewed: ${reviewed}`,
		'passages:',
		...Object.entries(passages).map(([id, text]) => `  ${id}: ${JSON.stringify(text)}`),
		''
	].join('\n');

describe('passages', () => {
	it('give every word a learner reads a stable id, and put them back exactly', () => {
		expect(Object.keys(source).slice(0, 3)).toEqual(['title', 'summary', `${scenario.start}.text`]);
		expect(withScenarioPassages(outlineOf(scenario), source)).toEqual(scenario);
		const translated = withScenarioPassages(scenario, welsh);
		expect(scenarioPassages(translated)).toEqual(welsh);
	});

	it('leave only the structure and the prompts in the outline', () => {
		const outline = outlineOf(scenario);
		const kept = Object.entries(scenarioPassages(outline)).filter(([, text]) => text !== '');
		expect(kept.map(([id]) => id).every((id) => id.endsWith('.prompt'))).toBe(true);
		expect(outline.nodes.map((n) => n.id)).toEqual(scenario.nodes.map((n) => n.id));
	});

	it('name the course outcomes from 1', () => {
		const bundle = loadCourseBundle('tests/fixtures/scenarios/valid', 'ambulance_refresher');
		if (!bundle.ok) throw new Error('fixture course should load');
		expect(Object.keys(coursePassages(bundle.value.course))).toEqual([
			'title',
			'description',
			'outcomes.1',
			'outcomes.2'
		]);
	});
});

describe('parseTranslation', () => {
	it('accepts a complete translation', () => {
		const result = parseTranslation(yamlOf(welsh), FILE, source);
		expect(result.problems).toEqual([]);
		expect(result.ok && result.value).toEqual({ reviewed: false, passages: welsh });
	});

	it('points at a passage id the English lacks, with the likely one', () => {
		const { title: _title, ...rest } = welsh;
		const result = parseTranslation(yamlOf({ titl: 'Cwymp', ...rest }), FILE, source);
		expect(result.ok).toBe(false);
		expect(result.problems).toEqual([
			expect.objectContaining({
				line: 4,
				col: 1,
				severity: 'warning',
				message: '1 passage is not translated yet: `title`'
			}),
			expect.objectContaining({
				line: 5,
				col: 3,
				severity: 'error',
				message: 'there is no passage `titl` in the English',
				hint: expect.stringContaining('Did you mean `title`?')
			})
		]);
	});

	it('warns, naming a few, while passages are missing; a new file may have none yet', () => {
		const result = parseTranslation(yamlOf({}).replace('passages:', 'passages:'), FILE, source);
		expect(result.ok).toBe(true);
		expect(result.problems).toEqual([
			expect.objectContaining({
				severity: 'warning',
				message: expect.stringMatching(
					new RegExp(
						`^${Object.keys(source).length} passages are not translated yet: .* and \\d+ more$`
					)
				)
			})
		]);
	});

	it('refuses an empty passage and an unknown key', () => {
		const text = yamlOf(welsh).replace('reviewed: false', 'reviewd: false');
		const result = parseTranslation(text.replace(/ {2}title: .*/, '  title: ""'), FILE, source);
		expect(result.ok).toBe(false);
		expect(result.problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
			'3:1 the translation has an unknown key `reviewd`',
			'5:10 `title` of `passages` is empty'
		]);
		expect(result.problems[0]?.hint).toContain('`reviewed`');
	});
});

describe('translationTemplate', () => {
	it('writes a file the checker reads, every passage waiting with its English', () => {
		const text = translationTemplate({
			what: 'fall_at_home.yaml',
			locale: 'cy',
			source,
			schemaLink: '../../schema/translation.schema.json'
		});
		const empty = parseTranslation(text, FILE, source);
		expect(empty.ok).toBe(true);
		expect(empty.ok && empty.value.passages).toEqual({});
		// uncommenting every passage as written gives back the English, passage for passage
		const uncommented = text.replace(/^ {2}# ?/gm, '  ').replace(/^ {2}$/gm, '');
		const full = parseTranslation(uncommented, FILE, source);
		expect(full.problems).toEqual([]);
		expect(full.ok && full.value.passages).toEqual(source);
	});

	it('adds only what is missing to an existing translation', () => {
		const { summary: _summary, ...rest } = welsh;
		const addition = translationTemplate({
			what: 'fall_at_home.yaml',
			locale: 'cy',
			source,
			existing: rest,
			schemaLink: ''
		});
		expect(addition).toContain('  # summary: ');
		expect(addition).not.toContain('# title:');
		expect(
			translationTemplate({ what: '', locale: 'cy', source, existing: welsh, schemaLink: '' })
		).toBe('');
	});
});

describe('a course with a translation', () => {
	const root = mkdtempSync(join(tmpdir(), 'translations-'));
	cpSync('tests/fixtures/scenarios/valid', root, { recursive: true });
	const coursePath = join(root, 'courses', 'ambulance_refresher.yaml');
	writeFileSync(coursePath, `${readFileSync(coursePath, 'utf8')}translations: [cy]\n`);
	afterAll(() => rmSync(root, { recursive: true, force: true }));
	const load = () => {
		const bundle = loadCourseBundle(root, 'ambulance_refresher');
		if (!bundle.ok) throw new Error(JSON.stringify(bundle.problems));
		return { bundle: bundle.value, problems: bundle.problems };
	};

	it('warns at the course when a scenario has no translation file, and ships it in English', () => {
		const { bundle, problems } = load();
		expect(problems.map((p) => p.message)).toContain(
			'there is no cy translation of scenario `fall_at_home` yet (translations/cy/fall_at_home.yaml)'
		);
		const [status] = loadTranslations(root, bundle);
		expect(status?.complete).toEqual([]);
		const { launch, texts } = splitCourse(bundle, status ? [status] : []);
		expect(launch.languages.fall_at_home).toEqual(['en-GB']);
		expect([...texts.keys()]).not.toContain(scenarioTextPath('fall_at_home', 'cy'));
	});

	it('ships a complete translation, and English for an incomplete one', () => {
		const file = translationFile(root, 'cy', 'scenario', 'fall_at_home');
		mkdirSync(join(root, 'translations', 'cy'), { recursive: true });
		writeFileSync(file, yamlOf(welsh));
		let { bundle } = load();
		let [status] = loadTranslations(root, bundle);
		expect(status?.complete).toEqual(['fall_at_home']);
		expect(status?.reviewed).toBe(false);
		const { launch, texts } = splitCourse(bundle, [status!]);
		expect(launch.languages.fall_at_home).toEqual(['en-GB', 'cy']);
		expect(texts.get(scenarioTextPath('fall_at_home', 'cy'))).toEqual(welsh);
		expect(texts.get(scenarioTextPath('fall_at_home', 'en-GB'))).toEqual(source);
		// the launch page carries no scenario words, whatever the language
		expect(JSON.stringify(launch)).not.toContain(scenario.title);

		const { summary: _summary, ...incomplete } = welsh;
		writeFileSync(file, yamlOf(incomplete));
		({ bundle } = load());
		[status] = loadTranslations(root, bundle);
		expect(missingPassages(source, incomplete)).toEqual(['summary']);
		expect(splitCourse(bundle, [status!]).launch.languages.fall_at_home).toEqual(['en-GB']);
	});
});

describe('scenarios:check on a folder with translations', () => {
	const root = mkdtempSync(join(tmpdir(), 'translation-files-'));
	cpSync('tests/fixtures/scenarios/valid', root, { recursive: true });
	mkdirSync(join(root, 'translations', 'cy', 'courses'), { recursive: true });
	afterAll(() => rmSync(root, { recursive: true, force: true }));

	it('checks a translation no course ships yet, and one of a scenario that does not exist', () => {
		const { summary: _summary, ...rest } = welsh;
		writeFileSync(translationFile(root, 'cy', 'scenario', 'fall_at_home'), yamlOf(rest));
		writeFileSync(translationFile(root, 'cy', 'scenario', 'fall_at_hom'), yamlOf({}));
		// (the copied files' schema links lead nowhere from the temporary folder: not the point here)
		const found = checkFiles([root]).problems.filter(
			(p) => !p.message.startsWith('the first line')
		);
		const problems = found.map((p) => [p.file.slice(root.length + 1), p.severity, p.message]);
		expect(problems).toEqual([
			[
				'translations/cy/fall_at_hom.yaml',
				'error',
				'there is no scenario `fall_at_hom` to translate (no fall_at_hom.yaml)'
			],
			['translations/cy/fall_at_home.yaml', 'warning', '1 passage is not translated yet: `summary`']
		]);
		expect(found[0]?.hint).toContain('Did you mean `fall_at_home`?');
	});
});
