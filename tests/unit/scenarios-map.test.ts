import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/build-time/scenario/files.ts';
import {
	escapeHtml,
	mapEdges,
	pointsLabel,
	toMapHtml,
	toMapSvg,
	toMermaid
} from '../../src/build-time/scenario/map.ts';
import { fixture } from '../fixtures/test-scenarios.ts';
import type { Scenario } from '../../src/lib/scenario/types.ts';

const FIXTURES = 'tests/fixtures/scenarios';

const fall = fixture('valid/fall_at_home.yaml');
const shipped = checkFiles(['scenarios']).scenarios.map((s) => s.scenario);

interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** The rectangles of one kind of group in the SVG (`node` or `label`). */
function boxes(svg: string, group: 'node' | 'label'): Box[] {
	const pattern = new RegExp(
		`<g class="${group}(?: [^"]*)?"[^>]*>[\\s\\S]*?<rect x="([\\d.-]+)" y="([\\d.-]+)" width="([\\d.]+)" height="([\\d.]+)"`,
		'g'
	);
	return [...svg.matchAll(pattern)].map((m) => ({
		x: Number(m[1]),
		y: Number(m[2]),
		width: Number(m[3]),
		height: Number(m[4])
	}));
}

const overlap = (a: Box, b: Box) =>
	a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('toMermaid', () => {
	const mermaid = toMermaid(fall, 'fall_at_home.yaml');

	it('draws every node, with endings classed and labelled by outcome', () => {
		expect(mermaid).toContain('flowchart TD');
		expect(mermaid).toContain('  n_arrival["start: arrival<br/>narrative"]');
		expect(mermaid).toContain('  n_kitchen{{"kitchen<br/>decision<br/>What do you do next?"}}');
		expect(mermaid).toContain('  n_good_outcome(["good_outcome<br/>ending: good"]):::good');
		expect(mermaid).toContain('  n_missed(["missed<br/>ending: poor"]):::poor');
		expect(mermaid).toMatch(/classDef good fill:#\w+,stroke:#\w+/);
	});

	it('puts the points on every choice and marks critical choices', () => {
		expect(mermaid).toContain('  n_kitchen -->|"ask_alone: 3 points"| n_alone');
		expect(mermaid).toContain(
			'  n_kitchen -->|"check_dash: 3 points (professional_curiosity 1, risk_assessment 2)"| n_alone'
		);
		expect(mermaid).toContain('  n_kitchen -.->|"leave_it: 0 points<br/>critical"| n_missed');
		// The critical arrow is the fourth link (0-based 3), after arrival's `next` and two choices.
		expect(mermaid).toMatch(/\n {2}linkStyle 3 stroke:#b00020/);
	});

	it('keeps ids Mermaid reserves, such as `end`, and quotes in text, from breaking the chart', () => {
		const scenario: Scenario = {
			...fall,
			start: 'end',
			nodes: [
				{ type: 'narrative', id: 'end', text: 'x', next: 'done' },
				{ type: 'ending', id: 'done', outcome: 'good', text: 'He said "fine" <b>' }
			]
		};
		const text = toMermaid(scenario);
		expect(text).toContain('  n_end --> n_done');
		expect(text).not.toMatch(/^ {2}end\b/m);
	});
});

describe('toMapSvg and toMapHtml', () => {
	const html = toMapHtml(fall, 'fall_at_home.yaml');

	it('is self-contained: no scripts, and nothing fetched from elsewhere', () => {
		expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
		expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\((?!#)/i);
		const addresses = [...html.matchAll(/https?:\/\/[^\s"')]+/g)].map((m) => m[0]);
		expect(new Set(addresses)).toEqual(new Set(['http://www.w3.org/2000/svg']));
	});

	it('says each outcome and critical choice in words, not by colour alone', () => {
		expect(html).toContain('ending: good outcome');
		expect(html).toContain('ending: mixed outcome');
		expect(html).toContain('ending: poor outcome');
		expect(html).toContain('Critical choice: dashed red arrow labelled “critical”');
		// The list under the map repeats every choice with its points.
		expect(html).toContain(
			'<code>leave_it</code> to <code>missed</code>, 0 points, <strong class="critical">critical</strong>'
		);
	});

	it('draws a node per node and a labelled, dashed red arrow for the critical choice', () => {
		const svg = toMapSvg(fall);
		expect(boxes(svg, 'node')).toHaveLength(fall.nodes.length);
		const critical = svg.match(/<path [^>]*stroke="#b00020"[^>]*>/g) ?? [];
		expect(critical).toHaveLength(1);
		expect(critical[0]).toContain('stroke-dasharray');
		expect(svg).toMatch(/<text [^>]*font-weight="700">critical<\/text>/);
		expect(svg).toContain('>ask_alone: 3 points</text>');
		// Two choices to the same node share one arrow and one label.
		expect(mapEdges(fall).filter((e) => e.from === 'kitchen' && e.to === 'alone')).toHaveLength(1);
	});

	it('escapes the trainer’s text', () => {
		const scenario = { ...fall, title: 'Fish & <chips>' };
		expect(toMapHtml(scenario)).toContain('<title>Map: Fish &amp; &lt;chips&gt;</title>');
		expect(escapeHtml(`"it's"`)).toBe('&quot;it&#39;s&quot;');
	});

	it('keeps every node and label of every shipped scenario apart and inside the picture', () => {
		expect(shipped.length).toBeGreaterThan(0);
		for (const scenario of shipped) {
			const svg = toMapSvg(scenario);
			const [, width, height] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!.map(Number);
			const all = [...boxes(svg, 'node'), ...boxes(svg, 'label')];
			expect(boxes(svg, 'node'), scenario.id).toHaveLength(scenario.nodes.length);
			for (const [i, a] of all.entries()) {
				expect(a.x >= 0 && a.y >= 0, `${scenario.id} box ${i}`).toBe(true);
				expect(a.x + a.width <= width! && a.y + a.height <= height!, scenario.id).toBe(true);
				for (const b of all.slice(i + 1)) {
					expect(overlap(a, b), `${scenario.id}: ${JSON.stringify([a, b])}`).toBe(false);
				}
			}
		}
	});
});

describe('pointsLabel', () => {
	it('gives the total, split by theme only when the points are not all the scenario theme', () => {
		expect(pointsLabel({ hidden_harm: 1 }, 'hidden_harm')).toBe('1 point');
		expect(pointsLabel({ hidden_harm: 0 }, 'hidden_harm')).toBe('0 points');
		expect(pointsLabel({ risk_assessment: 2 }, 'hidden_harm')).toBe('2 points (risk_assessment 2)');
	});
});

// Each run starts tsx afresh, which can take a few seconds on a slow machine.
describe('tools/scenarios-map.ts', { timeout: 60_000 }, () => {
	const out = mkdtempSync(join(tmpdir(), 'scenarios-map-'));
	afterAll(() => rmSync(out, { recursive: true, force: true }));
	const run = (...args: string[]) => {
		const result = spawnSync('npx', ['tsx', 'tools/scenarios-map.ts', ...args], {
			encoding: 'utf8',
			timeout: 60_000
		});
		return { code: result.status, stdout: result.stdout, stderr: result.stderr };
	};

	it('writes the Mermaid text and the HTML page, with exit code 0', () => {
		const file = `${FIXTURES}/valid/fall_at_home.yaml`;
		const { code, stdout } = run(file, '--out', out);
		expect(code).toBe(0);
		expect(stdout).toMatch(/^Wrote .*fall_at_home\.html \(open it in a browser\) and .*\.mmd\n$/);
		expect(readFileSync(join(out, 'fall_at_home.mmd'), 'utf8')).toBe(toMermaid(fall, file));
		expect(readFileSync(join(out, 'fall_at_home.html'), 'utf8')).toBe(toMapHtml(fall, file));
	});

	it('maps nothing and exits 1 when the file has errors, showing them as the checker does', () => {
		const file = `${FIXTURES}/malformed/unknown_next.yaml`;
		const { code, stdout } = run(file, '--out', out);
		expect(code).toBe(1);
		expect(stdout).toContain(`${file}:23:15  error  choice \`ask_alone\``);
		expect(stdout).toContain('not mapped');
		expect(existsSync(join(out, 'unknown_next.html'))).toBe(false);
	});

	it('asks for a file when none is given', () => {
		const { code, stderr } = run();
		expect(code).toBe(1);
		expect(stderr).toContain('name the scenario file to map');
	});
});
