/**
 * The Node side of packaging: reading a build and the vendored XSDs from disk, running xmllint,
 * and producing a checked zip. Only tools and tests import this; the app never does.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemblePackage, type AssembleOptions } from './assemble.ts';
import { lintPackage } from './manifest-lint.ts';
import { MANIFEST_FILE, SCHEMA_FILES } from './manifest.ts';
import { type ScormVersion } from '../../lib/lms/data-model.ts';
import { createZip } from './zip.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const XSD_DIR = join(REPO_ROOT, 'tools', 'xsd');

/** Where `tools/package.ts` builds the app that every course's package is made from, relative to the project root. */
export const APP_BUILD_DIR = join('.svelte-kit', 'package', 'app');

const XMLLINT_MISSING =
	'xmllint was not found; it checks imsmanifest.xml against the SCORM XSDs. ' +
	'Install it with: apt-get install -y libxml2-utils';

/** The validation-only schema that imports every namespace of the version's manifest. */
function schemaWrapper(version: ScormVersion): string {
	return join(XSD_DIR, `validate-${version}.xsd`);
}

function readSchemaFiles(version: ScormVersion): Map<string, Uint8Array> {
	return new Map(
		SCHEMA_FILES[version].map((name) => [name, readFileSync(join(XSD_DIR, version, name))])
	);
}

/** Every file under `dir`, keyed by its relative path with forward slashes. */
export function readDirFiles(dir: string): Map<string, Uint8Array> {
	const files = new Map<string, Uint8Array>();
	const walk = (rel: string) => {
		for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
			const path = rel ? `${rel}/${entry.name}` : entry.name;
			if (entry.isDirectory()) walk(path);
			else if (entry.isFile()) files.set(path, readFileSync(join(dir, path)));
		}
	};
	walk('');
	return files;
}

/** Throws with the install hint when xmllint is not on the PATH. */
export function assertXmllint(): void {
	const result = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
	if (result.error) throw new Error(XMLLINT_MISSING);
}

// ims_xml.xsd declares the xml namespace as its default one, which libxml2 warns about on every
// 1.2 run although validation is unaffected
const HARMLESS = [
	/ims_xml\.xsd:\d+: namespace error : xml namespace URI cannot be the default namespace/,
	/^filename=ims_xml\.xsd/,
	/^\s*\^\s*$/,
	/ validates$/
];

/** Validates manifest text against the vendored XSDs; returns xmllint's complaints, none if valid. */
export function runXmllint(manifest: string, version: ScormVersion): string[] {
	const result = spawnSync(
		'xmllint',
		['--noout', '--nonet', '--schema', schemaWrapper(version), '-'],
		{ input: manifest, encoding: 'utf8' }
	);
	if (result.error) {
		if ((result.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(XMLLINT_MISSING);
		throw result.error;
	}
	if (result.status === 0) return [];
	const lines = `${result.stdout}\n${result.stderr}`
		.split('\n')
		.filter((l) => l.trim() && !HARMLESS.some((h) => h.test(l)))
		.map((l) =>
			l.replace(/^-:/, `${MANIFEST_FILE}:`).replace(/^- fails/, `${MANIFEST_FILE} fails`)
		);
	return lines.length ? lines : [`xmllint exited with status ${result.status}`];
}

export interface PackageResult {
	files: Map<string, Uint8Array>;
	zip: Uint8Array;
	/** Lint and xmllint problems; the zip must not be shipped unless this is empty. */
	problems: string[];
}

/** Assembles, checks and zips one package. Throws only on unusable input (no index.html, …). */
export function makePackage(options: Omit<AssembleOptions, 'schemas'>): PackageResult {
	const files = assemblePackage({ ...options, schemas: readSchemaFiles(options.version) });
	const manifest = new TextDecoder().decode(files.get(MANIFEST_FILE));
	const problems = [
		...lintPackage(options.version, files, options.course.passMark),
		...runXmllint(manifest, options.version).map((p) => `xmllint: ${p}`)
	];
	return { files, zip: createZip(files), problems };
}
