// The tests of parse.ts, about 490 lines: one file per module, as the other tests beside their module.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCourse, parseScenario } from './parse.ts';
import { formatProblem, type Problem } from '../../lib/scenario/problem.ts';

const FIXTURES = 'tests/fixtures/scenarios';
const read = (path: string) => readFileSync(`${FIXTURES}/${path}`, 'utf8');
const minimal = read('valid/minimal.yaml');

/** The minimal scenario with one text swapped: keeps every other line where it was. */
function edited(find: string, replace: string, source = minimal): string {
	expect(source).toContain(find);
	return source.replace(find, replace);
}

function expectProblem(
	problems: Problem[],
	expected: { line: number; col: number; message: string; hint?: string; severity?: string }
): void {
	expect(problems).toContainEqual(
		expect.objectContaining({
			line: expected.line,
			col: expected.col,
			severity: expected.severity ?? 'error',
			message: expect.stringContaining(expected.message),
			...(expected.hint ? { hint: expect.stringContaining(expected.hint) } : {})
		})
	);
}

describe('parseScenario on valid files', () => {
	it('parses the minimal fixture into the Scenario type', () => {
		const result = parseScenario(minimal, `${FIXTURES}/valid/minimal.yaml`);
		expect(result.problems).toEqual([]);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const scenario = result.value;
		expect(scenario).toMatchObject({
			format: 1,
			id: 'minimal',
			version: 1,
			theme: 'professional_curiosity',
			audiences: ['ambulance'],
			start: 'kitchen'
		});
		expect(scenario.nodes.map((node) => node.id)).toEqual(['kitchen', 'good_end', 'poor_end']);
		const kitchen = scenario.nodes[0]!;
		expect(kitchen.type).toBe('decision');
		if (kitchen.type !== 'decision') return;
		// Block text loses its trailing newline; a bare number goes to the scenario's theme.
		expect(kitchen.text).toBe(
			'She has a cut above her eye. Her partner answers every question for her.'
		);
		expect(kitchen.choices).toEqual([
			{
				id: 'ask_alone',
				text: 'Find a reason to speak to her on her own.',
				points: { professional_curiosity: 3 },
				feedback: 'Speaking to her alone gives her a safe moment to tell you what is happening.',
				next: 'good_end',
				critical: false
			},
			{
				id: 'leave_it',
				text: 'Accept his account of the fall and leave.',
				points: { professional_curiosity: 0 },
				feedback: 'His account went unchallenged and the signs were missed.',
				next: 'poor_end',
				critical: true
			}
		]);
	});

	it('keeps per-theme points and file order in the branching fixture', () => {
		const result = parseScenario(read('valid/fall_at_home.yaml'), 'fall_at_home.yaml');
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.nodes.map((node) => node.id)).toEqual([
			'arrival',
			'kitchen',
			'alone',
			'good_outcome',
			'mixed_outcome',
			'missed'
		]);
		const kitchen = result.value.nodes[1]!;
		if (kitchen.type !== 'decision') throw new Error('kitchen is a decision');
		expect(kitchen.choices[1]!.points).toEqual({ risk_assessment: 2, professional_curiosity: 1 });
	});

	it('skips the file name rule when the file is not a .yaml path', () => {
		expect(parseScenario(minimal, 'editor buffer').ok).toBe(true);
	});
});

// The malformed fixtures, one per check, are tested in tests/unit/scenarios-fixtures.test.ts.

