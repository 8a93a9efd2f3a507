/**
 * Author mode for the preview LMS: the map of a scenario with every node marked so the page can
 * highlight and jump to it, and the saved progress that reaches a node. Preview only: nothing
 * here is ever in a package.
 */
import { eventsToNode, progressAtNode } from '../../lib/engine/jump.ts';
import { toMapSvg } from '../scenario/map.ts';
import type { CourseBundle } from '../../lib/scenario/types.ts';

interface MapNode {
	id: string;
	type: 'narrative' | 'decision' | 'ending';
	/** `narrative`, `decision` or `ending: good` and so on, with `start` for the first node. */
	kind: string;
	/** False when no path from the start reaches the node: there is nothing to jump to. */
	reachable: boolean;
}

export interface AuthorMap {
	course: string;
	scenarios: { id: string; title: string }[];
	scenario: { id: string; title: string };
	/** The map as inline SVG; each node's group carries `data-node="<id>"`. */
	svg: string;
	nodes: MapNode[];
}

/**
 * The map of one scenario of a course, or null when the course has no such scenario. `toMapSvg`
 * marks each node's group with `data-node="<id>"`.
 */
export function authorMap(bundle: CourseBundle, scenarioId: string): AuthorMap | null {
	const scenario = bundle.scenarios.find((s) => s.id === scenarioId);
	if (!scenario || !bundle.course.scenarios.includes(scenarioId)) return null;
	const svg = toMapSvg(scenario);
	return {
		course: bundle.course.id,
		scenarios: bundle.course.scenarios.map((id) => ({
			id,
			title: bundle.scenarios.find((s) => s.id === id)?.title ?? id
		})),
		scenario: { id: scenario.id, title: scenario.title },
		svg,
		nodes: scenario.nodes.map((node) => ({
			id: node.id,
			type: node.type,
			kind: [
				node.type === 'ending' ? `ending: ${node.outcome}` : node.type,
				node.id === scenario.start ? 'start' : ''
			]
				.filter(Boolean)
				.join(', '),
			reachable: eventsToNode(bundle, scenario.id, node.id) !== null
		}))
	};
}

/** What the harness loads to relaunch at a node: the saved progress and the location. */
export function jumpTo(bundle: CourseBundle, scenarioId: string, nodeId: string) {
	const jump = progressAtNode(bundle, scenarioId, nodeId);
	return jump && { suspendData: jump.progress, location: jump.location };
}
