/**
 * The scenario map's layout, apart from what it draws: nodes in layers, each one row below the
 * furthest node that leads to it; edges that skip rows pass through bends in the rows between (so
 * they never run under a node); nodes in a row ordered by where their neighbours are to keep
 * crossings down; edge labels packed into the gaps between rows.
 */
import type { ScenarioNode } from '../../lib/scenario/types.ts';

/** An arrow to place: `map.ts` passes its `MapEdge`s and gets them back in `routes`. */
export interface LayoutEdge {
	from: string;
	to: string;
	critical: boolean;
}

const NODE_W = 230;
export const NODE_H = 78;
/** Width of a bend where an edge passes through a row. */
const BEND_W = 26;
const H_GAP = 34;
const MARGIN = 24;
export const FONT = 12.5;
export const LINE_H = 16;
/** A generous average character width, so label boxes hold their text in any sans-serif font. */
const CHAR_W = 7;

export interface Item {
	/** A node id, or a bend's own key. */
	key: string;
	node?: ScenarioNode;
	width: number;
	layer: number;
	x: number;
	/** Keys of items in the row above and below that this one connects to. */
	up: string[];
	down: string[];
}

interface Label {
	lines: string[];
	critical: boolean;
	width: number;
	height: number;
	/** The first segment of its edge: from (x1, y1) down to (x2, y2). */
	segment: { from: string; to: string };
	row: number;
	x: number;
	y: number;
}

interface Layout<E extends LayoutEdge> {
	items: Map<string, Item>;
	rows: Item[][];
	rowY: number[];
	width: number;
	height: number;
	/** Each edge as the keys of the items it passes through, from source to target. */
	routes: { edge: E; keys: string[] }[];
	labels: Label[];
}

/** Longest distance from a node with no way in: every edge then points down the page. */
function layersOf(
	nodes: readonly ScenarioNode[],
	edges: readonly LayoutEdge[]
): Map<string, number> {
	const ids = nodes.map((node) => node.id);
	const known = new Set(ids);
	const incoming = new Map(ids.map((id) => [id, 0]));
	for (const edge of edges) {
		if (known.has(edge.to)) incoming.set(edge.to, incoming.get(edge.to)! + 1);
	}
	const layer = new Map(ids.map((id) => [id, 0]));
	const queue = ids.filter((id) => incoming.get(id) === 0);
	for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
		for (const edge of edges) {
			if (edge.from !== id || !known.has(edge.to)) continue;
			layer.set(edge.to, Math.max(layer.get(edge.to)!, layer.get(id)! + 1));
			const left = incoming.get(edge.to)! - 1;
			incoming.set(edge.to, left);
			if (left === 0) queue.push(edge.to);
		}
	}
	return layer;
}

/**
 * Where each node, bend and label goes. `labelOf` gives the lines of an edge's label, none for
 * an edge drawn without one; edges to a node that is not there are left out.
 */
