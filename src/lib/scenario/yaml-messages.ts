/**
 * What a trainer is told when the YAML reader itself fails, in place of the library's words for
 * programmers: a message and a hint for each of its error codes (`readYaml` in `locate.ts`).
 */

/** How to write a text YAML would otherwise read as something else. */
export const TEXT_HINT_START =
	'If a text contains `: ` or ` #`, or starts with one of * & ! | > % @ ` [ { " \', put it in ' +
	'quotes, or write `|` after the key and the text indented on the next lines.';

/** Messages and hints for YAML's own errors, which the library words for programmers. */
export const YAML_ERRORS: Partial<Record<string, { message: string; hint: string }>> = {
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
	},
	UNEXPECTED_TOKEN: {
		message: "YAML can't read this line: something here is out of place",
		hint: `${TEXT_HINT_START} Otherwise check this line is indented like the lines around it.`
	},
	BLOCK_IN_FLOW: {
		message: 'a list in `[ ]` or a mapping in `{ }` holds lines it can’t',
		hint: 'Keep a bracketed list on one line, or write each item on its own line starting with `- `.'
	},
	KEY_OVER_1024_CHARS: {
		message: 'a key here is over 1,024 characters long',
		hint: 'A key ends with `: `. Check this line and the one above for a missing `:` or closing quote.'
	},
	BAD_DQ_ESCAPE: {
		message: 'a `\\` inside double quotes starts something YAML does not know',
		hint: 'Write `\\\\` for a backslash, or put the text in single quotes instead.'
	},
	BAD_ALIAS: {
		message: 'a `*` here starts a reference to an anchor, but no anchor name follows',
		hint: TEXT_HINT_START
	},
	BAD_DIRECTIVE: {
		message: 'a line starting with `%` is a YAML instruction this checker does not read',
		hint: 'Remove the line, or put the text in quotes.'
	},
	BAD_PROP_ORDER: {
		message: 'an anchor (`&`) or tag (`!`) is in the wrong place',
		hint: TEXT_HINT_START
	},
	MULTIPLE_ANCHORS: { message: 'a value has two anchors (`&`)', hint: TEXT_HINT_START },
	MULTIPLE_TAGS: { message: 'a value has two tags (`!`)', hint: TEXT_HINT_START },
	ALIAS_PROPS: {
		message: 'a reference (`*`) has an anchor or tag of its own',
		hint: TEXT_HINT_START
	},
	NON_STRING_KEY: {
		message: 'a key here is a list or mapping; keys must be plain words',
		hint: TEXT_HINT_START
	},
	BAD_COLLECTION_TYPE: {
		message: 'a tag (`!`) here does not suit the list or mapping it is on',
		hint: TEXT_HINT_START
	}
};

/** What any other error of the YAML reader says, rather than the library's own words. */
export const UNREADABLE = {
	message: "YAML can't read the file here",
	hint: `${TEXT_HINT_START} Otherwise check this line is indented like the lines around it.`
};
