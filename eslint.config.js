import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The layers only import downwards: scenario → engine → lms / ui → routes. Each rule below says
 * why, so the message explains itself to whoever trips it.
 */
const layer = (files, patterns) => ({
	files,
	rules: { 'no-restricted-imports': ['error', { patterns }] }
});

const noSvelte = {
	group: ['svelte', 'svelte/*', '$app/*', '*.svelte', '**/ui/*', '$lib/ui/*'],
	message: 'This layer runs in Node and tests without a browser: no Svelte or UI code here.'
};
const noLms = {
	group: ['**/lms/*', '$lib/lms/*', 'scorm-again'],
	message: 'Only routes talk to the LMS: the engine and UI stay SCORM-free.'
};
const noEngine = {
	group: ['**/engine/*', '$lib/engine/*', 'xstate', 'xstate/*'],
	message: 'The scenario format knows nothing of the engine that runs it.'
};
const noScenarioOrEngine = {
	group: ['**/engine/*', '$lib/engine/*', '**/scenario/*', '$lib/scenario/*', 'xstate'],
	message: 'The LMS adapter reports results; it knows nothing of scenarios or machines.'
};
const noSession = {
	group: ['**/session/*', '$lib/session/*'],
	message: 'The UI reads the engine; only routes wire a course session to the LMS.'
};
const noPackaging = {
	group: ['**/package/*', '$lib/package/*', 'fflate'],
	message: 'Packaging is build-time Node code; it never reaches the learner.'
};

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
	layer(['src/lib/scenario/**'], [noSvelte, noLms, noEngine, noPackaging]),
	layer(['src/lib/engine/**'], [noSvelte, noLms, noPackaging]),
	layer(['src/lib/lms/**'], [noSvelte, noScenarioOrEngine, noPackaging]),
	layer(['src/lib/ui/**'], [noLms, noPackaging, noSession]),
	layer(['src/lib/session/**'], [noSvelte, noPackaging]),
	layer(['src/lib/package/**'], [noSvelte, noLms]),
	{
		// `cmi.` data model names belong to the LMS adapter alone (tests may assert what an LMS holds).
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: ['src/lib/lms/**', '**/*.test.ts'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector: 'Literal[value=/^cmi\\./]',
					message: 'SCORM data model names (cmi.*) live only in src/lib/lms.'
				},
				{
					selector: 'TemplateElement[value.raw=/^cmi\\./]',
					message: 'SCORM data model names (cmi.*) live only in src/lib/lms.'
				}
			]
		}
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
