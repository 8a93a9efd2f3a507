// The tests of translations.ts and of translations through files.ts, about 475 lines: one file per module.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFiles, loadCourseBundle, loadTranslations, translationFile } from './files.ts';
import { scenarioTextPath, splitCourse } from '../../lib/scenario/launch.ts';
import { parseTranslation } from './parse.ts';
import {
	coursePassages,
	missingPassages,
	outlineOf,
	scenarioPassages,
	withScenarioPassages
} from '../../lib/scenario/passages.ts';
import { fixture } from '../../../tests/fixtures/test-scenarios.ts';
import {
	currentPassages,
	englishHash,
	normaliseEnglish,
	topUpTranslation,
	translationTemplate
} from './translations.ts';

const scenario = fixture('valid/fall_at_home.yaml');
const source = scenarioPassages(scenario);
const FILE = 'translations/cy/fall_at_home.yaml';

/** A whole translation: every passage, marked so a test can tell it from the English. */
const welsh = Object.fromEntries(Object.entries(source).map(([id, text]) => [id, `CY ${text}`]));

/**
 * A translation file; by default it records today's English for every passage it has, after the
 * passages (the checker takes the keys in any order), so the lines above stay where tests expect.
 */
const yamlOf = (
	passages: Record<string, string>,
	reviewed = false,
	from: Record<string, string> = hashesOf(passages)
) =>
	[
		'# yaml-language-server: $schema=../../schema/translation.schema.json',
		'format: 1',
		`reviewed: ${reviewed}`,
		'passages:',
		...Object.entries(passages).map(([id, text]) => `  ${id}: ${JSON.stringify(text)}`),
		...(Object.keys(from).length ? ['translated_from:'] : []),
		...Object.entries(from).map(([id, hash]) => `  ${id}: '${hash}'`),
		''
	].join('\n');

function hashesOf(passages: Record<string, string>): Record<string, string> {
	const known = Object.keys(passages).filter((id) => id in source);
	return Object.fromEntries(known.map((id) => [id, englishHash(source[id]!)]));
}

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

describe('englishHash', () => {
	const english = 'She has a cut above her eye.\nHer partner answers every question.';

	it('is 8 hex digits of SHA-256, the same however the paragraph is wrapped or spaced', () => {
		// pinned: files record these, so the normalisation must not drift
		expect(englishHash('A fall at home')).toBe('18b0e482');
		const hash = englishHash(english);
		expect(hash).toMatch(/^[0-9a-f]{8}$/);
		expect(
			englishHash('  She has a cut  above her eye. Her partner\n  answers every question.\n')
		).toBe(hash);
		expect(normaliseEnglish('One\n two.\n\n\n  Three \n')).toBe('One two.\n\nThree');
	});

	it('changes with the words, the punctuation and the paragraph breaks', () => {
		const hash = englishHash(english);
		expect(englishHash(english.replace('partner', 'husband'))).not.toBe(hash);
		expect(englishHash(english.replace('eye.', 'eye,'))).not.toBe(hash);
		expect(englishHash(english.replace('\n', '\n\n'))).not.toBe(hash);
	});
});

