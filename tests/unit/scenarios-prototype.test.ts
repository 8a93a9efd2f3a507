/**
 * Ids are words a trainer chooses, and some of them are also names JavaScript objects carry
 * (`constructor`, `prototype`, `__proto__`). Each is either an id like any other, all the way from
 * the checker to the player, or refused with a located message: never silently lost or matched.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extremePlaythroughs } from '../../src/lib/engine/paths.ts';
import { startCourseRun } from '../../src/lib/engine/progress.ts';
import { screenOf } from '../../src/lib/engine/screen.ts';
import {
	checkFiles,
	loadCourseBundle,
	loadTranslations
} from '../../src/build-time/scenario/files.ts';
import { splitCourse } from '../../src/lib/scenario/launch.ts';

/** A sound scenario whose every id is a name JavaScript objects carry. */
const scenario = (id: string, start = 'constructor') => `format: 1
id: ${id}
version: 1
title: A builder at the door
theme: professional_curiosity
audiences: [ambulance]
summary: You are called to a woman who has fallen at home.
start: ${start}
nodes:
  constructor:
    type: decision
    text: Her partner answers every question for her.
    prompt: What do you do next?
    choices:
      constructor:
        text: Find a reason to speak to her alone.
        points: 3
        feedback: Speaking to her alone gives her a safe moment.
        next: prototype
      prototype:
        text: Accept his account and leave.
        points: 0
        feedback: The signs were missed.
        next: valueof
  prototype:
    type: ending
    outcome: good
    text: She tells you she is afraid of him.
  valueof:
    type: ending
    outcome: poor
    text: A month later she is back, with worse injuries.
`;

const course = (id: string, scenarios: string[]) => `format: 1
id: ${id}
version: 1
title: Prototype course
description: A course whose ids are JavaScript names.
audience: ambulance
minutes: 5
outcomes:
  - Speak to the patient alone.
pass_mark: 80
critical_choice_fails: true
scenarios: [${scenarios.join(', ')}]
translations: [cy]
`;

const welsh = (extra = '') => `format: 1
reviewed: false
passages:
  title: Adeiladwr wrth y drws
  summary: Cewch eich galw at fenyw sydd wedi cwympo gartref.
  constructor.text: Mae ei phartner yn ateb pob cwestiwn drosti.
  constructor.prompt: Beth ydych chi'n ei wneud nesaf?
  constructor.constructor.text: Dewch o hyd i reswm i siarad â hi ar ei phen ei hun.
  constructor.constructor.feedback: Mae siarad â hi ar ei phen ei hun yn rhoi eiliad ddiogel iddi.
  constructor.prototype.text: Derbyn ei esboniad a gadael.
  constructor.prototype.feedback: Collwyd yr arwyddion.
  prototype.text: Mae hi'n dweud wrthych ei bod hi'n ei ofni.
  valueof.text: Fis yn ddiweddarach mae hi'n ôl, gydag anafiadau gwaeth.
${extra}`;

const welshCourse = `format: 1
reviewed: false
passages:
  title: Cwrs prototeip
  description: Cwrs y mae ei enwau yn enwau JavaScript.
  outcomes.1: Siarad â'r claf ar ei ben ei hun.
`;

let root: string;

