// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {}
	/** A hash of each fetched interface language's strings, by locale (vite.config.ts). */
	const __LOCALE_VERSIONS__: Record<string, string>;
	/** The SCORM edition a package's app is built for; `any` in tests and the unpackaged app. */
	const __SCORM_EDITION__: 'scorm12' | 'scorm2004' | 'any';
}

export {};
