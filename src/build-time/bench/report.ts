/** The bench's printed report: each figure beside its budget, with the ratio, then a README table. */
import type { Judged } from './budgets.ts';
import { shownModule } from './sizes.ts';
import { minutes, type BenchResult, type PackageResult, type Timing } from './run.ts';

const int = (x: number) => Math.round(x).toLocaleString('en-GB');
const dec = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
const ms = (t: Timing) => `${int(t.median)} ms (${int(t.min)}–${int(t.max)})`;
const ratio = (j: Judged) => `${j.ratio.toFixed(2)}×`;
const verdict = (j: Judged) => (j.ok ? 'ok' : 'OVER');

/** Rows of cells, padded to line up; the last column is not padded. */
function columns(rows: string[][], indent = '  '): string[] {
	const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
	return rows.map(
		(row) =>
			indent +
			row
				.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
				.join('   ')
				.trimEnd()
	);
}

export function formatReport(result: BenchResult): string[] {
	const { references, packages } = result;
	const bare = references.reference;
	const stack = references['reference-i18next'];
	const refs = [bare, stack];
	const first = packages[0];
	const out: string[] = [];
	const section = (title: string, budget: string, rows: string[][]) => {
		out.push('', `${title}  —  budget: ${budget}`, ...columns(rows));
	};
	const judged = (
		value: (p: PackageResult) => string,
		budget: (p: PackageResult) => Judged,
		withBasis = false
	) =>
		packages.map((p) => [
			p.label,
			value(p),
			...(withBasis ? [`budget ${dec(budget(p).budget)} KB (${budget(p).basis})`] : []),
			ratio(budget(p)),
			verdict(budget(p))
		]);

	out.push(
		`npm run bench: ${result.runs} runs of each page, interleaved; ${result.cpuSlowdown}x CPU throttle unless marked 1x;` +
			` Chromium ${result.machine.chromium}, ${result.machine.cpus} CPUs, Node ${result.machine.node}; took ${minutes(result.durationSeconds)}.`,
		'Each package is served by the preview LMS from /pluginfile.php/42/mod_scorm/content/<package>/ in',
		'its course frame; times are medians (fastest–slowest) in ms from the frame’s navigation. The',
		'reference pages are built like the course and served the same way; budgets are set against',
		'them as measured in this run.',
		'',
		'References',
		...columns(
			refs.map((r) => [
				r.label,
				`${dec(r.launchGzipKB)} KB gzip`,
				`first screen ${ms(r.throttled.firstScreen)}`,
				`first choice ${ms(r.throttled.firstChoice)}`
			])
		)
	);
	if (!first) return out;

	section(
		'Launch payload, gzip (the launch page: app, CSS and course outline)',
		first.budgets.launch.basis + ` = ${dec(first.budgets.launch.budget)} KB`,
		judged(
			(p) => `${dec(p.launchGzipKB)} KB`,
			(p) => p.budgets.launch
		)
	);
	section(
		'First screen (largest contentful paint of course content), 4x',
		`${first.budgets.firstScreen.basis} = ${int(first.budgets.firstScreen.budget)} ms`,
		judged(
			(p) => ms(p.throttled.firstScreen),
			(p) => p.budgets.firstScreen
		)
	);
	section(
		'First choice (first usable control painted), 4x',
		`${first.budgets.firstChoice.basis} = ${int(first.budgets.firstChoice.budget)} ms`,
		judged(
			(p) => ms(p.throttled.firstChoice),
			(p) => p.budgets.firstChoice
		)
	);
	section(
		`A step under a slow LMS (Commit blocks ${result.commitDelayMs} ms; click ${result.readMs} ms after the paint), p95, 4x`,
		`${result.budgets.stepP95Ms} ms`,
		judged(
			(p) =>
				`${int(p.steps.p95)} ms (median ${int(p.steps.median)}, slowest ${int(p.steps.max)}, ${p.steps.count} steps; ` +
				`a Commit between click and paint in ${p.steps.withCommitBetween})`,
			(p) => p.budgets.step
		)
	);
	section(
		'Bytes fetched before the first click (as sent, gzip)',
		'the launch payload + the largest starting scenario’s words',
		judged(
			(p) => `${dec(p.fetchedBeforeClickKB.median)} KB`,
			(p) => p.budgets.fetchedBeforeClick,
			true
		)
	);
	out.push(
		'',
		'Unthrottled (1x): first screen / first choice, medians',
		...columns(
			[...refs, ...packages].map((t) => [
				t.label,
				`${int(t.unthrottled.firstScreen.median)} / ${int(t.unthrottled.firstChoice.median)} ms`
			])
		)
	);
	out.push(
		'',
		'Package sizes',
		...columns(
			packages.map((p) => [
				p.label,
				`zip ${dec(p.zipKB)} KB (${ratio(p.budgets.zip)} of ${p.budgets.zip.budget} KB)`,
				`worst-case suspend_data ${p.worstSuspendDataChars} chars (${ratio(p.budgets.suspendData)} of ${p.budgets.suspendData.budget})`,
				`largest scenario’s words ${dec(p.largestWordsKB)} KB gzip`
			])
		)
	);
	out.push(
		'',
		'What the first screen and the first choice were (first run)',
		...columns(
			[...refs, ...packages].map((t) => [
				t.label,
				`largest paint: ${t.firstScreenElement}`,
				`first control: ${t.firstChoiceControl}`
			])
		)
	);
	out.push(...moduleLines(result));
	out.push(
		'',
		`Checking every scenario and course file: ${ms(result.scenarioCheckMs)}`,
		...result.extras.map((e) => `${e.name} (${e.target}): ${dec(e.value)} ${e.unit}`)
	);
	return out;
}

