/**
 * LMS exports as the attempts they record. Five kinds are recognised from their header row, never
 * from the file name: Moodle 4.5's basic, interactions and objectives reports (text, ODS or
 * Excel), and two plain CSV formats any LMS or database can produce (see the README):
 *
 *   decisions: learner,attempt,interaction,response,result,time   (optional: course, pathway)
 *   tracks:    learner,attempt,sco,element,value                   (Moodle's own dump too)
 *
 * Nothing is dropped silently: a row that can't be used becomes a located notice.
 */
import { readTable, TableError, type Row } from './table.ts';

export type NoticeKind =
	| 'unrecognised file'
	| 'malformed row'
	| 'unknown interaction'
	| 'course changed'
	| 'missing data'
	| 'not counted';

/** Something the report could not use, or a warning about what it used, at `file:line`. */
export interface Notice {
	file: string;
	line: number;
	kind: NoticeKind;
	message: string;
	/** What to do instead. */
	hint?: string;
}

export function formatNotice(notice: Notice): string {
	const head = `${notice.file}:${notice.line}  ${notice.kind}  ${notice.message}`;
	return notice.hint ? `${head}\n  hint: ${notice.hint}` : head;
}

export interface Located {
	file: string;
	line: number;
}

export type ExportFormat =
	'moodle basic' | 'moodle interactions' | 'moodle objectives' | 'decisions csv' | 'tracks csv';

/** The SCORM version a response was written under, which says how it names the choice. */
type ScormEdition = '1.2' | '2004';

interface RecordedDecision {
	at: Located;
	/** `<scenario>.<decision>`. */
	interaction: string;
	/** 1.2: the choice's letter in file order; 2004: the choice id; unknown: either. */
	response: string;
	result?: string;
	/** ISO date-time (`2026-12-07T15:41:04`) or time of day (`15:41:04`) as the LMS stored it. */
	time?: string;
	edition?: ScormEdition;
}

export interface RecordedAttempt {
	at: Located;
	format: ExportFormat;
	/** The learner's key in this export: never shown in the report unless `--learners`. */
	learner: string;
	attempt: number;
	/** Course id where the export names it (the SCO `ITEM_<course>`, or a `course` column). */
	course?: string;
	/** The SCO title Moodle heads its reports with: the course title. */
	courseTitle?: string;
	/** ISO date-time, local to the LMS, minute precision or better. */
	started?: string;
	/** Time spent as the LMS totalled it. */
	seconds?: number;
	/** Whole percentage, as the LMS stored it. */
	score?: number;
	completed?: boolean;
	passed?: boolean;
	/** Objective id → met, where the LMS stored an objective status. */
	objectives: Map<string, boolean>;
	pathway?: { id: string; title?: string };
	/** The course's saved progress (`suspend_data`), which names the versions it was made with. */
	savedProgress?: string;
	decisions: RecordedDecision[];
}

/** A learner the LMS lists for a course who never opened it. */
interface NotStarted {
	learner: string;
	courseTitle?: string;
	course?: string;
}

export interface ReadExport {
	file: string;
	format?: ExportFormat;
	/** Rows after the header. */
	rows: number;
	attempts: RecordedAttempt[];
	notStarted: NotStarted[];
	notices: Notice[];
}

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

/** SCORM 1.2 `HHHH:MM:SS.SS` or SCORM 2004 `PT1H2M3.5S` as seconds. */
function parseDuration(text: string): number | undefined {
	const hms = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(text.trim());
	if (hms) return Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3]);
	const iso =
		/^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
			text.trim()
		);
	if (!iso || text.trim() === 'P') return undefined;
	const [, y, mo, d, h, mi, s] = iso.map((part) => Number(part ?? 0));
	return ((y! * 365 + mo! * 30 + d!) * 24 + h!) * 3600 + mi! * 60 + s!;
}

const ISO_TIME =
	/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** `pathway: <id> (<title>)`, the learner comment a course with role pathways writes. */
function parsePathway(comment: string): { id: string; title?: string } | undefined {
	const m = /pathway:\s*([a-z0-9_]+)(?:\s*\(([^)]*)\))?/.exec(comment);
	return m ? { id: m[1]!, title: m[2]?.trim() || undefined } : undefined;
}

const MOODLE_LACKS_2004 = 'Moodle 4.5 leaves its interactions report empty for SCORM 2004 packages';
const USE_TRACKS =
	'Export the stored SCORM values instead (the tracks CSV: learner,attempt,sco,element,value), or the decisions CSV (learner,attempt,interaction,response,result,time); see the README.';