describe('parseScenario on inline sources', () => {
	it('reports a YAML syntax error once, at the place it starts', () => {
		const source = edited('    prompt: What do you do next?', '    prompt: He says: she fell');
		const { problems } = parseScenario(source, 'minimal.yaml');
		expect(problems).toHaveLength(1);
		expectProblem(problems, {
			line: 16,
			col: 13,
			message: "YAML can't read this line: there is a `: ` where it expects the end of a value",
			hint: 'put it in quotes'
		});
	});

	it('reports indentation with a tab, and not the confusion that follows it', () => {
		const source = edited(
			'    type: ending\n    outcome: poor',
			'\ttype: ending\n    outcome: poor'
		);
		const { problems } = parseScenario(source, 'minimal.yaml');
		expect(problems).toHaveLength(1);
		expectProblem(problems, {
			line: 37,
			col: 1,
			message: 'this line is indented with a tab',
			hint: 'Indent with spaces only'
		});
	});

	it('reports every schema problem at once, in file order', () => {
		const source = edited('title: A fall at home', 'title: ""')
			.replace('        points: 3', '        points: 11')
			.replace('    outcome: poor', '    outcome: awful');
		const { problems } = parseScenario(source, 'minimal.yaml');
		expect(problems.map((p) => [p.line, p.col])).toEqual([
			[5, 8],
			[20, 17],
			[38, 14]
		]);
		expect(problems[2]!.message).toBe(
			'`outcome` of node `poor_end` is `awful`, which is not an outcome'
		);
	});

	it('reports per-theme points out of range at the theme', () => {
		const source = edited('        points: 3', '        points: { risk_assessment: 11 }');
		expectProblem(parseScenario(source, 'minimal.yaml').problems, {
			line: 20,
			col: 36,
			message: 'the `risk_assessment` points of choice `ask_alone` in node `kitchen` is 11'
		});
	});

	it('suggests the theme for an unknown per-theme key', () => {
		const source = edited('        points: 3', '        points: { risk: 2 }');
		expectProblem(parseScenario(source, 'minimal.yaml').problems, {
			line: 20,
			col: 19,
			message:
				'`points` of choice `ask_alone` in node `kitchen` names `risk`, which is not a theme',
			hint: 'Did you mean `risk_assessment`?'
		});
	});

	it('rejects points that are not whole numbers, or not numbers', () => {
		expectProblem(parseScenario(edited('points: 3', 'points: 2.5'), 'minimal.yaml').problems, {
			line: 20,
			col: 17,
			message: 'should be a whole number, not the number 2.5'
		});
		expectProblem(parseScenario(edited('points: 3', 'points: three'), 'minimal.yaml').problems, {
			line: 20,
			col: 17,
			message:
				'`points` of choice `ask_alone` in node `kitchen` should be a whole number from 0 to 10, or points per theme'
		});
	});

	it('asks for true or false when `critical` is text', () => {
		expectProblem(
			parseScenario(edited('critical: true', 'critical: "yes"'), 'minimal.yaml').problems,
			{
				line: 27,
				col: 19,
				message: '`critical` of choice `leave_it` in node `kitchen` should be `true` or `false`'
			}
		);
	});

	it('reports a node without a type, and a type that does not exist', () => {
		const noType = edited('    type: ending\n    outcome: good\n', '    outcome: good\n');
		expectProblem(parseScenario(noType, 'minimal.yaml').problems, {
			line: 31,
			col: 3,
			message: 'node `good_end` has no `type`'
		});
		const badType = edited(
			'    type: ending\n    outcome: good',
			'    type: endng\n    outcome: good'
		);
		expectProblem(parseScenario(badType, 'minimal.yaml').problems, {
			line: 32,
			col: 11,
			message: 'node `good_end` has the type `endng`; a node is a narrative, decision or ending',
			hint: 'Did you mean `ending`?'
		});
	});

	it('reports a top-level key misspelt once, as unknown with a suggestion', () => {
		const { problems } = parseScenario(edited('summary:', 'sumary:'), 'minimal.yaml');
		expect(problems).toHaveLength(1);
		expectProblem(problems, {
			line: 8,
			col: 1,
			message: 'the scenario has an unknown key `sumary`',
			hint: 'Did you mean `summary`?'
		});
	});

	it('reports missing top-level keys at the start of the file', () => {
		expectProblem(parseScenario(edited('version: 1\n', ''), 'minimal.yaml').problems, {
			line: 2,
			col: 1,
			message: 'the scenario has no `version`'
		});
	});

	it('reports an id that is too long', () => {
		const long = `a${'b'.repeat(40)}`;
		const source = edited('  good_end:', `  ${long}:`).replace('next: good_end', `next: ${long}`);
		expectProblem(parseScenario(source, 'minimal.yaml').problems, {
			line: 31,
			col: 3,
			message: `node id \`${long}\` is 41 characters long; ids can be at most 40`
		});
	});

	it('reports a start that names no node, with a suggestion', () => {
		const { problems } = parseScenario(edited('start: kitchen', 'start: kitchn'), 'minimal.yaml');
		expect(problems).toHaveLength(1);
		expectProblem(problems, {
			line: 9,
			col: 8,
			message: '`start` names node `kitchn`, which does not exist',
			hint: 'Did you mean `kitchen`?'
		});
	});

	it('reports a node from which no ending can be reached', () => {
		const source = edited(
			'  good_end:',
			'  loop_a:\n    type: narrative\n    text: A.\n    next: loop_b\n  loop_b:\n    type: narrative\n    text: B.\n    next: loop_a\n  good_end:'
		).replace('next: good_end', 'next: loop_a');
		const { problems } = parseScenario(source, 'minimal.yaml');
		expectProblem(problems, {
			line: 38,
			col: 11,
			message: 'node `loop_b` leads back to node `loop_a`'
		});
		expectProblem(problems, {
			line: 31,
			col: 3,
			message: 'no path from node `loop_a` leads to an ending'
		});
	});

	it('reports a YAML value that starts with a reserved character', () => {
		expectProblem(parseScenario(edited('prompt: What', 'prompt: @What'), 'minimal.yaml').problems, {
			line: 16,
			col: 13,
			message: 'this value starts with a character YAML keeps for itself'
		});
	});

	it('names the first line of any other key written twice', () => {
		const { problems } = parseScenario(
			edited('title: A fall at home\n', 'title: A fall at home\ntitle: A fall\n'),
			'minimal.yaml'
		);
		expect(problems).toEqual([
			expect.objectContaining({
				line: 6,
				col: 1,
				message: '`title` appears twice in the same place (first on line 5)'
			})
		]);
	});

	it('names the migration command only for an older format', () => {
		const older = parseScenario(edited('format: 1', 'format: 0'), 'minimal.yaml').problems;
		expect(older[0]!.hint).toContain('npm run scenarios:migrate');
		const text = parseScenario(edited('format: 1', "format: '1'"), 'minimal.yaml').problems;
		expect(text).toEqual([
			expect.objectContaining({
				line: 2,
				col: 9,
				message: '`format` should be the number 1, not the text `1`',
				hint: 'Write `format: 1`, without quotes.'
			})
		]);
	});

	it('warns of a critical choice from which a good ending can still be reached', () => {
		const source = edited('        next: poor_end', '        next: later').replace(
			'  good_end:',
			[
				'  later:',
				'    type: decision',
				'    text: Later.',
				'    prompt: What now?',
				'    choices:',
				'      a:',
				'        text: A.',
				'        points: 0',
				'        feedback: A.',
				'        next: good_end',
				'      b:',
				'        text: B.',
				'        points: 0',
				'        feedback: B.',
				'        next: poor_end',
				'',
				'  good_end:'
			].join('\n')
		);
		const { ok, problems } = parseScenario(source, 'minimal.yaml');
		expect(ok).toBe(true);
		expect(problems).toEqual([
			expect.objectContaining({
				line: 29,
				col: 15,
				severity: 'warning',
				message:
					'critical choice `leave_it` in node `kitchen` leads to node `later`, from which a `good` ending can still be reached'
			})
		]);
	});

	it('leaves the schema line alone while the YAML itself is broken', () => {
		const source = edited(
			'# yaml-language-server: $schema=../../../../scenarios/schema/scenario.schema.json\n',
			''
		).replace('    prompt: What do you do next?', '    prompt: He says: she fell');
		const { problems } = parseScenario(source, 'minimal.yaml');
		expect(problems.map((p) => p.message)).toEqual([
			"YAML can't read this line: there is a `: ` where it expects the end of a value"
		]);
	});

	it('reports more than one YAML document', () => {
		expectProblem(parseScenario(`${minimal}---\nformat: 1\n`, 'minimal.yaml').problems, {
			line: 40,
			col: 1,
			message: 'more than one YAML document'
		});
	});

	it('reports an empty file', () => {
		for (const source of ['', '   \n', '# just a comment\n']) {
			const result = parseScenario(source, 'empty.yaml');
			expect(result.ok).toBe(false);
			expect(result.problems).toEqual([
				expect.objectContaining({ line: 1, col: 1, message: 'the file is empty' })
			]);
		}
	});

	it('reports a file that is a list or plain text instead of keys', () => {
		expectProblem(parseScenario('- a\n- b\n', 'list.yaml').problems, {
			line: 1,
			col: 1,
			message: 'the file should be a set of keys such as `format: 1`'
		});
	});

	it('never throws, whatever the input', () => {
		const junk = [
			'\u0000\u0001\u0002\uFFFD\uD800 binary',
			'a: *missing\n',
			'&a [*a]\n',
			'? [a, b]\n: 1\n',
			'__proto__: 1\nconstructor: 2\n',
			'nodes:\n  1: {type: ending}\n  ~: 2\n',
			'{'.repeat(2000),
			'- '.repeat(2000),
			'nodes: !!binary aGVsbG8=\n',
			'format: 1\nnodes: [1, 2]\nstart: [x]\n'
		];
		for (const source of junk) {
			const result = parseScenario(source, 'junk.yaml');
			expect(result.ok).toBe(false);
			expect(result.problems.length).toBeGreaterThan(0);
			for (const problem of result.problems) {
				expect(problem.line).toBeGreaterThanOrEqual(1);
				expect(problem.col).toBeGreaterThanOrEqual(1);
				expect(problem.message).not.toContain('could not finish');
			}
		}
	});
});

