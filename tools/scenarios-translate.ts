/**
 * Starts or tops up a translation of a scenario or a course:
 *
 *   tsx tools/scenarios-translate.ts <scenario or course id> <language>   (for example: ambulance_fall_at_home cy)
 *
 * Writes scenarios/translations/<language>/<id>.yaml (a course's in .../courses/) with every
 * passage commented out beside its English. On a file that exists, it appends only the passages
 * not yet translated and leaves everything written, comments included, as it was.
 */
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_DIR, SCHEMA_FILES } from '../src/lib/scenario/json-schema.ts';
import {
	listCourses,
	listScenarios,
	readSource,
	translationFile
} from '../src/lib/scenario/files.ts';
import { parseCourse, parseScenario, formatProblem } from '../src/lib/scenario/parse.ts';
import { coursePassages, PASSAGE_ID, scenarioPassages } from '../src/lib/scenario/passages.ts';
import { didYouMean } from '../src/lib/scenario/suggest.ts';
import { translationTemplate } from '../src/lib/scenario/translations.ts';
import { TRANSLATION_LOCALES } from '../src/lib/scenario/types.ts';
import { isMap, isScalar, parseDocument } from 'yaml';

const SCENARIOS = fileURLToPath(new URL('../scenarios', import.meta.url));
const USAGE =
	'usage: npm run scenarios:translate <scenario or course id> <language>   (for example: npm run scenarios:translate ambulance_fall_at_home cy)';

function fail(message: string, hint?: string): never {
	console.error(message);
	if (hint) console.error(`  hint: ${hint}`);
	process.exit(1);
}

const [id, locale, ...rest] = process.argv.slice(2);
if (!id || !locale || rest.length || id.startsWith('-')) fail(USAGE);
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

if (existsSync(file)) {
	// read as the checker reads it: appending UTF-8 to a file in another encoding would mix the two
	const text = readOrFail(file);
	const doc = parseDocument(text);
	if (doc.errors.length)
		fail(`${shown} is not valid YAML; run npm run scenarios:check to see where`);
	const top = isMap(doc.contents) ? doc.contents.items : [];
	const last = top.at(-1)?.key;
	// new passages go at the end of the file, which must be inside `passages:`
	if (!isScalar(last) || last.value !== 'passages') {
		fail(
			`${shown}: \`passages:\` is not the last key, so nothing can be added at the end safely`,
			'Move `passages:` and everything under it to the end of the file, then run this again.'
		);
	}
	const data = doc.toJS() as { passages?: Record<string, string> | null } | null;
	// passages still commented out from an earlier run are waiting already: not added twice
	const waiting = [...text.matchAll(new RegExp(`^ {2}# ?(${PASSAGE_ID.source}):`, 'gm'))].map(
		(m) => m[1]!
	);
	const existing = {
		...Object.fromEntries(waiting.map((id) => [id, 'waiting'])),
		...(data?.passages ?? {})
	};
	const addition = translationTemplate({ what, locale, source, existing, schemaLink });
	const todo = Object.keys(source).filter((id) => !data?.passages?.[id]?.trim()).length;
	if (addition) {
		appendFileSync(file, addition);
		const count = addition.split('\n').filter((l) => /^ {2}# [a-z][a-z0-9_.]*: /.test(l)).length;
		console.log(
			`${shown}: added ${count} passage${count === 1 ? '' : 's'} still to translate, commented out with their English.`
		);
	}
	console.log(
		todo
			? `${shown}: ${todo} of ${Object.keys(source).length} passages still to translate.`
			: `${shown}: every passage is translated.`
	);
} else {
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, translationTemplate({ what, locale, source, schemaLink }));
	console.log(
		`Wrote ${shown}: uncomment each passage and write the ${locale} in place of the English.`
	);
	if (!isCourse)
		console.log(`Add \`translations: [${locale}]\` to each course that should ship it.`);
}