beforeAll(() => {
	root = mkdtempSync(join(tmpdir(), 'prototype-ids-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('ids that are JavaScript names', () => {
	it('are ids like any other, from the checker to the end of the course, in Welsh too', () => {
		const sound = join(root, 'sound');
		writeFiles(sound, {
			'constructor.yaml': scenario('constructor'),
			'courses/constructor.yaml': course('constructor', ['constructor']),
			'translations/cy/constructor.yaml': welsh(),
			'translations/cy/courses/constructor.yaml': welshCourse
		});

		const errors = checkFiles([sound]).problems.filter((p) => p.severity === 'error');
		expect(errors).toEqual([]);
		const loaded = loadCourseBundle(sound, 'constructor');
		if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
		const bundle = loaded.value;
		expect(bundle.scenarios[0]!.nodes.map((node) => node.id)).toEqual([
			'constructor',
			'prototype',
			'valueof'
		]);

		const { launch } = splitCourse(bundle, loadTranslations(sound, bundle));
		expect(launch.languages).toEqual({ constructor: ['en-GB', 'cy'] });
		expect(Object.keys(launch.courseTranslations)).toEqual(['cy']);

		for (const way of Object.values(extremePlaythroughs(bundle))) {
			const run = startCourseRun(bundle);
			const snapshot = () => run.actor.getSnapshot();
			run.send({ type: 'course.start' });
			for (const decision of way) {
				while (screenOf(bundle, snapshot()).kind !== 'decision')
					run.send({ type: 'step.continue' });
				expect(run.send({ type: 'choice.select', choice: decision.choice })).toBe(true);
			}
			while (snapshot().status !== 'done') run.send({ type: 'step.continue' });
			expect(snapshot().context.decisions.map((d) => d.choice)).toEqual(way.map((d) => d.choice));
		}
	});

	it('are refused with a located message where they can only be a mistake', () => {
		const hostile = join(root, 'hostile');
		const files = {
			'constructor.yaml': scenario('constructor'),
			// a node id and a choice id `__proto__`: JavaScript would drop them without a word
			'proto_node.yaml': scenario('proto_node').replace(
				'  prototype:\n    type: ending',
				'  __proto__:\n    type: ending'
			),
			'proto_choice.yaml': scenario('proto_choice').replace(
				'      prototype:\n        text',
				'      __proto__:\n        text'
			),
			'courses/constructor.yaml': course('constructor', [
				'constructor',
				'__proto__',
				'prototype',
				'constructor'
			]),
			'courses/__proto__.yaml': course('__proto__', ['constructor']).replace(
				'translations: [cy]\n',
				''
			),
			'translations/cy/constructor.yaml': welsh('  constructor: Adeiladwr\n  prototype: Dim\n'),
			'translations/cy/courses/constructor.yaml': welshCourse.replace(
				'  title:',
				'  __proto__: Dim\n  title:'
			)
		};
		writeFiles(hostile, files);

		const found = checkFiles([hostile])
			.problems.filter((p) => p.severity === 'error')
			.map((p) => `${p.file.slice(hostile.length + 1)}:${p.line}:${p.col} ${p.message}`);
		expect(found).toEqual([
			'courses/__proto__.yaml:2:5 the id `__proto__` is not allowed: ids may only contain lower case letters, digits and _, starting with a letter (SCORM and LMSs such as Moodle reject hyphens and spaces in ids)',
			'courses/constructor.yaml:12:26 `scenarios` lists `__proto__`, but there is no scenario with that id',
			'courses/constructor.yaml:12:37 `scenarios` lists `prototype`, but there is no scenario with that id',
			'courses/constructor.yaml:12:48 `scenarios` lists `constructor` twice (first as item 1)',
			'proto_choice.yaml:20:7 `__proto__` can’t be used as a key or id: it has a special meaning in the software that reads the file',
			'proto_node.yaml:25:3 `__proto__` can’t be used as a key or id: it has a special meaning in the software that reads the file',
			'translations/cy/constructor.yaml:14:3 there is no passage `constructor` in the English',
			'translations/cy/constructor.yaml:15:3 there is no passage `prototype` in the English',
			'translations/cy/courses/constructor.yaml:4:3 `__proto__` can’t be used as a key or id: it has a special meaning in the software that reads the file'
		]);
	});
});

/** Writes each file (path → text) under `folder`, making its folders. */
function writeFiles(folder: string, files: Record<string, string>): void {
	for (const [path, text] of Object.entries(files)) {
		const file = join(folder, path);
		mkdirSync(dirname(file), { recursive: true });
		writeFileSync(file, text);
	}
}
