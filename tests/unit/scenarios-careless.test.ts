/**
 * What a trainer's editor, a copy from Word or a hurry can do to a file, each as a fixture read
 * by the whole checker from its bytes (`checkFiles`), with the exact problems: line, column,
 * severity, message word for word, and the start of the hint. The fixtures hold bytes Prettier
 * can't read or would rewrite (Windows-1252, UTF-16, CR line ends, control characters), so they
 * live apart from the others, in a folder Prettier leaves alone.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../src/build-time/package/manifest.ts';
import { checkFiles } from '../../src/build-time/scenario/files.ts';
import { parseScenario, parseTranslation } from '../../src/build-time/scenario/parse.ts';
import { refusal } from '../../src/lib/scenario/text-rules.ts';

const FOLDER = 'tests/fixtures/scenarios/careless';

type Expected = [line: number, col: number, message: string, hint: string];

const RESAVE = 'Save it again as UTF-8: in Notepad, File > Save As with Encoding "UTF-8"';
const PASTED = 'Delete it: it usually comes with text pasted from Word, a PDF or a web page.';
const PROTO =
	'`__proto__` can’t be used as a key or id: it has a special meaning in the software that reads the file';

const CASES: Record<string, Expected[]> = {
	// Encodings and line ends
	windows_1252: [
		[
			15,
			47,
			'the file is not saved as UTF-8: it looks like Windows-1252 ("ANSI"), where byte 0x92 is `’`',
			RESAVE
		]
	],
	pound_sign: [
		[
			8,
			87,
			'the file is not saved as UTF-8: it looks like Windows-1252 ("ANSI"), where byte 0xA3 is `£`',
			RESAVE
		]
	],
	utf16: [
		[1, 1, 'the file is not saved as UTF-8: it looks like UTF-16 ("Unicode" in Notepad)', RESAVE]
	],
	cr_only: [
		[
			23,
			15,
			'choice `ask_alone` in node `kitchen` leads to node `god_end`, which does not exist',
			'Did you mean `good_end`?'
		]
	],
	mixed_line_ends: [],
	// Characters
	word_line_break: [
		[
			28,
			48,
			"the file holds U+000B LINE TABULATION, a control character, which learners can't see",
			PASTED
		]
	],
	bidi_override: [
		[
			19,
			45,
			"the file holds U+202E RIGHT-TO-LEFT OVERRIDE, a control that reorders text, which learners can't see",
			PASTED
		]
	],
	escaped_control: [
		[
			5,
			8,
			"the file holds U+0007 BELL, a control character, which learners can't see (written as the escape `\\u0007`)",
			'Remove the escape from the text'
		]
	],
	replacement_character: [
		[
			8,
			51,
			'the file holds U+FFFD REPLACEMENT CHARACTER, a character lost in an earlier conversion',
			'Something was lost when this text was converted or pasted'
		]
	],
	invisible_next: [
		[
			23,
			15,
			'choice `ask_alone` in node `kitchen` leads to node `good_end<U+200B>`, which does not exist',
			'Did you mean `good_end`?'
		]
	],
	nbsp_id: [
		[
			31,
			3,
			'node id `good_end<U+00A0>` is not allowed: ids may only contain lower case letters, digits and _, starting with a letter (SCORM and LMSs such as Moodle reject hyphens and spaces in ids)',
			'Try `good_end`'
		]
	],
	// The YAML reader, in our words
	tab_indent: [[16, 1, 'this line is indented with a tab', 'Indent with spaces only.']],
	alias_bomb: [
		[
			5,
			10,
			'the file reuses values with `*` references too often (more than 100 copies)',
			'Write values out in full'
		]
	],
	deep_nesting: [
		[
			4,
			31,
			'lists and mappings are nested too deeply here (more than 24 levels)',
			'A scenario goes at most 6 levels deep'
		]
	],
	nan_points: [
		[
			20,
			17,
			'`points` of choice `ask_alone` in node `kitchen` is `.nan` (not a number); points are whole numbers from 0 to 10',
			'Use a whole number from 0 to 10'
		]
	],
	proto_node: [[36, 3, PROTO, 'Rename it']],
	// Translations: the English kind's limits, and hints about translation files
	'translations/cy/minimal': [
		[
			5,
			3,
			'passage id `Title` is not one the translation tool writes: passage ids are lower case letters, digits and _, with `.` between parts (such as `arrival.text`)',
			'Try `title`. Copy the id exactly as `npm run scenarios:translate` wrote it in this translation file'
		]
	],
	'translations/cy/long_welsh': [
		[
			20,
			27,
			'`kitchen.ask_alone.text` is 281 characters long; choice text can be at most 200 in every language',
			'Shorten it by 81 characters.'
		]
	],
	'translations/cy/invisible_welsh': [
		[
			8,
			3,
			'passage id `kitchen.prompt<U+200B>` is not one the translation tool writes: passage ids are lower case letters, digits and _, with `.` between parts (such as `arrival.text`)',
			'Try `kitchen.prompt`.'
		]
	]
};

describe('careless and hostile files', () => {
	it.each(Object.entries(CASES))('%s.yaml', (name, expected) => {
		const file = `${FOLDER}/${name}.yaml`;
		const { problems } = checkFiles([file]);
		expect(
			problems.map(({ file, line, col, severity, message }) => ({
				file,
				line,
				col,
				severity,
				message
			}))
		).toEqual(
			expected.map(([line, col, message]) => ({ file, line, col, severity: 'error', message }))
		);
		problems.forEach((problem, i) => {
			expect(problem.hint?.startsWith(expected[i]![3]), `hint: ${problem.hint}`).toBe(true);
		});
	});

	it("holds a translated passage to its English kind's limit, even past the old 2,400", () => {
		const source = { title: 'A fall at home', summary: 'A paramedic is called.' };
		const text = `format: 1\nreviewed: false\npassages:\n  title: ${'Cwymp '.repeat(500)}\n  summary: Galwad.\n`;
		const [problem] = parseTranslation(text, 'cy/minimal.yaml', source).problems.filter(
			(p) => p.severity === 'error'
		);
		expect(problem).toMatchObject({
			line: 4,
			col: 10,
			message: '`title` is 2999 characters long; a title can be at most 80 in every language'
		});
	});

	it('reads the scenarios the translations translate as sound', () => {
		const files = ['minimal', 'long_welsh', 'invisible_welsh'].map((id) => `${FOLDER}/${id}.yaml`);
		expect(checkFiles(files).problems).toEqual([]);
	});
});

describe("the YAML reader's refusals, in our words", () => {
	// What a hurried edit does to YAML: tabs, unclosed quotes and brackets, stray indicators.
	const broken = [
		'\tformat: 1\n',
		'format: 1\na:\n  b: 1\n\tc: 2\n',
		'format: 1\na: [x,\n\ty]\n',
		'format: 1\ntitle: "unclosed\n',
		"format: 1\ntitle: 'unclosed\n",
		'format: 1\na: [1, 2\n',
		'format: 1\ntitle: "bad \\q escape"\n',
		'%FOO bar\n---\nformat: 1\n',
		'format: 1\na: &x &y 1\n',
		'format: 1\na: *\n',
		`format: 1\n${'k'.repeat(1100)}: 1\n`,
		'format: 1\n? [a]\n: 1\n',
		'format: 1\n  a: 1\n',
		'format: 1\na: [b: c: d]\n',
		'format: 1\na: *x &x 1\n',
		'format: 1\n"a\nb": 1\n',
		`format: 1\nnodes: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
		`format: 1\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`
	];
	// The library's and the engine's own words, which mean nothing to a trainer.
	const LIBRARY =
		/excessive|call stack|implicit|nested mappings|unexpected|at line|unresolved|tabs are not|flow collection|scalar|indicator|document start|directive/i;

	it.each(broken.map((source) => [JSON.stringify(source.slice(0, 40)), source]))(
		'%s',
		(_, source) => {
			const { problems } = parseScenario(source, 'hurried.yaml');
			const errors = problems.filter((p) => p.severity === 'error');
			expect(errors.length).toBeGreaterThan(0);
			for (const problem of problems) {
				expect(problem.message).not.toMatch(LIBRARY);
				expect(problem.hint, problem.message).toBeTruthy();
				expect(problem.line).toBeGreaterThanOrEqual(1);
			}
		}
	);

	it('names the tab on a single tab-indented line', () => {
		const minimal = readFileSync('tests/fixtures/scenarios/valid/minimal.yaml', 'utf8');
		const source = minimal.replace('    prompt:', '\tprompt:');
		const [first] = parseScenario(source, 'minimal.yaml').problems;
		expect(first).toMatchObject({ line: 16, col: 1, message: 'this line is indented with a tab' });
	});
});

describe('whatever the packager refuses, the checker refuses first', () => {
	const refusedByPackager: string[] = [];
	for (let cp = 0; cp <= 0x10ffff; cp++) {
		const char = String.fromCodePoint(cp);
		try {
			escapeXml(char);
		} catch {
			refusedByPackager.push(char);
		}
	}

	it('knows every character the manifest refuses', () => {
		expect(refusedByPackager.length).toBeGreaterThan(2000); // controls, surrogates, U+FFFE/F
		expect(refusedByPackager.filter((char) => !refusal(char))).toEqual([]);
	});

	it('allows what real Welsh and English text needs', () => {
		const minimal = readFileSync('tests/fixtures/scenarios/valid/minimal.yaml', 'utf8');
		const title = '“Mae’n iawn” – ŵ, ŷ, â — £5…\u00A0Dŵr';
		const result = parseScenario(
			minimal.replace('title: A fall at home', `title: ${title}`),
			'minimal.yaml'
		);
		expect(result.problems).toEqual([]);
		expect(result.ok && result.value.title).toBe(title);
	});

	it('refuses each of them in a title, typed or written as an escape', () => {
		const minimal = readFileSync('tests/fixtures/scenarios/valid/minimal.yaml', 'utf8');
		// every control character, and a sample of the lone surrogates (they can only be escapes)
		const sample = refusedByPackager.filter(
			(char, i) => char.codePointAt(0)! < 0xd800 || i % 97 === 0
		);
		for (const char of sample) {
			const escape = `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`;
			for (const title of [`A fall${char} at home`, `"A fall${escape} at home"`]) {
				const lone = /[\uD800-\uDFFF]/.test(char);
				if (lone && !title.startsWith('"')) continue;
				const result = parseScenario(
					minimal.replace('title: A fall at home', `title: ${title}`),
					'minimal.yaml'
				);
				expect(result.ok, `${escape} in ${title}`).toBe(false);
			}
		}
	});
});
