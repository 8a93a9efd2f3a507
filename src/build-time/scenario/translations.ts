/**
 * Translation files: `translations/<language>/<scenario id>.yaml` and
 * `translations/<language>/courses/<course id>.yaml`, each mapping passage ids (`passages.ts`) to
 * the words in that language. Checked against the English so a renamed node or a typo in an id is
 * caught, and so the checker can say how much is left to translate.
 *
 * Each file also records which English every passage was translated from (`translated_from`: a
 * short hash per passage id). When the English of a passage changes, the translation no longer
 * says the same thing: the passage is stale, the checker says so, and it counts as missing, so
 * learners read that scenario in English until a translator updates it and accepts it.
 *
 * One file of about 450 lines on purpose: checking a translation, writing its template and
 * topping it up all rest on the same passage ids and English hashes.
 */
import { createHash } from 'node:crypto';
import { isMap, isScalar, parseDocument } from 'yaml';
import type { Locator } from '../../lib/scenario/locate.ts';
import { applyEdits, type Edit } from './migrate.ts';
import { missingPassages, PASSAGE_ID, type Passages } from '../../lib/scenario/passages.ts';
import type { Problem } from '../../lib/scenario/problem.ts';
import { didYouMean } from '../../lib/scenario/suggest.ts';
import { passageLimit, passageTooLong } from '../../lib/scenario/text-rules.ts';
import type { Translation } from '../../lib/scenario/types.ts';

/** The folder, inside the scenarios folder, that holds the translations, one folder per language. */
export const TRANSLATIONS_DIR = 'translations';

/** The key of the record of the English each passage was translated from. */
export const TRANSLATED_FROM = 'translated_from';

/** How many ids a warning names before it says "and N more". */
const NAMED = 5;

/** The tool that starts and tops up translations, and its option to mark passages updated. */
export const TRANSLATE_COMMAND = 'npm run scenarios:translate';
export const ACCEPT_FLAG = '--accept';

/**
 * `scenarios:translate` for one scenario or course, accepting `passages` when given: after `--`,
 * or npm takes `--accept` for an option of its own and the tool never sees it.
 */
export function translateCommand(id: string, locale: string, passages?: string): string {
	const command = `${TRANSLATE_COMMAND} ${id} ${locale}`;
	return passages ? `${command} -- ${ACCEPT_FLAG} ${passages}` : command;
}

/**
 * What a translation file translates, from where it sits: `translations/<language>/<id>.yaml` or
 * `translations/<language>/courses/<id>.yaml`. Undefined elsewhere.
 */
export function translationPlace(
	path: string
): { locale: string; kind: 'scenario' | 'course'; id: string; dir: string } | undefined {
	const found = new RegExp(
		`^(.*)(?:^|[\\\\/])${TRANSLATIONS_DIR}[\\\\/]([^\\\\/]+)[\\\\/](courses[\\\\/])?([^\\\\/]+)\\.yaml$`
	).exec(path);
	if (!found) return undefined;
	return {
		dir: found[1]!,
		locale: found[2]!,
		kind: found[3] ? 'course' : 'scenario',
		id: found[4]!
	};
}

/**
 * The English as a translator reads it: line breaks inside a paragraph and runs of spaces do not
 * change what a passage says (re-wrapping a `|` block or switching to `>` is not a new English),
 * but words, punctuation and paragraph breaks do.
 */
export function normaliseEnglish(text: string): string {
	return text
		.trim()
		.split(/\n[ \t]*\n\s*/)
		.map((paragraph) => paragraph.trim().split(/\s+/).join(' '))
		.join('\n\n');
}

/** 8 hex digits of SHA-256 of the normalised English: what a translation records per passage. */
export function englishHash(text: string): string {
	return createHash('sha256').update(normaliseEnglish(text)).digest('hex').slice(0, 8);
}

/** How the translated passages of a file stand against the English, in reading order. */
export function translationStanding(
	source: Passages,
	translation: Translation
): {
	/** Translated from English that has changed since. */
	stale: string[];
	/** Translated, with no record of the English they came from (a file older than the record). */
	unverified: string[];
} {
	const translated = Object.keys(source).filter((id) => translation.passages[id]?.trim());
	const from = translation.translatedFrom;
	return {
		stale: translated.filter(
			(id) => from[id] !== undefined && from[id] !== englishHash(source[id]!)
		),
		unverified: translated.filter((id) => from[id] === undefined)
	};
}

/**
 * The passages that say what the English says today: a stale passage is left out, so whatever
 * decides "every passage translated" treats it exactly as a missing one.
 */
export function currentPassages(source: Passages, translation: Translation): Passages {
	const { stale } = translationStanding(source, translation);
	return Object.fromEntries(
		Object.entries(translation.passages).filter(([id]) => !stale.includes(id))
	);
}

