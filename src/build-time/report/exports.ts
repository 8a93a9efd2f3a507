/**
 * LMS exports as the attempts they record. Five kinds are recognised from their header row, never
 * from the file name: Moodle 4.5's basic, interactions and objectives reports (text, ODS or
 * Excel), and two plain CSV formats any LMS or database can produce (see the README):
 *
 *   decisions: learner,attempt,interaction,response,result,time   (optional: course, pathway)
 *   tracks:    learner,attempt,sco,element,value                   (Moodle's own dump too)
 *
 * Moodle's reports are read in `exports-moodle.ts`, the CSV formats in `exports-csv.ts`.
 *
 * Nothing is dropped silently: a row that can't be used becomes a located notice.
 */
import { headerIndex, readDecisions, readTracks } from './exports-csv.ts';
import { moodleColumns, readMoodle } from './exports-moodle.ts';
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
export type ScormEdition = '1.2' | '2004';

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
	const read = readKnown(file, header, body);
	if (!read)
		return unrecognised(
			`not read: its first row (${header.cells.slice(0, 6).join(', ')}${header.cells.length > 6 ? ', …' : ''}) is not the header of an export the report knows`,
			header.line
		);
	if (body.length === 0) {
		read.notices.push({
			file,
			line: header.line,
			kind: 'missing data',
			message: 'the file holds a header and no rows below it: there is nothing in it to count',
			hint: 'Download the export again from the LMS, once learners have attempted the course.'
		});
	}
	return read;
}

/** The export a known header opens, read; undefined for a header the report does not know. */
function readKnown(file: string, header: Row, body: Row[]): ReadExport | undefined {
	const moodle = moodleColumns(header.cells.map((c) => c.trim()));
	if (moodle) return readMoodle(file, header, body, moodle);
	const col = headerIndex(header.cells);
	const has = (...fields: string[]) => fields.every((f) => col(f) >= 0);
	if (has('learner', 'attempt', 'element', 'value')) return readTracks(file, body, col);
	if (has('learner', 'attempt', 'interaction', 'response')) return readDecisions(file, body, col);
	return undefined;
}
