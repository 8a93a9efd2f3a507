import { builtinModules } from 'node:module';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * What each folder that ships may import. Whatever is not listed is refused, so an upward import,
 * a new package in browser code or a new folder under src/ fails lint until someone decides where
 * it belongs. `layers` are folders of src/lib; `typesFrom` may be imported with `import type` only.
 * tests/unit/lint-layers.test.ts plants a violation of each rule and checks that it fires.
 */
export const LAYERS = {
	scenario: { layers: [], packages: ['zod', 'yaml'] },
	engine: { layers: ['scenario'], packages: ['xstate', 'xstate/graph'] },
	lms: { layers: [], packages: [] },
	i18n: { layers: [], packages: ['i18next'] },
	session: { layers: ['engine', 'lms', 'scenario'], packages: [] },
	ui: { layers: ['engine', 'i18n', 'scenario'], typesFrom: ['session'], packages: ['svelte/**'] }
};

/** src/routes wires everything that ships; it reaches src/lib through `$lib` only. */
const ROUTES = { layers: Object.keys(LAYERS), packages: ['svelte/**', '$app/**'] };

/**
 * Build-time Node code lives in src/build-time (the packager, the scenario loader and checker, the
 * map): it may import src/lib and Node, never tools or tests; nothing that ships may import it.
 */
const BUILD = 'src/build-time';

/** Tests and their fixtures may import anything; nothing that ships may import them. */
const TESTS = ['**/*.test.ts'];

const CODE = '**/*.{ts,js,svelte}';
/** A path that never climbs out with `..` (inside a `./` import it stays in the folder). */
const DOWN = '(?!(?:.*/)?\\.\\.(?:/|$)).+';

const either = (parts) => (parts.length ? `(?:${parts.join('|')})` : '(?!)');
/** A package name as a regex: `svelte/**` is the package and anything under it. */
const packageRe = (name) =>
	name.endsWith('/**')
		? `${name.slice(0, -3).replace(/\$/g, '\\$')}(?:/.+)?`
		: name.replace(/\$/g, '\\$');

/** How a file in `from` (a folder of src/lib, or 'routes') names a module of folder `to`. */
const into = (from, to) =>
	from === 'routes' ? `\\$lib/${to}` : from === to ? '\\.' : `(?:\\.\\.|\\$lib)/${to}`;

/** Full-match regex bodies for the imports code that ships must not make, by reason. */
const REFUSED = {
	node: `node:.+|${either(builtinModules.filter((m) => !m.startsWith('_')))}(?:/.*)?`,
	build: '(?:\\.\\./)+(?:build-time|tools)(?:/.*)?',
	tests: '(?:.*/)?test-[^/]+|.+\\.test(?:\\.[jt]s)?|(?:\\.\\./)+tests(?:/.*)?'
};

/**
 * The rules for code in `from` that may import `policy`:
 * `no-restricted-imports` for static imports and re-exports, `no-restricted-syntax` for `import()`
 * and `import('…')` types, which the former does not see, plus the bans on `cmi.` and on edition
 * branches that share that rule (rule options do not merge across config objects). Each refused import gets one reason.
 */
function layerRules(from, policy, { adapter = false } = {}) {
	const where = from === 'routes' ? 'src/routes' : `src/lib/${from}`;
	const refused = REFUSED;
	const typesOnly = (policy.typesFrom ?? []).map((to) => `${into(from, to)}(?:/${DOWN})?`);
	const allowed = [
		`\\./${DOWN}`,
		...policy.layers.map((to) => `${into(from, to)}(?:/${DOWN})?`),
		...policy.packages.map(packageRe)
	];
	const named = [...policy.layers, ...(policy.typesFrom ?? []).map((t) => `${t} (types)`)];
	const reasons = [
		[refused.node, `${where} runs in the browser: no Node built-ins here.`],
		[refused.build, `build-time Node code never reaches the learner: ${where} may not import it.`],
		[refused.tests, `test code stays out of what ships: ${where} may not import it.`],
		[
			`(?!${either([...allowed, ...Object.values(refused), ...typesOnly])}$).*`,
			`${where} may import only ${[...named, ...policy.packages].join(', ') || 'its own folder'}` +
				' (see LAYERS in eslint.config.js): layers import downwards.'
		]
	];
	const esquery = (re) => `/^(?:${re})$/`.replace(/(?<!^)\/(?!$)/g, '\\/');
	const dynamic = [
		...reasons.map(([re, message]) => ({
			selector: `:matches(ImportExpression, TSImportType)[source.value=${esquery(re)}]`,
			message
		})),
		...typesOnly.map((re) => ({
			selector: `ImportExpression[source.value=${esquery(re)}]`,
			message: `${where} may use only the types of ${policy.typesFrom.join(', ')}.`
		})),
		{
			selector: "ImportExpression:not([source.type='Literal'])",
			message: 'name the module in import(): a computed one hides which layer it reaches.'
		}
	];
	return {
		'no-restricted-imports': [
			'error',
			{
				patterns: [
					...reasons.map(([re, message]) => ({ regex: `^(?:${re})$`, message })),
					...typesOnly.map((re) => ({
						regex: `^(?:${re})$`,
						allowTypeImports: true,
						message: `${where} may use only the types of ${policy.typesFrom.join(', ')}.`
					}))
				]
			}
		],
		'no-restricted-syntax': ['error', ...dynamic, ...(adapter ? [] : [...CMI, ...EDITION_BRANCH])]
	};
}