/** The command that tops up this file, when the file is where translations live. */
export function commandFor(file: string, passages?: string): string {
	const place = translationPlace(file);
	if (place) return translateCommand(place.id, place.locale, passages);
	return passages
		? `${TRANSLATE_COMMAND} <id> <language> -- ${ACCEPT_FLAG} ${passages}`
		: TRANSLATE_COMMAND;
}

/** What learners read in English while a file falls short: the scenario, or the course's own words. */
function fallsBack(file: string): string {
	return translationPlace(file)?.kind === 'course'
		? "the course's own words (its welcome screen)"
		: 'this scenario';
}

export function checkTranslation(
	translation: Translation,
	source: Passages,
	locator: Locator,
	file: string
): Problem[] {
	const problems: Problem[] = [];
	for (const [id, text] of Object.entries(translation.passages)) {
		// Own ids only: a passage id such as `constructor` must not match the object's prototype.
		if (Object.hasOwn(source, id) && text.length > passageLimit(id).limit) {
			const [message, hint] = passageTooLong(id, text.length);
			problems.push({ file, ...locator.at(['passages', id]), severity: 'error', message, hint });
		}
	}
	// an id the English lacks: in the passages, or only in the record (reported once, where the words are)
	const ids = new Set([
		...Object.keys(translation.passages),
		...Object.keys(translation.translatedFrom)
	]);
	for (const id of ids) {
		if (Object.hasOwn(source, id)) continue;
		const where = Object.hasOwn(translation.passages, id) ? 'passages' : TRANSLATED_FROM;
		problems.push({
			file,
			...locator.key([where, id]),
			severity: 'error',
			message: `there is no passage \`${id}\` in the English`,
			hint: `${didYouMean(id, Object.keys(source))}If a node or choice was renamed, rename its passages here too; \`${TRANSLATE_COMMAND}\` lists every id.`
		});
	}
	const { stale, unverified } = translationStanding(source, translation);
	for (const id of stale) {
		problems.push({
			file,
			...locator.key(['passages', id]),
			severity: 'warning',
			message: `the English of passage \`${id}\` changed since it was translated`,
			hint: `Until it is updated, learners read ${fallsBack(file)} in English. \`${commandFor(file)}\` puts the new English beside it; update the translation, then run \`${commandFor(file, id)}\`.`
		});
	}
	if (unverified.length) {
		problems.push({
			file,
			...locator.key(['passages', unverified[0]!]),
			severity: 'warning',
			message: `${countOf(unverified, 'passage has', 'passages have')} no record of the English ${unverified.length === 1 ? 'it was' : 'they were'} translated from: ${named(unverified)}`,
			hint: `They are used, but a later change to the English would go unnoticed. Once you have checked them against today's English, run \`${commandFor(file, unverified.length === 1 ? unverified[0] : 'all')}\`.`
		});
	}
	const missing = missingPassages(source, translation.passages);
	if (missing.length) {
		problems.push({
			file,
			...locator.key(['passages']),
			severity: 'warning',
			message: `${countOf(missing, 'passage is', 'passages are')} not translated yet: ${named(missing)}`,
			hint: `Until every passage is translated, learners read ${fallsBack(file)} in English. \`${commandFor(file)}\` adds the missing ids with the English beside them.`
		});
	}
	return problems;
}

const countOf = (ids: readonly string[], one: string, many: string) =>
	`${ids.length} ${ids.length === 1 ? one : many}`;

/** A few ids, then "and N more". */
function named(ids: readonly string[]): string {
	const shown = ids.slice(0, NAMED).map((id) => `\`${id}\``);
	return `${shown.join(', ')}${ids.length > NAMED ? ` and ${ids.length - NAMED} more` : ''}`;
}

const LANGUAGE_NAMES: Record<string, string> = { cy: 'Welsh' };