describe('parseTranslation', () => {
	it('accepts a complete translation', () => {
		const result = parseTranslation(yamlOf(welsh), FILE, source);
		expect(result.problems).toEqual([]);
		expect(result.ok && result.value).toEqual({
			reviewed: false,
			translatedFrom: hashesOf(welsh),
			passages: welsh
		});
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

	it('warns at each passage translated from English that has changed since, and leaves it out', () => {
		const text = yamlOf(welsh, false, { ...hashesOf(welsh), summary: '0badf00d' });
		const result = parseTranslation(text, FILE, source);
		expect(result.ok).toBe(true);
		expect(result.problems.map((p) => `${p.line}:${p.col} ${p.severity} ${p.message}`)).toEqual([
			'6:3 warning the English of passage `summary` changed since it was translated'
		]);
		expect(result.problems[0]?.hint).toBe(
			'Until it is updated, learners read this scenario in English. `npm run scenarios:translate fall_at_home cy` puts the new English beside it; update the translation, then run `npm run scenarios:translate fall_at_home cy -- --accept summary`.'
		);
		if (!result.ok) return;
		expect(Object.keys(currentPassages(source, result.value))).not.toContain('summary');
		expect(missingPassages(source, currentPassages(source, result.value))).toEqual(['summary']);
	});

	it('reads a file older than the record, warning once that its passages are unverified', () => {
		const result = parseTranslation(yamlOf(welsh, false, {}), FILE, source);
		expect(result.ok && result.value.passages).toEqual(welsh);
		expect(result.ok && currentPassages(source, result.value)).toEqual(welsh);
		const ids = Object.keys(source);
		const named = ids.slice(0, 5).map((id) => `\`${id}\``);
		expect(result.problems.map((p) => `${p.line}:${p.col} ${p.severity} ${p.message}`)).toEqual([
			`5:3 warning ${ids.length} passages have no record of the English they were translated from: ${named.join(', ')} and ${ids.length - 5} more`
		]);
		expect(result.problems[0]?.hint).toContain(
			'run `npm run scenarios:translate fall_at_home cy -- --accept all`'
		);
	});

	it('reports a recorded id the English lacks, where the passages do not already', () => {
		const text = yamlOf(welsh, false, { ...hashesOf(welsh), kitchen_old: '0badf00d' });
		const result = parseTranslation(text, FILE, source);
		expect(result.problems.map((p) => `${p.severity} ${p.message}`)).toEqual([
			'error there is no passage `kitchen_old` in the English'
		]);
	});

	it('says a fingerprint edited by hand is for the tool to write', () => {
		const text = yamlOf(welsh, false, { ...hashesOf(welsh), title: 'cwymp' });
		const result = parseTranslation(text, FILE, source);
		expect(result.ok).toBe(false);
		expect(result.problems.map((p) => p.message)).toEqual([
			'`title` of `translated_from` should be the 8-character fingerprint `npm run scenarios:translate` writes, not the text `cwymp`'
		]);
		expect(result.problems[0]?.hint).toContain(
			'run `npm run scenarios:translate fall_at_home cy -- --accept title`'
		);
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

describe('topUpTranslation', () => {
	const place = { id: 'fall_at_home', locale: 'cy' };
	const fresh = translationTemplate({
		what: 'fall_at_home.yaml',
		locale: 'cy',
		source,
		schemaLink: '../../schema/translation.schema.json'
	});
	/** Every passage uncommented, as a translator would, with the words marked as translated. */
	const translate = (text: string) =>
		text
			.replace(/^ {2}# ?([a-z][a-z0-9_.]*): (?!\|)/gm, '  $1: CY ')
			.replace(/^ {2}# ?([a-z][a-z0-9_.]*: \|)$/gm, '  $1')
			.replace(/^ {2}# {3}/gm, '    ')
			.replace(/^ {2}#$/gm, '');
	const translated = translate(fresh);
	const changed = { ...source, summary: 'You are a paramedic called to a man who has fallen.' };
	const topUp = (text: string, english = source, accept: readonly string[] | 'all' = []) => {
		const result = topUpTranslation(text, { source: english, accept, place });
		if (!result.ok) throw new Error(result.message);
		return result;
	};
	const problemsOf = (text: string, english = source) =>
		parseTranslation(text, FILE, english).problems.map((p) => `${p.line}:${p.col} ${p.message}`);

	it('leaves a file that matches the English exactly as it is', () => {
		expect(problemsOf(translated)).toEqual([]);
		for (const text of [fresh, translated]) {
			const result = topUp(text);
			expect(result.text).toBe(text);
			expect([result.added, result.refreshed, result.stale]).toEqual([[], [], []]);
		}
	});

	it('puts the new English above a stale passage, keeps the translation, and does it once', () => {
		const result = topUp(translated, changed);
		expect(result.stale).toEqual(['summary']);
		expect(result.todo).toBe(1);
		expect(result.text).toContain(
			[
				'  # The English of `summary` changed since this was translated. It now reads:',
				'  #   You are a paramedic called to a man who has fallen.',
				'  # Update the translation below, then run: npm run scenarios:translate fall_at_home cy -- --accept summary',
				`  summary: CY ${source.summary}`
			].join('\n')
		);
		// nothing else moved
		expect(result.text.replace(/^ {2}# (The English of| {2}You are|Update the).*\n/gm, '')).toBe(
			translated
		);
		expect(problemsOf(result.text, changed)).toEqual([
			expect.stringMatching(/^\d+:3 the English of passage `summary` changed since/)
		]);
		expect(topUp(result.text, changed).text).toBe(result.text);
	});

	it("records an accepted passage as translated from today's English and removes its note", () => {
		const noted = topUp(translated, changed).text;
		const updated = noted.replace(`summary: CY ${source.summary}`, 'summary: CY updated');
		const result = topUp(updated, changed, ['summary']);
		expect(result.accepted).toEqual(['summary']);
		expect(result.stale).toEqual([]);
		expect(result.text).not.toContain('changed since this was translated');
		expect(result.text).toContain('  summary: CY updated');
		expect(result.text).toContain(`  summary: '${englishHash(changed.summary)}'`);
		expect(problemsOf(result.text, changed)).toEqual([]);
	});

	it('drops the note when the English goes back to what was translated', () => {
		const noted = topUp(translated, changed).text;
		expect(topUp(noted, source).text).toBe(translated);
	});

	it('shows the new English of a passage still waiting, and adds new passages', () => {
		const english = { ...changed, 'extra.text': 'One more passage.' };
		const result = topUp(fresh, english);
		expect(result.refreshed).toEqual(['summary']);
		expect(result.added).toEqual(['extra.text']);
		expect(result.text).toContain(`  # summary: ${changed.summary}\n`);
		expect(result.text).not.toContain(source.summary);
		expect(result.text).toMatch(/ {2}# extra\.text: One more passage\.\n$/);
		// translated as shown, it is current: the record moved with the English beside it
		expect(problemsOf(translate(result.text), english)).toEqual([]);
	});

	it('adds the record to a file older than it only for passages it can vouch for', () => {
		const old = yamlOf(welsh, false, {});
		expect(topUp(old).text).toBe(old);
		const stamped = topUp(old, source, 'all');
		expect(stamped.accepted).toEqual(Object.keys(source));
		expect(stamped.text).toMatch(/\ntranslated_from:\n {2}title: '[0-9a-f]{8}'\n[^]*\npassages:\n/);
		expect(problemsOf(stamped.text)).toEqual([]);
	});

	it('refuses to accept a passage that is not there or not translated yet', () => {
		const typo = topUpTranslation(translated, { source, accept: ['sumary'], place });
		expect(typo).toEqual({
			ok: false,
			message: 'there is no passage `sumary` in the English',
			hint: 'Did you mean `summary`? Name a passage id as the file has it.'
		});
		const waiting = topUpTranslation(fresh, { source, accept: ['summary'], place });
		expect(waiting.ok || waiting.message).toBe(
			'passage `summary` is not translated yet, so there is nothing to accept'
		);
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

	it("ships the course's own words in English while one of them is stale", () => {
		const { bundle } = load();
		const words = coursePassages(bundle.course);
		const welshCourse = Object.fromEntries(
			Object.entries(words).map(([id, text]) => [id, `CY ${text}`])
		);
		const from = Object.fromEntries(
			Object.entries(words).map(([id, text]) => [id, englishHash(text)])
		);
		const file = translationFile(root, 'cy', 'course', 'ambulance_refresher');
		mkdirSync(join(root, 'translations', 'cy', 'courses'), { recursive: true });
		const write = (record: Record<string, string>) =>
			writeFileSync(
				file,
				[
					'format: 1',
					'reviewed: false',
					'translated_from:',
					...Object.entries(record).map(([id, hash]) => `  ${id}: '${hash}'`),
					'passages:',
					...Object.entries(welshCourse).map(([id, text]) => `  ${id}: ${JSON.stringify(text)}`),
					''
				].join('\n')
			);
		write(from);
		let [status] = loadTranslations(root, load().bundle);
		expect([status?.courseComplete, status?.stale]).toEqual([true, 0]);
		expect(splitCourse(bundle, [status!]).launch.courseTranslations.cy).toEqual(welshCourse);

		write({ ...from, 'outcomes.2': '0badf00d' });
		[status] = loadTranslations(root, load().bundle);
		expect([status?.courseComplete, status?.stale]).toEqual([false, 1]);
		expect(status?.problems).toContainEqual(
			expect.objectContaining({
				file,
				line: 12,
				col: 3,
				message: 'the English of passage `outcomes.2` changed since it was translated',
				hint: expect.stringContaining(
					"learners read the course's own words (its welcome screen) in English"
				)
			})
		);
		expect(splitCourse(bundle, [status!]).launch.courseTranslations).toEqual({});
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
