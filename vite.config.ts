import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { coursePlugin } from './src/vite/course-plugin.ts';

export default defineConfig({
	plugins: [coursePlugin(), sveltekit()],
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
