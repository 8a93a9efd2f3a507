// Author mode of the preview LMS: the map of the scenario the learner is in, with the current
// node highlighted, and a jump to any node (the server works out saved progress that reaches
// it; the harness relaunches the course with it). Preview only: never in a package.

const $panel = document.getElementById('author');
const $layout = document.getElementById('layout');
const $toggle = document.getElementById('author-mode');
const $scenario = document.getElementById('map-scenario');
const $where = document.getElementById('author-where');
const $map = document.getElementById('map');
const $nodes = document.getElementById('map-nodes');
const $zoom = document.getElementById('map-zoom');

const STORAGE_KEY = 'preview-lms:author-mode';
const ZOOM_KEY = 'preview-lms:map-zoom';

/** Sizes the map, and scrolls the learner's node into the panel's view when it is larger. */
function fit() {
	const svg = $map.querySelector('svg');
	if (!svg) return;
	const zoom = Number($zoom.value);
	svg.style.width = zoom ? `${Number(svg.getAttribute('width')) * zoom}px` : '100%';
	const current = $map.querySelector('[data-node].current');
	if (!current || !zoom) return;
	const box = current.getBoundingClientRect();
	const view = $map.getBoundingClientRect();
	$map.scrollLeft += box.left - view.left - (view.width - box.width) / 2;
	$map.scrollTop += box.top - view.top - (view.height - box.height) / 2;
}

/**
 * Where the learner is, from the location the course writes to the LMS: the engine's state path
 * joined by dots (`<scenario>.<node>`, `<scenario>.<decision>.<choice>` on feedback, `_welcome`).
 */
export function parseLocation(location) {
	const [scenario, node, choice] = (location || '').split('.');
	if (!scenario || scenario.startsWith('_')) return { scenario: null, node: null, choice: null };
	return {
		scenario,
		node: node && !node.startsWith('_') ? node : null,
		intro: node === '_intro',
		choice: choice && !choice.startsWith('_') ? choice : null
	};
}

/**
 * @param {{ onJump: (scenario: string, node: string) => void }} options
 */
export function createAuthorMode({ onJump }) {
	let course = null;
	let location = '';
	let map = null;
	/** True once the trainer picked a scenario in the list: the map stops following the learner. */
	let pinned = false;

	const enabled = () => $toggle.checked;

	function place() {
		const here = parseLocation(location);
		const shown = map?.scenario.id;
		for (const group of $map.querySelectorAll('[data-node]')) {
			group.classList.toggle(
				'current',
				here.scenario === shown && group.dataset.node === here.node
			);
		}
		for (const button of $nodes.querySelectorAll('button')) {
			const current = here.scenario === shown && button.dataset.node === here.node;
			if (current) button.setAttribute('aria-current', 'location');
			else button.removeAttribute('aria-current');
		}
		const title = (id) => map?.scenarios.find((s) => s.id === id)?.title ?? id;
		fit();
		$where.textContent = !location
			? 'The learner is on the welcome screen.'
			: !here.scenario
				? location === '_summary'
					? 'The learner is on the summary.'
					: 'The learner is on the welcome screen.'
				: here.intro
					? `The learner is on the introduction of “${title(here.scenario)}”.`
					: here.choice
						? `The learner is reading the feedback on choice ${here.choice} of node ${here.node} in “${title(here.scenario)}”.`
						: `The learner is at node ${here.node} of “${title(here.scenario)}”.`;
	}

	let loads = 0;
	async function load(scenarioId) {
		if (!course || !enabled()) return;
		const ticket = ++loads;
		const response = await fetch(
			`/preview/map?course=${encodeURIComponent(course)}&scenario=${encodeURIComponent(scenarioId ?? '')}`
		);
		const body = await response.json();
		// A later request (the learner moved on, or the trainer chose again) wins.
		if (ticket !== loads) return;
		if (!response.ok) {
			map = null;
			$map.replaceChildren();
			$nodes.replaceChildren();
			$where.textContent = body.error;
			return;
		}
		map = body;
		$scenario.replaceChildren(
			...map.scenarios.map((s) => new Option(`${s.title} (${s.id})`, s.id))
		);
		$scenario.value = map.scenario.id;
		// The SVG comes from our own server, drawn from the scenario files: markup we wrote.
		$map.innerHTML = map.svg;
		$map.dataset.scenario = map.scenario.id;
		$nodes.replaceChildren(
			...map.nodes.map((node) => {
				const li = document.createElement('li');
				const button = document.createElement('button');
				button.type = 'button';
				button.dataset.node = node.id;
				button.textContent = node.id;
				const kind = document.createElement('span');
				kind.className = 'kind';
				kind.textContent = ` (${node.kind}${node.reachable ? '' : ', no path reaches it'})`;
				button.append(kind);
				button.disabled = !node.reachable;
				li.append(button);
				return li;
			})
		);
		place();
	}

	/** The scenario the map should show: the learner's, unless the trainer chose another. */
	function wanted() {
		const here = parseLocation(location).scenario;
		if (pinned && map) return map.scenario.id;
		return here ?? map?.scenario.id ?? null;
	}

	function jump(node) {
		if (!map) return;
		pinned = false;
		onJump(map.scenario.id, node);
	}

	$nodes.addEventListener('click', (event) => {
		const button = event.target.closest('button[data-node]');
		if (button) jump(button.dataset.node);
	});
	$map.addEventListener('click', (event) => {
		const group = event.target.closest('[data-node]');
		if (group) jump(group.dataset.node);
	});
	$scenario.addEventListener('change', () => {
		pinned = true;
		load($scenario.value);
	});

	function show() {
		$panel.hidden = !enabled();
		$layout.classList.toggle('authoring', enabled());
		localStorage.setItem(STORAGE_KEY, enabled() ? 'on' : 'off');
		if (enabled()) load(wanted());
	}
	$zoom.value = localStorage.getItem(ZOOM_KEY) ?? 'fit';
	$zoom.addEventListener('change', () => {
		localStorage.setItem(ZOOM_KEY, $zoom.value);
		fit();
	});
	$toggle.checked = localStorage.getItem(STORAGE_KEY) === 'on';
	$toggle.addEventListener('change', show);
	show();

	return {
		/** A course was launched (or relaunched) at this location. */
		launched(courseId, at) {
			const changed = courseId !== course;
			course = courseId;
			location = at || '';
			if (changed) {
				map = null;
				pinned = false;
			}
			if (enabled()) load(wanted());
		},
		/** The course wrote its location to the LMS. */
		moved(at) {
			const before = parseLocation(location).scenario;
			location = at || '';
			if (!enabled()) return;
			const now = parseLocation(location).scenario;
			if (now && now !== before && !pinned && now !== map?.scenario.id) load(now);
			else place();
		},
		/** The course was repackaged: the map may have changed. */
		refresh() {
			if (enabled()) load(map?.scenario.id ?? wanted());
		}
	};
}
