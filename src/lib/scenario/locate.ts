import {
	isAlias,
	isMap,
	isPair,
	isScalar,
	isSeq,
	LineCounter,
	parseDocument,
	visit,
	type Document,
	type Node,
	type Pair
} from 'yaml';
import type { Problem } from './problem.ts';
import { quoted } from './suggest.ts';

/** A place in the file as the trainer's editor shows it: both 1-based. */
export interface Position {
	line: number;
	col: number;
}

/** Keys and list indexes from the top of the file down, as in the YAML (snake_case) and zod issue paths. */
export type Path = readonly PropertyKey[];

/** Maps a path in the file's data back to where the trainer wrote it. */
export interface Locator {
	/**
	 * Where to point for a problem with the value at `path`: the value itself when it is a plain
	 * value, otherwise its key (a block mapping's first line is not where the reader looks). For a
	 * missing key, the key of the nearest mapping that does exist.
	 */
	at(path: Path): Position;
	/** The key of the entry at `path` (for an unknown or badly named key). */
	key(path: Path): Position;
	/** Whether `path` names something written in the file. */
	has(path: Path): boolean;
}

interface Found {
	/** How many path segments were resolved. */
	depth: number;
	node: Node | null;
	pair: Pair | undefined;
}

const START: Position = { line: 1, col: 1 };

function keyText(key: unknown): string | undefined {
	if (isScalar(key)) return key.value === null ? '' : String(key.value);
	return undefined;
}

export function createLocator(doc: Document, lineCounter: LineCounter): Locator {
	const pos = (offset: number | undefined): Position =>
		offset === undefined ? START : lineCounter.linePos(offset);

	function resolve(path: Path): Found {
		let node: Node | null = (doc.contents as Node | null) ?? null;
		let pair: Pair | undefined;
		let depth = 0;
		for (const segment of path) {
			let current: unknown = node;
			// Aliases are followed a bounded number of times so a self-referencing anchor can't loop.
			for (let hops = 0; isAlias(current) && hops < 10; hops++) current = current.resolve(doc);
			if (isMap(current)) {
				// The last of duplicate keys wins, as in the data the schema sees.
				const match = [...current.items]
					.reverse()
					.find((item) => keyText(item.key) === String(segment));
				if (!match) break;
				pair = match;
				node = (match.value as Node | null) ?? null;
			} else if (isSeq(current) && typeof segment === 'number') {
				const item = current.items[segment];
				if (item === undefined) break;
				pair = undefined;
				node = isPair(item) ? ((item.value as Node | null) ?? null) : (item as Node);
			} else {
				break;
			}
			depth++;
		}
		return { depth, node, pair };
	}

	function keyOf(found: Found): Position | undefined {
		const key = found.pair?.key as Node | undefined;
		return key?.range ? pos(key.range[0]) : undefined;
	}

	function nodeStart(found: Found): Position {
		return found.node?.range ? pos(found.node.range[0]) : START;
	}

	return {
		at(path) {
			const found = resolve(path);
			if (found.depth < path.length) return keyOf(found) ?? nodeStart(found);
			const { node } = found;
			const isPlain = isScalar(node) && node.value !== null;
			if (isPlain || isAlias(node)) return nodeStart(found);
			return keyOf(found) ?? nodeStart(found);
		},
		key(path) {
			const found = resolve(path);
			return keyOf(found) ?? nodeStart(found);
		},
		has(path) {
			return resolve(path).depth === path.length;
		}
	};
}

/** The YAML as plain data, with a locator, or the reasons it can't be read. */
export interface YamlRead {
	/** Undefined when the YAML itself is broken: schema messages on half-read data would mislead. */
	data: unknown;
	/** A key appears twice: the data holds only the last, so graph rules on it would mislead. */
	duplicates: boolean;
	/**
	 * The paths (as JSON) of the mappings holding a key twice. Each has one entry fewer in the data
	 * than in the file, so a count of its entries would mislead.
	 */
	duplicatedIn: Set<string>;
	locator: Locator;
	problems: Problem[];
}

const TEXT_HINT_START =
	'If a text contains `: ` or ` #`, or starts with one of * & ! | > % @ ` [ { " \', put it in ' +
	'quotes, or write `|` after the key and the text indented on the next lines.';

