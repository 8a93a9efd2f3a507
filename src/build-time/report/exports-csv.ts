/**
 * The two plain CSV formats any LMS or database can produce (see the README): one decision a row
 * (`decisions`), or one stored SCORM value a row (`tracks`, as Moodle's own table dump has it).
 */
import type { ExportFormat, Notice, ReadExport, RecordedAttempt, ScormEdition } from './exports.ts';
import type { Row } from './table.ts';

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

/** Where each field is in the header, by any of its names; -1 if absent. */
export function headerIndex(header: string[]): (field: string) => number {
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

/** What a file of this format holds before its rows are read. */
function emptyExport(file: string, format: ExportFormat, rows: number): ReadExport {
	return { file, format, rows, attempts: [], notStarted: [], notices: [] };
}

function attemptKey(learner: string, attempt: number, course = ''): string {
	return JSON.stringify([learner, attempt, course]);
}

export function readDecisions(file: string, body: Row[], col: (f: string) => number): ReadExport {
	const out = emptyExport(file, 'decisions csv', body.length);
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

export function readTracks(file: string, body: Row[], col: (f: string) => number): ReadExport {
	const out = emptyExport(file, 'tracks csv', body.length);
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
