/**
 * Reads a scenario, course or translation file's YAML for the checker: plain data, every problem
 * at the line and column the trainer's editor shows (`readYaml`), guarded against files that nest
 * too deeply or expand aliases without end, and a `Locator` that maps a path in the data back to
 * where it is written. YAML's own error messages are reworded in `yaml-messages.ts`.
 *
 * One file of about 420 lines on purpose: reading, guarding and locating share the yaml library's
 * document and line counter.
 */
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
import { normaliseText } from './read-bytes.ts';
import { quoted } from './suggest.ts';
import { codePoint, refusedCharacters, refusedMessage } from './text-rules.ts';
import { TEXT_HINT_START, UNREADABLE, YAML_ERRORS } from './yaml-messages.ts';

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

function createLocator(doc: Document, lineCounter: LineCounter): Locator {
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

/** Far deeper than any scenario, course or translation goes (6 levels), and well short of the stack. */
const MAX_DEPTH = 24;

/** Copies an alias may make before reading stops: a few anchors reused often are fine. */
const MAX_ALIAS_COPIES = 100;

const NESTING = {
	message: `lists and mappings are nested too deeply here (more than ${MAX_DEPTH} levels)`,
	hint: 'A scenario goes at most 6 levels deep (nodes, a node, choices, a choice, points, a theme). Check the indentation and that every `[` and `{` is closed.'
};

/**
 * The first list or mapping deeper than {@link MAX_DEPTH}, found without recursion so that a
 * hostile file can't exhaust the stack the way a recursive walk (`visit`, `toJS`) would.
 */
function tooDeep(doc: Document): Node | undefined {
	const stack: [unknown, number][] = [[doc.contents, 1]];
	for (let entry = stack.pop(); entry; entry = stack.pop()) {
		const [node, depth] = entry;
		if (!isMap(node) && !isSeq(node)) continue;
		if (depth > MAX_DEPTH) return node;
		for (const item of node.items as unknown[]) {
			if (isPair(item)) stack.push([item.key, depth + 1], [item.value, depth + 1]);
			else stack.push([item, depth + 1]);
		}
	}
	return undefined;
}

/** Where the first tab that indents a line sits, at or before `offset`: YAML indents with spaces only. */
function indentingTab(text: string, offset: number): number | undefined {
	const found = /^ *\t/m.exec(text.slice(0, text.indexOf('\n', offset) + 1 || text.length));
	return found ? found.index + found[0].length - 1 : undefined;
}

/**
 * Every string value, with its path, without recursion: a refused character written as an escape
 * (`"\u202E"`) is not in the source text, so it is found in the values.
 */
function* stringsIn(data: unknown): Generator<[Path, string]> {
	const stack: [Path, unknown][] = [[[], data]];
	// An anchor can hold an alias of itself (`&a [*a]`): each list or mapping is walked once.
	const seen = new Set<unknown>();
	for (let entry = stack.pop(); entry; entry = stack.pop()) {
		const [path, value] = entry;
		if (typeof value === 'object' && value !== null) {
			if (seen.has(value)) continue;
			seen.add(value);
		}
		if (typeof value === 'string') yield [path, value];
		else if (Array.isArray(value)) value.forEach((item, i) => stack.push([[...path, i], item]));
		else if (typeof value === 'object' && value !== null) {
			for (const [key, item] of Object.entries(value)) stack.push([[...path, key], item]);
		}
	}
}

export function readYaml(source: string, file: string): YamlRead {
	// Editors hide a byte order mark, so columns are counted without it; CR ends a line as LF does.
	const text = normaliseText(source);
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

	const refused = refusedCharacters(text);
	for (const { offset, char, why } of refused) {
		const { message, hint } = refusedMessage(char, why);
		problem(offset, message, hint);
	}

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
		// A tab-indented line confuses the reader into other errors, further on: name the tab.
		const tab = indentingTab(text, error.pos[0]);
		if (tab !== undefined) {
			const { message, hint } = YAML_ERRORS.TAB_AS_INDENT!;
			problem(tab, message, hint);
			continue;
		}
		// The reader gives up on very deep nesting with the engine's own words for a full stack.
		const known = /call stack/i.test(error.message) ? NESTING : YAML_ERRORS[error.code];
		problem(error.pos[0], (known ?? UNREADABLE).message, (known ?? UNREADABLE).hint);
	}
	const deep = broken ? undefined : tooDeep(doc);
	if (deep) {
		problem(deep.range?.[0] ?? 0, NESTING.message, NESTING.hint);
		return { data: undefined, duplicates, duplicatedIn, locator, problems };
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
			problem(
				warning.pos[0],
				'YAML reads this part of the file in a way you may not mean',
				TEXT_HINT_START,
				true
			);
		}
	}

	let firstAlias: number | undefined;
	visit(doc, {
		Alias(_, alias) {
			firstAlias ??= alias.range?.[0];
			// A `*` with no name after it is reported by the reader already.
			if (alias.source && alias.resolve(doc) === undefined && alias.range) {
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
			// JavaScript gives `__proto__` a meaning of its own: as a key it would silently vanish.
			if (isScalar(key) && key.value === '__proto__' && key.range) {
				broken = true;
				problem(
					key.range[0],
					'`__proto__` can’t be used as a key or id: it has a special meaning in the software that reads the file',
					'Rename it with lower case letters, digits and _ only, starting with a letter (such as `proto`).'
				);
			}
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
	let data: unknown;
	try {
		data = doc.toJS({ maxAliasCount: MAX_ALIAS_COPIES });
	} catch {
		// Only aliases can make toJS fail (too many copies of them): report rather than throw.
		problem(
			firstAlias ?? 0,
			`the file reuses values with \`*\` references too often (more than ${MAX_ALIAS_COPIES} copies)`,
			'Write values out in full instead of reusing them with `&anchor` and `*alias`.'
		);
		return { data: undefined, duplicates, duplicatedIn, locator, problems };
	}
	// Only where the source itself holds no refused character, so none is reported twice.
	if (!refused.length) {
		for (const [path, value] of stringsIn(data)) {
			const [first] = refusedCharacters(value);
			if (!first) continue;
			const { message } = refusedMessage(first.char, first.why);
			problems.push({
				file,
				...locator.at(path),
				severity: 'error',
				message: `${message} (written as the escape \`\\u${codePoint(first.char).slice(2)}\`)`,
				hint: 'Remove the escape from the text: it stands for a character learners can’t see.'
			});
		}
	}
	return { data, duplicates, duplicatedIn, locator, problems };
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
	const doc = parseDocument(normaliseText(source), {
		keepSourceTokens: true,
		lineCounter,
		uniqueKeys: true,
		logLevel: 'error'
	});
	return createLocator(doc, lineCounter);
}
