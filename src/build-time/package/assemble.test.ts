import { describe, expect, it } from 'vitest';
import { assemblePackage, injectLmsMeta, isShippedBuildFile } from './assemble.ts';
import { SCHEMA_FILES } from './manifest.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const course = { id: 'demo', title: 'Demo', version: 1, passMark: 75 };

describe('isShippedBuildFile', () => {
	it('drops version.json, source maps, dotfiles and preview/harness pages', () => {
		const shipped = ['index.html', '_app/immutable/app.js', 'media/photo.png', 'version.json'];
		const dropped = [
			'_app/version.json',
			'_app/immutable/app.js.map',
			'.DS_Store',
			'a/.hidden/x.js',
			'preview.html',
			'preview/index.html',
			'lms-harness.js',
			'Harness/index.html'
		];
		for (const p of shipped) expect(isShippedBuildFile(p), p).toBe(true);
		for (const p of dropped) expect(isShippedBuildFile(p), p).toBe(false);
	});
});

describe('injectLmsMeta', () => {
	it('puts the meta first in <head>', () => {
		const html = '<!doctype html><html><head lang="en"><title>x</title></head><body></body></html>';
		expect(injectLmsMeta(html, 'scorm12')).toMatch(
			/<head lang="en">\s*<meta name="lms" content="scorm12"><title>/
		);
	});

	it('replaces an lms meta that is already there', () => {
		const html = '<html><head>\n<meta name="lms" content="dev" />\n</head></html>';
		const out = injectLmsMeta(html, 'scorm2004');
		expect(out.match(/name="lms"/g)).toHaveLength(1);
		expect(out).toContain('<meta name="lms" content="scorm2004">');
	});

	it('does not mistake <header> for <head>', () => {
		expect(() => injectLmsMeta('<body><header></header></body>', 'scorm12')).toThrow(/no <head>/);
	});
});

describe('assemblePackage', () => {
	const schemas = (v: 'scorm12' | 'scorm2004') =>
		new Map(SCHEMA_FILES[v].map((n) => [n, enc(`<!-- ${n} -->`)]));

	it('refuses a build without index.html', () => {
		expect(() =>
			assemblePackage({
				version: 'scorm12',
				course,
				build: new Map([['other.html', enc('<head></head>')]]),
				schemas: schemas('scorm12')
			})
		).toThrow(/no index\.html/);
	});

	it('refuses a build that would overwrite the manifest', () => {
		expect(() =>
			assemblePackage({
				version: 'scorm12',
				course,
				build: new Map([
					['index.html', enc('<head></head>')],
					['imsmanifest.xml', enc('')]
				]),
				schemas: schemas('scorm12')
			})
		).toThrow(/imsmanifest\.xml/);
	});

	it('lists exactly the shipped build files in the manifest', () => {
		const files = assemblePackage({
			version: 'scorm2004',
			course,
			build: new Map([
				['index.html', enc('<head></head>')],
				['_app/version.json', enc('{}')],
				['a.js.map', enc('{}')],
				['media/a.png', enc('png')]
			]),
			schemas: schemas('scorm2004')
		});
		const manifest = new TextDecoder().decode(files.get('imsmanifest.xml'));
		expect(manifest.match(/<file href="[^"]+"\/>/g)).toEqual([
			'<file href="index.html"/>',
			'<file href="media/a.png"/>'
		]);
		expect([...files.keys()].sort()).toEqual(
			['imsmanifest.xml', 'index.html', 'media/a.png', ...SCHEMA_FILES.scorm2004].sort()
		);
	});
});
