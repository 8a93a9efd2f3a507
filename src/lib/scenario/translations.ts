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
	for (const id of Object.keys(translation.passages)) {
		if (id in source) continue;
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
