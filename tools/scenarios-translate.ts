/**
 * Starts or tops up a translation of a scenario or a course:
 *
 *   tsx tools/scenarios-translate.ts <scenario or course id> <language> [--accept <passage id>... | --accept all]
 *
 * Writes scenarios/translations/<language>/<id>.yaml (a course's in .../courses/) with every
 * passage commented out beside its English, and records the English each passage comes from. On a
 * file that exists, it appends the passages not yet there, shows the new English beside any
 * passage whose English has changed, and leaves every word written as it was. `--accept` records
 * the named passages (or every translated one) as translated from today's English, once the
 * translator has updated them.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_DIR, SCHEMA_FILES } from '../src/build-time/scenario/json-schema.ts';
import {
	listCourses,
	listScenarios,
	readSource,
	translationFile
} from '../src/build-time/scenario/files.ts';
import { parseCourse, parseScenario, formatProblem } from '../src/build-time/scenario/parse.ts';
import { coursePassages, scenarioPassages } from '../src/lib/scenario/passages.ts';
import { didYouMean } from '../src/lib/scenario/suggest.ts';
import {
	ACCEPT_FLAG,
	topUpTranslation,
	TRANSLATE_COMMAND,
	translateCommand,
	translationTemplate
} from '../src/build-time/scenario/translations.ts';
import { TRANSLATION_LOCALES } from '../src/lib/scenario/types.ts';
import { readArgs } from './cli.ts';

const SCENARIOS = fileURLToPath(new URL('../scenarios', import.meta.url));
const USAGE = [
	`usage: ${TRANSLATE_COMMAND} <scenario or course id> <language> [-- ${ACCEPT_FLAG} <passage id>... | -- ${ACCEPT_FLAG} all]`,
	`  for example: ${translateCommand('ambulance_fall_at_home', 'cy')}`,
	`  once the passage summary is updated to new English: ${translateCommand('ambulance_fall_at_home', 'cy', 'summary')}`
].join('\n');

function fail(message: string, hint?: string): never {
	console.error(message);
	if (hint) console.error(`  hint: ${hint}`);
	process.exit(1);
}

const { values, positionals } = readArgs(process.argv.slice(2), {
	// the option ACCEPT_FLAG names
	options: { accept: { type: 'string', multiple: true } },
	needs: { accept: 'a passage id, or all' },
	fail: (message) => fail(message, USAGE)
});
const [id, locale, ...rest] = positionals;
const accepted = values.accept;
if (!id || !locale) fail(USAGE);
// npm keeps `--accept` for itself unless it follows `--`, and passes on only the ids
if (rest.length && !accepted)
	fail(
		USAGE,
		`To accept ${rest.join(' ')}, write \`-- ${ACCEPT_FLAG}\` before it: npm passes options on only after \`--\`.`
	);
// `--accept a b`, `--accept a,b` and `--accept a --accept b` all name passages a and b
const named = [...(accepted ?? []), ...rest].flatMap((arg) => arg.split(','));
const accept: readonly string[] | 'all' = named.includes('all') ? 'all' : named;
if (!(TRANSLATION_LOCALES as readonly string[]).includes(locale))
	fail(
		`there is no language \`${locale}\` to translate into`,
		`Languages: ${TRANSLATION_LOCALES.join(', ')}.`
	);

const isCourse = listCourses(SCENARIOS).includes(id);
if (!isCourse && !listScenarios(SCENARIOS).includes(id)) {
	fail(
		`there is no scenario or course \`${id}\``,
		`${didYouMean(id, [...listScenarios(SCENARIOS), ...listCourses(SCENARIOS)])}Scenarios are the .yaml files in scenarios/, courses those in scenarios/courses/.`
	);
}
const sourceFile = isCourse
	? join(SCENARIOS, 'courses', `${id}.yaml`)
	: join(SCENARIOS, `${id}.yaml`);
/** The file's text, or stop with the checker's own message (a file not saved as UTF-8, say). */
function readOrFail(path: string): string {
	const read = readSource(path);
	if ('problem' in read) fail(formatProblem(read.problem));
	return read.source;
}

const parsed = isCourse
	? parseCourse(readOrFail(sourceFile), sourceFile)
	: parseScenario(readOrFail(sourceFile), sourceFile);
if (!parsed.ok) {
	fail(
		`${relative(process.cwd(), sourceFile)} has errors; fix them first (npm run scenarios:check):\n` +
			parsed.problems.map(formatProblem).join('\n')
	);
}
const source = isCourse
	? coursePassages(parsed.value as Parameters<typeof coursePassages>[0])
	: scenarioPassages(parsed.value as Parameters<typeof scenarioPassages>[0]);

const file = translationFile(SCENARIOS, locale, isCourse ? 'course' : 'scenario', id);
const shown = relative(process.cwd(), file);
const schemaLink = relative(dirname(file), join(SCENARIOS, SCHEMA_DIR, SCHEMA_FILES.translation))
	.split(sep)
	.join('/');
const what = `${isCourse ? 'courses/' : ''}${id}.yaml`;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

if (existsSync(file)) {
	const result = topUpTranslation(readOrFail(file), {
		source,
		accept,
		place: { id, locale }
	});
	if (!result.ok) fail(`${shown}: ${result.message}`, result.hint);
	writeFileSync(file, result.text);
	const { added, refreshed, stale, accepted, todo } = result;
	if (accepted.length)
		console.log(
			`${shown}: ${plural(accepted.length, 'passage')} recorded as translated from today's English.`
		);
	if (added.length)
		console.log(
			`${shown}: added ${plural(added.length, 'passage')} still to translate, commented out with their English.`
		);
	if (refreshed.length)
		console.log(
			`${shown}: the English changed for ${plural(refreshed.length, 'passage')} not yet translated; shown again with the new English.`
		);
	if (stale.length) {
		console.log(
			`${shown}: the English changed since ${plural(stale.length, 'passage')} ${stale.length === 1 ? 'was' : 'were'} translated: ${stale.join(', ')}. Each has the new English above it; update the translation, then run ${translateCommand(id, locale, '<passage id>')}.`
		);
	}
	console.log(
		todo
			? `${shown}: ${todo} of ${Object.keys(source).length} passages still to translate or update.`
			: `${shown}: every passage is translated.`
	);
} else {
	if (named.length)
		fail(
			`${shown} does not exist yet, so there is nothing to accept`,
			`Run ${translateCommand(id, locale)} first.`
		);
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, translationTemplate({ what, locale, source, schemaLink }));
	console.log(
		`Wrote ${shown}: uncomment each passage and write the ${locale} in place of the English.`
	);
	if (!isCourse)
		console.log(`Add \`translations: [${locale}]\` to each course that should ship it.`);
}