// `cmi.` data model names belong to the LMS adapter alone (tests may assert what an LMS holds).
const CMI_MESSAGE = 'SCORM data model names (cmi.*) live only in src/lib/lms.';
const CMI = [
	'Literal[value=/\\bcmi\\./]',
	'TemplateElement[value.raw=/\\bcmi\\./]',
	'SvelteText[value=/\\bcmi\\./]',
	'SvelteLiteral[value=/\\bcmi\\./]'
].map((selector) => ({ selector, message: CMI_MESSAGE }));

// What differs between SCORM 1.2 and 2004 is said once per edition, in a table keyed by edition
// (the LMS adapter's editions, MANIFEST_EDITIONS): a branch on the name scatters it.
const EDITION_BRANCH = [
	'BinaryExpression[operator=/^[!=]=/] > Literal[value=/^scorm(?:12|2004)$/]',
	'SwitchCase > Literal.test[value=/^scorm(?:12|2004)$/]'
].map((selector) => ({
	selector,
	message:
		'no branch on the SCORM edition outside src/lib/lms: put what differs in a table keyed by edition.'
}));

export default ts.config(
	{
		ignores: [
			'build/',
			'dist/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
	},
	{
		// A folder of src/ that no entry below names imports nothing until LAYERS says what it may.
		files: [`src/${CODE}`],
		ignores: TESTS,
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '.',
							message: 'this folder is not a layer yet: add it to LAYERS in eslint.config.js.'
						}
					]
				}
			],
			'no-restricted-syntax': [
				'error',
				{
					selector: 'ImportExpression, TSImportType',
					message: 'this folder is not a layer yet: add it to LAYERS in eslint.config.js.'
				},
				...CMI,
				...EDITION_BRANCH
			]
		}
	},
	...Object.entries(LAYERS).map(([from, policy]) => ({
		files: [`src/lib/${from}/${CODE}`],
		ignores: TESTS,
		rules: layerRules(from, policy, { adapter: from === 'lms' })
	})),
	{
		files: [`src/routes/${CODE}`],
		ignores: TESTS,
		rules: layerRules('routes', ROUTES)
	},
	{
		// Build-time code may import src/lib, Node and any package; not the tools that run it
		// nor tests.
		files: [`${BUILD}/${CODE}`],
		ignores: TESTS,
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: `^(?:${REFUSED.tests}|(?:\\.\\./)+tools(?:/.*)?)$`,
							message: `${BUILD} may not import tools or tests: they run it.`
						}
					]
				}
			],
			'no-restricted-syntax': ['error', ...CMI, ...EDITION_BRANCH]
		}
	},
	{
		// The report reads what an LMS recorded, by the LMS's own cmi. names, in its tracks exports.
		files: [`${BUILD}/report/exports-csv.ts`],
		rules: { 'no-restricted-syntax': 'off' }
	},
	{
		// Deprecated APIs (xstate's getNextSnapshot, for one) keep working until an update removes
		// them; this needs the types, so it reads the project as TypeScript does. Svelte files
		// outside src (the bench's reference apps) are not in the project.
		files: ['**/*.ts', 'src/**/*.svelte'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				tsconfigRootDir: import.meta.dirname
			}
		},
		rules: { '@typescript-eslint/no-deprecated': 'error' }
	}
);