// ---------------------------------------------------------------------------------------------
// Moodle's reports

interface MoodleColumns {
	identity: number[];
	attempt: number;
	started: number;
	score: number;
	sco: number;
}

function moodleColumns(header: string[]): MoodleColumns | undefined {
	const at = (name: string) => header.indexOf(name);
	const attempt = at('Attempt');
	const started = at('Started on');
	const score = at('Score');
	if (attempt < 1 || started < 0 || at('Last accessed on') < 0 || score < 0) return undefined;
	// Name first, then whichever identity fields the site shows (email, id number...).
	const identity = Array.from({ length: attempt - 1 }, (_, i) => i + 1);
	return { identity: identity.length ? identity : [0], attempt, started, score, sco: score + 1 };
}

function readMoodle(file: string, header: Row, body: Row[], columns: MoodleColumns): ReadExport {
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
	if (format === 'moodle interactions' && out.attempts.every((a) => a.decisions.length === 0)) {
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

// ---------------------------------------------------------------------------------------------
// The plain CSV formats

/** Header names, lowercased with spaces and underscores dropped, and what each may be called. */
const ALIASES: Record<string, string[]> = {
	learner: ['learner', 'learnerkey', 'learnerid', 'user', 'userid', 'username'],
	attempt: ['attempt'],
	interaction: ['interaction', 'interactionid'],
	response: ['response', 'learnerresponse', 'studentresponse'],
	result: ['result'],
	time: ['time', 'timestamp'],
	course: ['course', 'courseid'],
	pathway: ['pathway'],
	sco: ['sco', 'scoid'],
	element: ['element'],
	value: ['value']
};

function headerIndex(header: string[]): (field: string) => number {
	const norm = header.map((h) =>
		h
			.trim()
			.toLowerCase()
			.replace(/[\s_]+/g, '')
	);
	return (field) => {
		// Moodle's dump has both userid and username: the name is the steadier key across exports.
		if (field === 'learner') {
			for (const alias of ['username', ...ALIASES.learner!]) {
				const i = norm.indexOf(alias);
				if (i >= 0) return i;
			}
			return -1;
		}
		return norm.findIndex((h) => ALIASES[field]!.includes(h));
	};
}

function malformed(file: string, row: Row, message: string): Notice {
	return {
		file,
		line: row.line,
		kind: 'malformed row',
		message: `${message}; the row is not counted`
	};
}

function attemptKey(learner: string, attempt: number, course = ''): string {
	return JSON.stringify([learner, attempt, course]);
}

function readDecisions(file: string, body: Row[], col: (f: string) => number): ReadExport {
	const out: ReadExport = {
		file,
		format: 'decisions csv',
		rows: body.length,
		attempts: [],
		notStarted: [],
		notices: []
	};
	const byKey = new Map<string, RecordedAttempt>();
	const [learnerAt, attemptAt, interactionAt, responseAt, resultAt, timeAt, courseAt, pathwayAt] = [
		'learner',
		'attempt',
		'interaction',
		'response',
		'result',
		'time',
		'course',
		'pathway'
	].map(col) as number[];
	for (const row of body) {
		const cell = (i: number) => (i >= 0 ? (row.cells[i] ?? '').trim() : '');
		const learner = cell(learnerAt!);
		const attempt = Number(cell(attemptAt!));
		const interaction = cell(interactionAt!);
		const response = cell(responseAt!);
		const time = cell(timeAt!);
		if (!learner) {
			out.notices.push(malformed(file, row, 'there is no learner key'));
			continue;
		}
		if (!Number.isInteger(attempt) || attempt < 1) {
			out.notices.push(
				malformed(file, row, `the attempt is \`${cell(attemptAt!)}\`, not a whole number from 1`)
			);
			continue;
		}
		if (!/^[a-z0-9_]+\.[a-z0-9_]+$/.test(interaction)) {
			out.notices.push(
				malformed(file, row, `the interaction is \`${interaction}\`, not \`<scenario>.<decision>\``)
			);
			continue;
		}
		if (!response) {
			out.notices.push(malformed(file, row, 'there is no response'));
			continue;
		}
		if (time && !ISO_TIME.test(time)) {
			out.notices.push(
				malformed(
					file,
					row,
					`the time is \`${time}\`, not an ISO date and time such as 2026-12-07T15:41:04`
				)
			);
			continue;
		}
		const course = cell(courseAt!) || undefined;
		const key = attemptKey(learner, attempt, course);
		let record = byKey.get(key);
		if (!record) {
			record = {
				at: { file, line: row.line },
				format: 'decisions csv',
				learner,
				attempt,
				course,
				objectives: new Map(),
				decisions: []
			};
			byKey.set(key, record);
			out.attempts.push(record);
		}
		const pathway = parsePathway(`pathway: ${cell(pathwayAt!)}`);
		if (cell(pathwayAt!) && pathway) record.pathway = pathway;
		record.decisions.push({
			at: { file, line: row.line },
			interaction,
			response,
			result: cell(resultAt!) || undefined,
			time: time || undefined
		});
		const day = time.slice(0, 16).replace(' ', 'T');
		if (day.length >= 10 && (!record.started || day < record.started)) record.started = day;
	}
	return out;
}

/** Moodle writes 1.2 array indices with underscores (`cmi.interactions_0.id`): one spelling. */
const dotted = (element: string) => element.replace(/_(\d+)(?=\.|$)/g, '.$1');

interface TrackRow {
	row: Row;
	element: string;
	value: string;
}

function readTracks(file: string, body: Row[], col: (f: string) => number): ReadExport {
	const out: ReadExport = {
		file,
		format: 'tracks csv',
		rows: body.length,
		attempts: [],
		notStarted: [],
		notices: []
	};
	const [learnerAt, attemptAt, scoAt, elementAt, valueAt] = [
		'learner',
		'attempt',
		'sco',
		'element',
		'value'
	].map(col) as number[];
	const groups = new Map<
		string,
		{ learner: string; attempt: number; sco: string; rows: TrackRow[] }
	>();
	for (const row of body) {
		const cell = (i: number) => (i >= 0 ? (row.cells[i] ?? '') : '');
		const learner = cell(learnerAt!).trim();
		const attempt = Number(cell(attemptAt!));
		const element = cell(elementAt!).trim();
		if (row.cells.length <= Math.max(learnerAt!, attemptAt!, elementAt!, valueAt!)) {
			out.notices.push(
				malformed(file, row, `this row has ${row.cells.length} columns, fewer than the header's`)
			);
			continue;
		}
		if (!learner || !Number.isInteger(attempt) || attempt < 1 || !element) {
			out.notices.push(
				malformed(
					file,
					row,
					'a stored value needs a learner, an attempt (a whole number from 1) and an element'
				)
			);
			continue;
		}
		const sco = cell(scoAt!).trim();
		const key = attemptKey(learner, attempt, sco);
		const group = groups.get(key) ?? { learner, attempt, sco, rows: [] };
		groups.set(key, group);
		group.rows.push({ row, element: dotted(element), value: cell(valueAt!) });
	}
	for (const group of groups.values()) out.attempts.push(trackAttempt(file, group, out.notices));
	return out;
}

/** One attempt's stored values, whichever SCORM version wrote them. */
function trackAttempt(
	file: string,
	group: { learner: string; attempt: number; sco: string; rows: TrackRow[] },
	notices: Notice[]
): RecordedAttempt {
	const values = new Map(group.rows.map((r) => [r.element, r]));
	const get = (...elements: string[]) =>
		elements.map((e) => values.get(e)?.value.trim()).find((v) => v !== undefined && v !== '');
	const edition: ScormEdition = group.rows.some((r) => r.element.startsWith('cmi.core.'))
		? '1.2'
		: '2004';
	const record: RecordedAttempt = {
		at: { file, line: group.rows[0]!.row.line },
		format: 'tracks csv',
		learner: group.learner,
		attempt: group.attempt,
		course: group.sco ? group.sco.replace(/^ITEM_/, '') : undefined,
		objectives: new Map(),
		decisions: []
	};
	const start = Number(get('x.start.time'));
	if (Number.isFinite(start) && start > 0) {
		record.started = new Date(start * 1000).toISOString().slice(0, 19);
	}
	const total = get(
		'cmi.core.total_time',
		'cmi.total_time',
		'cmi.core.session_time',
		'cmi.session_time'
	);
	record.seconds = total === undefined ? undefined : parseDuration(total);
	const raw = Number(get('cmi.core.score.raw', 'cmi.score.raw'));
	if (get('cmi.core.score.raw', 'cmi.score.raw') !== undefined && Number.isFinite(raw))
		record.score = raw;
	record.savedProgress = get('cmi.suspend_data');
	const lessonStatus = get('cmi.core.lesson_status');
	if (lessonStatus) {
		record.completed = ['passed', 'failed', 'completed'].includes(lessonStatus);
		if (lessonStatus === 'passed' || lessonStatus === 'failed')
			record.passed = lessonStatus === 'passed';
	}
	const completion = get('cmi.completion_status');
	if (completion) record.completed = completion === 'completed';
	const success = get('cmi.success_status');
	if (success === 'passed' || success === 'failed') record.passed = success === 'passed';

	// Arrays: interactions, objectives and 2004 learner comments, each by index.
	const arrays = new Map<string, Map<number, Map<string, TrackRow>>>();
	for (const r of group.rows) {
		const m = /^cmi\.(interactions|objectives|comments_from_learner)\.(\d+)\.(.+)$/.exec(r.element);
		if (!m) continue;
		const byIndex = arrays.get(m[1]!) ?? new Map<number, Map<string, TrackRow>>();
		arrays.set(m[1]!, byIndex);
		const fields = byIndex.get(Number(m[2])) ?? new Map<string, TrackRow>();
		byIndex.set(Number(m[2]), fields);
		fields.set(m[3]!, r);
	}
	const sorted = (name: string) =>
		[...(arrays.get(name) ?? new Map<number, Map<string, TrackRow>>()).entries()].sort(
			([a], [b]) => a - b
		);
	for (const [index, fields] of sorted('interactions')) {
		const id = fields.get('id');
		const response = fields.get('student_response') ?? fields.get('learner_response');
		const at = id ?? response ?? [...fields.values()][0]!;
		if (!id?.value.trim() || !response?.value.trim()) {
			notices.push({
				file,
				line: at.row.line,
				kind: 'malformed row',
				message: `interaction ${index} of this attempt has ${id?.value.trim() ? `id \`${id.value.trim()}\` but no response` : 'no id'}; it is not counted`
			});
			continue;
		}
		record.decisions.push({
			at: { file, line: id.row.line },
			interaction: id.value.trim(),
			response: response.value.trim(),
			result: fields.get('result')?.value.trim() || undefined,
			time: (fields.get('timestamp') ?? fields.get('time'))?.value.trim() || undefined,
			edition
		});
	}
	for (const [, fields] of sorted('objectives')) {
		const id = fields.get('id')?.value.trim();
		const status = (fields.get('success_status') ?? fields.get('status'))?.value.trim();
		if (id && (status === 'passed' || status === 'failed')) {
			record.objectives.set(id, status === 'passed');
		}
	}
	const comments = [
		get('cmi.comments'),
		...sorted('comments_from_learner').map(([, f]) => f.get('comment')?.value)
	];
	for (const comment of comments) {
		const pathway = comment && parsePathway(comment);
		if (pathway) record.pathway = pathway;
	}
	return record;
}

// ---------------------------------------------------------------------------------------------

const FORMATS_KNOWN =
	"Moodle's basic, interactions or objectives report (text, ODS or Excel), the decisions CSV (learner,attempt,interaction,response,result,time) or the tracks CSV (learner,attempt,sco,element,value)";

/** Reads one export file's bytes; never throws. */
export function readExport(file: string, bytes: Uint8Array): ReadExport {
	const unrecognised = (message: string, line = 1): ReadExport => ({
		file,
		rows: 0,
		attempts: [],
		notStarted: [],
		notices: [
			{ file, line, kind: 'unrecognised file', message, hint: `The report reads ${FORMATS_KNOWN}.` }
		]
	});
	let rows: Row[];
	try {
		rows = readTable(bytes).rows;
	} catch (error) {
		if (!(error instanceof TableError)) throw error;
		const line = Number(/^line (\d+)/.exec(error.message)?.[1] ?? 1);
		return unrecognised(`not read: ${error.message.replace(/^line \d+: /, '')}`, line);
	}
	const header = rows[0];
	if (!header) return unrecognised('not read: the file is empty');
	const body = rows.slice(1);
	const moodle = moodleColumns(header.cells.map((c) => c.trim()));
	if (moodle) return readMoodle(file, header, body, moodle);
	const col = headerIndex(header.cells);
	const has = (...fields: string[]) => fields.every((f) => col(f) >= 0);
	if (has('learner', 'attempt', 'element', 'value')) return readTracks(file, body, col);
	if (has('learner', 'attempt', 'interaction', 'response')) return readDecisions(file, body, col);
	return unrecognised(
		`not read: its first row (${header.cells.slice(0, 6).join(', ')}${header.cells.length > 6 ? ', …' : ''}) is not the header of an export the report knows`,
		header.line
	);
}
