/**
 * The report as one self-contained HTML page for the safeguarding lead: inline CSS and SVG, no
 * script, nothing fetched, so it can be e-mailed, archived and printed on A4. Drawn from the
 * public summary alone, so the page can show nothing the privacy rules hid. Every chart is an
 * SVG image with a text alternative, and sits beside a table of the same numbers.
 *
 * One file of about 500 lines on purpose: it is the page's one template (styles, charts and
 * tables), each part drawn from the same summary and read top to bottom as the page is.
 */
import { escapeHtml, oneLine, toMapSvg, type MapTraffic } from '../scenario/map.ts';
import type { CourseBundle, Scenario } from '../../lib/scenario/types.ts';
import { CRITICAL_SHARE, MIN_GROUP, POOR_SHARE } from './analyse.ts';
import {
	FEWER,
	type PublicDecision,
	type PublicGroup,
	type PublicScenario,
	type PublicSummary,
	type Shown,
	type ShownShare
} from './summary.ts';

const e = escapeHtml;
const words = (n: Shown) => (typeof n === 'number' ? String(n) : n);
const numeric = (n: Shown) => (typeof n === 'number' ? n : undefined);

/** "7 of 12 (58%)", or "fewer than 5" where the numbers would point at people. */
export function shareWords(share: ShownShare | null): string {
	if (!share) return '—';
	const { learners, of, percent } = share;
	if (learners === 0 && of === 0) return 'not known from the exports';
	if (percent === null) return learners === FEWER ? FEWER : `${words(learners)} of ${words(of)}`;
	return `${words(learners)} of ${words(of)} (${percent}%)`;
}

/** Table cells for a share: "7 of 12" and "58%" (or "—" where the share is hidden). */
function shareCells(share: ShownShare | null): [string, string] {
	if (!share) return ['—', '—'];
	return [
		e(`${words(share.learners)} of ${words(share.of)}`),
		share.percent === null ? '—' : `${share.percent}%`
	];
}

const TONES = {
	best: { fill: '#1e7b34', label: 'best choice' },
	poor: { fill: '#9a5b00', label: 'poorer choice' },
	critical: { fill: '#b00020', label: 'critical choice' },
	plain: { fill: '#1a56b0', label: '' }
} as const;
type Tone = keyof typeof TONES;

interface Bar {
	label: string;
	percent: number | null;
	words: string;
	tone: Tone;
}

const CHART_W = 520;
const LABEL_W = 180;
const ROW_H = 28;

/**
 * Horizontal bars from 0 to 100%. A share hidden for privacy has no bar, only its words, so
 * its length can't give the number away.
 */
function barChart(id: string, title: string, bars: Bar[]): string {
	const height = bars.length * ROW_H + 30;
	const scale = CHART_W - LABEL_W - 120;
	const rows = bars.map((bar, i) => {
		const y = 8 + i * ROW_H;
		const width =
			bar.percent === null ? 0 : Math.max(bar.percent > 0 ? 2 : 0, (bar.percent / 100) * scale);
		const pattern = bar.tone === 'critical' ? ` stroke="#5c0010" stroke-dasharray="4 2"` : '';
		return [
			`<text x="${LABEL_W - 8}" y="${y + 17}" class="label">${e(oneLine(bar.label, 24))}</text>`,
			`<rect x="${LABEL_W}" y="${y + 4}" width="${Math.round(width * 10) / 10}" height="${ROW_H - 10}" fill="${TONES[bar.tone].fill}"${pattern}/>`,
			`<text x="${LABEL_W + width + 6}" y="${y + 17}">${e(bar.words)}</text>`
		].join('');
	});
	const axis = `<line x1="${LABEL_W}" y1="4" x2="${LABEL_W}" y2="${height - 22}" stroke="#444"/><text x="${LABEL_W}" y="${height - 6}" class="axis">0%</text><text x="${LABEL_W + scale}" y="${height - 6}" class="axis end">100%</text>`;
	const desc = bars
		.map(
			(bar) =>
				`${bar.label}${TONES[bar.tone].label ? ` (${TONES[bar.tone].label})` : ''}: ${bar.words}`
		)
		.join('; ');
	return `<svg class="chart" viewBox="0 0 ${CHART_W} ${height}" width="${CHART_W}" height="${height}" role="img" aria-labelledby="${id}-t ${id}-d"><title id="${id}-t">${e(title)}</title><desc id="${id}-d">${e(desc)}. The table beside the chart gives the same numbers.</desc>${axis}${rows.join('')}</svg>`;
}

