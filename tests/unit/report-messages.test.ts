import { spawnSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCourses } from '../../src/build-time/report/analyse.ts';
import { formatNotice } from '../../src/build-time/report/exports.ts';
import { buildReport } from '../../src/build-time/report/report.ts';

/**
 * What the report says about files it can't fully use: every message exact and located, every
 * row that is left out counted, and never a crash.
 */
const F = 'tests/fixtures/report';
const { bundles } = loadCourses(`${F}/scenarios`);
const HINT_FORMATS =
	"  hint: The report reads Moodle's basic, interactions or objectives report (text, ODS or Excel), the decisions CSV (learner,attempt,interaction,response,result,time) or the tracks CSV (learner,attempt,sco,element,value).";
const HINT_CHANGED =
	'  hint: The scenario has probably changed since this attempt. Run the report with --scenarios pointing at the scenario files as they were when the course was packaged.';

function report(...files: string[]) {
	return buildReport(
		files.map((file) => ({ file, bytes: readFileSync(file) })),
		bundles
	);
}
const messages = (...files: string[]) => report(...files).analysis.notices.map(formatNotice);

describe('malformed rows are located, counted and left out; the rest is read', () => {
	it('in the decisions CSV', () => {
		const file = `${F}/malformed/decisions.csv`;
		const { analysis, summary } = report(file);
		expect(analysis.notices.map(formatNotice)).toEqual([
			`${file}:3  malformed row  the attempt is \`one\`, not a whole number from 1; the row is not counted`,
			`${file}:4  malformed row  the interaction is \`gp partner\`, not \`<scenario>.<decision>\`; the row is not counted`,
			`${file}:5  malformed row  there is no response; the row is not counted`,
			`${file}:6  malformed row  the time is \`yesterday\`, not an ISO date and time such as 2026-12-07T15:41:04; the row is not counted`,
			`${file}:7  malformed row  there is no learner key; the row is not counted`
		]);
		expect(summary.notices.byKind).toEqual({ 'malformed row': 5 });
		expect(analysis.groups[0]).toMatchObject({ learners: 1, attempts: 1 });
	});

	it("in Moodle's interactions report", () => {
		const file = `${F}/malformed/interactions.tab_separated.txt`;
		expect(messages(file)).toEqual([
			`${file}:3  malformed row  the attempt is \`x\`, not a number; the row is not counted`,
			`${file}:4  malformed row  this row has 3 of the 11 columns the header names; it is not counted`,
			`${file}:5  malformed row  Question 0 is \`gp_partner_answers.consultation\` with response \`\`: a decision needs both; it is not counted`
		]);
	});

	it('in the tracks CSV', () => {
		const file = `${F}/malformed/tracks.csv`;
		expect(messages(file)).toEqual([
			`${file}:3  malformed row  this row has 3 columns, fewer than the header's; the row is not counted`,
			`${file}:4  malformed row  a stored value needs a learner, an attempt (a whole number from 1) and an element; the row is not counted`,
			`${file}:5  malformed row  interaction 0 of this attempt has id \`gp_partner_answers.consultation\` but no response; it is not counted`,
			`${file}:6  malformed row  interaction 1 of this attempt has no id; it is not counted`
		]);
	});
});

it('says where the course has changed since the attempts, and counts only what still fits', () => {
	const file = `${F}/changed/decisions.csv`;
	const { analysis, summary } = report(file);
	expect(analysis.notices.map(formatNotice)).toEqual([
		`${file}:2  course changed  \`gp_partner_answers.consultation\`: the response \`e\` is choice 5, but the decision now has 3 (a–c); it is not counted\n${HINT_CHANGED}`,
		`${file}:3  course changed  \`gp_partner_answers.consultation\`: the response \`phone_later\` is not a choice of this decision (now \`interpreter_alone\`, \`adrian_interprets\`, \`ask_in_front\`); it is not counted\n${HINT_CHANGED}`,
		`${file}:4  unknown interaction  \`gp_partner_answers.new_decision\` is not a decision of course \`gp_refresher\` (scenario \`gp_partner_answers\` has no decision \`new_decision\`); it is not counted\n${HINT_CHANGED}`,
		`${file}:5  course changed  \`gp_partner_answers.consultation\` \`b\` (\`adrian_interprets\`) was recorded as correct, but the scenario now makes it incorrect; counted as \`adrian_interprets\`\n${HINT_CHANGED}`,
		`${file}:6  course changed  in scenario \`gp_partner_answers\` this attempt answered \`asking\` where the scenario now leads to \`exam_chaperone\`; its path is drawn only up to there\n${HINT_CHANGED}`,
		`${file}:7  not counted  no course in the scenarios folder matches this attempt (decisions somewhere_else.node); it is not counted\n  hint: Check --scenarios names the folder the course was packaged from.`
	]);
	expect(summary.notices.byKind).toEqual({
		'course changed': 4,
		'unknown interaction': 1,
		'not counted': 1
	});
	const counted = analysis.groups[0]!.decisions.flatMap((d) => d.choices).reduce(
		(n, c) => n + c.all,
		0
	);
	expect(counted).toBe(2);
});

