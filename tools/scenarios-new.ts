/**
 * Starts a new scenario from a commented template that already passes the checker:
 *
 *   tsx tools/scenarios-new.ts <id> [--dir FOLDER]   (default folder: scenarios/)
 *
 * Writes <FOLDER>/<id>.yaml and never overwrites a file that is there.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_DIR, SCHEMA_FILES, SCHEMA_LINKS } from '../src/build-time/scenario/json-schema.ts';
import { newIdProblem, scenarioTemplate } from '../src/build-time/scenario/template.ts';
import { readArgs } from './cli.ts';

const SCENARIOS = fileURLToPath(new URL('../scenarios', import.meta.url));

/** The schema link from `dir`: the usual one in the scenarios folder, a longer one elsewhere. */
function schemaLinkFrom(dir: string): string {
	if (resolve(dir) === resolve(SCENARIOS)) return SCHEMA_LINKS.scenario;
	const path = relative(dir, join(SCENARIOS, SCHEMA_DIR, SCHEMA_FILES.scenario));
	const link = path.split(sep).join('/');
	return link.startsWith('.') ? link : `./${link}`;
}

const USAGE =
	'usage: npm run scenarios:new <id>   (for example: npm run scenarios:new fall_at_home)';

class CliError extends Error {
	constructor(
		message: string,
		readonly hint?: string
	) {
		super(message);
	}
}

function parseOptions(args: readonly string[]): { id: string; dir: string } {
	const { values, positionals: ids } = readArgs(args, {
		options: { dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
		needs: { dir: 'a folder' },
		fail: (message) => new CliError(message, USAGE)
	});
	if (values.help) throw new CliError(USAGE);
	if (ids.length !== 1) {
		throw new CliError(ids.length === 0 ? 'give the new scenario an id' : 'give one id', USAGE);
	}
	return { id: ids[0]!.replace(/\.yaml$/, ''), dir: resolve(values.dir ?? SCENARIOS) };
}

function main(args: readonly string[]): number {
	const { id, dir } = parseOptions(args);
	const problem = newIdProblem(id);
	if (problem) throw new CliError(problem.message, problem.hint);
	const file = join(dir, `${id}.yaml`);
	const shown = relative(process.cwd(), file) || file;
	if (existsSync(file)) {
		throw new CliError(
			`${shown} already exists; it was left as it is`,
			'Choose another id, or edit that file.'
		);
	}
	if (existsSync(dir) && !statSync(dir).isDirectory()) {
		throw new CliError(
			`--dir ${relative(process.cwd(), dir) || dir} is a file, not a folder`,
			'Name the folder the scenario file should go in.'
		);
	}
	mkdirSync(dir, { recursive: true });
	writeFileSync(file, scenarioTemplate(id, schemaLinkFrom(dir)), { flag: 'wx' });
	console.log(`Wrote ${shown}. Next:`);
	console.log(`  1. Replace the example texts with your case (the comments say what goes where).`);
	console.log(`  2. npm run scenarios:check ${shown}`);
	console.log(`  3. npm run scenarios:map ${shown}`);
	console.log(
		`  4. Add \`${id}\` to a course's \`scenarios\` list in scenarios/courses/ to play it.`
	);
	return 0;
}

try {
	process.exitCode = main(process.argv.slice(2));
} catch (error) {
	// Trainers run this: a message and a hint, never a stack trace.
	if (error instanceof CliError) {
		console.error(`scenarios:new: ${error.message}`);
		if (error.hint) console.error(`  hint: ${error.hint}`);
	} else {
		console.error(`scenarios:new stopped: ${error instanceof Error ? error.message : error}`);
	}
	process.exitCode = 1;
}
