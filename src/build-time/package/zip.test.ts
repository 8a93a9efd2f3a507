import { afterEach, describe, expect, it, vi } from 'vitest';
import { createZip, readZip } from './zip.ts';

const enc = (s: string) => new TextEncoder().encode(s);

/** Entry names in the order their local headers appear, as an LMS's unzip walks them. */
function localHeaderNames(zip: Uint8Array): string[] {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	const names: string[] = [];
	let at = 0;
	while (view.getUint32(at, true) === 0x04034b50) {
		const size = view.getUint32(at + 18, true);
		const nameLength = view.getUint16(at + 26, true);
		const extraLength = view.getUint16(at + 28, true);
		names.push(new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLength)));
		at += 30 + nameLength + extraLength + size;
	}
	return names;
}

afterEach(() => {
	vi.useRealTimers();
});

describe('createZip', () => {
	it('round-trips files and sorts entries', () => {
		const files = new Map([
			['b.txt', enc('b')],
			['a/z.js', enc('z'.repeat(1000))],
			['a/b.css', enc('')]
		]);
		const back = readZip(createZip(files));
		expect([...back.keys()]).toEqual(['a/b.css', 'a/z.js', 'b.txt']);
		expect(new TextDecoder().decode(back.get('a/z.js'))).toBe('z'.repeat(1000));
		expect(back.get('a/b.css')).toHaveLength(0);
	});

	it('gives the same bytes whatever the insertion order or the clock', () => {
		const one = createZip(
			new Map([
				['x', enc('1')],
				['y', enc('2')]
			])
		);
		vi.useFakeTimers();
		vi.setSystemTime(new Date(2031, 5, 7, 13, 45, 11));
		const two = createZip(
			new Map([
				['y', enc('2')],
				['x', enc('1')]
			])
		);
		expect(Buffer.from(two).equals(Buffer.from(one))).toBe(true);
	});

	it('writes entries in sorted order in the archive itself', () => {
		const zip = createZip(
			new Map([
				['b', enc('')],
				['a/c', enc('')],
				['a', enc('')]
			])
		);
		expect(localHeaderNames(zip)).toEqual(['a', 'a/c', 'b']);
	});

	it('refuses paths that would escape or confuse the archive', () => {
		for (const bad of ['/abs', '../up', 'a//b', 'a\\b', './a', '']) {
			expect(() => createZip(new Map([[bad, enc('')]]))).toThrow(/Zip entry path/);
		}
	});
});