it('takes a score the LMS holds as a finished attempt, even where the scenario now goes on further', () => {
	// Moodle's GP interactions report, with learner1's last decision gone: as if the scenario had
	// since gained a decision the attempt never saw. The LMS's score of 100 still stands.
	const file = `${F}/moodle-4.5/gp_refresher-scorm12.interactions.tab_separated.txt`;
	const rows = readFileSync(file, 'utf8').split('\n');
	const at = rows.findIndex((row) => row.includes('learner1@example.com'));
	rows[at] = rows[at]!.replace(/\tchild_not_brought\.clinic_visit\ta\ta\tcorrect/, '');
	const { analysis } = buildReport(
		[{ file, bytes: new TextEncoder().encode(rows.join('\n')) }],
		bundles
	);
	expect(analysis.notices.map(formatNotice)).toEqual([
		`${file}:${at + 1}  course changed  the LMS holds a score of 100, so this attempt was finished, but its decisions no longer reach an ending of \`child_not_brought\`; it is counted as finished, with the LMS's score\n${HINT_CHANGED}`
	]);
	const gp = analysis.groups[0]!;
	// as the unchanged report and the tracks count them: all 8 finished, learners 1, 2 and 4 passed
	expect([gp.attempts, gp.completed, gp.passed]).toEqual([8, 8, 3]);
});

it('says when the tracks were saved with other versions of the scenarios than --scenarios has', () => {
	const root = mkdtempSync(join(tmpdir(), 'report-scenarios-'));
	try {
		cpSync(`${F}/scenarios`, root, { recursive: true });
		const file = join(root, 'gp_partner_answers.yaml');
		writeFileSync(file, readFileSync(file, 'utf8').replace(/^version: 1$/m, 'version: 2'));
		const tracks = `${F}/moodle-4.5/gp_refresher-scorm12.tracks.csv`;
		const { analysis } = buildReport(
			[{ file: tracks, bytes: readFileSync(tracks) }],
			loadCourses(root).bundles
		);
		expect(analysis.notices.map(formatNotice)).toEqual([
			`${tracks}:2  course changed  8 of this file's attempts were saved by gp_refresher.1 (scenario versions 1.1), but the scenarios folder has gp_refresher.1 (scenario versions 2.1); choices are matched by id or letter all the same, and any that no longer fit are listed\n${HINT_CHANGED}`
		]);
	} finally {
		rmSync(root, { recursive: true, force: true });
	}
});

it('names every file it does not recognise, and why', () => {
	const files = ['archive.zip', 'empty.txt', 'grades.csv', 'picture.png', 'unclosed.csv'].map(
		(name) => `${F}/foreign/${name}`
	);
	expect(readdirSync(`${F}/foreign`).sort()).toEqual(files.map((f) => f.split('/').pop()).sort());
	expect(messages(...files)).toEqual([
		`${F}/foreign/archive.zip:1  unrecognised file  not read: it is a zip, but neither an ODS nor an Excel (XLSX) spreadsheet\n${HINT_FORMATS}`,
		`${F}/foreign/empty.txt:1  unrecognised file  not read: the file is empty\n${HINT_FORMATS}`,
		`${F}/foreign/grades.csv:1  unrecognised file  not read: its first row (Student, Grade) is not the header of an export the report knows\n${HINT_FORMATS}`,
		`${F}/foreign/picture.png:1  unrecognised file  not read: it is neither UTF-8 text nor a spreadsheet\n${HINT_FORMATS}`,
		`${F}/foreign/unclosed.csv:2  unrecognised file  not read: a quoted field is never closed\n${HINT_FORMATS}`
	]);
});

/** A path as the report prints it: relative to where it runs. */
const relativeToHere = (path: string) => relative(process.cwd(), path) || path;

