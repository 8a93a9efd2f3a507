import i18next, { type TOptions } from 'i18next';
import cy from './locales/cy.json';
import enGB from './locales/en-GB.json';

/** The interface languages, first the one every other falls back to. */
export const LOCALES = ['en-GB', 'cy'] as const;
export type Locale = (typeof LOCALES)[number];

/** What scenario text is written in, whatever the interface speaks, until it is translated. */
export const CONTENT_LANG = 'en-GB';

/**
 * Interface strings live in locale files, never in components. Resources are bundled and
 * initialised synchronously, so the first screen never waits for a request.
 */
const i18n = i18next.createInstance();
i18n.init({
	lng: 'en-GB',
	fallbackLng: 'en-GB',
	initAsync: false,
	resources: { 'en-GB': { translation: enGB }, cy: { translation: cy } },
	interpolation: { escapeValue: false }
});

// One translator per locale, so switching is a plain state change with nothing to wait for.
const translators = Object.fromEntries(LOCALES.map((l) => [l, i18n.getFixedT(l)])) as Record<
	Locale,
	ReturnType<typeof i18n.getFixedT>
>;

const state = $state<{ locale: Locale }>({ locale: 'en-GB' });

/** The interface language now; reading it in a component redraws that component on a switch. */
export const currentLocale = (): Locale => state.locale;

export function setLocale(locale: Locale) {
	state.locale = locale;
}

/**
 * An interface string in the current language. It reads the locale state, so every template and
 * `$derived` that calls it follows a switch at once, without redrawing the learner's place.
 */
export function t(key: string, options?: TOptions): string {
	return translators[state.locale](key, options as TOptions) as string;
}

/**
 * The interface language for a learner's preference as an LMS gives it (a BCP 47 tag such as
 * `cy`, `cy-GB` or `en`): Welsh for any Welsh tag, else English.
 */
export function localeFor(preference: string | null | undefined): Locale {
	const primary = (preference ?? '').trim().toLowerCase().split(/[-_]/)[0];
	return primary === 'cy' || primary === 'cym' || primary === 'wel' ? 'cy' : 'en-GB';
}