/** Messages and hints for YAML's own errors, which the library words for programmers. */
const YAML_ERRORS: Partial<Record<string, { message: string; hint: string }>> = {
	TAB_AS_INDENT: {
		message: 'this line is indented with a tab',
		hint: 'Indent with spaces only. Most editors can be set to type spaces when you press Tab.'
	},
	BAD_INDENT: {
		message: 'this line is indented differently from the lines around it',
		hint: 'Line the key up with the other keys at the same level, using spaces.'
	},
	MULTIPLE_DOCS: {
		message: 'the file holds more than one YAML document (a line with `---`)',
		hint: 'Keep one scenario or course per file and remove the `---` line.'
	},
	MISSING_CHAR: {
		message: 'a closing quote or bracket is missing',
		hint: 'Check that every `"`, `\'`, `[` and `{` opened near here is closed.'
	},
	BLOCK_AS_IMPLICIT_KEY: {
		message: "YAML can't read this line: there is a `: ` where it expects the end of a value",
		hint: `${TEXT_HINT_START} Otherwise check this line is indented like the lines around it.`
	},
	MULTILINE_IMPLICIT_KEY: {
		message: "YAML can't read this line: a key seems to run over more than one line",
		hint: 'Check the indentation of this line and the one above, and that each key ends with `:`.'
	},
	BAD_SCALAR_START: {
		message: 'this value starts with a character YAML keeps for itself',
		hint: TEXT_HINT_START
	}
};

export function readYaml(source: string, file: string): YamlRead {
	// Editors hide a byte order mark, so columns are counted without it.
	const text = source.replace(/^\uFEFF/, '');
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, {
		keepSourceTokens: true,
		lineCounter,
		uniqueKeys: true,
		prettyErrors: false,
		// Keeps the library from printing warnings to the console around ours; 'silent' would also
		// drop the error for a second document.
		logLevel: 'error'
	});
	const locator = createLocator(doc, lineCounter);
	const problems: Problem[] = [];
	const problem = (offset: number, message: string, hint?: string, warning = false): void => {
		const { line, col } = lineCounter.linePos(offset);
		problems.push({ file, line, col, severity: warning ? 'warning' : 'error', message, hint });
	};

	let broken = false;
	let duplicates = false;
	const duplicatedIn = new Set<string>();
	for (const error of doc.errors) {
		if (error.code === 'DUPLICATE_KEY') {
			duplicates = true;
			const where = duplicateKey(doc, text, error.pos[0], lineCounter, problem);
			if (where) duplicatedIn.add(JSON.stringify(where));
			continue;
		}
		// After the first syntax error the parser is guessing; its later errors mostly echo the first.
		if (broken) continue;
		broken = true;
		const known = YAML_ERRORS[error.code];
		const raw = error.message.replace(/\.$/, '');
		problem(
			error.pos[0],
			known?.message ??
				`the file can't be read here: ${raw.charAt(0).toLowerCase()}${raw.slice(1)}`,
			known?.hint ?? TEXT_HINT_START
		);
	}
	for (const warning of doc.warnings) {
		if (warning.code === 'TAG_RESOLVE_FAILED') {
			// The tag is dropped from the value, so the learner would see different text: an error.
			problem(
				warning.pos[0],
				'a value starts with `!`, which YAML reads as a special tag and drops',
				TEXT_HINT_START
			);
		} else {
			const raw = warning.message.replace(/\.$/, '');
			problem(
				warning.pos[0],
				`${raw.charAt(0).toLowerCase()}${raw.slice(1)}`,
				TEXT_HINT_START,
				true
			);
		}
	}

	visit(doc, {
		Alias(_, alias) {
			if (alias.resolve(doc) === undefined && alias.range) {
				broken = true;
				problem(
					alias.range[0],
					`\`*${alias.source}\` refers to an anchor \`&${alias.source}\` that is not set before it`,
					'Set the anchor earlier in the file, or write the value out in full.'
				);
			}
		},
		Pair(_, pair) {
			const key = pair.key as Node | null;
			if (key && !isScalar(key) && !isAlias(key) && key.range) {
				broken = true;
				problem(
					key.range[0],
					'a key here is a list or mapping; keys must be plain words',
					TEXT_HINT_START
				);
			}
		}
	});

	if (broken) return { data: undefined, duplicates, duplicatedIn, locator, problems };
	if (doc.contents === null) {
		problems.push({
			file,
			...START,
			severity: 'error',
			message: 'the file is empty',
			hint: 'Start from an existing file, or from the example in scenarios/README.md.'
		});
		return { data: undefined, duplicates, duplicatedIn, locator, problems };
	}
	try {
		return { data: doc.toJS(), duplicates, duplicatedIn, locator, problems };
	} catch (error) {
		// Only aliases can make toJS fail (too many of them): report rather than throw.
		problems.push({
			file,
			...START,
			severity: 'error',
			message: `the file can't be read: ${error instanceof Error ? error.message : String(error)}`,
			hint: 'Write values out in full instead of reusing them with `&anchor` and `*alias`.'
		});
		return { data: undefined, duplicates, duplicatedIn, locator, problems };
	}
}

