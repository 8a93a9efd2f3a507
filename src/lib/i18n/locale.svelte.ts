import i18next, { type TOptions } from 'i18next';
import { localePath } from './files.ts';
import enGB from './locales/en-GB.json';

/** The interface languages, first the one every other falls back to. */
export const LOCALES = ['en-GB', 'cy'] as const;
export type Locale = (typeof LOCALES)[number];

/** What scenario text is written in, whatever the interface speaks, until it is translated. */
export const CONTENT_LANG = 'en-GB';

/**
 * Interface strings live in locale files, never in components. English is bundled and initialised
 * synchronously, so an English first screen never waits for a request.
 */
const i18n = i18next.createInstance();
i18n.init({
	lng: 'en-GB',
	fallbackLng: 'en-GB',
	initAsync: false,
	resources: { 'en-GB': { translation: enGB } },
	interpolation: { escapeValue: false }
});

type Translator = ReturnType<typeof i18n.getFixedT>;
// One translator per loaded locale, so switching is a plain state change once it has arrived.
const translators: Partial<Record<Locale, Translator>> = { 'en-GB': i18n.getFixedT('en-GB') };
// Requests in flight, not state: nothing is drawn from it.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const pending = new Map<Locale, Promise<void>>();

const state = $state<{ locale: Locale; failed: Locale | null }>({ locale: 'en-GB', failed: null });

/** The interface language now; reading it in a component redraws that component on a switch. */
export const currentLocale = (): Locale => state.locale;

/** A language the learner asked for that could not be loaded (the interface stays as it was). */
export const localeFailed = (): Locale | null => state.failed;

/**
 * How long a language's strings may take before the course goes on in the language it has: a
 * request an LMS never answers must not hold the course back (the page says it has not started
 * after 10 s), and the learner can ask for the language again.
 */
const LOCALE_TIMEOUT_MS = 8_000;

function load(locale: Locale, base: string): Promise<void> {
	if (translators[locale]) return Promise.resolve();
	let request = pending.get(locale);
	if (!request) {
		const version = __LOCALE_VERSIONS__[locale];
		const url = new URL(`${localePath(locale)}${version ? `?v=${version}` : ''}`, base);
		const signal =
			typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(LOCALE_TIMEOUT_MS) : null;
		request = fetch(url, { signal })
			.then(async (response) => {
				if (!response.ok) throw new Error(`${localePath(locale)}: HTTP ${response.status}`);
				i18n.addResourceBundle(locale, 'translation', await response.json());
				translators[locale] = i18n.getFixedT(locale);
			})
			.finally(() => pending.delete(locale));
		pending.set(locale, request);
	}
	return request;
}

/**
 * Switches the interface language, fetching its strings the first time. Resolves true once the
 * switch is made; false if the strings could not be loaded, leaving the language as it was.
 */
export async function setLocale(locale: Locale, base = document.baseURI): Promise<boolean> {
	try {
		await load(locale, base);
	} catch {
		state.failed = locale;
		return false;
	}
	state.failed = null;
	state.locale = locale;
	return true;
}

/**
 * An interface string in the current language. It reads the locale state, so every template and
 * `$derived` that calls it follows a switch at once, without redrawing the learner's place.
 */
export function t(key: string, options?: TOptions): string {
	const translate = translators[state.locale] ?? translators['en-GB']!;
	return translate(key, options as TOptions) as string;
}

/**
 * The interface language for a learner's preference as an LMS gives it (a BCP 47 tag such as
 * `cy`, `cy-GB` or `en`): Welsh for any Welsh tag, else English.
 */
export function localeFor(preference: string | null | undefined): Locale {
	const primary = (preference ?? '').trim().toLowerCase().split(/[-_]/)[0];
	return primary === 'cy' || primary === 'cym' || primary === 'wel' ? 'cy' : 'en-GB';
}
