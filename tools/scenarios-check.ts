/**
 * Checks scenario and course files and explains every problem for the trainer who wrote them.
 *
 *   tsx tools/scenarios-check.ts [files or folders...]   (default: the scenarios folder)
 *
 * Prints every problem, then the scores each sound scenario and course can produce (played on the
 * course engine), then a one-line summary. Exit code 1 when there are errors, 0 otherwise
 * (warnings alone pass).
 */
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFiles, type TranslationStatus } from '../src/build-time/scenario/files.ts';
import { decisionLengths, isTell } from '../src/lib/scenario/tells.ts';
import type { CourseBundle } from '../src/lib/scenario/types.ts';
import { formatProblem, sortProblems, type Problem } from '../src/lib/scenario/problem.ts';
import { courseReport, scenarioReport } from '../src/build-time/scenario/scores.ts';
import { exitWithUsage, readArgs } from './cli.ts';

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function summary(problems: readonly Problem[], files: number): string {
	const errors = problems.filter((p) => p.severity === 'error').length;
	const warnings = problems.length - errors;
	if (problems.length === 0) {
		return files === 1 ? 'The 1 file is sound.' : `All ${files} files are sound.`;
	}
	const counts = [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning')];
	return `${counts.filter(Boolean).join(', ')} in ${plural(files, 'file')}`;
}

function translationLine(bundle: CourseBundle, status: TranslationStatus): string {
	const total = bundle.scenarios.length;
	const rest = total - status.complete.length;
	return [
		`${status.locale}: ${status.complete.length} of ${plural(total, 'scenario')} translated`,
		status.courseComplete ? ", and the course's own words" : ", not yet the course's own words",
		rest ? `; learners read the other ${rest} in English` : '',
		status.stale ? `; ${plural(status.stale, 'passage')} to update where the English changed` : '',
		status.reviewed ? '' : ' (not yet reviewed by a trainer who speaks it)'
	].join('');
}

const tellLine = (longest: number, decisions: number, tells: number) =>
	`best choice is the longest in ${longest} of ${plural(decisions, 'decision')}${tells ? `, noticeably so in ${tells}` : ''}`;

function main(args: readonly string[]): number {
	const { positionals } = readArgs(args, {
		options: {},
		fail: exitWithUsage('usage: npm run scenarios:check [files or folders...]')
	});
	// Paths are shown relative to where the command runs, so editors can open them with a click.
	const defaultRoot = resolve(fileURLToPath(new URL('../scenarios', import.meta.url)));
	const paths =
		positionals.length > 0 ? positionals : [relative(process.cwd(), defaultRoot) || '.'];
	const checked = checkFiles(paths);
	const reports = [...checked.scenarios.map(scenarioReport), ...checked.courses.map(courseReport)];
	const problems = sortProblems([...checked.problems, ...reports.flatMap((r) => r.problems)]);
	for (const problem of problems) console.log(formatProblem(problem));
	if (checked.files === 0 && problems.length === 0) {
		console.log(`No scenario or course files found in ${paths.join(', ')}.`);
		return 0;
	}
	if (reports.length > 0) {
		console.log('Scores, lowest to highest, over every way through:');
		for (const report of reports) console.log(`  ${report.line}`);
	}
	if (checked.scenarios.length > 0) {
		// A learner who always picks the longest choice should not pass: how often would they be right?
		console.log('Tells, where length gives the best choice away:');
		const totals = { longest: 0, decisions: 0, tells: 0 };
		for (const { file, scenario } of checked.scenarios) {
			const lengths = decisionLengths(scenario);
			const longest = lengths.filter((d) => d.longest).length;
			const tells = lengths.filter(isTell).length;
			totals.longest += longest;
			totals.decisions += lengths.length;
			totals.tells += tells;
			console.log(`  ${file}: ${tellLine(longest, lengths.length, tells)}`);
		}
		if (checked.scenarios.length > 1) {
			console.log(`  all: ${tellLine(totals.longest, totals.decisions, totals.tells)}`);
		}
	}
	const translated = checked.courses.filter((c) => c.translations.length);
	if (translated.length > 0) {
		console.log('Translations, what learners can read in each language:');
		for (const { file, bundle, translations } of translated) {
			for (const status of translations) {
				console.log(`  ${relative(process.cwd(), file)}: ${translationLine(bundle, status)}`);
			}
		}
	}
	console.log(summary(problems, checked.files));
	return problems.some((p) => p.severity === 'error') ? 1 : 0;
}

// Trainers run this: a stack trace would only alarm them.
function fail(error: unknown): void {
	const detail = error instanceof Error ? error.message : String(error);
	console.error(`The scenario checker stopped unexpectedly: ${detail}`);
	console.error('This is a fault in the checker, not in your files. Please report it.');
	process.exit(1);
}

// Piping into `head` closes stdout early; that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
	else fail(error);
});
process.on('uncaughtException', fail);

try {
	process.exitCode = main(process.argv.slice(2));
} catch (error) {
	fail(error);
}
