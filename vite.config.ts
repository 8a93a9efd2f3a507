import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
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
