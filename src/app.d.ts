// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {}
	/** A hash of each fetched interface language's strings, by locale (vite.config.ts). */
	const __LOCALE_VERSIONS__: Record<string, string>;
}

export {};
