/**
 * Any export as rows of text cells, each row with the line (text) or row number (spreadsheet) a
 * message can point at. Which export it is comes later, from its headers (`exports.ts`): LMSs
 * name their downloads freely, and Moodle's "CSV" is tab-separated text in a `.txt` file.
 */
import { strFromU8, unzipSync } from 'fflate';
import { attr, childElements, descendantsNamed, parseXml, textOf } from '../package/xml.ts';

export interface Row {
	/** 1-based: the text line the row starts on, or the spreadsheet's row number. */
	line: number;
	cells: string[];
}

export interface Table {
	kind: 'text' | 'ods' | 'xlsx';
	rows: Row[];
}

const ODS_TABLE = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0';
const ODS_TEXT = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const ODS_OFFICE = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
const XLSX = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const XLSX_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Why a file could not be read as a table, for the reader of the report. */
export class TableError extends Error {}

/**
 * Delimited text: PHP `fputcsv` and RFC 4180 quoting alike (a quoted field may hold the delimiter,
 * line breaks and doubled quotes). The delimiter is whichever of tab, semicolon and comma the
 * header line holds most of, so Moodle's tab-separated "CSV" and a spreadsheet's CSV both read.
 */
function parseDelimited(text: string): Row[] {
	const source = text.replace(/^\uFEFF/, '');
	const header = source.slice(0, source.search(/\r?\n|$/));
	const count = (d: string) => header.split(d).length - 1;
	const delimiter = ['\t', ';', ','].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
	const rows: Row[] = [];
	let line = 1;
	let cells: string[] = [];
	let cell = '';
	let quoted = false;
	let rowLine = 1;
	const endRow = () => {
		cells.push(cell);
		// A blank line is no row (a trailing newline leaves one at the end).
		if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
		cells = [];
		cell = '';
	};
	for (let i = 0; i < source.length; i++) {
		const c = source[i]!;
		if (quoted) {
			if (c === '"' && source[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else {
				if (c === '\n') line++;
				cell += c;
			}
		} else if (c === '"' && cell === '') {
			quoted = true;
		} else if (c === delimiter) {
			cells.push(cell);
			cell = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && source[i + 1] === '\n') i++;
			endRow();
			line++;
			rowLine = line;
		} else {
			cell += c;
		}
	}
	if (quoted) throw new TableError(`line ${rowLine}: a quoted field is never closed`);
	endRow();
	return rows;
}

/** OpenDocument: the first sheet, with repeated cells and rows expanded (trailing blanks dropped). */
function parseOds(files: Map<string, Uint8Array>): Row[] {
	const content = files.get('content.xml');
	if (!content) throw new TableError('it is a zip but not a spreadsheet (no content.xml)');
	const root = parseXml(strFromU8(content));
	const table = descendantsNamed(root, ODS_TABLE, 'table')[0];
	if (!table) return [];
	const rows: Row[] = [];
	let number = 0;
	for (const row of descendantsNamed(table, ODS_TABLE, 'table-row')) {
		const cells: string[] = [];
		const rowCells = childElements(row).filter(
			(c) => c.namespaceURI === ODS_TABLE && /^(covered-)?table-cell$/.test(c.localName ?? '')
		);
		for (const cell of rowCells) {
			const repeat = Number(attr(cell, 'number-columns-repeated', ODS_TABLE) ?? 1);
			const value =
				attr(cell, 'value-type', ODS_OFFICE) === 'float'
					? (attr(cell, 'value', ODS_OFFICE) ?? '')
					: descendantsNamed(cell, ODS_TEXT, 'p').map(textOf).join('\n');
			for (let i = 0; i < Math.min(repeat, 1024); i++) cells.push(value);
		}
		while (cells.length > 0 && cells.at(-1) === '') cells.pop();
		const repeat = Number(attr(row, 'number-rows-repeated', ODS_TABLE) ?? 1);
		for (let i = 0; i < repeat; i++) {
			number++;
			if (cells.length > 0) rows.push({ line: number, cells: [...cells] });
		}
	}
	return rows;
}

/** `C12` → column index 2. */
function columnOf(ref: string): number {
	const letters = /^[A-Z]+/.exec(ref)?.[0] ?? '';
	return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
}

/** Office Open XML: the workbook's first sheet, shared and inline strings resolved. */
function parseXlsx(files: Map<string, Uint8Array>): Row[] {
	const read = (path: string) => {
		const data = files.get(path);
		return data ? parseXml(strFromU8(data)) : undefined;
	};
	const workbook = read('xl/workbook.xml');
	if (!workbook) throw new TableError('it is a zip but not a spreadsheet (no xl/workbook.xml)');
	const first = descendantsNamed(workbook, XLSX, 'sheet')[0];
	const relId = first && attr(first, 'id', XLSX_REL);
	const rels = read('xl/_rels/workbook.xml.rels');
	const target = rels
		? descendantsNamed(rels, PACKAGE_REL, 'Relationship').find((r) => attr(r, 'Id') === relId)
		: undefined;
	const targetPath = target && attr(target, 'Target');
	const sheetPath = targetPath
		? targetPath.startsWith('/')
			? targetPath.slice(1)
			: `xl/${targetPath}`
		: 'xl/worksheets/sheet1.xml';
	const sheet = read(sheetPath);
	if (!sheet) throw new TableError(`the workbook names a sheet that is not in it (${sheetPath})`);
	const shared = read('xl/sharedStrings.xml');
	const strings = shared
		? descendantsNamed(shared, XLSX, 'si').map((si) =>
				descendantsNamed(si, XLSX, 't').map(textOf).join('')
			)
		: [];
	const rows: Row[] = [];
	descendantsNamed(sheet, XLSX, 'row').forEach((row, index) => {
		const number = Number(attr(row, 'r') ?? index + 1);
		const cells: string[] = [];
		for (const c of descendantsNamed(row, XLSX, 'c')) {
			const ref = attr(c, 'r');
			const column = ref ? columnOf(ref) : cells.length;
			const type = attr(c, 't');
			const v = textOf(descendantsNamed(c, XLSX, 'v')[0]);
			let value = v;
			if (type === 's') value = strings[Number(v)] ?? '';
			else if (type === 'inlineStr') value = descendantsNamed(c, XLSX, 't').map(textOf).join('');
			// PhpSpreadsheet writes whole numbers as `3.0`; the text export has `3`.
			else if (type === undefined || type === 'n') value = v.replace(/\.0+$/, '');
			while (cells.length < column) cells.push('');
			cells[column] = value;
		}
		while (cells.length > 0 && cells.at(-1) === '') cells.pop();
		if (cells.length > 0) rows.push({ line: number, cells });
	});
	return rows;
}

/**
 * Reads a file's bytes as a table. A zip is a spreadsheet (ODS or XLSX, told apart by what is
 * inside); anything else must be UTF-8 text.
 */
export function readTable(bytes: Uint8Array): Table {
	if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
		let files: Map<string, Uint8Array>;
		try {
			files = new Map(Object.entries(unzipSync(bytes)));
		} catch {
			throw new TableError('it looks like a zip but cannot be opened');
		}
		try {
			if (files.has('content.xml')) return { kind: 'ods', rows: parseOds(files) };
			if (files.has('xl/workbook.xml')) return { kind: 'xlsx', rows: parseXlsx(files) };
		} catch (error) {
			if (error instanceof TableError) throw error;
			throw new TableError(`the spreadsheet's XML cannot be read (${(error as Error).message})`);
		}
		throw new TableError('it is a zip, but neither an ODS nor an Excel (XLSX) spreadsheet');
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new TableError('it is neither UTF-8 text nor a spreadsheet');
	}
	if (text.includes('\u0000')) throw new TableError('it is neither text nor a spreadsheet');
	return { kind: 'text', rows: parseDelimited(text) };
}
