/**
 * A scenario as a map of its nodes and choices, for trainers to see the branches they wrote:
 * Mermaid text (for wikis and the Mermaid live editor) and a self-contained HTML page that draws
 * the graph itself as inline SVG, so it opens offline with no script and no CDN.
 * Where things go on the drawing is `map-layout.ts`. About 400 lines: the Mermaid text, the SVG
 * and the page around it draw the same items and are read together.
 */
import { pointsTotal } from '../../lib/scenario/bounds.ts';
import { FONT, LINE_H, NODE_H, layout, type Item } from './map-layout.ts';
import type {
	Choice,
	Outcome,
	Points,
	Scenario,
	ScenarioNode,
	Theme
} from '../../lib/scenario/types.ts';

/** One arrow on the map: a narrative's `next`, or one or more choices from a decision to the same node. */
export interface MapEdge {
	from: string;
	to: string;
	/** Empty for a narrative's `next`. */
	choices: Choice[];
	critical: boolean;
}

/**
 * How many learners took each arrow and ended at each ending, drawn over the map by the
 * safeguarding lead's report. Counts arrive as words because small groups are shown as words.
 */
export interface MapTraffic {
	/** Per arrow, keyed `from>to`: the line's width from 0 (nobody) to 1 (the most), and its words. */
	edges: Map<string, { weight: number; words: string }>;
	/** Per ending id: how many ended there, in words. */
	endings: Map<string, string>;
}

export interface MapOptions {
	/** Prefixes the drawing's ids, so that several maps can share one page. */
	idPrefix?: string;
	traffic?: MapTraffic;
}

const edgeKey = (edge: MapEdge) => `${edge.from}>${edge.to}`;

const OUTCOME_WORDS: Record<Outcome, string> = {
	good: 'good outcome',
	mixed: 'mixed outcome',
	poor: 'poor outcome'
};

/** Colours by outcome. Never the only signal: every ending also says its outcome in words. */
const COLOURS = {
	good: { fill: '#e6f4ea', stroke: '#1e7b34', text: '#0b3d1a' },
	mixed: { fill: '#fff4e0', stroke: '#9a5b00', text: '#4a2c00' },
	poor: { fill: '#fde7e9', stroke: '#b00020', text: '#5c0010' },
	decision: { fill: '#e8f0fe', stroke: '#1a56b0', text: '#0b2a5c' },
	narrative: { fill: '#f3f3f3', stroke: '#555555', text: '#222222' },
	critical: '#b00020',
	edge: '#444444'
} as const;

/** The points a choice earns, and how they split by theme when not all go to the scenario's theme. */
function pointsParts(points: Points, theme: Theme): { total: string; split?: string } {
	const total = pointsTotal(points);
	const entries = Object.entries(points) as [Theme, number][];
	const words = `${total} ${total === 1 ? 'point' : 'points'}`;
	if (entries.length === 0 || (entries.length === 1 && entries[0]![0] === theme)) {
		return { total: words };
	}
	return { total: words, split: entries.map(([name, value]) => `${name} ${value}`).join(', ') };
}

/** "3 points", or "3 points (risk_assessment 2, professional_curiosity 1)" when split by theme. */
export function pointsLabel(points: Points, theme: Theme): string {
	const { total, split } = pointsParts(points, theme);
	return split ? `${total} (${split})` : total;
}

/** The arrows of a scenario, in file order; choices to the same node share one arrow. */
export function mapEdges(scenario: Scenario): MapEdge[] {
	const edges: MapEdge[] = [];
	for (const node of scenario.nodes) {
		if (node.type === 'narrative') {
			edges.push({ from: node.id, to: node.next, choices: [], critical: false });
		} else if (node.type === 'decision') {
			for (const choice of node.choices) {
				// Critical choices keep their own arrow so the dashed line means one thing.
				const shared = edges.find(
					(edge) =>
						edge.from === node.id &&
						edge.to === choice.next &&
						edge.critical === choice.critical &&
						edge.choices.length > 0
				);
				if (shared) shared.choices.push(choice);
				else
					edges.push({
						from: node.id,
						to: choice.next,
						choices: [choice],
						critical: choice.critical
					});
			}
		}
	}
	return edges;
}

function kindLabel(node: ScenarioNode): string {
	if (node.type === 'ending') return `ending: ${node.outcome}`;
	return node.type;
}

/** Text on one line, cut with an ellipsis at `max` characters: for boxes and labels. */
export function oneLine(text: string, max: number): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

// ---------------------------------------------------------------------------------------------
// Mermaid

