/**
 * Writes the JSON Schemas that editors use to complete keys and flag mistakes while a trainer
 * types, generated from the checker's own zod schemas (src/lib/scenario/schema.ts):
 *
 *   tsx tools/scenarios-schema.ts           writes scenarios/schema/{scenario,course}.schema.json
 *   tsx tools/scenarios-schema.ts --check   exit 1 if the files on disk are out of date
 *
 * Each scenario file links its schema on its first line:
 *   # yaml-language-server: $schema=./schema/scenario.schema.json
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { jsonSchemaOf, SCHEMA_DIR, SCHEMA_FILES } from '../src/build-time/scenario/json-schema.ts';
import type { FileKind } from '../src/build-time/scenario/messages.ts';
import { exitWithUsage, readArgs } from './cli.ts';

/** The scenarios folder of this project. */
export const SCENARIOS_ROOT = fileURLToPath(new URL('../scenarios', import.meta.url));

export interface SchemaFile {
	path: string;
	text: string;
}

/**
 * The schema files as they should be on disk. Formatted by Prettier with the project's settings,
 * so `prettier --check .` passes on them as generated.
 */
export async function renderSchemas(root = SCENARIOS_ROOT): Promise<SchemaFile[]> {
	const kinds: FileKind[] = ['scenario', 'course', 'translation'];
	return Promise.all(
		kinds.map(async (kind) => {
			const path = join(root, SCHEMA_DIR, SCHEMA_FILES[kind]);
			const options = (await resolveConfig(path)) ?? {};
			const text = await format(JSON.stringify(jsonSchemaOf(kind)), {
				...options,
				filepath: path
			});
			return { path, text };
		})
	);
}

function stale(file: SchemaFile): boolean {
	return !existsSync(file.path) || readFileSync(file.path, 'utf8') !== file.text;
}

async function main(args: readonly string[]): Promise<number> {
	const usage = 'usage: tsx tools/scenarios-schema.ts [--check]';
	const { values, positionals } = readArgs(args, {
		options: { check: { type: 'boolean' } },
		fail: exitWithUsage(usage)
	});
	if (positionals.length > 0) {
		console.error(`Unknown argument ${positionals[0]}.\n${usage}`);
		return 2;
	}
	const check = values.check ?? false;
	const files = await renderSchemas();
	const shown = (file: SchemaFile) => relative(process.cwd(), file.path) || file.path;
	if (check) {
		const old = files.filter(stale);
		for (const file of old) console.log(`${shown(file)} is out of date.`);
		if (old.length > 0) console.log('Run `npm run scenarios:schema` to write it again.');
		else console.log('The schemas are up to date.');
		return old.length > 0 ? 1 : 0;
	}
	for (const file of files) {
		mkdirSync(resolve(file.path, '..'), { recursive: true });
		writeFileSync(file.path, file.text);
		console.log(`Wrote ${shown(file)}`);
	}
	return 0;
}

// Importing this file (the tests do) must not write anything: run only as the command.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main(process.argv.slice(2)).then(
		(code) => (process.exitCode = code),
		(error: unknown) => {
			console.error(`scenarios:schema: ${error instanceof Error ? error.message : String(error)}`);
			process.exitCode = 1;
		}
	);
}
