/**
 * A file's bytes as the text its trainer typed, or a located reason they are not UTF-8.
 *
 * Trainers write on Windows laptops, paste from Word and save from whatever editor is to hand: a
 * file saved as Windows-1252 ("ANSI") turns every curly quote and £ into a byte UTF-8 can't
 * read, and Node's own decoding would swap each for U+FFFD without a word. Line endings from old
 * Mac editors (CR alone) or from a mix of editors are read as the trainer's editor shows them.
 */
import type { Problem } from './problem.ts';

/** Characters Windows-1252 puts at 0x80–0x9F, where Latin-1 has control characters. */
const WINDOWS_1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** What a byte stands for in Windows-1252, to name it in the message: `’` for 0x92, `£` for 0xA3. */
function windows1252(byte: number): string {
	return byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252[byte - 0x80]! : String.fromCharCode(byte);
}

/** How long a UTF-8 sequence starting at `at` is when it is well formed, else 0. */
function sequenceLength(bytes: Uint8Array, at: number): number {
	const lead = bytes[at]!;
	if (lead < 0x80) return 1;
	const [length, min, max] =
		lead >= 0xc2 && lead <= 0xdf
			? [2, 0x80, 0xbf]
			: lead === 0xe0
				? [3, 0xa0, 0xbf]
				: lead === 0xed
					? [3, 0x80, 0x9f] // not the surrogates
					: lead >= 0xe1 && lead <= 0xef
						? [3, 0x80, 0xbf]
						: lead === 0xf0
							? [4, 0x90, 0xbf]
							: lead === 0xf4
								? [4, 0x80, 0x8f]
								: lead >= 0xf1 && lead <= 0xf3
									? [4, 0x80, 0xbf]
									: [0, 0, 0];
	if (length === 0 || at + length > bytes.length) return 0;
	const second = bytes[at + 1]!;
	if (second < min || second > max) return 0;
	for (let i = 2; i < length; i++) {
		const next = bytes[at + i]!;
		if (next < 0x80 || next > 0xbf) return 0;
	}
	return length;
}

/** The offset of the first byte that is not well-formed UTF-8, or -1. */
function firstBadByte(bytes: Uint8Array): number {
	for (let at = 0; at < bytes.length;) {
		const length = sequenceLength(bytes, at);
		if (length === 0) return at;
		at += length;
	}
	return -1;
}

/** Line and column of a byte, as an editor shows them: CR, LF and CRLF each end a line. */
function positionOf(bytes: Uint8Array, offset: number): { line: number; col: number } {
	let line = 1;
	let col = 1;
	for (let at = 0; at < offset;) {
		const byte = bytes[at]!;
		if (byte === 0x0d || byte === 0x0a) {
			line++;
			col = 1;
			at += byte === 0x0d && bytes[at + 1] === 0x0a ? 2 : 1;
			continue;
		}
		col++;
		at += Math.max(1, sequenceLength(bytes, at));
	}
	return { line, col };
}

const RESAVE =
	'Save it again as UTF-8: in Notepad, File > Save As with Encoding "UTF-8"; in VS Code, click ' +
	'the encoding at the bottom right, then "Save with Encoding" and "UTF-8". Do not save it from Word.';

/** The encoding a file probably is, judged by its bytes, and what its first bad byte stands for. */
function likelyEncoding(bytes: Uint8Array, bad: number): string {
	const utf16 =
		(bytes[0] === 0xff && bytes[1] === 0xfe) ||
		(bytes[0] === 0xfe && bytes[1] === 0xff) ||
		bytes.subarray(0, 200).includes(0);
	if (utf16) return 'it looks like UTF-16 ("Unicode" in Notepad)';
	const byte = bytes[bad]!;
	const shown = windows1252(byte);
	const hex = `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	return `it looks like Windows-1252 ("ANSI"), where byte ${hex} is \`${shown}\``;
}

/** A BOM, CRLF or CR alone: text as every later step reads it (LF line ends, no BOM). */
export function normaliseText(text: string): string {
	return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * The bytes of a scenario, course or translation file as text. UTF-8 only (with or without a
 * byte order mark); line endings are made LF, so CR-only and mixed files read as they look.
 */
export function decodeSource(
	bytes: Uint8Array,
	file: string
): { source: string } | { problem: Problem } {
	const bad = firstBadByte(bytes);
	const nul = bytes.indexOf(0);
	if (bad < 0 && nul < 0) return { source: normaliseText(new TextDecoder().decode(bytes)) };
	const at = bad < 0 ? nul : nul < 0 ? bad : Math.min(bad, nul);
	return {
		problem: {
			file,
			...positionOf(bytes, at),
			severity: 'error',
			message: `the file is not saved as UTF-8: ${likelyEncoding(bytes, at)}`,
			hint: `${RESAVE} Then check the quotes, dashes and £ signs read as you meant.`
		}
	};
}
