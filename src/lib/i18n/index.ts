export {
	CONTENT_LANG,
	LOCALES,
	currentLocale,
	localeFailed,
	localeFor,
	setLocale,
	t,
	type Locale
} from './locale.svelte.ts';
