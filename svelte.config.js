import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// The packager builds each course into its own folder.
const buildDir = process.env.BUILD_DIR || 'build';

/**
 * An LMS serves the package from a deep, unknown path (Moodle: /pluginfile.php/<ctx>/mod_scorm/content/<rev>/).
 * Hash routing with an inlined bundle is the one stock Kit setup that loads from any such path:
 * `split` and `single` emit absolute `/_app/` URLs that 404 there.
 * @type {import('@sveltejs/kit').Config}
 */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: buildDir, assets: buildDir, strict: true }),
		router: { type: 'hash' },
		output: { bundleStrategy: 'inline' },
		version: { name: 'course' },
		// The benchmark builds minimal reference pages the same way (see tools/bench.ts):
		// BENCH_REFERENCE names the folder under bench/.
		files: {
			routes: process.env.BENCH_REFERENCE
				? `bench/${process.env.BENCH_REFERENCE}/routes`
				: 'src/routes'
		}
	}
};
