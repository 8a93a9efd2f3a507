/**
 * `npm run bench:scenarios`: how fast the checker is on content far bigger than a trainer writes.
 *
 *   tsx tools/bench-scenarios.ts [--runs 5]
 *
 * Generates, in a temporary folder, one scenario of 2,000 nodes whose branches rejoin at every
 * step (2^999 ways through: listing paths would never finish) and a folder of 200 ordinary
 * scenarios (the shipped ones, copied under new ids). Times what `npm run scenarios:check` does
 * with each: parse, schema, graph checks, then the score walk on the compiled machine. Prints the
 * medians against the targets and writes bench/results/scenarios.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkFiles, listScenarios } from '../src/build-time/scenario/files.ts';
import { scenarioReport, walkScores } from '../src/build-time/scenario/scores.ts';
import { exitWithUsage, readArgs } from './cli.ts';

const root = resolve(import.meta.dirname, '..');
const { values: options } = readArgs(process.argv.slice(2), {
	options: { runs: { type: 'string' } },
	needs: { runs: 'a number' },
	fail: exitWithUsage('usage: tsx tools/bench-scenarios.ts [--runs 5]')
});
const runs = Number(options.runs) || 5;
const TARGETS_MS = { large: 1000, folder: 3000 };
const LARGE_NODES = 2000;
const FOLDER_SIZE = 200;

/**
 * A ladder of decisions: each offers two choices (one better than the other) that both lead to a
 * narrative node, which leads to the next decision. The last decision ends well or badly.
 */
function largeScenario(nodes: number): string {
	// an introduction, steps - 1 decisions, steps - 2 narratives and two endings: 2 * steps nodes
	const steps = Math.floor(nodes / 2);
	const lines = [
		'format: 1',
		'id: large',
		'version: 1',
		'title: A very long case',
		'theme: professional_curiosity',
		'audiences: [csp]',
		'summary: A generated scenario for the benchmark.',
		'start: intro',
		'nodes:',
		'  intro:',
		'    type: narrative',
		'    text: The case begins.',
		'    next: d0'
	];
	for (let i = 0; i < steps - 1; i++) {
		const last = i === steps - 2;
		lines.push(
			`  d${i}:`,
			'    type: decision',
			`    text: Step ${i} of the case.`,
			'    prompt: What do you do next?',
			'    choices:',
			'      ask:',
			'        text: Ask about it.',
			'        points: 2',
			'        feedback: Asking shows curiosity.',
			`        next: ${last ? 'good_end' : `n${i}`}`,
			'      leave:',
			'        text: Leave it.',
			'        points: 0',
			'        feedback: Leaving it misses the signs.',
			`        next: ${last ? 'poor_end' : `n${i}`}`
		);
		if (!last) {
			lines.push(
				`  n${i}:`,
				'    type: narrative',
				`    text: Time passes (${i}).`,
				`    next: d${i + 1}`
			);
		}
	}
	lines.push(
		'  good_end:',
		'    type: ending',
		'    outcome: good',
		'    text: The signs were seen.',
		'  poor_end:',
		'    type: ending',
		'    outcome: poor',
		'    text: The signs were missed.',
		''
	);
	return lines.join('\n');
}

/** The shipped scenarios, copied round-robin under new ids until there are `count`. */
function ordinaryFolder(dir: string, count: number): void {
	const shipped = listScenarios(join(root, 'scenarios'));
	for (let i = 0; i < count; i++) {
		const id = shipped[i % shipped.length]!;
		const copy = `s${String(i).padStart(3, '0')}`;
		const source = readFileSync(join(root, 'scenarios', `${id}.yaml`), 'utf8')
			.replace(/^# yaml-language-server:.*\n/, '')
			.replace(new RegExp(`^id: ${id}$`, 'm'), `id: ${copy}`);
		writeFileSync(join(dir, `${copy}.yaml`), source);
	}
}

/** Everything `scenarios:check` does with the files: the checks, then the score walk of each. */
function check(paths: string[]) {
	const checked = checkFiles(paths);
	const reports = checked.scenarios.map(scenarioReport);
	return { checked, reports };
}

function time(run: () => unknown): number[] {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		run();
		times.push(performance.now() - start);
	}
	return times;
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const work = mkdtempSync(join(tmpdir(), 'bench-scenarios-'));
try {
	const largeFile = join(work, 'large.yaml');
	writeFileSync(largeFile, largeScenario(LARGE_NODES));
	const folder = join(work, 'folder');
	mkdirSync(folder);
	ordinaryFolder(folder, FOLDER_SIZE);

	// Both must be sound, or the timing would be of an early stop.
	const large = check([largeFile]);
	const errors = large.checked.problems.filter((p) => p.severity === 'error');
	if (errors.length || large.checked.scenarios.length !== 1)
		throw new Error(`the generated scenario does not check: ${errors[0]?.message}`);
	const nodes = large.checked.scenarios[0]!.scenario.nodes.length;
	const paths = walkScores(large.checked.scenarios[0]!.scenario).paths;
	const many = check([folder]);
	if (many.checked.scenarios.length !== FOLDER_SIZE)
		throw new Error(`only ${many.checked.scenarios.length} of ${FOLDER_SIZE} scenarios check`);

	const rows = [
		{
			name: `one scenario of ${nodes} nodes (${paths.toExponential(1)} paths)`,
			times: time(() => check([largeFile])),
			target: TARGETS_MS.large
		},
		{
			name: `a folder of ${FOLDER_SIZE} ordinary scenarios`,
			times: time(() => check([folder])),
			target: TARGETS_MS.folder
		}
	];
	console.log(`\n${runs} runs each on ${cpus().length} cores; medians with fastest–slowest.\n`);
	for (const { name, times, target } of rows) {
		const value = median(times);
		console.log(
			`${name.padEnd(52)} ${Math.round(value).toString().padStart(5)} ms  ` +
				`(${Math.round(Math.min(...times))}–${Math.round(Math.max(...times))})  ` +
				`target ${target} ms  ${value <= target ? 'ok' : 'OVER'}`
		);
	}
	const dir = join(root, 'bench', 'results');
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		join(dir, 'scenarios.json'),
		JSON.stringify(
			{
				date: new Date().toISOString(),
				machine: { cpus: cpus().length, node: process.version },
				runs,
				figures: rows.map(({ name, times, target }) => ({
					name,
					medianMs: Math.round(median(times)),
					spreadMs: [Math.round(Math.min(...times)), Math.round(Math.max(...times))],
					targetMs: target
				}))
			},
			null,
			'\t'
		) + '\n'
	);
	console.log('\nWritten to bench/results/scenarios.json');
} catch (error) {
	console.error(`bench:scenarios: ${error instanceof Error ? error.message : error}`);
	process.exitCode = 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}
