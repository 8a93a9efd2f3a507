import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/e2e/browser.ts';

// E2E_PORT lets two checkouts run their browser tests at once
const port = Number(process.env.E2E_PORT) || 4173;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	reporter: process.env.CI ? 'line' : 'list',
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		browserName: 'chromium',
		launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
		trace: 'retain-on-failure'
	},
	// Serves the zips in dist/ as built by `npm run package` (test:e2e packages first).
	webServer: {
		command: `node node_modules/tsx/dist/cli.mjs tools/preview.ts --no-package --port ${port}`,
		url: `http://127.0.0.1:${port}/preview/packages.json`,
		reuseExistingServer: false,
		timeout: 30_000
	}
});
