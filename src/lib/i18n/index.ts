export {
	CONTENT_LANG,
	LOCALES,
	currentLocale,
	localeFor,
	setLocale,
	t,
	type Locale
} from './locale.svelte.ts';
