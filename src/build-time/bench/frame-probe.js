// The bench's probe, put into every frame before any of the page's scripts runs (Playwright's
// addInitScript); it acts only in the course frame, served from the LMS's content path. It notes,
// in the frame's own clock (milliseconds since its navigation started):
//
// - first screen: every largest-contentful-paint entry, with whether its element was then inside
//   `main[data-screen]` showing content (not the loading, failed or paused screen);
// - first choice: the first paint after a control a learner can use is there: an input, button,
//   select or textarea inside `main[data-screen]`, where main is not marked `data-prerendered`,
//   neither it nor an ancestor is `inert` or `hidden`, and the control is not disabled
//   (`:disabled`, fieldset included, or `aria-disabled="true"`). A welcome screen painted from
//   the HTML before the app runs is not yet usable: the app shows it is by removing the marker;
// - steps: the bench calls `expectStep()`, then clicks; from the click's pointerdown (the event's
//   own time stamp, so a page too busy to take the click still counts it from the click) to the
//   first paint showing the next screen: `data-step` on main changed (or, without one, main's
//   content changed) and the screen is content. "Painted" is when a message posted from the
//   animation frame that first shows it arrives: after that frame's paint, before later tasks;
// - the first input (pointerdown) of all, which ends "before the learner's first click".
//
// A plain script: the page has none of the helpers a TypeScript build would add.
(() => {
	if (window.top === window || !location.pathname.includes('/mod_scorm/content/')) return;

	const SCREEN = 'main[data-screen]';
	const NOT_CONTENT = ['loading', 'failed', 'paused'];
	const CONTROLS = 'input:not([type="hidden"]), button, select, textarea';
	const STEP_TIMEOUT_MS = 20_000;

	const probe = {
		/** Every largest-contentful-paint entry: time, size, element, screen then. */
		lcp: [],
		/** When a usable control was first there, and the paint after it. */
		choiceSeen: null,
		firstChoice: null,
		choiceControl: null,
		firstInput: null,
		/** The paint that showed the screen on now: the next click is timed from it. */
		shownAt: null,
		steps: [],
		stepDone: null,
		expectStep,
		readyForFirstClick
	};
	Object.defineProperty(window, '__bench', { value: probe });

	const describe = (element) =>
		element
			? element.tagName.toLowerCase() +
				(element.id ? `#${element.id}` : '') +
				(element.classList.length ? `.${[...element.classList].join('.')}` : '')
			: null;
	const contentScreen = (main) =>
		!!main && !NOT_CONTENT.includes(main.getAttribute('data-screen') ?? '');

	/** Resolves with the time just after the next frame is painted. */
	const afterPaint = () =>
		new Promise((resolve) =>
			requestAnimationFrame(() => {
				const channel = new MessageChannel();
				channel.port1.onmessage = () => resolve(performance.now());
				channel.port2.postMessage(null);
			})
		);

	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			const element = entry.element;
			const main = element?.closest(SCREEN) ?? null;
			probe.lcp.push({
				time: entry.startTime,
				size: entry.size,
				element: describe(element),
				screen: main?.getAttribute('data-screen') ?? null,
				content: contentScreen(main)
			});
		}
	}).observe({ type: 'largest-contentful-paint', buffered: true });

	function usableControl() {
		const main = document.querySelector(SCREEN);
		if (!contentScreen(main) || main.hasAttribute('data-prerendered')) return null;
		if (main.closest('[inert], [hidden]')) return null;
		for (const control of main.querySelectorAll(CONTROLS)) {
			if (control.matches(':disabled, [aria-disabled="true"]')) continue;
			if (control.closest('[inert], [hidden]')) continue;
			return control;
		}
		return null;
	}

	const choiceWatch = new MutationObserver(lookForChoice);
	function lookForChoice() {
		if (probe.choiceSeen !== null) return;
		const control = usableControl();
		if (!control) return;
		probe.choiceSeen = performance.now();
		probe.choiceControl = describe(control);
		choiceWatch.disconnect();
		afterPaint().then((time) => {
			probe.firstChoice = time;
			probe.shownAt = time;
		});
	}
	choiceWatch.observe(document, {
		subtree: true,
		childList: true,
		attributes: true,
		attributeFilter: [
			'data-prerendered',
			'data-screen',
			'inert',
			'hidden',
			'disabled',
			'aria-disabled'
		]
	});

	/** The newest time anything finished loading, in this frame. */
	const lastLoaded = () =>
		Math.max(0, ...performance.getEntriesByType('resource').map((entry) => entry.responseEnd));

	/**
	 * A reader clicks first once the first screen has been painted and usable for `readMs`; the bench
	 * also waits until nothing has loaded for `quietMs`, so what the page fetches on its own in its
	 * first seconds is all counted before that click.
	 */
	function readyForFirstClick(readMs, quietMs) {
		if (probe.firstChoice === null) return false;
		const painted = Math.max(probe.firstChoice, ...probe.lcp.map((entry) => entry.time));
		const now = performance.now();
		return now >= painted + readMs && now - lastLoaded() >= quietMs;
	}

	let pending = null;
	function expectStep() {
		const main = document.querySelector(SCREEN);
		const step = {
			from: main?.getAttribute('data-screen') ?? null,
			fromStep: main?.getAttribute('data-step') ?? null,
			read: null,
			t0: null,
			mutated: false
		};
		step.watch = new MutationObserver(() => (step.mutated = true));
		if (main) step.watch.observe(main, { subtree: true, childList: true, characterData: true });
		probe.stepDone = new Promise((resolve) => (step.resolve = resolve));
		pending = step;
	}

	addEventListener(
		'pointerdown',
		(event) => {
			probe.firstInput ??= event.timeStamp;
			const step = pending;
			if (!step || step.t0 !== null) return;
			step.t0 = event.timeStamp;
			step.read = probe.shownAt === null ? null : step.t0 - probe.shownAt;
			requestAnimationFrame(function frame() {
				const main = document.querySelector(SCREEN);
				const changed =
					contentScreen(main) &&
					(main.hasAttribute('data-step')
						? main.getAttribute('data-step') !== step.fromStep
						: step.mutated || main.getAttribute('data-screen') !== step.from);
				if (!changed) {
					if (performance.now() - step.t0 > STEP_TIMEOUT_MS) {
						step.watch.disconnect();
						step.resolve({ error: `no new screen ${STEP_TIMEOUT_MS} ms after the click` });
					} else requestAnimationFrame(frame);
					return;
				}
				const to = main.getAttribute('data-screen');
				const channel = new MessageChannel();
				channel.port1.onmessage = () => {
					const paintedAt = performance.now();
					step.watch.disconnect();
					probe.shownAt = paintedAt;
					pending = null;
					const result = {
						from: step.from,
						to,
						clickAt: step.t0,
						paintedAt,
						ms: paintedAt - step.t0,
						readMs: step.read
					};
					probe.steps.push(result);
					step.resolve(result);
				};
				channel.port2.postMessage(null);
			});
		},
		{ capture: true }
	);
})();