/** What a duplicated key is, judged by where its mapping sits: node and choice ids get their own words. */
type DuplicateOwner = { kind: 'node' } | { kind: 'choice'; node: string } | { kind: 'key' };

function ownerOf(path: readonly unknown[]): DuplicateOwner {
	// `visit` passes the ancestors: the document, then each mapping and the pair holding the next.
	const pairKey = (index: number): string | undefined => {
		const item = path[index];
		return isPair(item) ? keyText(item.key) : undefined;
	};
	if (path.length === 3 && pairKey(2) === 'nodes') return { kind: 'node' };
	if (path.length === 7 && pairKey(2) === 'nodes' && pairKey(6) === 'choices') {
		return { kind: 'choice', node: pairKey(4) ?? '' };
	}
	return { kind: 'key' };
}

function duplicateKey(
	doc: Document,
	source: string,
	offset: number,
	lineCounter: LineCounter,
	problem: (offset: number, message: string, hint?: string) => void
): string[] | undefined {
	let first: Position | undefined;
	let name: string | undefined;
	let owner = { kind: 'key' } as DuplicateOwner;
	let mapPath: string[] | undefined;
	visit(doc, {
		Map(_, map, path) {
			const index = map.items.findIndex((item) => (item.key as Node | null)?.range?.[0] === offset);
			if (index < 0) return;
			name = keyText(map.items[index]!.key);
			owner = ownerOf(path);
			mapPath = path.flatMap((item) => (isPair(item) ? [keyText(item.key) ?? ''] : []));
			const earlier = map.items
				.slice(0, index)
				.find((item) => keyText(item.key) === name && name !== undefined);
			const range = (earlier?.key as Node | undefined)?.range;
			if (range) first = lineCounter.linePos(range[0]);
			return visit.BREAK;
		}
	});
	const word = name ?? (source.slice(offset).match(/^[^:\n]*/)?.[0] ?? '').trim();
	const where = first ? ` (first on line ${first.line})` : '';
	const shown = word === '' ? 'an empty key' : quoted(word);
	if (owner.kind === 'node') {
		problem(
			offset,
			`node id ${shown} is used twice${where}`,
			'Node ids must be unique in a scenario: only the last of the two would be kept. Rename one, and point each `next` at the node you mean.'
		);
	} else if (owner.kind === 'choice') {
		problem(
			offset,
			`choice id ${shown} is used twice in node ${quoted(owner.node)}${where}`,
			'Choice ids must be unique within a decision: only the last of the two would be kept. Rename one of them.'
		);
	} else {
		problem(
			offset,
			`${shown} appears twice in the same place${where}`,
			'Each key may appear only once at the same level: only the last would be kept. Remove one of them.'
		);
	}
	return mapPath;
}

/** A locator for text already known to parse, such as a course checked against its scenarios. */
export function locatorFor(source: string): Locator {
	const lineCounter = new LineCounter();
	const doc = parseDocument(source.replace(/^\uFEFF/, ''), {
		keepSourceTokens: true,
		lineCounter,
		uniqueKeys: true,
		logLevel: 'error'
	});
	return createLocator(doc, lineCounter);
}
