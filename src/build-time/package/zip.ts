/**
 * Deterministic zips: the same files give the same bytes, so a rebuilt package can be compared
 * with a released one and CI artefacts do not churn.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * 1980-01-01 00:00:00, the earliest DOS date. Built from local-time parts because fflate writes
 * the DOS timestamp from local-time getters, which keeps the bytes the same in every time zone.
 */
const ZIP_MTIME = new Date(1980, 0, 1, 0, 0, 0);

function checkPath(path: string): void {
	const segments = path.split('/');
	if (
		!path ||
		path.startsWith('/') ||
		path.includes('\\') ||
		segments.some((s) => s === '' || s === '.' || s === '..')
	) {
		throw new Error(`Zip entry path must be relative, forward slashes, no . or ..: ${path}`);
	}
}

/** Entries are written sorted by path (code unit order), with no directory entries. */
export function createZip(files: Map<string, Uint8Array>): Uint8Array {
	const zippable: Zippable = {};
	for (const path of [...files.keys()].sort()) {
		checkPath(path);
		const data = files.get(path) as Uint8Array;
		// fflate would read a nested object as a folder; a flat key with slashes is one file
		zippable[path] = [data, { mtime: ZIP_MTIME, level: 9 }];
	}
	return zipSync(zippable);
}

/** All file entries of a zip, directory entries dropped. */
export function readZip(zip: Uint8Array): Map<string, Uint8Array> {
	const files = unzipSync(zip);
	return new Map(
		Object.keys(files)
			.filter((path) => !path.endsWith('/'))
			.sort()
			.map((path) => [path, files[path] as Uint8Array])
	);
}
