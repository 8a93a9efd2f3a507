/**
 * Moodle 4.5's own SCORM reports (basic, interactions, objectives), told apart by their headers:
 * one row per attempt, identity columns first, then the attempt, its dates and score.
 */
import type { ExportFormat, ReadExport, RecordedAttempt } from './exports.ts';
import type { Row } from './table.ts';

const MONTHS = [
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december'
];
const pad = (n: number) => String(n).padStart(2, '0');

/** Moodle's English dates: `Monday, 7 December 2026, 3:48 PM` (text) or without the weekday. */
function parseMoodleDate(text: string): string | undefined {
	const m = /(\d{1,2}) ([A-Za-z]+) (\d{4}), (\d{1,2}):(\d{2}) ?(AM|PM)/i.exec(text);
	const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) : -1;
	if (!m || month < 0) return undefined;
	const hour = (Number(m[4]) % 12) + (m[6]!.toUpperCase() === 'PM' ? 12 : 0);
	return `${m[3]}-${pad(month + 1)}-${pad(Number(m[1]))}T${pad(hour)}:${m[5]}`;
}

const MOODLE_LACKS_2004 = 'Moodle 4.5 leaves its interactions report empty for SCORM 2004 packages';
const USE_TRACKS =
	'Export the stored SCORM values instead (the tracks CSV: learner,attempt,sco,element,value), or the decisions CSV (learner,attempt,interaction,response,result,time); see the README.';

export interface MoodleColumns {
	identity: number[];
	attempt: number;
	started: number;
	score: number;
	sco: number;
}

/** The columns of a Moodle report, or undefined if the header is not one. */
export function moodleColumns(header: string[]): MoodleColumns | undefined {
	const at = (name: string) => header.indexOf(name);
	const attempt = at('Attempt');
	const started = at('Started on');
	const score = at('Score');
	if (attempt < 1 || started < 0 || at('Last accessed on') < 0 || score < 0) return undefined;
	// Name first, then whichever identity fields the site shows (email, id number...).
	const identity = Array.from({ length: attempt - 1 }, (_, i) => i + 1);
	return { identity: identity.length ? identity : [0], attempt, started, score, sco: score + 1 };
}

export function readMoodle(
	file: string,
	header: Row,
	body: Row[],
	columns: MoodleColumns
): ReadExport {
	const names = header.cells;
	const questions = names.flatMap((name, i) => {
		const m = /^Question (\d+)$/.exec(name);
		return m ? [{ n: m[1]!, column: i }] : [];
	});
	const objectives = names.flatMap((name, i) => {
		const m = /^(.+) status$/.exec(name);
		return m && i > columns.sco ? [{ id: m[1]!, column: i }] : [];
	});
	const format: ExportFormat = questions.length
		? 'moodle interactions'
		: objectives.length
			? 'moodle objectives'
			: 'moodle basic';
	const out: ReadExport = {
		file,
		format,
		rows: body.length,
		attempts: [],
		notStarted: [],
		notices: []
	};
	const courseTitle = names[columns.sco];
	const column = (name: string) => names.indexOf(name);
	let withoutObjectives = 0;
	for (const row of body) {
		const cell = (i: number) => (row.cells[i] ?? '').trim();
		const learner = columns.identity.map(cell).join(' ');
		const attemptText = cell(columns.attempt);
		if (row.cells.length <= columns.score || !learner) {
			out.notices.push({
				file,
				line: row.line,
				kind: 'malformed row',
				message: `this row has ${row.cells.length} of the ${names.length} columns the header names; it is not counted`
			});
			continue;
		}
		if (attemptText === '-') {
			out.notStarted.push({ learner, courseTitle });
			continue;
		}
		const attempt = Number(attemptText);
		if (!Number.isInteger(attempt) || attempt < 1) {
			out.notices.push({
				file,
				line: row.line,
				kind: 'malformed row',
				message: `the attempt is \`${attemptText}\`, not a number; the row is not counted`
			});
			continue;
		}
		const score = Number(cell(columns.score));
		const record: RecordedAttempt = {
			at: { file, line: row.line },
			format,
			learner,
			attempt,
			courseTitle,
			started: parseMoodleDate(cell(columns.started)),
			score: cell(columns.score) !== '' && Number.isFinite(score) ? score : undefined,
			objectives: new Map(),
			decisions: []
		};
		for (const { n, column: q } of questions) {
			const interaction = cell(q);
			const response = cell(column(`Response ${n}`));
			if (!interaction && !response) continue;
			if (!interaction || !response) {
				out.notices.push({
					file,
					line: row.line,
					kind: 'malformed row',
					message: `Question ${n} is \`${interaction}\` with response \`${response}\`: a decision needs both; it is not counted`
				});
				continue;
			}
			record.decisions.push({
				at: { file, line: row.line },
				interaction,
				response,
				result: cell(column(`Result ${n}`)) || undefined,
				// this report reads only SCORM 1.2 element names, so responses are letters
				edition: '1.2'
			});
		}
		const values = objectives.filter(({ column: c }) => cell(c) !== '');
		if (objectives.length && values.length === 0) withoutObjectives++;
		for (const { id, column: c } of values) record.objectives.set(id, cell(c) === 'passed');
		out.attempts.push(record);
	}
	if (
		format === 'moodle interactions' &&
		out.attempts.length > 0 &&
		out.attempts.every((a) => a.decisions.length === 0)
	) {
		out.notices.push({
			file,
			line: 1,
			kind: 'missing data',
			message: `this interactions report holds no decisions for any of its ${out.attempts.length} attempts. ${MOODLE_LACKS_2004}, so only attempts and scores are counted from it.`,
			hint: USE_TRACKS
		});
	}
	if (format === 'moodle objectives' && withoutObjectives > 0) {
		out.notices.push({
			file,
			line: 1,
			kind: 'missing data',
			message: `this objectives report has no objective values for ${withoutObjectives} of its ${out.attempts.length} attempts (a fault in Moodle 4.5.0's objectives report); themes are worked out from the decisions instead.`,
			hint: `For the objectives the LMS stored, ${USE_TRACKS.charAt(0).toLowerCase()}${USE_TRACKS.slice(1)}`
		});
	}
	return out;
}
