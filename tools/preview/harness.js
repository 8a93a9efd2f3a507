// The preview LMS: hosts one package in a frame under a scorm-again runtime, the way an LMS
// would, and shows what the course sends. Learner data is kept in localStorage, like an LMS
// database, so Relaunch resumes the way a real second launch does.
import { Scorm12API, Scorm2004API } from '/preview/scorm-again.js';

const $package = document.getElementById('package');
const $frame = document.getElementById('course');
const $cmi = document.getElementById('cmi');
const $calls = document.getElementById('calls');
const $status = document.getElementById('status');

const packages = await (await fetch('/preview/packages.json')).json();
for (const p of packages) $package.append(new Option(`${p.title} (${p.label})`, p.name));
const params = new URLSearchParams(location.search);
if (params.get('package')) $package.value = params.get('package');

const storageKey = (name) => `preview-lms:${name}`;
const log = [];
window.previewLms = { api: null, log, packages };

function show(api) {
	$cmi.textContent = JSON.stringify(api.getFlattenedCMI(), null, 1);
}

function launch({ resume }) {
	const pkg = packages.find((p) => p.name === $package.value);
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
	const learner = is12
		? {
				core: {
					student_id: 'preview_learner',
					student_name: 'Learner, Preview',
					credit: 'credit',
					lesson_mode: 'normal'
				},
				student_data: { mastery_score: String(pkg.passMark) }
			}
		: {
				learner_id: 'preview_learner',
				learner_name: 'Preview Learner',
				scaled_passing_score: String(pkg.passMark / 100)
			};
	// `?lang=cy` preloads the learner's language preference, as an LMS profile setting would.
	const language = params.get('lang');
	if (language) {
		if (is12) learner.student_preference = { language };
		else learner.learner_preference = { language };
	}
	api.loadFromJSON(saved ?? learner);
	if (saved) {
		const suspended = is12 ? saved.core?.exit === 'suspend' : saved.exit === 'suspend';
		if (is12) api.cmi.core.entry = suspended ? 'resume' : '';
		else api.cmi.entry = suspended ? 'resume' : '';
	}

	const prefix = is12 ? 'LMS' : '';
	const record = (call) => (element, value) => {
		const entry = value === undefined ? [call, element] : [call, element, value];
		log.push(entry);
		const li = document.createElement('li');
		li.textContent = entry.filter((x) => x !== undefined).join(' ');
		$calls.append(li);
		show(api);
	};
	const persist = () => {
		localStorage.setItem(storageKey(pkg.name), JSON.stringify(api.renderCMIToJSONObject()));
	};
	api.on(`${prefix}Initialize`, record('Initialize'));
	api.on(`${prefix}SetValue.cmi.*`, record('SetValue'));
	api.on(`${prefix}Commit`, () => {
		record('Commit')();
		persist();
	});
	api.on(is12 ? 'LMSFinish' : 'Terminate', () => {
		record('Terminate')();
		persist();
		$status.textContent = 'The course has ended its session.';
	});

	window.previewLms.api = api;
	window.previewLms.version = pkg.version;
	if (is12) window.API = api;
	else window.API_1484_11 = api;
	$status.textContent = `${pkg.label} runtime ready${saved ? ', resuming saved data' : ''}.`;
	show(api);
	// The runtime must exist before the course loads: the course looks for it on start.
	$frame.src = `${pkg.launch}?launch=${Date.now()}`;
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

if (params.has('launch')) launch({ resume: params.get('launch') === 'resume' });