function table(caption: string, head: string[], rows: string[][], numericFrom = 1): string {
	const th = head
		.map((h, i) => `<th scope="col"${i >= numericFrom ? ' class="num"' : ''}>${h}</th>`)
		.join('');
	const body = rows
		.map(
			(cells) =>
				`<tr>${cells.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${i >= numericFrom ? ' class="num"' : ''}>${c}</td>`)).join('')}</tr>`
		)
		.join('\n');
	return `<table><caption>${caption}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A wide thing that may scroll sideways on a small screen: reachable by keyboard, and named. */
const scroller = (label: string, inner: string) =>
	`<div class="scroll" role="region" aria-label="${e(label)}" tabindex="0">${inner}</div>`;

/** A chart with its table beside it, or above it where the table has long text (`stacked`). */
const pair = (chart: string, tableHtml: string, stacked = false) =>
	`<div class="pair${stacked ? ' stacked' : ''}"><figure>${chart}</figure>${scroller('table', tableHtml)}</div>`;

function minutes(value: number | null): string {
	if (value === null) return 'not known';
	return value < 1 ? `${Math.round(value * 60)} s` : `${value} min`;
}

function keyFigures(group: PublicGroup): string {
	const items = [
		['Learners', words(group.learners)],
		['Attempts', words(group.attempts)],
		...(group.notStarted !== 0
			? [['Listed by the LMS, never started', words(group.notStarted)]]
			: []),
		['Completed', shareWords(group.completed)],
		['Passed', shareWords(group.passed)],
		['Median time per attempt', minutes(group.medianMinutes)],
		['Median best score', group.medianScore === null ? 'not known' : `${group.medianScore}%`]
	];
	return `<dl class="figures">${items.map(([k, v]) => `<div><dt>${k}</dt><dd>${e(v!)}</dd></div>`).join('')}</dl>`;
}

function themesPart(group: PublicGroup, id: string): string {
	if (group.themes.length === 0) return '';
	const bars: Bar[] = group.themes.map(({ theme, met }) => ({
		label: theme.replace(/_/g, ' '),
		percent: met.percent,
		words: shareWords(met),
		tone: 'plain'
	}));
	return `<h3>Themes: learners who met the objective</h3>
<p>A learner meets a theme's objective when their score in that theme reaches the pass mark (${group.course.passMark}%) in any attempt, as the LMS stored it or, where the export lacks it, worked out from their decisions.</p>
${pair(
	barChart(
		`${id}-themes`,
		`Share of learners who met each theme's objective, ${group.course.title}`,
		bars
	),
	table(
		'Learners who met each objective',
		['Theme', 'Met', 'Share'],
		group.themes.map(({ theme, met }) => [`<code>${e(theme)}</code>`, ...shareCells(met)])
	)
)}`;
}

const decisionAnchor = (id: string, d: PublicDecision) =>
	`${id}-d-${d.interaction.replace(/\./g, '-')}`;

function trainingNeeds(group: PublicGroup, id: string): string {
	const needs = group.decisions
		.filter((d) => d.trainingNeed)
		.sort((a, b) => (b.poorFirst.percent ?? 0) - (a.poorFirst.percent ?? 0));
	const rule = `reached by at least ${MIN_GROUP} learners, where at least ${POOR_SHARE * 100}% of them first chose other than the best option, or at least ${CRITICAL_SHARE * 100}% first chose a critical one`;
	if (needs.length === 0) return `<h3>Training needs</h3><p>No decision was ${rule}.</p>`;
	const items = needs.map(
		(d) =>
			`<li><a href="#${decisionAnchor(id, d)}"><code>${e(d.interaction)}</code></a>: ${e(d.prompt)} <span class="why">First chose a poorer option: ${e(shareWords(d.poorFirst))}; a critical one: ${e(shareWords(d.criticalFirst))}.</span></li>`
	);
	return `<h3>Training needs</h3><p>Decisions ${rule}, most often wrong first. Each links to its choices below.</p><ol class="needs">${items.join('\n')}</ol>`;
}

function changePart(group: PublicGroup): string {
	const change = group.change;
	if (!change) return '';
	const score = (v: number | null) => (v === null ? `not shown (${FEWER} learners)` : `${v}%`);
	return `<h3>Learners with more than one attempt: first to last</h3>
