import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { BUNDLED_LOCALE, localePath } from './src/lib/i18n/files.ts';
import { contentHash } from './src/lib/scenario/launch.ts';

const LOCALES_DIR = 'src/lib/i18n/locales';

/** Each fetched language's strings as shipped (minified), by locale. */
function fetchedLocales(): Record<string, string> {
	return Object.fromEntries(
		readdirSync(LOCALES_DIR)
			.filter((name) => name.endsWith('.json') && name !== `${BUNDLED_LOCALE}.json`)
			.map((name) => [
				name.slice(0, -'.json'.length),
				JSON.stringify(JSON.parse(readFileSync(`${LOCALES_DIR}/${name}`, 'utf8')))
			])
	);
}

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
			for (const [locale, strings] of Object.entries(fetchedLocales())) {
				this.emitFile({ type: 'asset', fileName: localePath(locale), source: strings });
			}
		}
	};
}

/**
 * With MODULE_SIZES set to a file, writes what each module adds to the launch page (bytes as
 * rendered and alone gzipped) for `npm run bench`, which prints the heaviest.
 */
function moduleSizes(file: string | undefined): Plugin[] {
	if (!file) return [];
	return [
		{
			name: 'module-sizes',
			apply: 'build',
			generateBundle(_options, bundle) {
				if (this.environment.name !== 'client') return;
				const sizes = Object.values(bundle).flatMap((chunk) =>
					chunk.type === 'chunk'
						? Object.entries(chunk.modules).map(([id, module]) => ({
								id: relative(process.cwd(), id),
								bytes: module.renderedLength,
								gzip: gzipSync(module.code ?? '').length
							}))
						: []
				);
				writeFileSync(file, JSON.stringify(sizes));
			}
		}
	];
}

export default defineConfig({
	plugins: [sveltekit(), interfaceLocales(), ...moduleSizes(process.env.MODULE_SIZES)],
	// asked for with `?v=`, so an LMS serving a new upload never hands out last version's strings
	define: {
		// a package's app carries only its own edition of the LMS adapter (src/lib/lms/connection.ts)
		__SCORM_EDITION__: JSON.stringify(process.env.SCORM_EDITION ?? 'any'),
		__LOCALE_VERSIONS__: JSON.stringify(
			Object.fromEntries(
				Object.entries(fetchedLocales()).map(([locale, text]) => [locale, contentHash(text)])
			)
		)
	},
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
