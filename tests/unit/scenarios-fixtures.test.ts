/**
 * One malformed fixture per check. Each is the minimal valid scenario with one mistake, and must
 * produce exactly the problems listed: line, column, severity and message, word for word, with
 * the start of its hint. Broken YAML syntax is tested inline in parse.test.ts instead, so that
 * `prettier --check .` can read every fixture. About 400 lines: one expectation per fixture.
 *
 * A folder fixture follows: a translation with one passage translated from older English.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPackageCourse } from '../../src/build-time/package/course.ts';
import { checkFiles } from '../../src/build-time/scenario/files.ts';
import type { LaunchCourse } from '../../src/lib/scenario/launch.ts';
import { parseScenario } from '../../src/build-time/scenario/parse.ts';
import { courseReport } from '../../src/build-time/scenario/scores.ts';

const FOLDER = 'tests/fixtures/scenarios/malformed';

type Expected = [
	line: number,
	col: number,
	severity: 'error' | 'warning',
	message: string,
	hint: string
];

const CASES: Record<string, Expected[]> = {
	// YAML and the schema
	duplicate_key: [
		[
			36,
			3,
			'error',
			'node id `good_end` is used twice (first on line 31)',
			'Node ids must be unique in a scenario'
		]
	],
	duplicate_choice: [
		[
			24,
			7,
			'error',
			'choice id `ask_alone` is used twice in node `kitchen` (first on line 18)',
			'Choice ids must be unique within a decision'
		]
	],
	unknown_key: [
		[16, 5, 'error', 'node `kitchen` has an unknown key `promt`', 'Did you mean `prompt`?']
	],
	ending_with_next: [
		[
			39,
			5,
			'error',
			'node `poor_end` is an ending node, which has no `next` (a narrative node has)',
			'An ending is where the scenario stops. Remove `next`'
		]
	],
	wrong_type: [
		[
			7,
			12,
			'error',
			'`audiences` should be a list, not the text `ambulance`',
			'Write a list in brackets'
		]
	],
	points_not_number: [
		[
			20,
			17,
			'error',
			'`points` of choice `ask_alone` in node `kitchen` should be a whole number from 0 to 10, or points per theme such as `{ risk_assessment: 2 }`, not the text `three`',
			'A bare number is credited'
		]
	],
	critical_not_boolean: [
		[
			27,
			19,
			'error',
			'`critical` of choice `leave_it` in node `kitchen` should be `true` or `false`, not the text `yes`',
			'Write `true` or `false`, without quotes.'
		]
	],
	missing_key: [[2, 1, 'error', 'the scenario has no `title`', 'Add `title:`']],
	missing_prompt: [[12, 3, 'error', 'node `kitchen` has no `prompt`', 'Add `prompt:`']],
	missing_feedback: [
		[
			24,
			7,
			'error',
			'choice `leave_it` in node `kitchen` has no `feedback`',
			'Add `feedback:` explaining why this choice matters'
		]
	],
	empty_node: [[31, 3, 'error', 'node `good_end` is empty', "Indent the node's keys"]],
	empty_text: [[34, 5, 'error', '`text` of node `good_end` is empty', 'Add `text:`']],
	text_too_long: [
		[5, 8, 'error', '`title` is 83 characters long; the limit is 80', 'Shorten it by 3 characters.']
	],
	hyphen_id: [
		[
			31,
			3,
			'error',
			'node id `good-end` is not allowed: ids may only contain lower case letters, digits and _, starting with a letter (SCORM and LMSs such as Moodle reject hyphens and spaces in ids)',
			'Try `good_end`'
		]
	],
	points_range: [
		[
			20,
			17,
			'error',
			'`points` of choice `ask_alone` in node `kitchen` is 12; points are whole numbers from 0 to 10',
			'Use a whole number from 0 to 10.'
		]
	],
	unknown_points_theme: [
		[
			20,
			19,
			'error',
			'`points` of choice `ask_alone` in node `kitchen` names `risk`, which is not a theme',
			'Did you mean `risk_assessment`?'
		]
	],
	unknown_theme: [
		[
			6,
			8,
			'error',
			'`theme` is `coercive_contol`, which is not a theme',
			'Did you mean `coercive_control`?'
		]
	],
	unknown_audience: [
		[
			7,
			13,
			'error',
			'`audiences` lists `ambulence`, which is not an audience',
			'Did you mean `ambulance`?'
		]
	],
	unknown_type: [
		[
			32,
			11,
			'error',
			'node `good_end` has the type `endng`; a node is a narrative, decision or ending',
			'Did you mean `ending`?'
		]
	],
	bad_outcome: [
		[
			33,
			14,
			'error',
			'`outcome` of node `good_end` is `great`, which is not an outcome',
			'Choose one of: `good`, `mixed` or `poor`.'
		]
	],
	one_choice: [
		[
			17,
			5,
			'error',
			'node `kitchen` has only 1 choice; a decision needs 2 to 5',
			'Add another choice.'
		]
	],
	six_choices: [
		[
			17,
			5,
			'error',
			'node `kitchen` has 6 choices; a decision can have at most 5',
			'Merge or remove choices'
		]
	],
	// The format version
	old_format: [
		[
			2,
			9,
			'error',
			'`format` is 0, an older format than this checker reads (format 1)',
			'Run `npm run scenarios:migrate <file>`: it will upgrade the file to format 1.'
		]
	],
	wrong_format: [
		[
			2,
			9,
			'error',
			'`format` is 2, newer than this checker knows (it reads format 1)',
			'The file was written for a newer version of the course builder'
		]
	],
	// The editor schema line
	missing_schema_line: [
		[
			1,
			1,
			'warning',
			"the first line does not link the scenario schema, so editors can't complete keys or flag mistakes as you type",
			'Add this as the first line: `# yaml-language-server: $schema=./schema/scenario.schema.json`'
		]
	],
	wrong_schema_line: [
		[
			1,
			33,
			'warning',
			'the first line links `../../../../scenarios/schema/course.schema.json`, which is not the scenario schema',
			'Link `scenario.schema.json` instead'
		]
	],
	// The graph
	file_name_mismatch: [
		[
			3,
			5,
			'error',
			'the file is called `file_name_mismatch.yaml` but its `id` is `fall_at_home_v2`',
			'Rename the file to `fall_at_home_v2.yaml`'
		]
	],
	unknown_start: [
		[9, 8, 'error', '`start` names node `kitchn`, which does not exist', 'Did you mean `kitchen`?']
	],
	unknown_next: [
		[
			23,
			15,
			'error',
			'choice `ask_alone` in node `kitchen` leads to node `god_end`, which does not exist',
			'Did you mean `good_end`?'
		]
	],
	unreachable: [
		[
			36,
			3,
			'error',
			"node `orphan` can't be reached: no path from `start` leads to it",
			'Point a `next` at it'
		]
	],
	cycle: [
		[
			39,
			11,
			'error',
			'node `follow_up` leads back to node `kitchen`, which comes before it on the path; paths only go forward in format 1',
			'Point it at a node further on.'
		]
	],
	no_way_out: [
		[36, 3, 'error', 'no path from node `loop_a` leads to an ending', 'Follow its `next` values'],
		[41, 3, 'error', 'no path from node `loop_b` leads to an ending', 'Follow its `next` values'],
		[
			44,
			11,
			'error',
			'node `loop_b` leads back to node `loop_a`, which comes before it on the path; paths only go forward in format 1',
			'Point it at a node further on.'
		]
	],
	no_good_ending: [
		[11, 1, 'error', 'the scenario has no `good` ending', 'Add a node with `type: ending`']
	],
	no_poor_ending: [
		[11, 1, 'error', 'the scenario has no `poor` ending', 'Add a node with `type: ending`']
	],
	critical_to_good: [
		[
			29,
			15,
			'warning',
			'critical choice `leave_it` in node `kitchen` leads to node `colleague_visits`, from which only a `good` ending can be reached',
			'A critical choice fails the scenario whatever comes next'
		]
	],
	all_critical: [
		[
			40,
			5,
			'warning',
			'every choice in node `doorstep` is critical, so every learner who reaches it fails',
			'Give the learner at least one choice that is good practice'
		]
	],
	// a tell: the best choice given away by its length
	length_tell: [
		[
			12,
			3,
			'warning',
			'in decision `kitchen` the best choice, `ask_alone`, is 290% longer than the others on average: learners can pick it by its length',
			'Say the best choice more briefly, or give the others the same detail, until it is no more than 25% longer'
		]
	]
};

describe('malformed scenario fixtures', () => {
	it('has a case for every fixture, and at least 25 of them', () => {
		const files = readdirSync(FOLDER)
			.filter((name) => name.endsWith('.yaml'))
			.map((name) => name.slice(0, -'.yaml'.length))
			.sort();
		expect(files).toEqual(Object.keys(CASES).sort());
		expect(files.length).toBeGreaterThanOrEqual(25);
	});

	it.each(Object.entries(CASES))('%s.yaml', (name, expected) => {
		const file = `${FOLDER}/${name}.yaml`;
		const result = parseScenario(readFileSync(file, 'utf8'), file);
		const errors = expected.some(([, , severity]) => severity === 'error');
		// A file with only warnings still plays: the checker passes it.
		expect(result.ok).toBe(!errors);
		expect(
			result.problems.map(({ file, line, col, severity, message }) => ({
				file,
				line,
				col,
				severity,
				message
			}))
		).toEqual(
			expected.map(([line, col, severity, message]) => ({ file, line, col, severity, message }))
		);
		result.problems.forEach((problem, i) => {
			expect(problem.hint?.startsWith(expected[i]![4]), `hint: ${problem.hint}`).toBe(true);
		});
	});
});

describe('a translation with a passage translated from older English (stale_translation/)', () => {
	const root = 'tests/fixtures/scenarios/stale_translation';
	const file = `${root}/translations/cy/minimal.yaml`;

	it('is warned of at that passage, naming it, with how to update it', () => {
		const { problems } = checkFiles([root]);
		expect(
			problems.map((p) => `${p.file}:${p.line}:${p.col}  ${p.severity}  ${p.message}`)
		).toEqual([
			`${file}:20:3  warning  the English of passage \`kitchen.text\` changed since it was translated`
		]);
		expect(problems[0]?.hint).toBe(
			'Until it is updated, learners read this scenario in English. `npm run scenarios:translate minimal cy` puts the new English beside it; update the translation, then run `npm run scenarios:translate minimal cy -- --accept kitchen.text`.'
		);
		const [course] = checkFiles([root]).courses;
		expect(course?.translations[0]).toMatchObject({ locale: 'cy', complete: [], stale: 1 });
	});

	it('is packaged in English, while the current course words ship in Welsh', () => {
		const { content } = loadPackageCourse('.', 'minimal_course', root);
		const launch = JSON.parse(content.launchJson) as LaunchCourse;
		expect(launch.languages).toEqual({ minimal: ['en-GB'] });
		expect([...content.files.keys()]).toEqual(['content/en-GB/minimal.json']);
		expect(launch.courseTranslations.cy?.title).toBe('Cwrs gloywi byr');
	});
});

describe('courses with role pathways (pathways/)', () => {
	const folder = 'tests/fixtures/scenarios/pathways';
	const checked = checkFiles([folder]);
	const problems = [
		...checked.problems,
		...checked.courses.flatMap((c) => courseReport(c).problems)
	];
	const at = (p: (typeof problems)[number]) =>
		`${p.file}:${p.line}:${p.col}  ${p.severity}  ${p.message}`;

	it('reports each mistake at its place, and nothing in the sound course', () => {
		expect(problems.map(at).sort()).toEqual(
			[
				`${folder}/courses/both_lists.yaml:13:1  error  the course has \`scenarios\` and also \`core\` or \`pathways\``,
				`${folder}/courses/missing_theme.yaml:20:3  error  pathway \`control\` never scores \`risk_assessment\`, which the course reports to the LMS`,
				`${folder}/courses/repeats_core.yaml:20:9  error  pathway \`crews\` lists \`minimal\`, which is already in \`core\``,
				`${folder}/courses/too_long.yaml:8:10  warning  \`minutes\` says 90, but reading the course takes about 2–3 minutes (every pathway)`
			].sort()
		);
	});

	it('checks the pass mark and the time of every pathway', () => {
		const roles = checked.courses.find((c) => c.bundle.course.id === 'roles')!;
		expect(courseReport(roles).line.split('\n  ')).toEqual([
			`${folder}/courses/roles.yaml (pathway \`crews\`): 0–100% (pass mark 80%: can be passed and failed), about 2–3 minutes`,
			`${folder}/courses/roles.yaml (pathway \`control\`): 0–100% (pass mark 80%: can be passed and failed), about 3–4 minutes`
		]);
		expect(roles.bundle.course.scenarios).toEqual(['minimal', 'other', 'third']);
		expect(roles.bundle.course.pathways.map((p) => [p.id, p.title, p.scenarios])).toEqual([
			['crews', 'Ambulance crews', ['other']],
			['control', 'Control room', ['other', 'third']]
		]);
	});
});
