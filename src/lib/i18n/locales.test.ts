import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import cy from './locales/cy.json';
import enGB from './locales/en-GB.json';
import { localeFor } from './locale.svelte.ts';

type Tree = { [key: string]: string | Tree };

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every string of a locale file by its dotted key. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
	const out = new Map<string, string>();
	for (const [key, value] of Object.entries(tree)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (typeof value === 'string') out.set(path, value);
		else for (const [k, v] of flatten(value, path)) out.set(k, v);
	}
	return out;
}

/** Keys without their plural suffix, each with its plural forms and interpolation variables. */
function shape(tree: Tree) {
	const keys = new Map<string, { forms: Set<string>; variables: Set<string> }>();
	for (const [key, text] of flatten(tree)) {
		const base = key.replace(PLURAL, '');
		const entry = keys.get(base) ?? { forms: new Set(), variables: new Set() };
		const form = PLURAL.exec(key)?.[1];
		if (form) entry.forms.add(form);
		for (const [, variable] of text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g))
			entry.variables.add(variable!);
		keys.set(base, entry);
	}
	return keys;
}

const categories = (locale: string) =>
	new Set(new Intl.PluralRules(locale).resolvedOptions().pluralCategories);

describe('the Welsh interface strings', () => {
	const en = shape(enGB);
	const welsh = shape(cy);

	it('have exactly the keys of the English', () => {
		expect([...welsh.keys()].sort()).toEqual([...en.keys()].sort());
	});

	it('have every plural form Welsh needs wherever English has plurals', () => {
		for (const [key, { forms }] of en) {
			if (forms.size === 0) continue;
			expect(forms, `en-GB ${key}`).toEqual(categories('en-GB'));
			expect(welsh.get(key)?.forms, `cy ${key}`).toEqual(categories('cy'));
		}
		for (const [key, { forms }] of welsh) {
			if (forms.size > 0) expect(en.get(key)?.forms.size, `en-GB ${key} has plurals`).toBe(2);
		}
	});

	it('use the same interpolation variables as the English', () => {
		for (const [key, { variables }] of en) {
			expect(welsh.get(key)?.variables, key).toEqual(variables);
		}
	});

	it('are never empty', () => {
		for (const [key, text] of flatten(cy)) expect(text.trim(), key).not.toBe('');
	});
});

describe('the interface strings the components ask for', () => {
	it('all exist in en-GB', () => {
		const root = resolve(import.meta.dirname, '../..');
		const files = ['lib/ui', 'routes'].flatMap((dir) =>
			readdirSync(join(root, dir))
				.filter((f) => f.endsWith('.svelte') || f.endsWith('.ts'))
				.map((f) => join(root, dir, f))
		);
		const keys = flatten(enGB);
		const asked = files.flatMap((file) =>
			[...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1]!)
		);
		expect(asked.length).toBeGreaterThan(30);
		for (const key of asked) {
			const known = keys.has(key) || keys.has(`${key}_one`);
			expect(known, `${key} is in en-GB.json`).toBe(true);
		}
	});
});

describe('localeFor', () => {
	it('gives Welsh for any Welsh tag and English otherwise', () => {
		expect(localeFor('cy')).toBe('cy');
		expect(localeFor(' CY-gb ')).toBe('cy');
		expect(localeFor('cym')).toBe('cy');
		expect(localeFor('en-GB')).toBe('en-GB');
		expect(localeFor('fr')).toBe('en-GB');
		expect(localeFor('')).toBe('en-GB');
		expect(localeFor(null)).toBe('en-GB');
	});
});