export function layout<E extends LayoutEdge>(
	nodes: readonly ScenarioNode[],
	allEdges: readonly E[],
	labelOf: (edge: E) => string[]
): Layout<E> {
	const edges = allEdges.filter((edge) => nodes.some((node) => node.id === edge.to));
	const layer = layersOf(nodes, edges);
	const items = new Map<string, Item>();
	for (const node of nodes) {
		items.set(node.id, {
			key: node.id,
			node,
			width: NODE_W,
			layer: layer.get(node.id)!,
			x: 0,
			up: [],
			down: []
		});
	}
	const link = (from: string, to: string) => {
		items.get(from)!.down.push(to);
		items.get(to)!.up.push(from);
	};
	const routes = edges.map((edge, n) => {
		const keys = [edge.from];
		for (let row = layer.get(edge.from)! + 1; row < layer.get(edge.to)!; row++) {
			const key = `\u0000bend:${n}:${row}`;
			items.set(key, { key, width: BEND_W, layer: row, x: 0, up: [], down: [] });
			keys.push(key);
		}
		keys.push(edge.to);
		for (let i = 1; i < keys.length; i++) link(keys[i - 1]!, keys[i]!);
		return { edge, keys };
	});

	const rowCount = Math.max(0, ...[...items.values()].map((item) => item.layer)) + 1;
	const rows: Item[][] = Array.from({ length: rowCount }, () => []);
	for (const item of items.values()) rows[item.layer]!.push(item);

	// Barycentre ordering: a few sweeps down and up, each sorting a row by the mean position of
	// its neighbours in the row just done. Items with no such neighbour keep their place.
	const position = new Map<string, number>();
	const index = (row: Item[]) => row.forEach((item, i) => position.set(item.key, i));
	rows.forEach(index);
	for (let sweep = 0; sweep < 4; sweep++) {
		const down = sweep % 2 === 0;
		const order = down ? rows.slice(1) : rows.slice(0, -1).reverse();
		for (const row of order) {
			const weight = new Map(
				row.map((item, i) => {
					const near = down ? item.up : item.down;
					if (near.length === 0) return [item.key, i];
					return [item.key, near.reduce((sum, key) => sum + position.get(key)!, 0) / near.length];
				})
			);
			row.sort((a, b) => weight.get(a.key)! - weight.get(b.key)!);
			index(row);
		}
	}

	const rowWidth = (row: Item[]) =>
		row.reduce((sum, item) => sum + item.width, 0) + H_GAP * Math.max(0, row.length - 1);
	const width = Math.max(NODE_W, ...rows.map(rowWidth)) + 2 * MARGIN;
	for (const row of rows) {
		let x = (width - rowWidth(row)) / 2;
		for (const item of row) {
			item.x = x;
			x += item.width + H_GAP;
		}
	}
	const centre = (key: string) => {
		const item = items.get(key)!;
		return item.x + item.width / 2;
	};

	// Choice labels sit in the gap below their decision, on the first segment of their arrow.
	// Labels that would overlap go on a lower line of the gap, and each gap grows to fit.
	const labels: Label[] = [];
	for (const { edge, keys } of routes) {
		const lines = labelOf(edge);
		if (lines.length === 0) continue;
		const width = Math.max(...lines.map((line) => line.length)) * CHAR_W + 12;
		labels.push({
			lines,
			critical: edge.critical,
			width,
			height: lines.length * LINE_H + 8,
			segment: { from: keys[0]!, to: keys[1]! },
			row: 0,
			x: 0,
			y: 0
		});
	}
	// Each gap is packed on its own. A label's place along its arrow depends on how tall the gap
	// is, and that on how many lines of labels it needs: start from one line and add lines until
	// every label fits without overlapping another.
	const gapLines: number[] = new Array(rowCount).fill(0);
	const lineHeight: number[] = new Array(rowCount).fill(0);
	const gapHeight = (r: number, lines = gapLines[r]!) => Math.max(64, lines * lineHeight[r]! + 40);
	/** Where a label sits on line `line` of a gap `gap` high, `lines` lines used, measured from the gap's top. */
	const placeIn = (label: Label, r: number, line: number, lines: number) => {
		const gap = gapHeight(r, lines);
		const y = (gap - lines * lineHeight[r]!) / 2 + line * lineHeight[r]! + lineHeight[r]! / 2;
		const x1 = centre(label.segment.from);
		const x2 = centre(label.segment.to);
		return { x: x1 + ((x2 - x1) * y) / gap, y };
	};
	for (let r = 0; r < rowCount; r++) {
		const here = labels.filter((label) => items.get(label.segment.from)!.layer === r);
		if (here.length === 0) continue;
		lineHeight[r] = Math.max(...here.map((label) => label.height)) + 8;
		here.sort(
			(a, b) =>
				centre(a.segment.from) +
				centre(a.segment.to) -
				(centre(b.segment.from) + centre(b.segment.to))
		);
		for (let lines = 1; lines <= here.length; lines++) {
			const placed: { line: number; left: number; right: number }[] = [];
			let used = 0;
			for (const label of here) {
				let line = 0;
				for (; ; line++) {
					const { x } = placeIn(label, r, line, lines);
					const left = x - label.width / 2;
					const right = x + label.width / 2;
					const clash = placed.some(
						(other) => other.line === line && left < other.right + 6 && other.left < right + 6
					);
					if (!clash) {
						placed.push({ line, left, right });
						break;
					}
				}
				label.row = line;
				used = Math.max(used, line + 1);
			}
			if (used <= lines) {
				gapLines[r] = lines;
				break;
			}
		}
	}
	const rowY: number[] = [];
	let y = MARGIN + 20;
	for (let r = 0; r < rowCount; r++) {
		rowY.push(y);
		y += NODE_H + gapHeight(r);
	}
	const height = y - gapHeight(rowCount - 1) + MARGIN + 8;

	for (const label of labels) {
		const r = items.get(label.segment.from)!.layer;
		const place = placeIn(label, r, label.row, gapLines[r]!);
		label.x = place.x;
		label.y = rowY[r]! + NODE_H + place.y;
	}

	// A label on an arrow that leans outwards can stick out past the nodes: widen the picture.
	const left = Math.min(MARGIN, ...labels.map((label) => label.x - label.width / 2 - 8));
	for (const item of items.values()) item.x -= left - MARGIN;
	for (const label of labels) label.x -= left - MARGIN;
	const right = Math.max(0, ...labels.map((label) => label.x + label.width / 2 + 8));
	const fullWidth = Math.max(width - (left - MARGIN), right);

	return { items, rows, rowY, width: fullWidth, height, routes, labels };
}