${scroller(
	'first and last attempts',
	table(
		`${words(change.learners)} learners made more than one attempt`,
		['', 'First attempt', 'Last attempt'],
		[
			['Median score', score(change.firstMedianScore), score(change.lastMedianScore)],
			['Passed', words(change.passedFirst), words(change.passedLast)]
		]
	)
)}`;
}

function trafficFor(scenario: PublicScenario): MapTraffic {
	const counts = [
		...scenario.arrows.map((a) => a.learners),
		...scenario.endings.map((x) => x.learners)
	];
	const most = Math.max(1, ...counts.flatMap((n) => numeric(n) ?? []));
	// a hidden count gets a thin line whatever it is, so the width can't tell it
	const weight = (n: Shown) => (typeof n === 'number' ? n / most : 0.15);
	const learners = (n: Shown) => `${words(n)} ${n === 1 ? 'learner' : 'learners'}`;
	return {
		edges: new Map(
			scenario.arrows.map((a) => [
				`${a.from}>${a.to}`,
				{ weight: weight(a.learners), words: learners(a.learners) }
			])
		),
		// the node says “ended here: 7”, short enough for its box
		endings: new Map(scenario.endings.map((x) => [x.ending, words(x.learners)]))
	};
}

function scenarioPart(
	scenario: Scenario,
	shown: PublicScenario,
	group: PublicGroup,
	id: string
): string {
	const sid = `${id}-s-${scenario.id}`;
	const endings = scenario.nodes.flatMap((n) => (n.type === 'ending' ? [n] : []));
	const endingRows = endings.map((node) => {
		const ended = shown.endings.find((x) => x.ending === node.id)?.learners ?? 0;
		return [`<code>${e(node.id)}</code>`, e(node.outcome), e(words(ended))];
	});
	endingRows.push(['Did not reach an ending', '', e(words(shown.unfinished))]);
	const map = toMapSvg(scenario, { idPrefix: `${sid}-`, traffic: trafficFor(shown) });
	const decisions = group.decisions
		.filter((d) => d.scenario === scenario.id)
		.map((d) => decisionPart(d, id, scenario))
		.join('\n');
	return `<section class="scenario" aria-labelledby="${sid}-h">
<h4 id="${sid}-h">${e(scenario.title)} <span class="ids">(<code>${e(scenario.id)}</code>, theme <code>${e(scenario.theme)}</code>)</span></h4>
<p>Started by ${e(words(shown.started))} ${shown.started === 1 ? 'learner' : 'learners'} (first attempts). Arrows are as wide as the number of learners who took them.</p>
<div class="pair map-pair">${scroller(`Map of ${scenario.title}`, `<figure class="map">${map}</figure>`)}${scroller(
		`Where learners ended in ${scenario.title}`,
		table(
			`Where learners ended: ${e(scenario.title)}`,
			['Ending', 'Outcome', 'Learners'],
			endingRows,
			2
		)
	)}</div>
