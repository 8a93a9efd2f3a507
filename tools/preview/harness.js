// The preview LMS: hosts one package in a frame under a scorm-again runtime, the way an LMS
// would, and shows what the course sends. Learner data is kept in localStorage, like an LMS
// database, so Relaunch resumes the way a real second launch does. While `npm start` runs, a
// saved change to a scenario relaunches the course where the learner was (live preview), and
// author mode shows the scenario map and jumps to any node.
import { Scorm12API, Scorm2004API } from '/preview/scorm-again.js';
import { createAuthorMode } from '/preview/author.js';

const $package = document.getElementById('package');
const $frame = document.getElementById('course');
const $cmi = document.getElementById('cmi');
const $calls = document.getElementById('calls');
const $status = document.getElementById('status');
const $live = document.getElementById('live');
const $problems = document.getElementById('problems');
const $problemsList = document.getElementById('problems-list');

let packages = [];
const params = new URLSearchParams(location.search);

/** Fills the package list, keeping the selection. */
async function loadPackages() {
	const selected = $package.value || params.get('package');
	packages = await (await fetch('/preview/packages.json')).json();
	$package.replaceChildren(...packages.map((p) => new Option(`${p.title} (${p.label})`, p.name)));
	if (selected && packages.some((p) => p.name === selected)) $package.value = selected;
	window.previewLms.packages = packages;
}

const storageKey = (name) => `preview-lms:${name}`;
const log = [];
/**
 * `?commitDelay=300` makes every Commit hold the page for that many milliseconds before the
 * runtime answers, as Moodle's synchronous save does on a busy server; `npm run bench` times the
 * course's steps under it. `previewLms.commitDelay` changes it while the course runs, and
 * `previewLms.commits` has when each Commit started and ended (ms since the epoch, to the
 * microsecond, comparable with the course frame's performance.timeOrigin + performance.now()).
 */
window.previewLms = {
	api: null,
	log,
	packages,
	commitDelay: Math.max(0, Number(params.get('commitDelay')) || 0),
	commits: []
};
const epochNow = () => performance.timeOrigin + performance.now();

/** Wraps the runtime's Commit so it blocks for `previewLms.commitDelay` ms, then answers. */
function slowCommit(api, name) {
	const commit = api[name];
	api[name] = function (...args) {
		const start = epochNow();
		const until = performance.now() + window.previewLms.commitDelay;
		// Busy, not a timer: a synchronous request stops the page, and the course, until it returns.
		while (performance.now() < until);
		try {
			return commit.apply(this, args);
		} finally {
			if (window.previewLms.api === api) window.previewLms.commits.push({ start, end: epochNow() });
		}
	};
}
const selectedPackage = () => packages.find((p) => p.name === $package.value);

function show(api) {
	$cmi.textContent = JSON.stringify(api.getFlattenedCMI(), null, 1);
}

/** What the LMS knows of the learner before the course has written anything. */
function learnerData(pkg) {
	const is12 = pkg.version === 'scorm12';
	// `?learner=<id>` plays as another learner: each sees the choices in an order of their own.
	const id = params.get('learner') || 'preview_learner';
	const learner = is12
		? {
				core: {
					student_id: id,
					student_name: 'Learner, Preview',
					credit: 'credit',
					lesson_mode: 'normal'
				},
				student_data: { mastery_score: String(pkg.passMark) }
			}
		: {
				learner_id: id,
				learner_name: 'Preview Learner',
				scaled_passing_score: String(pkg.passMark / 100)
			};
	// `?lang=cy` preloads the learner's language preference, as an LMS profile setting would.
	const language = params.get('lang');
	if (language) {
		if (is12) learner.student_preference = { language };
		else learner.learner_preference = { language };
	}
	return learner;
}

const locationOf = (cmi, is12) => (is12 ? cmi['cmi.core.lesson_location'] : cmi['cmi.location']);

