import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH` if set, else Playwright's own download
 * where one is installed, else the system's (Debian's `chromium` package). Playwright cannot
 * download its browser on machines without open internet, so the system one is the usual case.
 */
export function findChromium(): string {
	const candidates = [
		process.env.CHROMIUM_PATH,
		safe(() => chromium.executablePath()),
		'/usr/bin/chromium',
		'/usr/bin/chromium-browser',
		'/usr/bin/google-chrome'
	];
	const found = candidates.find((path): path is string => !!path && existsSync(path));
	if (!found) {
		throw new Error(
			'No Chromium found for the browser tests. Install one of:\n' +
				'  sudo apt-get install -y chromium      (Debian/Ubuntu)\n' +
				'  npx playwright install chromium       (where downloads are allowed)\n' +
				'or set CHROMIUM_PATH to a Chromium or Chrome binary.'
		);
	}
	return found;
}

function safe(get: () => string): string | undefined {
	try {
		return get();
	} catch {
		return undefined;
	}
}

/** Flags that keep Chromium quiet on a closed network and runnable as root in CI. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];
