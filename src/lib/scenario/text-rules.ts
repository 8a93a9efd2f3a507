/**
 * The rules every piece of text obeys, in every language and at every stage: the checker reads a
 * file by them, translations are held to them, and the packager refuses what breaks them. Kept in
 * one place so that whatever the packager would refuse, the checker has refused first.
 *
 * What real Welsh and English text needs is allowed: letters with diacritics (ŵ, ŷ, â), curly
 * quotes, dashes, £, the ellipsis, non-breaking spaces and new lines. What is refused can't be
 * seen on screen and changes what is shown or how it is read: control characters (often pasted
 * from Word or a PDF) and the bidirectional controls that reorder text ("Trojan source").
 */
import { LIMITS } from './schema.ts';

/**
 * Characters XML 1.0 can't hold, so the manifest can't carry them (`package/manifest.ts`):
 * control characters other than tab and line ends, lone surrogates, U+FFFE and U+FFFF.
 */
export const XML_REFUSES = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The bidirectional embeddings, overrides and isolates: they reorder what the learner sees. */
const isBidiControl = (cp: number) =>
	(cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);

/** Characters that show nothing, or look like a plain space, where an id or a `next` is compared. */
const INVISIBLE: readonly (readonly [number, number])[] = [
	[0x00a0, 0x00a0],
	[0x00ad, 0x00ad],
	[0x034f, 0x034f],
	[0x061c, 0x061c],
	[0x115f, 0x1160],
	[0x17b4, 0x17b5],
	[0x180e, 0x180e],
	[0x2000, 0x200f],
	[0x2028, 0x202f],
	[0x205f, 0x206f],
	[0x3000, 0x3000],
	[0x3164, 0x3164],
	[0xfeff, 0xfeff],
	[0xffa0, 0xffa0],
	[0xfff9, 0xfffb]
];

const isInvisible = (cp: number) => INVISIBLE.some(([from, to]) => cp >= from && cp <= to);

/** Names of the characters a message may point at (the Unicode names, or the control aliases). */
const NAMES: Record<number, string> = {
	0x00: 'NULL',
	0x01: 'START OF HEADING',
	0x02: 'START OF TEXT',
	0x03: 'END OF TEXT',
	0x04: 'END OF TRANSMISSION',
	0x05: 'ENQUIRY',
	0x06: 'ACKNOWLEDGE',
	0x07: 'BELL',
	0x08: 'BACKSPACE',
	0x0b: 'LINE TABULATION',
	0x0c: 'FORM FEED',
	0x0d: 'CARRIAGE RETURN',
	0x0e: 'SHIFT OUT',
	0x0f: 'SHIFT IN',
	0x10: 'DATA LINK ESCAPE',
	0x11: 'DEVICE CONTROL ONE',
	0x12: 'DEVICE CONTROL TWO',
	0x13: 'DEVICE CONTROL THREE',
	0x14: 'DEVICE CONTROL FOUR',
	0x15: 'NEGATIVE ACKNOWLEDGE',
	0x16: 'SYNCHRONOUS IDLE',
	0x17: 'END OF TRANSMISSION BLOCK',
	0x18: 'CANCEL',
	0x19: 'END OF MEDIUM',
	0x1a: 'SUBSTITUTE',
	0x1b: 'ESCAPE',
	0x1c: 'FILE SEPARATOR',
	0x1d: 'GROUP SEPARATOR',
	0x1e: 'RECORD SEPARATOR',
	0x1f: 'UNIT SEPARATOR',
	0x7f: 'DELETE',
	0x85: 'NEXT LINE',
	0xa0: 'NO-BREAK SPACE',
	0xad: 'SOFT HYPHEN',
	0x200b: 'ZERO WIDTH SPACE',
	0x200c: 'ZERO WIDTH NON-JOINER',
	0x200d: 'ZERO WIDTH JOINER',
	0x200e: 'LEFT-TO-RIGHT MARK',
	0x200f: 'RIGHT-TO-LEFT MARK',
	0x2028: 'LINE SEPARATOR',
	0x2029: 'PARAGRAPH SEPARATOR',
	0x202a: 'LEFT-TO-RIGHT EMBEDDING',
	0x202b: 'RIGHT-TO-LEFT EMBEDDING',
	0x202c: 'POP DIRECTIONAL FORMATTING',
	0x202d: 'LEFT-TO-RIGHT OVERRIDE',
	0x202e: 'RIGHT-TO-LEFT OVERRIDE',
	0x202f: 'NARROW NO-BREAK SPACE',
	0x2060: 'WORD JOINER',
	0x2066: 'LEFT-TO-RIGHT ISOLATE',
	0x2067: 'RIGHT-TO-LEFT ISOLATE',
	0x2068: 'FIRST STRONG ISOLATE',
	0x2069: 'POP DIRECTIONAL ISOLATE',
	0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
	0xfffd: 'REPLACEMENT CHARACTER',
	0xfffe: 'a noncharacter',
	0xffff: 'a noncharacter'
};

