import i18next from 'i18next';
import enGB from './locales/en-GB.json';

/**
 * Interface strings live in locale files, never in components. Resources are bundled and
 * initialised synchronously, so the first screen never waits for a request.
 */
export const i18n = i18next.createInstance();
i18n.init({
	lng: 'en-GB',
	fallbackLng: 'en-GB',
	initAsync: false,
	resources: { 'en-GB': { translation: enGB } },
	interpolation: { escapeValue: false }
});

export const t = i18n.t.bind(i18n);