describe('parseCourse', () => {
	const course = read('valid/courses/ambulance_refresher.yaml');

	it('parses the course fixture into the Course type', () => {
		const result = parseCourse(course, 'courses/ambulance_refresher.yaml');
		expect(result.problems).toEqual([]);
		expect(result.ok && result.value).toEqual({
			format: 1,
			id: 'ambulance_refresher',
			version: 1,
			title: 'Domestic abuse refresher for ambulance crews',
			description: 'Two short cases from call-outs where the signs were easy to miss.',
			audience: 'ambulance',
			minutes: 4,
			outcomes: [
				'Spot the signs of domestic abuse at a call-out, including when the partner is present.',
				'Know when a DASH risk assessment leads to a MARAC referral.'
			],
			passMark: 80,
			criticalChoiceFails: true,
			scenarios: ['minimal', 'fall_at_home'],
			core: ['minimal', 'fall_at_home'],
			pathways: [],
			translations: []
		});
	});

	it('names keys as the file writes them and suggests snake_case', () => {
		const source = course.replace('pass_mark: 80', 'passMark: 80');
		const { problems } = parseCourse(source, 'ambulance_refresher.yaml');
		expect(problems).toHaveLength(1);
		expectProblem(problems, {
			line: 12,
			col: 1,
			message: 'the course has an unknown key `passMark`',
			hint: 'Did you mean `pass_mark`?'
		});
	});

	it('checks ranges and list lengths', () => {
		const source = course
			.replace('pass_mark: 80', 'pass_mark: 120')
			.replace('minutes: 4', 'minutes: 0')
			.replace('scenarios:\n  - minimal\n  - fall_at_home\n', 'scenarios: []\n');
		const { problems } = parseCourse(source, 'ambulance_refresher.yaml');
		expectProblem(problems, {
			line: 8,
			col: 10,
			message: '`minutes` is 0; `minutes` is a whole number from 1 to 240'
		});
		expectProblem(problems, {
			line: 12,
			col: 12,
			message: '`pass_mark` is 120; `pass_mark` is a percentage, a whole number from 0 to 100'
		});
		expectProblem(problems, { line: 14, col: 1, message: '`scenarios` is empty' });
	});

	it('allows at most 8 outcomes', () => {
		const nine = Array.from({ length: 9 }, (_, i) => `  - Outcome ${i + 1}.`).join('\n');
		const source = course.replace(/outcomes:\n( {2}- .*\n)+/, `outcomes:\n${nine}\n`);
		expectProblem(parseCourse(source, 'ambulance_refresher.yaml').problems, {
			line: 9,
			col: 1,
			message: '`outcomes` has 9 items; the most allowed is 8'
		});
	});

	it('checks the file name against the id', () => {
		expectProblem(parseCourse(course, 'courses/refresher.yaml').problems, {
			line: 3,
			col: 5,
			message: 'the file is called `refresher.yaml` but its `id` is `ambulance_refresher`'
		});
	});
});

describe('formatProblem', () => {
	it('prints file:line:col, severity and message, then the hint indented', () => {
		const problem: Problem = {
			file: 'scenarios/a.yaml',
			line: 3,
			col: 7,
			severity: 'error',
			message: 'choice `x` in node `y` has no `feedback`',
			hint: 'Add `feedback:`.'
		};
		expect(formatProblem(problem)).toBe(
			'scenarios/a.yaml:3:7  error  choice `x` in node `y` has no `feedback`\n  hint: Add `feedback:`.'
		);
		expect(formatProblem({ ...problem, severity: 'warning', hint: undefined })).toBe(
			'scenarios/a.yaml:3:7  warning  choice `x` in node `y` has no `feedback`'
		);
	});
});