${decisions}
</section>`;
}

function decisionPart(d: PublicDecision, id: string, scenario: Scenario): string {
	const anchor = decisionAnchor(id, d);
	const tone = (c: PublicDecision['choices'][number]): Tone =>
		c.critical ? 'critical' : c.best ? 'best' : d.choices.some((o) => o.best) ? 'poor' : 'plain';
	const bars: Bar[] = d.choices.map((c) => ({
		label: `${c.letter}: ${c.text}`,
		percent: c.first.percent,
		words: words(c.first.learners),
		tone: tone(c)
	}));
	const rows = d.choices.map((c) => [
		`${c.letter}`,
		`${e(c.text)} <span class="ids">(<code>${e(c.id)}</code>)</span>`,
		String(c.points),
		[c.best ? 'best' : '', c.critical ? '<strong class="critical">critical</strong>' : '']
			.filter(Boolean)
			.join(', ') || '—',
		e(
			c.first.percent === null
				? words(c.first.learners)
				: `${words(c.first.learners)} (${c.first.percent}%)`
		),
		e(words(c.all))
	]);
	const need = d.trainingNeed ? ' <strong class="need">training need</strong>' : '';
	return `<div class="decision" id="${anchor}">
<h5><code>${e(d.interaction)}</code>${need}</h5>
<p>${e(d.prompt)} Reached by ${e(words(d.reached))} on their first attempt.</p>
${pair(
	barChart(`${anchor}-c`, `First choices at ${d.interaction} in ${scenario.title}`, bars),
	table(
		`Choices at <code>${e(d.interaction)}</code>, in the file's order (the letter is the SCORM 1.2 response)`,
		['', 'Choice', 'Points', 'Kind', 'First attempts', 'All attempts'],
		rows,
		2
	),
	true
)}
</div>`;
}

function groupPart(group: PublicGroup, index: number, bundle: CourseBundle): string {
	const id = `g${index}`;
	const name = group.pathway
		? `${group.course.title}: pathway ${group.pathway.title ?? group.pathway.id}`
		: group.course.title;
	const head = `<h2 id="${id}-h">${e(name)}</h2><p class="meta">Course <code>${e(group.course.id)}</code>, version ${group.course.version}, pass mark ${group.course.passMark}%${group.pathway ? `, role pathway <code>${e(group.pathway.id)}</code>` : ''}.</p>`;
	if (group.suppressed) {
		const why =
			group.learners === 0
				? 'No attempts at this course in the exports read (or in the date range).'
				: `<strong>${e(words(group.learners))} learners</strong>: too few to show any numbers without pointing at people.`;
		return `<section class="group" aria-labelledby="${id}-h">${head}<p>${why}</p></section>`;
	}
	const scenarios = bundle.scenarios
		.map((scenario) => {
			const shown = group.scenarios.find((s) => s.id === scenario.id);
			return shown ? scenarioPart(scenario, shown, group, id) : '';
		})
		.join('\n');
	const completion: Bar[] = [
		{
			label: 'Completed',
			percent: group.completed?.percent ?? null,
			words: shareWords(group.completed),
			tone: 'plain'
		},
		{
			label: 'Passed',
			percent: group.passed?.percent ?? null,
			words: shareWords(group.passed),
			tone: 'plain'
		}
	];
	return `<section class="group" aria-labelledby="${id}-h">
