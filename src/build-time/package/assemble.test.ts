import { describe, expect, it } from 'vitest';
import {
	assemblePackage,
	deferAppStart,
	injectFirstScreen,
	injectLmsMeta,
	isShippedBuildFile
} from './assemble.ts';
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

const KIT_PAGE =
	'<html><head><style>p{}</style></head><body>' +
	'<div id="first-screen" style="display: contents" inert></div>' +
	'<div style="display: contents"><script>\n{ start(document.currentScript.parentElement) }\n</script></div>' +
	'</body></html>';

describe('injectFirstScreen', () => {
	it('fills the placeholder, keeping it inert, puts the notice beside it and titles the page', () => {
		const out = injectFirstScreen(KIT_PAGE, {
			title: 'Risk & <b>harm</b>',
			body: '<main>Hi</main>',
			notStarted: '<main id="not-started" hidden>Reload</main>'
		});
		expect(out).toContain(
			'<div id="first-screen" style="display: contents" inert><main>Hi</main></div>' +
				'<main id="not-started" hidden>Reload</main>'
		);
		expect(out).toMatch(/<title>Risk &amp; &lt;b>harm&lt;\/b><\/title>\s*<\/head>/);
	});

	it('takes `$` in the words as it is', () => {
		expect(
			injectFirstScreen(KIT_PAGE, { title: '$&', body: '<p>$1 $&</p>', notStarted: '' })
		).toContain('<p>$1 $&</p>');
	});

	it('refuses a page without exactly one empty placeholder', () => {
		const screen = { title: 't', body: '<p></p>', notStarted: '' };
		expect(() => injectFirstScreen('<html><head></head><body></body></html>', screen)).toThrow(
			/found 0/
		);
		const filled = injectFirstScreen(KIT_PAGE, screen);
		expect(() => injectFirstScreen(filled, screen)).toThrow(/found 0/);
	});
});

describe('deferAppStart', () => {
	it('keeps the start-up script as data, run from the same place once the page has painted', () => {
		const out = deferAppStart(KIT_PAGE);
		expect(out).toContain(
			'<script type="text/x-app-start" id="app-start">\n{ start(document.currentScript.parentElement) }\n</script>'
		);
		// the only script the parser runs is the starter, and it waits for the first paint
		const running = [...out.matchAll(/<script>([^]*?)<\/script>/g)].map((m) => m[1]);
		expect(running).toHaveLength(1);
		expect(running[0]).toContain("e.name==='first-contentful-paint'");
		expect(running[0]).toContain('d.replaceWith(s)');
	});

	it('refuses a page with no start-up script', () => {
		expect(() => deferAppStart('<html><body><p></p></body></html>')).toThrow(/no inline start-up/);
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
