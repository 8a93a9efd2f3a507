/**
 * Draws a scenario's branches for the trainer who wrote it:
 *
 *   tsx tools/scenarios-map.ts <file.yaml...> [--out FOLDER]   (default folder: dist/maps/)
 *
 * Writes <FOLDER>/<id>.mmd (a Mermaid flowchart) and <FOLDER>/<id>.html (a page that shows the
 * map as a picture and as a list, and opens offline: no scripts, nothing fetched).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSource } from '../src/build-time/scenario/files.ts';
import { toMapHtml, toMermaid } from '../src/build-time/scenario/map.ts';
import { parseScenario } from '../src/build-time/scenario/parse.ts';
import { formatProblem } from '../src/lib/scenario/problem.ts';
import { readArgs } from './cli.ts';

const USAGE = 'usage: npm run scenarios:map <scenario file...> [-- --out FOLDER]';
const DEFAULT_OUT = fileURLToPath(new URL('../dist/maps', import.meta.url));

class CliError extends Error {}

function parseOptions(args: readonly string[]): { files: string[]; out: string } {
	const { values, positionals: files } = readArgs(args, {
		options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
		needs: { out: 'a folder' },
		fail: (message) => new CliError(`${message}\n${USAGE}`)
	});
	if (values.help) throw new CliError(USAGE);
	if (files.length === 0) throw new CliError(`name the scenario file to map\n${USAGE}`);
	return { files, out: resolve(values.out ?? DEFAULT_OUT) };
}

const shown = (path: string) => relative(process.cwd(), path) || path;

function main(args: readonly string[]): number {
	const { files, out } = parseOptions(args);
	let failed = 0;
	for (const file of files) {
		const read = readSource(file);
		if ('problem' in read) {
			console.log(formatProblem(read.problem));
			failed++;
			continue;
		}
		const result = parseScenario(read.source, file);
		if (!result.ok) {
			// The map needs a sound graph: show what to fix, as the checker would.
			for (const problem of result.problems) console.log(formatProblem(problem));
			console.log(`${file}: not mapped; fix the errors above (npm run scenarios:check ${file}).`);
			failed++;
			continue;
		}
		const scenario = result.value;
		mkdirSync(out, { recursive: true });
		const mermaid = join(out, `${scenario.id}.mmd`);
		const html = join(out, `${scenario.id}.html`);
		writeFileSync(mermaid, toMermaid(scenario, file));
		writeFileSync(html, toMapHtml(scenario, file));
		console.log(`Wrote ${shown(html)} (open it in a browser) and ${shown(mermaid)}`);
	}
	return failed > 0 ? 1 : 0;
}

try {
	process.exitCode = main(process.argv.slice(2));
} catch (error) {
	// Trainers run this: one message, never a stack trace.
	console.error(`scenarios:map: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
}
