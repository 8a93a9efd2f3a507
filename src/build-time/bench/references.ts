/**
 * The reference pages (bench/reference, bench/reference-i18next): built the way the course is,
 * then zipped like a package so the preview LMS serves them from the same deep path, in the same
 * frame, beside the same runtime, and every figure is taken the same way for them as for a course.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { viteBuild } from '../vite-build.ts';

export const REFERENCES = {
	reference: 'reference (SvelteKit + Svelte + XState)',
	'reference-i18next': 'reference + i18next'
} as const;
export type ReferenceName = keyof typeof REFERENCES;

/** The package name a reference page is served under: `bench-<name>-scorm12`. */
export const referencePackage = (name: ReferenceName) => `bench-${name}-scorm12`;

/** Builds the reference page from bench/<name>/routes and returns its index.html. */
export async function buildReference(root: string, name: ReferenceName): Promise<Uint8Array> {
	const dir = join('.svelte-kit', 'bench', name);
	await viteBuild({ root, env: { BENCH_REFERENCE: name, BUILD_DIR: dir }, quiet: true });
	return readFileSync(join(root, dir, 'index.html'));
}

/**
 * Writes `<dist>/bench-<name>-scorm12.zip`: the page and, so the preview LMS lists it, the
 * manifest of a course package (the reference ignores the runtime).
 */
export function writeReferencePackage(
	dist: string,
	name: ReferenceName,
	page: Uint8Array,
	manifestFrom: string
): void {
	const manifest = unzipSync(readFileSync(manifestFrom))['imsmanifest.xml'];
	if (!manifest) throw new Error(`${manifestFrom} has no imsmanifest.xml`);
	mkdirSync(dist, { recursive: true });
	writeFileSync(
		join(dist, `${referencePackage(name)}.zip`),
		zipSync({ 'index.html': page, 'imsmanifest.xml': manifest })
	);
}
