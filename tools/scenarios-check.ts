/**
 * Checks scenario and course files and explains every problem for the trainer who wrote them.
 *
 *   tsx tools/scenarios-check.ts [files or folders...]   (default: the scenarios folder)
 *
 * Exit code 1 when there are errors, 0 otherwise (warnings alone pass).
 */
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFiles } from '../src/lib/scenario/files.ts';
import { formatProblem, type Problem } from '../src/lib/scenario/problem.ts';

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

function main(args: readonly string[]): number {
	// Paths are shown relative to where the command runs, so editors can open them with a click.
	const defaultRoot = resolve(fileURLToPath(new URL('../scenarios', import.meta.url)));
	const paths = args.length > 0 ? args : [relative(process.cwd(), defaultRoot) || '.'];
	const { problems, files } = checkFiles(paths);
	for (const problem of problems) console.log(formatProblem(problem));
	if (files === 0 && problems.length === 0) {
		console.log(`No scenario or course files found in ${paths.join(', ')}.`);
		return 0;
	}
	console.log(summary(problems, files));
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
