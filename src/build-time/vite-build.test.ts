import { describe, expect, it } from 'vitest';
import { isNoise } from './vite-build.ts';

const yellow = (text: string) => `\u001b[33m${text}\u001b[0m`;

describe('the build output filter', () => {
	it('drops the messages NOISE names, coloured as the build prints them', () => {
		expect(
			isNoise([`\nRun ${yellow('npm run preview')} to preview your production build locally.`])
		).toBe(true);
		expect(isNoise([yellow('\n> Using @sveltejs/adapter-static')])).toBe(true);
		expect(isNoise(['  Wrote site to ".svelte-kit/package/app"'])).toBe(true);
		expect(isNoise([`  ${yellow('✔ done')}`])).toBe(true);
		expect(
			isNoise([
				`${yellow('[EMPTY_IMPORT_META] ')}\`import.meta\` may not be a valid syntax with the \`iife\` output format.\n` +
					'   ╭─[ \u0000vite/preload-helper.js:34:8 ]'
			])
		).toBe(true);
		expect(
			isNoise([
				yellow('[PLUGIN_TIMINGS] ') + 'JavaScript callbacks ran for 4.1s of this 4.3s build (95%).'
			])
		).toBe(true);
	});

	it('keeps every other warning, import.meta in our own code included', () => {
		expect(
			isNoise([
				`${yellow('[EMPTY_IMPORT_META] ')}\`import.meta\` may not be a valid syntax with the \`iife\` output format.\n` +
					'   ╭─[ src/lib/i18n/locale.svelte.ts:3:1 ]'
			])
		).toBe(false);
		expect(
			isNoise([yellow('[plugin vite-plugin-svelte] src/lib/ui/Welcome.svelte:3:1 a11y')])
		).toBe(false);
		expect(isNoise(['Wrote site to somewhere else, said a user plugin'])).toBe(false);
	});
});