function launch({ resume, note }) {
	const pkg = selectedPackage();
	if (!pkg) return;
	const saved = resume ? JSON.parse(localStorage.getItem(storageKey(pkg.name)) || 'null') : null;
	if (!resume) localStorage.removeItem(storageKey(pkg.name));
	log.length = 0;
	$calls.replaceChildren();
	delete window.API;
	delete window.API_1484_11;

	const is12 = pkg.version === 'scorm12';
	// mastery_override mimics Moodle, which recomputes 1.2 pass/fail from the mastery score; it
	// only applies to a credit attempt in normal mode, as in Moodle.
	const api = is12
		? new Scorm12API({ logLevel: 5, autocommit: false, mastery_override: true })
		: new Scorm2004API({ logLevel: 5, autocommit: false });
	slowCommit(api, is12 ? 'LMSCommit' : 'Commit');
	window.previewLms.commits = [];
	api.loadFromJSON(saved ?? learnerData(pkg));
	if (saved) {
		const suspended = is12 ? saved.core?.exit === 'suspend' : saved.exit === 'suspend';
		if (is12) api.cmi.core.entry = suspended ? 'resume' : '';
		else api.cmi.entry = suspended ? 'resume' : '';
	}

	// The course that was in the frame finishes its session as it unloads: that is an old
	// runtime, and what it does must not overwrite the data this launch works from.
	const current = () => window.previewLms.api === api;
	const prefix = is12 ? 'LMS' : '';
	const locationElement = is12 ? 'cmi.core.lesson_location' : 'cmi.location';
	const record = (call) => (element, value) => {
		if (!current()) return;
		const entry = value === undefined ? [call, element] : [call, element, value];
		log.push(entry);
		const li = document.createElement('li');
		li.textContent = entry.filter((x) => x !== undefined).join(' ');
		$calls.append(li);
		show(api);
		if (element === locationElement) author.moved(value);
	};
	const persist = () => {
		if (!current()) return;
		localStorage.setItem(storageKey(pkg.name), JSON.stringify(api.renderCMIToJSONObject()));
	};
	api.on(`${prefix}Initialize`, record('Initialize'));
	api.on(`${prefix}SetValue.cmi.*`, record('SetValue'));
	api.on(`${prefix}Commit`, () => {
		record('Commit')();
		persist();
	});
	api.on(is12 ? 'LMSFinish' : 'Terminate', () => {
		if (!current()) return;
		record('Terminate')();
		persist();
		$status.textContent = 'The course has ended its session.';
	});

	window.previewLms.api = api;
	window.previewLms.version = pkg.version;
	if (is12) window.API = api;
	else window.API_1484_11 = api;
	const delay = window.previewLms.commitDelay;
	$status.textContent =
		(note ?? `${pkg.label} runtime ready${saved ? ', resuming saved data' : ''}.`) +
		(delay ? ` Each Commit blocks the page for ${delay} ms.` : '');
	show(api);
	author.launched(pkg.course, saved ? locationOf(api.getFlattenedCMI(), is12) : '');
	watchCourse(pkg.course);
	showProblems();
	// The runtime must exist before the course loads: the course looks for it on start.
	$frame.src = `${pkg.launch}?launch=${Date.now()}`;
}

/** Author mode: relaunch with fresh learner data whose saved progress reaches the node. */
async function jump(scenario, node) {
	const pkg = selectedPackage();
	if (!pkg) return;
	const query = new URLSearchParams({ course: pkg.course, scenario, node });
	const response = await fetch(`/preview/jump?${query}`);
	const body = await response.json();
	if (!response.ok) {
		$status.textContent = body.error;
		return;
	}
	const data = learnerData(pkg);
	data.suspend_data = body.suspendData;
	if (pkg.version === 'scorm12')
		Object.assign(data.core, { lesson_location: body.location, exit: 'suspend' });
	else Object.assign(data, { location: body.location, exit: 'suspend' });
	localStorage.setItem(storageKey(pkg.name), JSON.stringify(data));
	launch({ resume: true, note: `Jumped to node ${node} of ${scenario}, with fresh learner data.` });
}

const author = createAuthorMode({ onJump: jump });

// ---------------------------------------------------------------------------------------------
// Live preview: the server watches the scenario files and says what changed.

/** Problems per course, as the server last reported them; a packaging failure per course. */
const problems = {};
const failures = {};
let events = null;
let watched = null;

function problemItem(problem) {
	const li = document.createElement('li');
	li.className = problem.severity;
	if (problem.where) {
		const where = document.createElement('code');
		where.className = 'where';
		where.textContent = problem.where;
		li.append(where, ` ${problem.severity} `);
	}
	const message = document.createElement(problem.where ? 'span' : 'pre');
	message.textContent = problem.message;
	li.append(message);
	if (problem.hint) {
		const hint = document.createElement('p');
		hint.className = 'hint';
		hint.textContent = `Hint: ${problem.hint}`;
		li.append(hint);
	}
	return li;
}