${head}
${keyFigures(group)}
${pair(
	barChart(`${id}-done`, `Completion and pass rates, ${name}`, completion),
	table(
		'Completion and passes (learners, any attempt)',
		['', 'Learners', 'Share'],
		[
			['Completed', ...shareCells(group.completed)],
			['Passed', ...shareCells(group.passed)]
		]
	)
)}
${trainingNeeds(group, id)}
${themesPart(group, id)}
${changePart(group)}
<h3>Scenarios, paths and choices</h3>
<p>Counts of learners are from each learner's first attempt; “all attempts” counts every time a choice was made.</p>
${scenarios}
</section>`;
}

function noticesPart(summary: PublicSummary): string {
	const { notices } = summary;
	if (notices.total === 0)
		return '<h2 id="read-h">What was read</h2><p>Every row of every export was used.</p>';
	const kinds = Object.entries(notices.byKind).map(([kind, n]) => `${n} ${kind}`);
	const shownList = notices.list.slice(0, 300);
	const items = shownList.map(
		(n) =>
			`<li><code>${e(n.file)}:${n.line}</code> <strong>${e(n.kind)}</strong>: ${e(n.message)}${n.hint ? `<br><span class="hint">${e(n.hint)}</span>` : ''}</li>`
	);
	const more =
		notices.total > shownList.length
			? `<p>And ${notices.total - shownList.length} more, all in <code>summary.json</code>.</p>`
			: '';
	return `<h3>Notices: ${notices.total} (${e(kinds.join(', '))})</h3><ol class="notices">${items.join('\n')}</ol>${more}`;
}

function sourcesPart(summary: PublicSummary): string {
	const rows = summary.sources.map((s) => [
		`<code>${e(s.file)}</code>`,
		e(s.format ?? 'not recognised'),
		String(s.rows),
		String(s.attempts),
		String(s.decisions),
		e(s.courses.join(', ') || 'none')
	]);
	return `<section aria-labelledby="read-h"><h2 id="read-h">What was read</h2>
${scroller(
	'exports read',
	table(
		'Exports read, with what each holds',
		['File', 'Recognised as', 'Rows', 'Attempts', 'Decisions', 'Numbers used for'],
		rows,
		2
	)
)}
${summary.outsideDates ? `<p>${summary.outsideDates} attempts started outside the date range and are left out.</p>` : ''}
${noticesPart(summary)}
</section>`;
}

function learnersPart(summary: PublicSummary): string {
	if (!summary.learners) return '';
	const rows = summary.learners.map((l) => [
		e(l.learner),
		e(l.course),
		String(l.attempts),
		l.firstScore === null ? '—' : `${l.firstScore}%`,
		l.lastScore === null ? '—' : `${l.lastScore}%`,
		l.passed ? 'yes' : 'no',
		e(l.pathway ?? '—')
	]);
	return `<section class="learners" aria-labelledby="learners-h"><h2 id="learners-h">Per learner</h2>