function mermaidText(text: string): string {
	return text
		.replace(/\s+/g, ' ')
		.replace(/"/g, '#quot;')
		.replace(/</g, '#lt;')
		.replace(/>/g, '#gt;');
}

/** Prefixed because Mermaid reserves some words a node id may be, such as `end`. */
const mermaidId = (id: string) => `n_${id}`;

/**
 * The map as a Mermaid flowchart: endings are classed by outcome and say it in words, critical
 * choices are dotted red arrows labelled "critical", and every choice arrow shows its points.
 */
export function toMermaid(scenario: Scenario, source = `${scenario.id}.yaml`): string {
	const lines = [
		`%% ${mermaidText(scenario.title)} (${scenario.id}): the map of ${source}.`,
		'%% Written by npm run scenarios:map: edit the scenario file, not this one.',
		'flowchart TD'
	];
	for (const node of scenario.nodes) {
		const start = node.id === scenario.start ? 'start: ' : '';
		// A decision's prompt says what it is about; other texts are too long for a box.
		const detail = node.type === 'decision' ? `<br/>${mermaidText(oneLine(node.prompt, 60))}` : '';
		const label = `"${start}${node.id}<br/>${kindLabel(node)}${detail}"`;
		const id = mermaidId(node.id);
		if (node.type === 'decision') lines.push(`  ${id}{{${label}}}`);
		else if (node.type === 'ending') lines.push(`  ${id}([${label}]):::${node.outcome}`);
		else lines.push(`  ${id}[${label}]`);
	}
	const critical: number[] = [];
	let index = 0;
	for (const node of scenario.nodes) {
		if (node.type === 'narrative') {
			lines.push(`  ${mermaidId(node.id)} --> ${mermaidId(node.next)}`);
			index++;
		} else if (node.type === 'decision') {
			for (const choice of node.choices) {
				const words = [choice.id, pointsLabel(choice.points, scenario.theme)].join(': ');
				const label = `"${mermaidText(words)}${choice.critical ? '<br/>critical' : ''}"`;
				const arrow = choice.critical ? '-.->' : '-->';
				lines.push(`  ${mermaidId(node.id)} ${arrow}|${label}| ${mermaidId(choice.next)}`);
				if (choice.critical) critical.push(index);
				index++;
			}
		}
	}
	for (const outcome of ['good', 'mixed', 'poor'] as const) {
		const { fill, stroke, text } = COLOURS[outcome];
		lines.push(
			`  classDef ${outcome} fill:${fill},stroke:${stroke},color:${text},stroke-width:2px`
		);
	}
	if (critical.length > 0) {
		lines.push(
			`  linkStyle ${critical.join(',')} stroke:${COLOURS.critical},stroke-width:2px,color:${COLOURS.critical}`
		);
	}
	return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// SVG and HTML

/** Escapes text for HTML and SVG, attributes included. */
export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

function nodeColours(node: ScenarioNode) {
	if (node.type === 'ending') return COLOURS[node.outcome];
	return COLOURS[node.type];
}

function nodeSvg(item: Item, y: number, isStart: boolean, traffic?: MapTraffic): string {
	const node = item.node!;
	const { fill, stroke, text } = nodeColours(node);
	const rx = node.type === 'ending' ? 22 : node.type === 'decision' ? 4 : 10;
	const width = node.type === 'decision' ? 3 : 2;
	const ended = node.type === 'ending' && traffic ? (traffic.endings.get(node.id) ?? 'nobody') : '';
	const detail = ended
		? `ended here: ${ended}`
		: node.type === 'decision'
			? node.prompt
			: node.text;
	const full = node.type === 'decision' ? `${node.prompt} ${node.text}` : node.text;
	const cx = item.x + item.width / 2;
	const lines = [
		`<text x="${cx}" y="${y + 22}" class="id">${escapeHtml(node.id)}</text>`,
		`<text x="${cx}" y="${y + 40}" class="kind">${escapeHtml(node.type === 'ending' ? `ending: ${OUTCOME_WORDS[node.outcome]}` : node.type)}</text>`,
		`<text x="${cx}" y="${y + 60}" class="detail">${escapeHtml(oneLine(detail, 32))}</text>`
	];
	const start = isStart ? `<text x="${cx}" y="${y - 8}" class="start">start</text>` : '';
	return [
		// data-node lets a page find a node in the drawing (the preview LMS's author mode)
		`<g class="node node-${node.type}" data-node="${escapeHtml(node.id)}">`,
		`<title>${escapeHtml(`${node.id} (${kindLabel(node)}): ${oneLine(full, 300)}`)}</title>`,
		start,
		`<rect x="${item.x}" y="${y}" width="${item.width}" height="${NODE_H}" rx="${rx}" fill="${fill}" stroke="${stroke}" stroke-width="${width}"/>`,
		...lines.map((line) => line.replace('<text ', `<text fill="${text}" `)),
		'</g>'
	]
		.filter(Boolean)
		.join('\n');
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The label on a choice's arrow: each choice's points, `critical`, and who took it. */
function labelLines(edge: MapEdge, theme: Theme, traffic?: MapTraffic): string[] {
	if (edge.choices.length === 0) return [];
	const lines = edge.choices.flatMap((choice) => {
		const { total, split } = pointsParts(choice.points, theme);
		return split ? [`${choice.id}: ${total}`, `(${split})`] : [`${choice.id}: ${total}`];
	});
	if (edge.critical) lines.push('critical');
	const taken = traffic?.edges.get(edgeKey(edge));
	if (traffic) lines.push(taken?.words ?? 'nobody');
	return lines;
}

/**
 * The map as an SVG element: nodes, arrows with points, endings by outcome, critical choices
 * marked; with traffic, each arrow as wide as the number of learners who took it.
 */
export function toMapSvg(scenario: Scenario, { idPrefix = '', traffic }: MapOptions = {}): string {
	const map = layout(scenario.nodes, mapEdges(scenario), (edge) =>
		labelLines(edge, scenario.theme, traffic)
	);
	const { items, rowY } = map;
	const top = (key: string) => rowY[items.get(key)!.layer]!;
	const centre = (key: string) => {
		const item = items.get(key)!;
		return item.x + item.width / 2;
	};

	const edges = map.routes.map(({ edge, keys }) => {
		const points: [number, number][] = [[centre(keys[0]!), top(keys[0]!) + NODE_H]];
		for (const key of keys.slice(1, -1)) {
			points.push([centre(key), top(key)], [centre(key), top(key) + NODE_H]);
		}
		points.push([centre(keys[keys.length - 1]!), top(keys[keys.length - 1]!) - 2]);
		const d = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)},${round(y)}`).join(' ');
		const colour = edge.critical ? COLOURS.critical : COLOURS.edge;
		const dash = edge.critical ? ' stroke-dasharray="8 5"' : '';
		const marker = `${idPrefix}${edge.critical ? 'arrow-critical' : 'arrow'}`;
		const taken = traffic?.edges.get(edgeKey(edge));
		const what = [
			edge.choices.length === 0
				? `${edge.from} continues to ${edge.to}`
				: `${edge.choices.map((c) => c.id).join(', ')}${edge.critical ? ' (critical)' : ''}: ${edge.from} to ${edge.to}`,
			traffic ? `, taken by ${taken?.words ?? 'nobody'}` : ''
		].join('');
		const width = traffic ? round(1 + 9 * (taken?.weight ?? 0)) : edge.critical ? 2.2 : 1.6;
		return `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${width}"${dash} marker-end="url(#${marker})"><title>${escapeHtml(what)}</title></path>`;
	});

	const labels = map.labels.map((label) => {
		const x = round(label.x - label.width / 2);
		const y = round(label.y - label.height / 2);
		const colour = label.critical ? COLOURS.critical : '#333333';
		const text = label.lines.map((line, i) => {
			const weight = label.critical && line === 'critical' ? ' font-weight="700"' : '';
			return `<text x="${round(label.x)}" y="${round(y + 4 + LINE_H * (i + 0.8))}" fill="${colour}"${weight}>${escapeHtml(line)}</text>`;
		});
		return [
			'<g class="label">',
			`<rect x="${x}" y="${y}" width="${round(label.width)}" height="${label.height}" rx="4" fill="#ffffff" stroke="${colour}" stroke-width="1"${label.critical ? ' stroke-dasharray="4 3"' : ''}/>`,
			...text,
			'</g>'
		].join('\n');
	});

	const nodes = scenario.nodes.map((node) =>
		nodeSvg(items.get(node.id)!, top(node.id), node.id === scenario.start, traffic)
	);

	// Arrowheads scale with the line unless told not to: on wide traffic lines they would swamp the map.
	const markerSize = traffic
		? 'markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12"'
		: 'markerWidth="7" markerHeight="7"';
	const width = Math.ceil(map.width);
	const height = Math.ceil(map.height);
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${idPrefix}map-title ${idPrefix}map-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="${FONT}">`,
		`<title id="${idPrefix}map-title">Map of the scenario ${escapeHtml(scenario.title)}</title>`,
		`<desc id="${idPrefix}map-desc">${scenario.nodes.length} nodes from ${escapeHtml(scenario.start)} to the endings. Each arrow is a choice with the points it earns; dashed red arrows are critical choices.${traffic ? ' Each arrow is as wide as the number of learners who took it, and each ending says how many ended there. The table beside the map gives the same numbers as text.' : ' The list below the map gives the same information as text.'}</desc>`,
		'<defs>',
		`<marker id="${idPrefix}arrow" viewBox="0 0 10 10" refX="9" refY="5" ${markerSize} orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${COLOURS.edge}"/></marker>`,
		`<marker id="${idPrefix}arrow-critical" viewBox="0 0 10 10" refX="9" refY="5" ${markerSize} orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${COLOURS.critical}"/></marker>`,
		'<style>text{text-anchor:middle}.id{font-weight:700;font-size:13.5px}.kind{font-style:italic}.start{font-weight:700;fill:#222}</style>',
		'</defs>',
		'<g class="edges">',
		...edges,
		'</g>',
		'<g class="nodes">',
		...nodes,
		'</g>',
		'<g class="labels">',
		...labels,
		'</g>',
		'</svg>'
	].join('\n');
}

function legendSwatch(fill: string, stroke: string, rx = 4): string {
	return `<svg width="34" height="20" aria-hidden="true"><rect x="1" y="1" width="32" height="18" rx="${rx}" fill="${fill}" stroke="${stroke}" stroke-width="2"/></svg>`;
}

function choiceList(scenario: Scenario): string {
	const items = scenario.nodes.map((node) => {
		const head = `<strong>${escapeHtml(node.id)}</strong> (${escapeHtml(node.type === 'ending' ? `ending, ${OUTCOME_WORDS[node.outcome]}` : node.type)}${node.id === scenario.start ? ', start' : ''})`;
		if (node.type === 'narrative') {
			return `<li>${head}: continues to <code>${escapeHtml(node.next)}</code></li>`;
		}
		if (node.type === 'ending') return `<li>${head}</li>`;
		const choices = node.choices.map(
			(choice) =>
				`<li><code>${escapeHtml(choice.id)}</code> to <code>${escapeHtml(choice.next)}</code>, ${escapeHtml(pointsLabel(choice.points, scenario.theme))}${choice.critical ? ', <strong class="critical">critical</strong>' : ''}: ${escapeHtml(choice.text)}</li>`
		);
		return `<li>${head}: ${escapeHtml(node.prompt)}<ul>${choices.join('')}</ul></li>`;
	});
	return `<ul class="list">${items.join('\n')}</ul>`;
}

/**
 * A self-contained page: the map as inline SVG, a legend in words as well as colours, and the
 * same nodes and choices as a plain list for readers who can't use the picture.
 */
export function toMapHtml(scenario: Scenario, source = `${scenario.id}.yaml`): string {
	const critical = `<svg width="40" height="12" aria-hidden="true"><line x1="1" y1="6" x2="39" y2="6" stroke="${COLOURS.critical}" stroke-width="2.2" stroke-dasharray="8 5"/></svg>`;
	const legend = [
		`<li>${legendSwatch(COLOURS.narrative.fill, COLOURS.narrative.stroke, 8)} Narrative: the learner reads and continues</li>`,
		`<li>${legendSwatch(COLOURS.decision.fill, COLOURS.decision.stroke)} Decision: the learner chooses; each arrow is a choice with the points it earns</li>`,
		`<li>${legendSwatch(COLOURS.good.fill, COLOURS.good.stroke, 10)} Ending labelled “ending: good outcome” (green)</li>`,
		`<li>${legendSwatch(COLOURS.mixed.fill, COLOURS.mixed.stroke, 10)} Ending labelled “ending: mixed outcome” (amber)</li>`,
		`<li>${legendSwatch(COLOURS.poor.fill, COLOURS.poor.stroke, 10)} Ending labelled “ending: poor outcome” (red)</li>`,
		`<li>${critical} Critical choice: dashed red arrow labelled “critical”; taking it fails the scenario</li>`
	].join('\n');
	return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Map: ${escapeHtml(scenario.title)}</title>
<style>
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 1.5rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.5rem; margin: 0 0 0.25rem; }
.meta { color: #444; margin: 0 0 1rem; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
.legend li { display: flex; align-items: center; gap: 0.5rem; }
.map { overflow: auto; border: 1px solid #ccc; border-radius: 6px; padding: 0.5rem; background: #fff; }
.list ul { margin: 0.25rem 0 0.75rem; }
.critical { color: ${COLOURS.critical}; }
code { font-size: 0.95em; }
</style>
</head>
<body>
<h1>${escapeHtml(scenario.title)}</h1>
<p class="meta">Scenario <code>${escapeHtml(scenario.id)}</code>, version ${scenario.version}, theme <code>${escapeHtml(scenario.theme)}</code>. Drawn from <code>${escapeHtml(source)}</code> by <code>npm run scenarios:map</code>: edit the scenario file, then draw it again.</p>
<h2>Key</h2>
<ul class="legend">
${legend}
</ul>
<h2>Map</h2>
<div class="map">
${toMapSvg(scenario)}
</div>
<h2>Nodes and choices</h2>
${choiceList(scenario)}
</body>
</html>
`;
}