/** A passage as YAML lines under `passages:`, each line commented out when `commented`. */
function passageLines(id: string, text: string, commented: boolean): string[] {
	const lead = commented ? '  # ' : '  ';
	const lines = text.trim().split('\n');
	if (lines.length === 1 && !/^[\s"'#&*!|>%@`{[\]-]|: | #|:$/.test(lines[0]!))
		return [`${lead}${id}: ${lines[0]}`];
	return [`${lead}${id}: |`, ...lines.map((line) => `${lead}  ${line}`.trimEnd())];
}

/** Above the record: what it is, so no one edits it by hand. */
const RECORD_HEADER = [
	'# The English each passage was translated from, as a short fingerprint. Written by',
	`# \`${TRANSLATE_COMMAND}\`, which compares it with today's English to find passages to update.`,
	`# Leave it to the tool: once a passage is updated, run it with \`-- ${ACCEPT_FLAG} <passage id>\`.`
];

/** The record of the English each passage was translated from, as the tool writes it. */
function recordLines(record: Record<string, string>): string[] {
	const entries = Object.entries(record);
	return [
		entries.length ? `${TRANSLATED_FROM}:` : `${TRANSLATED_FROM}: {}`,
		// quoted: YAML would read a hash such as 12345678 or 1e123456 as a number
		...entries.map(([id, hash]) => `  ${id}: '${hash}'`)
	];
}

/**
 * A translation file to fill in, or the additions to one: every passage not yet translated,
 * commented out with its English, in reading order. A trainer uncomments a passage and writes the
 * other language in place of the English; what stays commented is reported as missing. A new
 * file records the English of every passage, so a change made before it is translated shows.
 */
export function translationTemplate(options: {
	what: string;
	locale: string;
	source: Passages;
	/** Passages already translated: left out. Without it, a whole new file. */
	existing?: Passages;
	schemaLink: string;
}): string {
	const { what, locale, source, existing, schemaLink } = options;
	const todo = Object.entries(source).filter(([id]) => !existing?.[id]?.trim());
	const body = todo.flatMap(([id, text]) => passageLines(id, text, true));
	if (existing) {
		return todo.length ? ['', `  # Not yet translated (English):`, ...body, ''].join('\n') : '';
	}
	const language = LANGUAGE_NAMES[locale] ?? locale;
	return [
		`# yaml-language-server: $schema=${schemaLink}`,
		`# ${language} translation of ${what}.`,
		'# Each passage is commented out with its English: uncomment it and write the translation in',
		'# place of the English. Learners read it in English until every passage is done.',
		'format: 1',
		'# true once a trainer who speaks the language has checked it against the English',
		'reviewed: false',
		...RECORD_HEADER,
		...recordLines(hashesOf(source)),
		'passages:',
		...body,
		''
	].join('\n');
}

const hashesOf = (passages: Passages) =>
	Object.fromEntries(Object.entries(passages).map(([id, text]) => [id, englishHash(text)]));

/** The note the tool puts above a stale passage: the new English, and how to accept the update. */
function staleNote(id: string, english: string, place: { id: string; locale: string }): string {
	return [
		`  # The English of \`${id}\` changed since this was translated. It now reads:`,
		...english
			.trim()
			.split('\n')
			.map((line) => `  #   ${line}`.trimEnd()),
		`  # Update the translation below, then run: ${translateCommand(place.id, place.locale, id)}`,
		''
	].join('\n');
}

/** Notes already in the file, wherever the translator left them. */
function staleNotesIn(text: string): { id: string; from: number; to: number; text: string }[] {
	const note = new RegExp(
		`^ {2}# The English of \`(${PASSAGE_ID.source})\` changed since this was translated\\. It now reads:\\n(?: {2}#.*\\n)*? {2}# Update the translation below, then run: .* ${ACCEPT_FLAG} \\1\\n`,
		'gm'
	);
	return [...text.matchAll(note)].map((m) => ({
		id: m[1]!,
		from: m.index,
		to: m.index + m[0].length,
		text: m[0]
	}));
}

/** A passage still commented out, as `translationTemplate` wrote it: its id line and its English. */
function waitingIn(text: string): Map<string, { from: number; to: number }> {
	const waiting = new RegExp(`^ {2}# ?(${PASSAGE_ID.source}):.*\\n(?: {2}#(?: {3}.*)?\\n)*`, 'gm');
	return new Map(
		[...text.matchAll(waiting)].map((m) => [m[1]!, { from: m.index, to: m.index + m[0].length }])
	);
}

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;

export type TopUp =
	| { ok: false; message: string; hint?: string }
	| {
			ok: true;
			text: string;
			/** Passages added, commented out with their English. */
			added: string[];
			/** Passages still commented out whose English changed: shown again with the new English. */
			refreshed: string[];
			/** Translated passages whose English changed since, each now with a note. */
			stale: string[];
			/** Passages recorded as translated from today's English at the translator's word. */
			accepted: string[];
			/** How many passages are still to translate (missing or stale). */
			todo: number;
	  };

/**
 * An existing translation file brought up to date with the English, keeping every word the
 * translator wrote: new passages are appended commented out; passages still commented out whose
 * English changed show the new English; a translated passage whose English changed gets a note
 * above it with the new English; `accept` records passages as translated from today's English
 * (`all`: every translated passage), which removes their notes. Edits are made in place, so the
 * translator's comments and layout stay as they were.
 */
export function topUpTranslation(
	text: string,
	options: {
		source: Passages;
		accept: readonly string[] | 'all';
		/** What the file translates, for the command its notes name. */
		place: { id: string; locale: string };
	}
): TopUp {
	const { source, place } = options;
	const doc = parseDocument(text);
	if (doc.errors.length)
		return { ok: false, message: 'it is not valid YAML; run npm run scenarios:check to see where' };
	const top = isMap(doc.contents) ? doc.contents.items : [];
	const last = top.at(-1)?.key;
	// new passages go at the end of the file, which must be inside `passages:`
	if (!isScalar(last) || last.value !== 'passages') {
		return {
			ok: false,
			message: '`passages:` is not the last key, so nothing can be added at the end safely',
			hint: 'Move `passages:` and everything under it to the end of the file, then run this again.'
		};
	}
	const data = (doc.toJS() ?? {}) as {
		passages?: Record<string, string> | null;
		[TRANSLATED_FROM]?: Record<string, string> | null;
	};
	const passages = data.passages ?? {};
	const recorded = data[TRANSLATED_FROM] ?? {};
	// a value that is not text is the checker's to report; here it is simply not translated
	const translated = Object.keys(source).filter((id) => String(passages[id] ?? '').trim());

	const accept = options.accept === 'all' ? translated : options.accept;
	for (const id of accept) {
		if (translated.includes(id)) continue;
		return {
			ok: false,
			message: Object.hasOwn(source, id)
				? `passage \`${id}\` is not translated yet, so there is nothing to accept`
				: `there is no passage \`${id}\` in the English`,
			hint: Object.hasOwn(source, id)
				? 'Uncomment it and write the translation first.'
				: `${didYouMean(id, translated)}Name a passage id as the file has it.`
		};
	}

	const edits: Edit[] = [];
	const waiting = waitingIn(text);
	const record: Record<string, string> = {};
	const refreshed: string[] = [];
	for (const [id, english] of Object.entries(source)) {
		const now = englishHash(english);
		if (accept.includes(id)) record[id] = now;
		else if (translated.includes(id)) {
			if (recorded[id] !== undefined) record[id] = recorded[id];
		} else {
			// waiting or about to be added: the English beside it is today's
			record[id] = now;
			const block = waiting.get(id);
			if (block && recorded[id] !== now) {
				refreshed.push(id);
				edits.push({ ...block, text: `${passageLines(id, english, true).join('\n')}\n` });
			}
		}
	}

	// the record: rewritten whole (the tool owns it), or added above `passages:` in an older file
	const lines = text.split('\n');
	const at = lines.findIndex((line) => line.startsWith(`${TRANSLATED_FROM}:`));
	if (at >= 0) {
		let end = at + 1;
		while (end < lines.length && /^ +\S/.test(lines[end]!)) end++;
		const from = lines.slice(0, at).join('\n').length + (at ? 1 : 0);
		const to = lines.slice(0, end).join('\n').length + 1;
		edits.push({ from, to, text: `${recordLines(record).join('\n')}\n` });
	} else if (Object.keys(record).length) {
		const before = lineStart(text, last.range![0]);
		const block = [...RECORD_HEADER, ...recordLines(record)].join('\n');
		edits.push({ from: before, to: before, text: `${block}\n` });
	}

	// a note above each stale passage; notes of passages no longer stale go
	const stale = translated.filter(
		(id) => record[id] !== undefined && record[id] !== englishHash(source[id]!)
	);
	const passageMap = top.at(-1)!.value;
	const keyLine = (id: string) => {
		const pair = isMap(passageMap)
			? passageMap.items.find((item) => isScalar(item.key) && item.key.value === id)
			: undefined;
		return lineStart(text, (pair!.key as { range: [number, number, number] }).range[0]);
	};
	const notes = staleNotesIn(text);
	for (const id of stale) {
		const wanted = staleNote(id, source[id]!, place);
		const kept = notes.find((n) => n.id === id && n.text === wanted && n.to === keyLine(id));
		if (kept) notes.splice(notes.indexOf(kept), 1);
		else edits.push({ from: keyLine(id), to: keyLine(id), text: wanted });
	}
	for (const note of notes) edits.push({ ...note, text: '' });

	const existing = {
		...Object.fromEntries([...waiting.keys()].map((id) => [id, 'waiting'])),
		...passages
	};
	const addition = translationTemplate({ what: '', locale: '', source, existing, schemaLink: '' });
	if (addition) edits.push({ from: text.length, to: text.length, text: addition });
	const added = Object.keys(source).filter((id) => !existing[id]?.trim());

	return {
		ok: true,
		text: applyEdits(text, edits),
		added,
		refreshed,
		stale,
		accepted: [...accept],
		todo: Object.keys(source).length - translated.length + stale.length
	};
}
