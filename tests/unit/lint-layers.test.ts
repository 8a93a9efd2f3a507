import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Plants one violation of each layer rule in eslint.config.js and checks that lint refuses it:
 * a rule that silently stopped matching (a typo in a regex, a selector ESLint no longer sees)
 * would otherwise pass every real file without anyone noticing.
 */
const STATIC = 'no-restricted-imports';
const SYNTAX = 'no-restricted-syntax';

/** Only the layer rules run: the rest is `eslint .`'s job, and skipping it halves the time. */
const eslint = new ESLint({
	overrideConfigFile: 'eslint.config.js',
	// The planted files exist only in memory, where the type-aware project service can't find
	// them; the layer rules need no types.
	overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
	ruleFilter: ({ ruleId }) => ruleId === STATIC || ruleId === SYNTAX
});

interface Finding {
	ruleId: string | null;
	message: string;
}

async function lint(filePath: string, code: string): Promise<Finding[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message }));
}

const svelte = (script: string, markup = '') =>
	`<script lang="ts">\n${script}\n</script>\n${markup}\n`;

/** [what, file, code, rule that must fire, words its message must hold] */
const refused: [string, string, string, string, string][] = [
	[
		'engine importing session (upward)',
		'src/lib/engine/planted.ts',
		"import { CourseSession } from '../session/course-session.ts';\nexport { CourseSession };",
		STATIC,
		'src/lib/engine may import only scenario'
	],
	[
		'engine importing i18n (sideways)',
		'src/lib/engine/planted.ts',
		"import { t } from '$lib/i18n';\nexport { t };",
		STATIC,
		'src/lib/engine may import only'
	],
	[
		'engine re-exporting session',
		'src/lib/engine/planted.ts',
		"export * from '../session/course-session.ts';",
		STATIC,
		'src/lib/engine may import only'
	],
	[
		'engine importing a package not on its list',
		'src/lib/engine/planted.ts',
		"import { zipSync } from 'fflate';\nexport { zipSync };",
		STATIC,
		'src/lib/engine may import only'
	],
	[
		'engine climbing out of its folder through its own',
		'src/lib/engine/planted.ts',
		"import { x } from './../session/course-session.ts';\nexport { x };",
		STATIC,
		'src/lib/engine may import only'
	],
	[
		'engine importing session with import() (upward)',
		'src/lib/engine/planted.ts',
		"export const load = () => import('../session/course-session.ts');",
		SYNTAX,
		'src/lib/engine may import only'
	],
	[
		'engine naming session in an import() type',
		'src/lib/engine/planted.ts',
		"export type S = import('../session/course-session.ts').CourseSession;",
		SYNTAX,
		'src/lib/engine may import only'
	],
	[
		'engine importing a computed module',
		'src/lib/engine/planted.ts',
		'export const load = (name: string) => import(`../${name}.ts`);',
		SYNTAX,
		'computed'
	],
	[
		'scenario importing the engine (upward)',
		'src/lib/scenario/planted.ts',
		"import { compileCourse } from '../engine/course-machine.ts';\nexport { compileCourse };",
		STATIC,
		'src/lib/scenario may import only'
	],
	[
		'a browser scenario module importing the folder loader',
		'src/lib/scenario/planted.ts',
		"import { checkFiles } from '../../build-time/scenario/files.ts';\nexport { checkFiles };",
		STATIC,
		'build-time'
	],
	[
		'a browser scenario module using node:fs',
		'src/lib/scenario/planted.ts',
		"import { readFileSync } from 'node:fs';\nexport { readFileSync };",
		STATIC,
		'runs in the browser'
	],
	[
		'build code importing a test fixture',
		'src/build-time/scenario/files.ts',
		"import { fixture } from '../../../tests/fixtures/test-scenarios.ts';\nexport { fixture };",
		STATIC,
		'src/build-time may not import tools or tests'
	],
	[
		'lms importing scenario',
		'src/lib/lms/planted.ts',
		"import type { Scenario } from '../scenario/types.ts';\nexport type { Scenario };",
		STATIC,
		'src/lib/lms may import only its own folder'
	],
	[
		'i18n importing the engine',
		'src/lib/i18n/planted.ts',
		"import { compileCourse } from '../engine/course-machine.ts';\nexport { compileCourse };",
		STATIC,
		'src/lib/i18n may import only'
	],
	[
		'session importing the ui (upward)',
		'src/lib/session/planted.ts',
		"import Player from '$lib/ui/Player.svelte';\nexport { Player };",
		STATIC,
		'src/lib/session may import only'
	],
	[
		'ui importing node:fs',
		'src/lib/ui/Planted.svelte',
		svelte("import { readFileSync } from 'node:fs';\nreadFileSync('x');"),
		STATIC,
		'runs in the browser'
	],
	[
		'ui importing a bare Node built-in',
		'src/lib/ui/planted.ts',
		"import { join } from 'path';\nexport { join };",
		STATIC,
		'runs in the browser'
	],
	[
		'ui importing the folder loader',
		'src/lib/ui/Planted.svelte',
		svelte("import { checkFiles } from '../../build-time/scenario/files';\ncheckFiles([]);"),
		STATIC,
		'build-time'
	],
	[
		'ui importing the folder loader with import()',
		'src/lib/ui/planted.ts',
		"export const load = () => import('../../build-time/scenario/files');",
		SYNTAX,
		'build-time'
	],
	[
		'ui importing the packager in src/build-time',
		'src/lib/ui/planted.ts',
		"import { packageCourse } from '../../build-time/package/course.ts';\nexport { packageCourse };",
		STATIC,
		'build-time'
	],
	[
		'ui importing the LMS adapter',
		'src/lib/ui/planted.ts',
		"import { connect } from '$lib/lms/connection';\nexport { connect };",
		STATIC,
		'src/lib/ui may import only'
	],
	[
		'ui importing a value from the session',
		'src/lib/ui/planted.ts',
		"import { CourseSession } from '$lib/session/course-session';\nexport { CourseSession };",
		STATIC,
		'only the types of session'
	],
	[
		'ui importing a test fixture',
		'src/lib/ui/planted.ts',
		"import { fixture } from '../../../tests/fixtures/test-scenarios';\nexport { fixture };",
		STATIC,
		'test code'
	],
	[
		'routes importing the packager',
		'src/routes/Planted.svelte',
		svelte("import { packageCourse } from '../build-time/package/course';\npackageCourse();"),
		STATIC,
		'build-time'
	],
	[
		'routes reaching src/lib by a relative path',
		'src/routes/planted.ts',
		"import { compileCourse } from '../lib/engine/course-machine.ts';\nexport { compileCourse };",
		STATIC,
		'src/routes may import only'
	],
	[
		'a new folder importing anything',
		'src/lib/newlayer/x.ts',
		"import { y } from './y.ts';\nexport { y };",
		STATIC,
		'not a layer yet'
	],
	[
		'a new folder importing with import()',
		'src/lib/newlayer/x.ts',
		"export const load = () => import('./y.ts');",
		SYNTAX,
		'not a layer yet'
	],
	[
		'a layer importing a new folder',
		'src/lib/engine/planted.ts',
		"import { y } from '../newlayer/y.ts';\nexport { y };",
		STATIC,
		'src/lib/engine may import only'
	],
	[
		'cmi. in a Svelte template text',
		'src/lib/ui/Planted.svelte',
		svelte('', '<p>Saved to cmi.core.lesson_status</p>'),
		SYNTAX,
		'cmi.'
	],
	[
		'cmi. in a Svelte attribute',
		'src/lib/ui/Planted.svelte',
		svelte('', '<p title="cmi.core.lesson_status">saved</p>'),
		SYNTAX,
		'cmi.'
	],
	[
		'cmi. in a Svelte expression',
		'src/routes/Planted.svelte',
		svelte('', "<p>{'cmi.core.lesson_status'}</p>"),
		SYNTAX,
		'cmi.'
	],
	[
		'cmi. in a TS string',
		'src/lib/session/planted.ts',
		"export const key = 'cmi.core.lesson_status';",
		SYNTAX,
		'cmi.'
	],
	[
		'cmi. in a template literal',
		'src/lib/engine/planted.ts',
		'export const key = (n: number) => `cmi.interactions.${n}.id`;',
		SYNTAX,
		'cmi.'
	],
	[
		'cmi. in the packager',
		'src/build-time/package/planted.ts',
		"export const key = 'cmi.core.lesson_status';",
		SYNTAX,
		'cmi.'
	],
	[
		'a branch on the edition in the packager',
		'src/build-time/package/planted.ts',
		"export const label = (v: string) => (v === 'scorm12' ? 'SCORM 1.2' : 'SCORM 2004');",
		SYNTAX,
		'table keyed by edition'
	],
	[
		'a negated branch on the edition in a route',
		'src/routes/planted.ts',
		"export const is2004 = (v: string) => 'scorm12' !== v;",
		SYNTAX,
		'table keyed by edition'
	],
	[
		'a switch on the edition in the ui',
		'src/lib/ui/planted.ts',
		"export function f(v: string) {\n\tswitch (v) {\n\t\tcase 'scorm2004':\n\t\t\treturn 1;\n\t}\n\treturn 0;\n}",
		SYNTAX,
		'table keyed by edition'
	],
	[
		'a branch on the edition in a folder that is not a layer yet',
		'src/lib/planted/planted.ts',
		"export const f = (v: string) => v == 'scorm2004';",
		SYNTAX,
		'table keyed by edition'
	]
];

