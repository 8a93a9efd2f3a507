import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintManifest } from './manifest-lint.ts';
import { readManifest } from './manifest-read.ts';
import {
	MANIFEST_FILE,
	SCHEMA_FILES,
	normalizedPassMark,
	writeManifest,
	type ManifestOptions
} from './manifest.ts';
import { type ScormVersion } from '../../lib/lms/data-model.ts';
import { XSD_DIR, assertXmllint, runXmllint } from './pack.ts';
import { parseXml, XmlError } from './xml.ts';

const course = {
	id: 'ambulance_refresher',
	title: 'Domestic abuse refresher',
	version: 3,
	passMark: 80
};
const files = ['index.html', 'media/photo 1.png'];
const objectives = ['professional_curiosity', 'coercive_control'];

function options(version: ScormVersion): ManifestOptions {
	return { version, course, files, objectives };
}

function zipPaths(version: ScormVersion): string[] {
	return [...files, MANIFEST_FILE, ...SCHEMA_FILES[version]];
}

function lint(version: ScormVersion, manifest: string, paths = zipPaths(version), passMark = 80) {
	return lintManifest({ version, manifest, zipPaths: paths, passMark });
}

beforeAll(() => {
	// fails the whole file with the install hint rather than skipping
	assertXmllint();
});

