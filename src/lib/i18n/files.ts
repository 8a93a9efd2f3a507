/** Where the packager puts each interface language's strings, relative to the launch page. */
export const localePath = (locale: string) => `locales/${locale}.json`;

/** The language the interface is bundled in; the others are fetched when a learner picks one. */
export const BUNDLED_LOCALE = 'en-GB';