function run(...args: string[]) {
	const result = spawnSync('npx', ['tsx', 'tools/report.ts', ...args], {
		encoding: 'utf8',
		timeout: 60_000
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run report', { timeout: 60_000 }, () => {
	const out = mkdtempSync(join(tmpdir(), 'report-'));
	afterAll(() => rmSync(out, { recursive: true, force: true }));

	it('writes the page and the summary to --out alone, and prints the notices and a line per course', () => {
		const { code, stdout } = run(
			'--scenarios',
			`${F}/scenarios`,
			'--out',
			join(out, 'r'),
			`${F}/moodle-4.5/gp_refresher-scorm12.tracks.csv`,
			`${F}/foreign/grades.csv`
		);
		expect(code).toBe(0);
		expect(readdirSync(out)).toEqual(['r']);
		expect(readdirSync(join(out, 'r')).sort()).toEqual(['report.html', 'summary.json']);
		expect(stdout.split('\n').slice(0, 4)).toEqual([
			`${F}/foreign/grades.csv:1  unrecognised file  not read: its first row (Student, Grade) is not the header of an export the report knows`,
			HINT_FORMATS,
			'gp_refresher: 8 learners, 8 attempts; completed 8 of 8 (100%), passed fewer than 5; 3 training needs',
			'1 notice (1 unrecognised file).'
		]);
		const summary = JSON.parse(readFileSync(join(out, 'r', 'summary.json'), 'utf8'));
		expect(summary.notices.total).toBe(1);
	});

	it('never replaces a report with one that is missing what it was asked to read', () => {
		const kept = join(out, 'kept');
		const tracks = `${F}/moodle-4.5/gp_refresher-scorm12.tracks.csv`;
		expect(run('--scenarios', `${F}/scenarios`, '--out', kept, tracks).code).toBe(0);
		const before = readFileSync(join(kept, 'report.html'), 'utf8');

		// a file named wrongly, or a folder: stopped before anything is read or written
		const typo = run(
			'--scenarios',
			`${F}/scenarios`,
			'--out',
			kept,
			tracks,
			`${F}/no-such-file.csv`
		);
		expect([typo.code, typo.stdout.trim()]).toEqual([
			1,
			`${F}/no-such-file.csv:1  unrecognised file  there is no such file\n` +
				`Check the file names: nothing was written, and ${relativeToHere(kept)} is as it was.`
		]);
		const folder = run('--scenarios', `${F}/scenarios`, '--out', kept, `${F}/foreign`);
		expect(folder.code).toBe(1);
		expect(folder.stdout).toContain(
			`${F}/foreign:1  unrecognised file  this is a folder: name the export files in it`
		);

		// files that open but hold nothing to count: a header alone, a picture
		const headerOnly = join(out, 'header-only.csv');
		writeFileSync(headerOnly, 'learner,attempt,sco,element,value\n');
		const empty = run(
			'--scenarios',
			`${F}/scenarios`,
			'--out',
			kept,
			headerOnly,
			`${F}/foreign/picture.png`
		);
		expect(empty.code).toBe(1);
		expect(empty.stdout).toContain(
			`${headerOnly}:1  missing data  the file holds a header and no rows below it: there is nothing in it to count`
		);
		expect(empty.stdout).toContain(
			'No attempt in these files could be counted: nothing was written'
		);
		expect(readFileSync(join(kept, 'report.html'), 'utf8')).toBe(before);
	});

	it('asks for a folder when --out names a file, and answers --help with the usage', () => {
		const file = join(out, 'a-file.txt');
		writeFileSync(file, 'mine');
		const res = run(
			'--scenarios',
			`${F}/scenarios`,
			'--out',
			file,
			`${F}/moodle-4.5/gp_refresher-scorm12.tracks.csv`
		);
		expect(res.code).toBe(1);
		expect(res.stderr).toContain('is a file: name a folder for the report');
		expect(readFileSync(file, 'utf8')).toBe('mine');
		const help = run('--help');
		expect([help.code, help.stdout.trim().startsWith('usage: npm run report')]).toEqual([0, true]);
	});

	it('refuses a bad date or option with the usage, before reading anything', () => {
		const bad = run('--from', '7/12/2026', 'x.csv');
		expect([bad.code, bad.stderr.trim()]).toEqual([
			1,
			'report: --from 7/12/2026: write a real day as YYYY-MM-DD, e.g. 2026-12-07'
		]);
		const impossible = run('--to', '2026-02-30', 'x.csv');
		expect([impossible.code, impossible.stderr.trim()]).toEqual([
			1,
			'report: --to 2026-02-30: write a real day as YYYY-MM-DD, e.g. 2026-12-07'
		]);
		const none = run('--out', join(out, 'never'));
		expect(none.code).toBe(1);
		expect(none.stderr).toContain('name the LMS export files to read');
		expect(existsSync(join(out, 'never'))).toBe(false);
	});
});
