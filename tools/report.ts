/**
 * The safeguarding lead's report: which decisions staff get wrong, read from the LMS's own exports.
 *
 *   npm run report -- [--out DIR] [--scenarios DIR] [--learners] [--from DATE] [--to DATE] <export files...>
 *
 * Reads Moodle's basic, interactions and objectives reports (text, ODS or Excel) and the plain
 * decisions and tracks CSV formats (see the README), maps every decision back to its scenario and
 * choice through the scenario files, and writes <DIR>/report.html and <DIR>/summary.json (default
 * dist/report/). Every row it can't use is printed as `file:line` with the reason.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem } from '../src/lib/scenario/problem.ts';
import { loadCourses } from '../src/build-time/report/analyse.ts';
import { formatNotice, type Notice } from '../src/build-time/report/exports.ts';
import { buildReport, type ReportInput } from '../src/build-time/report/report.ts';
import { shareWords } from '../src/build-time/report/html.ts';
import { readArgs } from './cli.ts';

const USAGE =
	'usage: npm run report -- [--out DIR] [--scenarios DIR] [--learners] [--from YYYY-MM-DD] [--to YYYY-MM-DD] <export files...>';
const DEFAULT_OUT = fileURLToPath(new URL('../dist/report', import.meta.url));
const DEFAULT_SCENARIOS = fileURLToPath(new URL('../scenarios', import.meta.url));

class CliError extends Error {}
/** `--help`: the usage on standard output, and success. */
class HelpAsked extends Error {}

interface Args {
	files: string[];
	out: string;
	scenarios: string;
	learners: boolean;
	from?: string;
	to?: string;
}

/** A real day written YYYY-MM-DD: `Date` would quietly turn 2026-02-30 into 2 March. */
function isDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const day = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

function parseOptions(args: readonly string[]): Args {
	const date = 'a date (YYYY-MM-DD)';
	const { values, positionals } = readArgs(args, {
		options: {
			out: { type: 'string' },
			scenarios: { type: 'string' },
			learners: { type: 'boolean' },
			from: { type: 'string' },
			to: { type: 'string' },
			help: { type: 'boolean', short: 'h' }
		},
		needs: { out: 'a folder', scenarios: 'a folder', from: date, to: date },
		fail: (message) => new CliError(`${message}\n${USAGE}`)
	});
	if (values.help) throw new HelpAsked(USAGE);
	const parsed: Args = {
		files: positionals,
		out: resolve(values.out ?? DEFAULT_OUT),
		scenarios: resolve(values.scenarios ?? DEFAULT_SCENARIOS),
		learners: values.learners ?? false
	};
	for (const end of ['from', 'to'] as const) {
		const value = values[end];
		if (value === undefined) continue;
		if (!isDate(value))
			throw new CliError(`--${end} ${value}: write a real day as YYYY-MM-DD, e.g. 2026-12-07`);
		parsed[end] = value;
	}
	if (parsed.files.length === 0) throw new CliError(`name the LMS export files to read\n${USAGE}`);
	if (existsSync(parsed.out) && !statSync(parsed.out).isDirectory()) {
		throw new CliError(`--out ${shown(parsed.out)} is a file: name a folder for the report`);
	}
	if (parsed.from && parsed.to && parsed.from > parsed.to) {
		throw new CliError(`--from ${parsed.from} is after --to ${parsed.to}`);
	}
	return parsed;
}

const shown = (path: string) => relative(process.cwd(), path) || path;

function main(argv: readonly string[]): number {
	const args = parseOptions(argv);
	const { bundles, problems } = loadCourses(args.scenarios);
	for (const problem of problems) console.log(formatProblem(problem));
	if (bundles.length === 0) {
		console.log(
			`No sound course in ${shown(args.scenarios)}: fix the errors above, or point --scenarios at another folder.`
		);
		return 1;
	}
	// A file named wrongly stops the run before anything is written: a report without it would
	// replace the last good one and look complete.
	const inputs: ReportInput[] = [];
	const unopened: Notice[] = [];
	for (const file of args.files) {
		try {
			inputs.push({ file, bytes: readFileSync(file) });
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			unopened.push({
				file,
				line: 1,
				kind: 'unrecognised file',
				message:
					code === 'ENOENT'
						? 'there is no such file'
						: code === 'EISDIR'
							? 'this is a folder: name the export files in it'
							: `the file can't be opened (${code ?? 'unknown reason'})`
			});
		}
	}
	const keep = `nothing was written${existsSync(args.out) ? `, and ${shown(args.out)} is as it was` : ''}`;
	if (unopened.length) {
		for (const notice of unopened) console.log(formatNotice(notice));
		console.log(`Check the file names: ${keep}.`);
		return 1;
	}
	const { analysis, summary, html } = buildReport(inputs, bundles, args);
	for (const notice of analysis.notices) console.log(formatNotice(notice));
	if (analysis.groups.length === 0) {
		console.log(`No attempt in these files could be counted: ${keep}.`);
		return 1;
	}

	const page = join(args.out, 'report.html');
	const json = join(args.out, 'summary.json');
	mkdirSync(args.out, { recursive: true });
	writeFileSync(page, html);
	writeFileSync(json, `${JSON.stringify(summary, null, '\t')}\n`);

	for (const group of summary.groups) {
		const name = group.pathway ? `${group.course.id} / ${group.pathway.id}` : group.course.id;
		const needs = group.decisions.filter((d) => d.trainingNeed).length;
		console.log(
			group.suppressed
				? `${name}: ${group.learners === 0 ? 'no attempts' : `${group.learners} learners, too few to show`}`
				: `${name}: ${group.learners} learners, ${group.attempts} attempts; completed ${shareWords(group.completed)}, passed ${shareWords(group.passed)}; ${needs} training needs`
		);
	}
	if (summary.outsideDates) {
		console.log(`${summary.outsideDates} attempts started outside the date range: left out.`);
	}
	const kinds = Object.entries(summary.notices.byKind).map(([kind, n]) => `${n} ${kind}`);
	const total = summary.notices.total;
	console.log(
		`${total} ${total === 1 ? 'notice' : 'notices'}${kinds.length ? ` (${kinds.join(', ')})` : ''}.`
	);
	if (args.learners)
		console.log(
			'Warning: --learners: the report lists learners by their LMS key. It identifies people.'
		);
	console.log(`Wrote ${shown(page)} (open it in a browser; it prints on A4) and ${shown(json)}`);
	return 0;
}

try {
	process.exitCode = main(process.argv.slice(2));
} catch (error) {
	if (error instanceof HelpAsked) {
		console.log(error.message);
		process.exit(0);
	}
	// Safeguarding leads run this: one message, never a stack trace.
	console.error(`report: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
}