/** [what, file, code]: imports each layer is allowed, so the rules are not simply refusing all. */
const allowed: [string, string, string][] = [
	[
		'engine importing scenario and xstate',
		'src/lib/engine/planted.ts',
		"import { setup } from 'xstate';\nimport type { Scenario } from '../scenario/types.ts';\nexport type S = Scenario;\nexport { setup };"
	],
	[
		'ui importing the session types, i18n and Svelte',
		'src/lib/ui/Planted.svelte',
		svelte(
			"import type { CourseSession } from '$lib/session/course-session';\nimport { t } from '$lib/i18n';\nimport { tick } from 'svelte';\nlet { s }: { s: CourseSession } = $props();\ntick();",
			'<p>{t("x")}{s}</p>'
		)
	],
	[
		'a build-time scenario module using Node, its siblings and src/lib',
		'src/build-time/scenario/files.ts',
		"import { readFileSync } from 'node:fs';\nimport { parseScenario } from './parse.ts';\nimport type { Scenario } from '../../lib/scenario/types.ts';\nexport type S = Scenario;\nexport { readFileSync, parseScenario };"
	],
	[
		'routes importing the LMS adapter and the session',
		'src/routes/planted.ts',
		"import { connect } from '$lib/lms/connection';\nimport { CourseSession } from '$lib/session/course-session';\nexport { connect, CourseSession };"
	],
	[
		'the packager importing Node and browser code',
		'src/build-time/package/planted.ts',
		"import { readFileSync } from 'node:fs';\nimport { scoreBounds } from '../../lib/scenario/bounds.ts';\nexport { readFileSync, scoreBounds };"
	],
	[
		'the LMS adapter naming cmi.',
		'src/lib/lms/planted.ts',
		"export const key = 'cmi.core.lesson_status';"
	],
	[
		'the LMS adapter choosing its edition',
		'src/lib/lms/planted.ts',
		"export const f = (v: string) => (v === 'scorm12' ? 1 : 2);"
	],
	[
		'a test reaching across layers',
		'src/lib/engine/planted.test.ts',
		"import { readFileSync } from 'node:fs';\nimport { CourseSession } from '../session/course-session.ts';\nexport { readFileSync, CourseSession };"
	]
];

describe('layer rules fire on planted violations', () => {
	it.each(refused)('%s', async (_what, file, code, rule, words) => {
		const findings = await lint(file, code);
		// exactly one finding: each refused import is refused for one reason
		expect(findings).toEqual([{ ruleId: rule, message: expect.stringContaining(words) }]);
	});

	it.each(allowed)('%s is allowed', async (_what, file, code) => {
		expect(await lint(file, code)).toEqual([]);
	});
});

describe("today's code", () => {
	it('lints clean under the layer rules', async () => {
		const results = await eslint.lintFiles(['src']);
		const problems = results.flatMap((r) =>
			r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`)
		);
		expect(problems).toEqual([]);
	}, 120_000);
});