/** One course's problems: what happened, then the located problems as a list. */
function courseProblems(course, intro, list) {
	const heading = document.createElement('h3');
	heading.textContent = course;
	const p = document.createElement('p');
	p.textContent = intro;
	const ol = document.createElement('ol');
	ol.append(...list.map(problemItem));
	return [heading, p, ol];
}

function showProblems() {
	const pkg = selectedPackage();
	const errorsOf = (course) => (problems[course] ?? []).filter((p) => p.severity === 'error');
	const brokenHere = !!pkg && (errorsOf(pkg.course).length > 0 || !!failures[pkg.course]);
	// Courses with errors and no package at all: nothing else would say why they are missing.
	const unpackaged = Object.keys(problems).filter(
		(course) => errorsOf(course).length > 0 && !packages.some((p) => p.course === course)
	);
	const wasHidden = $problems.hidden;
	$problems.hidden = !brokenHere && unpackaged.length === 0;
	// The errors take the course's place: a frame with yesterday's content would mislead.
	$frame.hidden = brokenHere;
	const blocks = [];
	if (brokenHere && failures[pkg.course]) {
		const failure = failures[pkg.course];
		blocks.push(
			...courseProblems(pkg.course, 'It could not be packaged. The message from packaging:', [
				{ where: '', severity: 'error', message: failure }
			])
		);
	} else if (brokenHere) {
		const count = errorsOf(pkg.course).length;
		blocks.push(
			...courseProblems(
				pkg.course,
				`It was not repackaged: its files have ${count === 1 ? 'an error' : `${count} errors`}. Fix them and save; the course comes back here where the learner was.`,
				problems[pkg.course]
			)
		);
	}
	for (const course of unpackaged) {
		if (course === pkg?.course) continue;
		blocks.push(
			...courseProblems(
				course,
				'It has no package yet: fix these errors and save, and it is added to the list.',
				problems[course]
			)
		);
	}
	$problemsList.replaceChildren(...blocks);
	if (wasHidden && !$problems.hidden) {
		$live.textContent = 'Some scenario files have problems to fix: see the list below.';
	}
}

/** Listens for changes to the course on show; the server repackages the course watched first. */
function watchCourse(course) {
	if (watched === course && events) return;
	events?.close();
	watched = course;
	events = new EventSource(`/preview/events?course=${encodeURIComponent(course)}`);
	const on = (name, handle) =>
		events.addEventListener(name, (event) => handle(JSON.parse(event.data)));
	on('state', (state) => {
		Object.assign(problems, state.problems);
		if (state.packaging) $live.textContent = `Repackaging ${state.packaging}…`;
		showProblems();
	});
	on('problems', ({ course, problems: list }) => {
		problems[course] = list;
		showProblems();
	});
	on('packaging', ({ course }) => {
		$live.textContent = `Saved change found: repackaging ${course}…`;
	});
	on('failed', ({ course, message }) => {
		failures[course] = message;
		showProblems();
	});
	on('reloaded', async ({ course }) => {
		delete failures[course];
		await loadPackages();
		const pkg = selectedPackage();
		author.refresh();
		showProblems();
		if (pkg?.course !== course) return;
		$live.textContent = `${course} updated at ${new Date().toLocaleTimeString('en-GB')}: relaunched where the learner was.`;
		// Only a course that was running is relaunched; its saved data keeps the learner's place.
		if ($frame.getAttribute('src')) launch({ resume: true });
	});
}

document.getElementById('controls').addEventListener('submit', (event) => {
	event.preventDefault();
	launch({ resume: false });
});
document.getElementById('relaunch').addEventListener('click', () => launch({ resume: true }));
document.getElementById('reset').addEventListener('click', () => {
	localStorage.removeItem(storageKey($package.value));
	launch({ resume: false });
});
$package.addEventListener('change', () => {
	const pkg = selectedPackage();
	if (pkg) watchCourse(pkg.course);
	showProblems();
});

await loadPackages();
if (selectedPackage()) watchCourse(selectedPackage().course);
if (params.has('launch')) launch({ resume: params.get('launch') === 'resume' });
