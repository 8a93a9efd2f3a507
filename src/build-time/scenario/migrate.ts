/**
 * Format migrations: upgrading a file written in an older format to the current one, in place,
 * keeping the trainer's comments and layout. A step reads the parsed document and returns text
 * edits at the source positions it found, so everything it does not touch stays byte for byte
 * (re-printing the document would re-flow the trainer's long lines).
 *
 * To change the format: raise FORMAT in schema.ts, add the step from the old number here, and add
 * a fixture of the old format under tests/fixtures/scenarios/ with its expected result.
 */
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import type { FileKind } from './messages.ts';
import { FORMAT } from '../../lib/scenario/schema.ts';

/** Replace the source from `from` to `to` (offsets) with `text`. */
export interface Edit {
	from: number;
	to: number;
	text: string;
}

/** One step, from format `n` to `n + 1`: the edits it makes (the runner changes `format` itself). */
export type MigrationStep = (doc: Document, kind: FileKind) => Edit[];

/**
 * The steps, by the format they upgrade from. Format 1 is the first, so there are none yet; the
 * runner and its tests are in place for the first change.
 */
export const MIGRATIONS: Readonly<Record<number, MigrationStep>> = {};

export type MigrationResult =
	| { status: 'current'; format: number }
	| { status: 'migrated'; from: number; to: number; source: string }
	| { status: 'refused'; message: string };

/** The source with every edit made; edits must not overlap. */
export function applyEdits(source: string, edits: readonly Edit[]): string {
	let text = source;
	// from the end, so earlier offsets stay true
	for (const edit of [...edits].sort((a, b) => b.from - a.from)) {
		text = text.slice(0, edit.from) + edit.text + text.slice(edit.to);
	}
	return text;
}

/**
 * Upgrades one file's source to `target`. Files already there come back as `current`; a file that
 * cannot be read, names no format, or is newer than `target` is `refused`, and nothing is written.
 */
export function migrateSource(
	source: string,
	kind: FileKind,
	steps: Readonly<Record<number, MigrationStep>> = MIGRATIONS,
	target = FORMAT
): MigrationResult {
	let text = source;
	let from: number | undefined;
	for (;;) {
		const doc = parseDocument(text);
		if (doc.errors.length) {
			return {
				status: 'refused',
				message: 'the file is not valid YAML; run npm run scenarios:check to see where'
			};
		}
		const format = isMap(doc.contents) ? doc.contents.get('format', true) : undefined;
		const value = isScalar(format) ? format.value : undefined;
		if (!isScalar(format) || typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
			return { status: 'refused', message: '`format` is missing or not a whole number' };
		}
		if (value > target) {
			return {
				status: 'refused',
				message: `\`format\` is ${value}, newer than this project reads (${target}): update the project instead`
			};
		}
		from ??= value;
		if (value === target) {
			return from === target
				? { status: 'current', format: value }
				: { status: 'migrated', from, to: target, source: text };
		}
		const step = steps[value];
		if (!step) return { status: 'refused', message: `no migration from format ${value} exists` };
		const [start, end] = format.range!;
		text = applyEdits(text, [
			...step(doc, kind),
			{ from: start, to: end, text: String(value + 1) }
		]);
	}
}