/** `U+200B`: how Unicode writes a code point. */
export function codePoint(char: string): string {
	return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `U+202E RIGHT-TO-LEFT OVERRIDE`, or `U+0081 (a control character)` where no name is kept. */
function characterName(char: string): string {
	const cp = char.codePointAt(0)!;
	const name = NAMES[cp];
	if (name) return `${codePoint(char)} ${name}`;
	if (cp >= 0xd800 && cp <= 0xdfff) return `${codePoint(char)} (half of a broken character pair)`;
	if (cp >= 0x80 && cp <= 0x9f) return `${codePoint(char)} (a C1 control character)`;
	return codePoint(char);
}

/** Text with every invisible or look-alike character shown as `<U+200B>`, so a message shows it. */
export function showInvisible(text: string): string {
	return Array.from(text, (char) =>
		isInvisible(char.codePointAt(0)!) ? `<${codePoint(char)}>` : char
	).join('');
}

/** Text without its invisible characters: what the trainer meant to type. */
export function withoutInvisible(text: string): string {
	return Array.from(text, (char) => (isInvisible(char.codePointAt(0)!) ? '' : char)).join('');
}

/** Why a character can't be in a file, or undefined when it may. */
export function refusal(char: string): string | undefined {
	const cp = char.codePointAt(0)!;
	if (cp >= 0x20 && cp < 0x7f) return undefined;
	if (cp === 0xfffd) return 'a character lost in an earlier conversion';
	if (isBidiControl(cp)) return 'a control that reorders text';
	// DEL and the C1 controls are legal in XML, but never typed on purpose.
	if (XML_REFUSES.test(char) || (cp >= 0x7f && cp <= 0x9f)) return 'a control character';
	return undefined;
}

/** Each refused character in `text` with its offset (in UTF-16 units, as JavaScript counts). */
export function refusedCharacters(text: string): { offset: number; char: string; why: string }[] {
	const found: { offset: number; char: string; why: string }[] = [];
	let offset = 0;
	for (const char of text) {
		const why = char === '\n' || char === '\t' ? undefined : refusal(char);
		if (why) found.push({ offset, char, why });
		offset += char.length;
	}
	return found;
}

/** What a refused character is and what to do about it, for a message and its hint. */
export function refusedMessage(char: string, why: string): { message: string; hint: string } {
	const name = characterName(char);
	if (char === '\uFFFD') {
		return {
			message: `the file holds ${name}, ${why}`,
			hint: 'Something was lost when this text was converted or pasted: retype the character that should be here.'
		};
	}
	return {
		message: `the file holds ${name}, ${why}, which learners can't see`,
		hint: 'Delete it: it usually comes with text pasted from Word, a PDF or a web page. Retype the words around it if you are unsure where it is.'
	};
}

/**
 * The length limit of each kind of passage, by the last part of its id (`passages.ts`). The same
 * limits hold in the English and in every translation, so a translated passage fits the screen
 * the English was written for.
 */
const PASSAGE_LIMITS: Record<string, { limit: number; kind: string }> = {
	title: { limit: LIMITS.title, kind: 'a title' },
	summary: { limit: LIMITS.summary, kind: 'a summary' },
	description: { limit: LIMITS.description, kind: 'a description' },
	prompt: { limit: LIMITS.prompt, kind: 'a prompt' },
	review: { limit: LIMITS.review, kind: 'a review' },
	feedback: { limit: LIMITS.feedback, kind: 'feedback' }
};

/** The limit and kind of a passage: `kitchen.text` is node text, `kitchen.ask.text` a choice. */
export function passageLimit(id: string): { limit: number; kind: string } {
	const parts = id.split('.');
	const field = parts.at(-1)!;
	if (parts[0] === 'outcomes' && parts.length === 2) {
		return { limit: LIMITS.outcome, kind: 'an outcome' };
	}
	if (field === 'text') {
		return parts.length === 3
			? { limit: LIMITS.choiceText, kind: 'choice text' }
			: { limit: LIMITS.nodeText, kind: 'node text' };
	}
	return Object.hasOwn(PASSAGE_LIMITS, field)
		? PASSAGE_LIMITS[field]!
		: { limit: LIMITS.nodeText, kind: 'a passage' };
}

/** A translated passage over its English kind's limit: the message and hint, wherever it is caught. */
export function passageTooLong(id: string, length: number): [string, string] {
	const { limit, kind } = passageLimit(id);
	return [
		`\`${id}\` is ${length} characters long; ${kind} can be at most ${limit} in every language`,
		`${shortenBy(length, limit)} The screen is laid out for the English limit, so a translation keeps to it too.`
	];
}

/** "Shorten it by 3 characters." */
export function shortenBy(length: number, limit: number): string {
	const over = length - limit;
	return `Shorten it by ${over === 1 ? '1 character' : `${over} characters`}.`;
}
