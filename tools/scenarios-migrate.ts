/**
 * Upgrades scenario, course and translation files written in an older format, in place:
 *
 *   tsx tools/scenarios-migrate.ts [files or folders...]   (default: the scenarios folder)
 *
 * Comments and layout are kept. Prints what it changed; exit 1 if any file could not be upgraded.
 */
import { statSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCourseFile, readSource } from '../src/build-time/scenario/files.ts';
import type { FileKind } from '../src/build-time/scenario/messages.ts';
import { migrateSource } from '../src/build-time/scenario/migrate.ts';
import { formatProblem } from '../src/lib/scenario/problem.ts';
import { FORMAT } from '../src/lib/scenario/schema.ts';
import { TRANSLATIONS_DIR } from '../src/build-time/scenario/translations.ts';
import { exitWithUsage, readArgs } from './cli.ts';

const SCENARIOS = fileURLToPath(new URL('../scenarios', import.meta.url));

/** Every .yaml file under a folder, except the generated schemas. */
function yamlFiles(path: string): string[] {
	if (!statSync(path).isDirectory()) return [path];
	return readdirSync(path, { withFileTypes: true })
		.filter((entry) => entry.name !== 'schema' && !entry.name.startsWith('.'))
		.flatMap((entry) =>
			entry.isDirectory()
				? yamlFiles(join(path, entry.name))
				: entry.name.endsWith('.yaml')
					? [join(path, entry.name)]
					: []
		)
		.sort();
}

const kindOf = (file: string): FileKind =>
	file.split(/[\\/]/).includes(TRANSLATIONS_DIR)
		? 'translation'
		: isCourseFile(file)
			? 'course'
			: 'scenario';

const { positionals } = readArgs(process.argv.slice(2), {
	options: {},
	fail: exitWithUsage('usage: tsx tools/scenarios-migrate.ts [files or folders...]')
});
const paths = positionals.length ? positionals : [SCENARIOS];
let failed = 0;
let migrated = 0;
let files = 0;
for (const path of paths) {
	if (!existsSync(path)) {
		console.error(`${path}: there is no such file or folder`);
		failed++;
		continue;
	}
	for (const file of yamlFiles(path)) {
		files++;
		const shown = relative(process.cwd(), file) || file;
		// read as the checker reads it: a file in another encoding is named, never written back garbled
		const read = readSource(file);
		if ('problem' in read) {
			console.error(formatProblem(read.problem));
			failed++;
			continue;
		}
		const result = migrateSource(read.source, kindOf(file));
		if (result.status === 'refused') {
			console.error(`${shown}: not upgraded: ${result.message}`);
			failed++;
		} else if (result.status === 'migrated') {
			writeFileSync(file, result.source);
			console.log(`${shown}: upgraded from format ${result.from} to ${result.to}`);
			migrated++;
		}
	}
}
console.log(
	migrated
		? `Upgraded ${migrated} of ${files} files to format ${FORMAT}. Run npm run scenarios:check next.`
		: `${files} files checked: ${failed ? 'none upgraded' : `all are at format ${FORMAT} already`}.`
);
process.exitCode = failed ? 1 : 0;