describe.each(['scorm12', 'scorm2004'] as const)('%s manifest', (version) => {
	const manifest = writeManifest(options(version));

	it('validates against the vendored XSDs', () => {
		expect(runXmllint(manifest, version)).toEqual([]);
	});

	it('ships exactly the vendored schema files', () => {
		expect(readdirSync(join(XSD_DIR, version)).sort()).toEqual([...SCHEMA_FILES[version]].sort());
	});

	it('passes the lint', () => {
		expect(lint(version, manifest)).toEqual([]);
	});

	it('lists every file once, URL-encoded', () => {
		expect(manifest).toContain('<file href="index.html"/>');
		expect(manifest).toContain('<file href="media/photo%201.png"/>');
	});

	it('catches a dangling identifierref', () => {
		const broken = manifest.replace('identifierref="RES_', 'identifierref="NOPE_');
		expect(broken).not.toBe(manifest);
		expect(lint(version, broken)).toContainEqual(
			expect.stringMatching(/identifierref="NOPE_ambulance_refresher", which names no <resource>/)
		);
	});

	it('catches a file in the zip the manifest does not list', () => {
		expect(lint(version, manifest, [...zipPaths(version), 'extra.js'])).toEqual([
			'extra.js is in the zip but not listed in the manifest'
		]);
	});

	it('catches a listed file missing from the zip', () => {
		const paths = zipPaths(version).filter((p) => p !== 'media/photo 1.png');
		expect(lint(version, manifest, paths)).toEqual([
			'media/photo 1.png is listed in the manifest but not in the zip'
		]);
	});

	it('catches the manifest and schemas in a subfolder', () => {
		const problems = lint(
			version,
			manifest,
			zipPaths(version).map((p) => `course/${p}`)
		);
		expect(problems).toContainEqual(expect.stringMatching(/imsmanifest\.xml is at course\//));
		expect(problems).toContainEqual(expect.stringMatching(/imscp_.*\.xsd is at course\//));
	});

	it('catches a schemaversion from the other version', () => {
		const wrong = version === 'scorm12' ? '2004 4th Edition' : '1.2';
		const right = version === 'scorm12' ? '1.2' : '2004 4th Edition';
		const broken = manifest.replace(`>${right}<`, `>${wrong}<`);
		expect(lint(version, broken)).toContainEqual(expect.stringMatching(/<schemaversion>/));
	});

	it('catches a pass mark that differs from the course', () => {
		expect(lint(version, manifest, zipPaths(version), 70)).toContainEqual(
			expect.stringMatching(/pass mark/)
		);
	});

	it('catches scormtype in the other version’s casing', () => {
		const [right, wrong] =
			version === 'scorm12' ? ['scormtype', 'scormType'] : ['scormType', 'scormtype'];
		const broken = manifest.replace(`adlcp:${right}=`, `adlcp:${wrong}=`);
		expect(broken).not.toBe(manifest);
		expect(lint(version, broken)).toEqual([
			`<resource identifier="RES_ambulance_refresher"> has adlcp:${wrong}; ${version} spells it adlcp:${right}`
		]);
	});

	it('escapes XML special characters in the title', () => {
		const title = 'Risk & safety <DASH> "MARAC" it\'s';
		const xml = writeManifest({ ...options(version), course: { ...course, title } });
		expect(xml).toContain('Risk &amp; safety &lt;DASH&gt; &quot;MARAC&quot; it&apos;s');
		expect(runXmllint(xml, version)).toEqual([]);
		const titles = Array.from(parseXml(xml).getElementsByTagNameNS('*', 'title'));
		expect(titles.map((t) => t.textContent)).toEqual([title, title]);
		expect(readManifest(version, xml).title).toBe(title);
	});

	it('reads back the title and pass mark as the preview lists them', () => {
		expect(readManifest(version, manifest)).toEqual({ title: course.title, passMark: 80 });
		expect(readManifest(version, '<manifest>')).toEqual({ title: undefined, passMark: 0 });
	});
});

describe('SCORM 1.2 specifics', () => {
	const manifest = writeManifest(options('scorm12'));

	it('writes the pass mark as masteryscore', () => {
		expect(manifest).toContain('<adlcp:masteryscore>80</adlcp:masteryscore>');
		expect(manifest).toContain('adlcp:scormtype="sco"');
		expect(manifest).toContain('<schemaversion>1.2</schemaversion>');
	});

	it('lints masteryscore 101 even though the XSD accepts it', () => {
		const broken = manifest.replace('masteryscore>80<', 'masteryscore>101<');
		expect(runXmllint(broken, 'scorm12')).toEqual([]);
		expect(lint('scorm12', broken)).toEqual([
			'adlcp:masteryscore "101" must be a whole number from 0 to 100'
		]);
	});

	it('lints a fractional masteryscore', () => {
		const broken = manifest.replace('masteryscore>80<', 'masteryscore>0.8<');
		expect(lint('scorm12', broken)).toEqual([
			'adlcp:masteryscore "0.8" must be a whole number from 0 to 100'
		]);
	});

	it('is rejected by the XSD with 2004 scormType casing', () => {
		const broken = manifest.replace('adlcp:scormtype=', 'adlcp:scormType=');
		expect(runXmllint(broken, 'scorm12').join('\n')).toMatch(/scormType/);
	});
});

describe('SCORM 2004 specifics', () => {
	const manifest = writeManifest(options('scorm2004'));

	it('writes the pass mark as a normalized measure and one objective per theme', () => {
		expect(manifest).toContain('satisfiedByMeasure="true"');
		expect(manifest).toContain('<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>');
		expect(manifest).toContain('<imsss:objective objectiveID="professional_curiosity"/>');
		expect(manifest).toContain('<imsss:objective objectiveID="coercive_control"/>');
		expect(manifest).toContain('adlcp:scormType="sco"');
		expect(manifest).toContain('<schemaversion>2004 4th Edition</schemaversion>');
		expect(manifest).not.toContain('masteryscore');
	});

	it('formats every pass mark as the exact decimal', () => {
		expect([0, 7, 50, 80, 100].map(normalizedPassMark)).toEqual(['0', '0.07', '0.5', '0.8', '1']);
		for (let p = 0; p <= 100; p++) {
			const text = normalizedPassMark(p);
			expect(text).toMatch(/^(0|1|0\.\d?[1-9])$/);
			expect(Math.round(Number(text) * 100)).toBe(p);
		}
	});

	it('validates with no theme objectives', () => {
		const xml = writeManifest({ ...options('scorm2004'), objectives: [] });
		expect(xml).not.toContain('<imsss:objective ');
		expect(runXmllint(xml, 'scorm2004')).toEqual([]);
		expect(lint('scorm2004', xml)).toEqual([]);
	});

	it('lints scormtype casing even though the XSD accepts it', () => {
		const broken = manifest.replace('adlcp:scormType=', 'adlcp:scormtype=');
		expect(runXmllint(broken, 'scorm2004')).toEqual([]);
		expect(lint('scorm2004', broken)).toHaveLength(1);
	});

	it('lints a minNormalizedMeasure that differs from the pass mark', () => {
		const broken = manifest.replace('>0.8<', '>0.75<');
		expect(lint('scorm2004', broken)).toEqual([
			'imsss:minNormalizedMeasure is 0.75 but the course pass mark 80 needs 0.8'
		]);
	});

	it('is rejected by the XSD when deliveryControls comes before objectives', () => {
		const delivery =
			'<imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>';
		const broken = manifest
			.replace(delivery, '')
			.replace('<imsss:objectives>', `${delivery}<imsss:objectives>`);
		expect(runXmllint(broken, 'scorm2004')).not.toEqual([]);
	});

	it('is rejected by the XSD with a measure above 1', () => {
		expect(runXmllint(manifest.replace('>0.8<', '>80<'), 'scorm2004')).not.toEqual([]);
	});
});

describe('writeManifest input checks', () => {
	it('refuses a pass mark outside 0..100 or fractional', () => {
		for (const passMark of [101, -1, 72.5]) {
			expect(() =>
				writeManifest({ ...options('scorm12'), course: { ...course, passMark } })
			).toThrow(/whole number from 0 to 100/);
		}
	});

	it('makes identifiers safe for xsd:ID from any course id', () => {
		const xml = writeManifest({
			...options('scorm12'),
			course: { ...course, id: '2024-ambulance.v2' }
		});
		expect(xml).toContain('identifier="MANIFEST_2024_ambulance_v2_v3"');
		expect(runXmllint(xml, 'scorm12')).toEqual([]);
	});

	it('refuses paths that escape the package', () => {
		for (const bad of ['../x.js', '/abs.js', 'a\\b.js']) {
			expect(() => writeManifest({ ...options('scorm12'), files: ['index.html', bad] })).toThrow();
		}
	});
});

describe('parseXml', () => {
	it('rejects malformed XML with a line number', () => {
		expect(() => parseXml('<a>\n<b></a>')).toThrow(XmlError);
		expect(() => parseXml('<a>\n<b></a>')).toThrow(/line 2/);
	});

	it('reports malformed manifests as a lint problem', () => {
		expect(lint('scorm12', '<manifest>')).toContainEqual(expect.stringMatching(/not well-formed/));
	});
});