function moduleLines(result: BenchResult, top = 15): string[] {
	const { groups, heaviest } = result.modules;
	const total = groups.reduce((sum, g) => sum + g.bytes, 0);
	const share = (bytes: number) => `${((bytes / total) * 100).toFixed(1)}%`;
	return [
		'',
		`The launch bundle by package and folder (bytes as rendered, before minifying: ${dec(total / 1024)} KB in all;` +
			' gzip of each module alone, which adds up to more than the page’s)',
		...columns(
			groups.map((g) => [
				g.group,
				`${dec(g.bytes / 1024)} KB`,
				share(g.bytes),
				`${dec(g.gzip / 1024)} KB gzip`,
				`${g.modules} module${g.modules === 1 ? '' : 's'}`
			])
		),
		'',
		`The ${top} heaviest modules`,
		...columns(
			heaviest
				.slice(0, top)
				.map((m) => [
					shownModule(m.id),
					`${dec(m.bytes / 1024)} KB`,
					`${dec(m.gzip / 1024)} KB gzip`
				])
		)
	];
}

/** The figures as a Markdown table for the README: a column per course, SCORM 1.2 / 2004 in each. */
export function readmeTable(result: BenchResult): string[] {
	const courses = [...new Set(result.packages.map((p) => p.course))];
	const pair = (course: string) =>
		(['scorm12', 'scorm2004'] as const).map((v) =>
			result.packages.find((p) => p.course === course && p.version === v)!
		);
	const first = result.packages[0];
	if (!first) return [];
	const worst = (js: Judged[]) => js.reduce((a, b) => (b.ratio > a.ratio ? b : a), js[0]!);
	const cell = (
		course: string,
		value: (p: PackageResult) => number,
		unit: string,
		judged?: (p: PackageResult) => Judged,
		format: (x: number) => string = int
	) => {
		const [a, b] = pair(course);
		const text = `${format(value(a!))} / ${format(value(b!))} ${unit}`;
		if (!judged) return text;
		const j = worst([judged(a!), judged(b!)]);
		return `${text} (${ratio(j)}${j.ok ? '' : ', over'})`;
	};
	const { reference, 'reference-i18next': stack } = result.references;
	const rows: string[][] = [
		['figure', 'budget (this run)', ...courses, 'references: bare / with i18next'],
		[
			'launch payload, gzip',
			`${dec(first.budgets.launch.budget)} KB (i18next reference + ${result.budgets.launchOverReferenceKB})`,
			...courses.map((c) =>
				cell(
					c,
					(p) => p.launchGzipKB,
					'KB',
					(p) => p.budgets.launch,
					dec
				)
			),
			`${dec(reference.launchGzipKB)} / ${dec(stack.launchGzipKB)} KB`
		],
		[
			'first screen, 4x',
			`${int(first.budgets.firstScreen.budget)} ms (reference + ${result.budgets.firstScreenOverReferenceMs})`,
			...courses.map((c) =>
				cell(
					c,
					(p) => p.throttled.firstScreen.median,
					'ms',
					(p) => p.budgets.firstScreen
				)
			),
			`${int(reference.throttled.firstScreen.median)} / ${int(stack.throttled.firstScreen.median)} ms`
		],
		[
			'first choice, 4x',
			`${int(first.budgets.firstChoice.budget)} ms (reference + ${result.budgets.firstChoiceOverReferenceMs})`,
			...courses.map((c) =>
				cell(
					c,
					(p) => p.throttled.firstChoice.median,
					'ms',
					(p) => p.budgets.firstChoice
				)
			),
			`${int(reference.throttled.firstChoice.median)} / ${int(stack.throttled.firstChoice.median)} ms`
		],
		[
			`step, slow LMS, p95, 4x`,
			`${result.budgets.stepP95Ms} ms`,
			...courses.map((c) =>
				cell(
					c,
					(p) => p.steps.p95,
					'ms',
					(p) => p.budgets.step
				)
			),
			''
		],
		[
			'fetched before the first click',
			'launch + starting words',
			...courses.map((c) =>
				cell(
					c,
					(p) => p.fetchedBeforeClickKB.median,
					'KB',
					(p) => p.budgets.fetchedBeforeClick,
					dec
				)
			),
			''
		],
		[
			'first screen, 1x',
			'',
			...courses.map((c) => cell(c, (p) => p.unthrottled.firstScreen.median, 'ms')),
			`${int(reference.unthrottled.firstScreen.median)} / ${int(stack.unthrottled.firstScreen.median)} ms`
		],
		[
			'first choice, 1x',
			'',
			...courses.map((c) => cell(c, (p) => p.unthrottled.firstChoice.median, 'ms')),
			`${int(reference.unthrottled.firstChoice.median)} / ${int(stack.unthrottled.firstChoice.median)} ms`
		],
		[
			'zip',
			`${result.budgets.zipKB} KB`,
			...courses.map((c) =>
				cell(
					c,
					(p) => p.zipKB,
					'KB',
					(p) => p.budgets.zip
				)
			),
			''
		],
		[
			'worst-case `suspend_data`',
			`${int(result.budgets.suspendDataChars)} chars`,
			...courses.map((c) => {
				const [a] = pair(c);
				return `${a!.worstSuspendDataChars} chars`;
			}),
			''
		]
	];
	const widths = rows[0]!.map((_, i) => Math.max(3, ...rows.map((r) => r[i]!.length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
	return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)];
}