<p class="warning"><strong>Warning: this section identifies people.</strong> It lists each learner by the key their LMS export gives (a user name, e-mail address or id), because the report was run with <code>--learners</code>. Share it only with those entitled to see individual training records, and keep it as your organisation keeps personal data.</p>
${scroller('learners', table('Each learner, per course', ['Learner', 'Course', 'Attempts', 'First score', 'Last score', 'Passed', 'Pathway'], rows, 2))}
</section>`;
}

const CSS = `
:root { color: #1a1a1a; background: #fff; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 0 auto; padding: 1.5rem; max-width: 72rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.4rem; margin-top: 2.5rem; border-bottom: 2px solid #1a56b0; }
h3 { font-size: 1.15rem; margin-top: 1.75rem; }
h4 { font-size: 1.05rem; margin-top: 1.5rem; }
h5 { font-size: 1rem; margin: 1.25rem 0 0.25rem; }
.meta, .ids, .hint { color: #444; }
code { font-size: 0.92em; overflow-wrap: anywhere; }
.warning { border: 3px solid #b00020; background: #fde7e9; padding: 0.75rem 1rem; }
.privacy { border-left: 6px solid #1a56b0; background: #e8f0fe; padding: 0.5rem 1rem; }
.figures { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; padding: 0; }
.figures div { border: 1px solid #ccc; border-radius: 6px; padding: 0.4rem 0.75rem; min-width: 9rem; }
.figures dt { font-size: 0.85rem; color: #444; }
.figures dd { margin: 0; font-size: 1.2rem; font-weight: 700; }
.pair { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
.pair > figure { flex: 1 1 30rem; margin: 0; }
.pair > .scroll { flex: 2 1 24rem; }
.stacked { flex-direction: column; align-items: stretch; }
.stacked > figure, .stacked > .scroll { flex: none; }
.stacked table { width: 100%; }
.map-pair > .scroll:first-child { flex: 3 1 30rem; }
.scroll { overflow-x: auto; max-width: 100%; }
.scroll:focus-visible { outline: 3px solid #1a56b0; outline-offset: 2px; }
figure.map { margin: 0; }
svg { max-width: 100%; height: auto; }
svg.chart { font-size: 13px; font-family: inherit; }
svg.chart text { fill: #1a1a1a; text-anchor: start; }
svg.chart text.label, svg.chart text.end { text-anchor: end; }
svg.chart .axis { font-size: 11px; fill: #444; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; min-width: 16rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #f0f0f0; }
.num { text-align: right; }
.critical, .need { color: #b00020; }
.needs li, .notices li { margin-bottom: 0.4rem; }
.why { display: block; color: #333; }
.key { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; }
.key span { display: inline-block; width: 1.2rem; height: 0.8rem; margin-right: 0.4rem; vertical-align: middle; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
	body { padding: 0; max-width: none; font-size: 10pt; }
	h2 { break-before: page; }
	h2, h3, h4, h5 { break-after: avoid; }
	.scroll { overflow: visible; }
	figure, table, .decision, .figures { break-inside: avoid; }
	a { color: inherit; text-decoration: none; }
	.pair > figure, .pair > .scroll { flex-basis: 100%; }
}
`;

/** The whole page. */
export function reportHtml(summary: PublicSummary, bundles: CourseBundle[]): string {
	const groups = summary.groups
		.map((group, i) =>
			groupPart(
				group,
				i,
				bundles.find((b) => b.course.id === group.course.id)!
			)
		)
		.join('\n');
	const range = summary.dateRange
		? ` Attempts started ${summary.dateRange.from ? `from ${summary.dateRange.from}` : ''}${summary.dateRange.from && summary.dateRange.to ? ' ' : ''}${summary.dateRange.to ? `to ${summary.dateRange.to}` : ''} (inclusive).`
		: '';
	const overview = summary.groups.map((g, i) => [
		`<a href="#g${i}-h">${e(g.pathway ? `${g.course.title}: ${g.pathway.title ?? g.pathway.id}` : g.course.title)}</a>`,
		e(words(g.learners)),
		e(shareWords(g.completed)),
		e(shareWords(g.passed)),
		e(g.suppressed ? '—' : minutes(g.medianMinutes)),
		String(g.decisions.filter((d) => d.trainingNeed).length)
	]);
	const key = (Object.keys(TONES) as Tone[])
		.filter((t) => t !== 'plain')
		.map(
			(t) =>
				`<li><span style="background:${TONES[t].fill}" aria-hidden="true"></span>${TONES[t].label}${t === 'critical' ? ' (dashed outline)' : ''}</li>`
		)
		.join('');
	return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(summary.title)}: safeguarding training report</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${e(summary.title)}</h1>
<p class="meta">Safeguarding training report made on ${e(summary.generated)} from ${summary.sources.length} LMS ${summary.sources.length === 1 ? 'export' : 'exports'}, read back through the scenario files.${range}</p>
<p class="privacy">${e(summary.privacy)}</p>
</header>
<main>
${learnersPart(summary)}
<section aria-labelledby="overview-h">
<h2 id="overview-h">Overview</h2>
${scroller('overview', table('Each course and role pathway', ['Course', 'Learners', 'Completed', 'Passed', 'Median time', 'Training needs'], overview, 1))}
<p>Key to the bars of the choice charts:</p><ul class="key">${key}</ul>
</section>
${groups}
${sourcesPart(summary)}
</main>
</body>
</html>
`;
}
