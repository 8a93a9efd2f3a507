import { readdirSync, readFileSync } from 'node:fs';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { BUNDLED_LOCALE, localePath } from './src/lib/i18n/files.ts';

const LOCALES_DIR = 'src/lib/i18n/locales';

/**
 * The interface strings of every language but the bundled one go beside the launch page, minified,
 * and are fetched only when a learner uses that language (src/lib/i18n/locale.svelte.ts).
 */
function interfaceLocales(): Plugin {
	return {
		name: 'interface-locales',
		apply: 'build',
		generateBundle() {
			if (this.environment.name !== 'client') return;
			for (const name of readdirSync(LOCALES_DIR)) {
				if (!name.endsWith('.json') || name === `${BUNDLED_LOCALE}.json`) continue;
				const strings = JSON.parse(readFileSync(`${LOCALES_DIR}/${name}`, 'utf8'));
				this.emitFile({
					type: 'asset',
					fileName: localePath(name.slice(0, -'.json'.length)),
					source: JSON.stringify(strings)
				});
			}
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), interfaceLocales()],
	build: {
		sourcemap: false,
		// Everything the first screen needs is inlined into index.html (see svelte.config.js).
		assetsInlineLimit: 100_000
	},
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 20_000
	}
});
