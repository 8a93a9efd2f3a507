/**
 * Translation files: `translations/<language>/<scenario id>.yaml` and
 * `translations/<language>/courses/<course id>.yaml`, each mapping passage ids (`passages.ts`) to
 * the words in that language. Checked against the English so a renamed node or a typo in an id is
 * caught, and so the checker can say how much is left to translate.
 */
import type { Locator } from './locate.ts';
import { missingPassages, type Passages } from './passages.ts';
import type { Problem } from './problem.ts';
import { didYouMean } from './suggest.ts';
import { passageLimit, passageTooLong } from './text-rules.ts';
import type { Translation } from './types.ts';

/** The folder, inside the scenarios folder, that holds the translations, one folder per language. */
export const TRANSLATIONS_DIR = 'translations';

/** How many missing ids a warning names before it says "and N more". */
const NAMED = 5;

export function checkTranslation(
	translation: Translation,
	source: Passages,
	locator: Locator,
	file: string
): Problem[] {
	const problems: Problem[] = [];
	for (const [id, text] of Object.entries(translation.passages)) {
		// Own ids only: a passage id such as `constructor` must not match the object's prototype.
		if (Object.hasOwn(source, id)) {
			if (text.length > passageLimit(id).limit) {
				const [message, hint] = passageTooLong(id, text.length);
				problems.push({ file, ...locator.at(['passages', id]), severity: 'error', message, hint });
			}
			continue;
		}
		problems.push({
			file,
			...locator.key(['passages', id]),
			severity: 'error',
			message: `there is no passage \`${id}\` in the English`,
			hint: `${didYouMean(id, Object.keys(source))}If a node or choice was renamed, rename its passages here too; \`npm run scenarios:translate\` lists every id.`
		});
	}
	const missing = missingPassages(source, translation.passages);
	if (missing.length) problems.push(missingWarning(missing, file, locator.key(['passages'])));
	return problems;
}

function missingWarning(
	missing: readonly string[],
	file: string,
	at: { line: number; col: number }
): Problem {
	const named = missing.slice(0, NAMED).map((id) => `\`${id}\``);
	const more = missing.length > NAMED ? ` and ${missing.length - NAMED} more` : '';
	return {
		file,
		...at,
		severity: 'warning',
		message: `${missing.length} passage${missing.length === 1 ? ' is' : 's are'} not translated yet: ${named.join(', ')}${more}`,
		hint: 'Until every passage is translated, learners read this in English. `npm run scenarios:translate` adds the missing ids with the English beside them.'
	};
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

/**
 * A translation file to fill in, or the additions to one: every passage not yet translated,
 * commented out with its English, in reading order. A trainer uncomments a passage and writes the
 * other language in place of the English; what stays commented is reported as missing.
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
		'passages:',
		...body,
		''
	].join('\n');
}
