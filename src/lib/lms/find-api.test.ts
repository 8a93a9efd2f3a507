import { describe, expect, it } from 'vitest';
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { RUNTIME_12, RUNTIME_2004 } from './data-model';
import { findLmsApi, type WindowLike } from './find-api';

/** What the unpackaged app looks for: SCORM 2004 first, then 1.2. */
const BOTH = [RUNTIME_2004, RUNTIME_12];

interface FakeWindow {
	parent?: FakeWindow | null;
	opener?: FakeWindow | null;
	API?: unknown;
	API_1484_11?: unknown;
}

/** A top-level window: like a browser, its parent is itself. */
function topWindow(props: Omit<FakeWindow, 'parent'> = {}): FakeWindow {
	const win: FakeWindow = { ...props };
	win.parent = win;
	return win;
}

function frameIn(parent: WindowLike, props: Omit<FakeWindow, 'parent'> = {}): WindowLike {
	return { ...props, parent };
}

/** A frame from another origin: reading any property but `parent` throws like a browser does. */
function crossOriginFrameIn(parent: WindowLike): WindowLike {
	const securityError = () => {
		throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
	};
	return {
		parent,
		get API() {
			return securityError();
		},
		get API_1484_11() {
			return securityError();
		},
		get opener() {
			return securityError();
		}
	};
}

const lms12 = () => new Scorm12API({ logLevel: 5, autocommit: false });
const lms2004 = () => new Scorm2004API({ logLevel: 5, autocommit: false });

describe('findLmsApi', () => {
	it('finds the runtime on the content window itself', () => {
		const api = lms12();
		expect(findLmsApi(topWindow({ API: api }), BOTH)).toEqual({
			version: 'scorm12',
			api,
			names: RUNTIME_12
		});
	});

	it('walks up three parent frames', () => {
		const api = lms12();
		const lms = topWindow({ API: api });
		const content = frameIn(frameIn(frameIn(lms)));
		expect(findLmsApi(content, [RUNTIME_12])?.api).toBe(api);
	});

	it('finds the runtime in the opener (Moodle "new window" display)', () => {
		const api = lms2004();
		const popup = topWindow({ opener: topWindow({ API_1484_11: api }) });
		expect(findLmsApi(popup, BOTH)).toEqual({ version: 'scorm2004', api, names: RUNTIME_2004 });
	});

	it("walks the opener's parents", () => {
		const api = lms12();
		const opener = frameIn(frameIn(topWindow({ API: api })));
		expect(findLmsApi(topWindow({ opener }), BOTH)?.api).toBe(api);
	});

	it("looks at the top window's opener when the content is framed inside a popup", () => {
		const api = lms12();
		const popup = topWindow({ opener: topWindow({ API: api }) });
		const content = frameIn(frameIn(popup));
		expect(findLmsApi(content, BOTH)?.api).toBe(api);
	});

	it('climbs past a cross-origin frame that throws SecurityError', () => {
		const api = lms12();
		const content = frameIn(crossOriginFrameIn(frameIn(topWindow({ API: api }))));
		expect(findLmsApi(content, BOTH)?.api).toBe(api);
	});

	it('survives a content window that is itself cross-origin to everything', () => {
		const content = crossOriginFrameIn(topWindow());
		expect(findLmsApi(content, BOTH)).toBeNull();
	});

	it('falls back to the opener when reading parent throws', () => {
		const api = lms12();
		const content: WindowLike = {
			get parent(): WindowLike {
				throw new DOMException('denied', 'SecurityError');
			},
			opener: topWindow({ API: api })
		};
		expect(findLmsApi(content, BOTH)?.api).toBe(api);
	});

	it('prefers SCORM 2004 when no version is given, and falls back to 1.2', () => {
		const api12 = lms12();
		const api2004 = lms2004();
		const both = frameIn(topWindow({ API: api12, API_1484_11: api2004 }));
		expect(findLmsApi(both, BOTH)?.version).toBe('scorm2004');
		expect(findLmsApi(frameIn(topWindow({ API: api12 })), BOTH)?.version).toBe('scorm12');
	});

	it('prefers a 2004 runtime higher up over a 1.2 runtime nearer when no version is given', () => {
		const content = frameIn(frameIn(topWindow({ API_1484_11: lms2004() }), { API: lms12() }));
		expect(findLmsApi(content, BOTH)?.version).toBe('scorm2004');
	});

	it('looks only for the requested version', () => {
		const api12 = lms12();
		const api2004 = lms2004();
		const both = topWindow({ API: api12, API_1484_11: api2004 });
		expect(findLmsApi(both, [RUNTIME_12])).toEqual({
			version: 'scorm12',
			api: api12,
			names: RUNTIME_12
		});
		expect(findLmsApi(both, [RUNTIME_2004])).toEqual({
			version: 'scorm2004',
			api: api2004,
			names: RUNTIME_2004
		});
		expect(findLmsApi(topWindow({ API: api12 }), [RUNTIME_2004])).toBeNull();
		expect(findLmsApi(topWindow({ API_1484_11: api2004 }), [RUNTIME_12])).toBeNull();
	});

	it('ignores a global named API that is not a SCORM runtime and keeps looking', () => {
		const api = lms12();
		const content = frameIn(topWindow({ API: api }), { API: { version: 'some other library' } });
		expect(findLmsApi(content, BOTH)?.api).toBe(api);
	});

	it('returns null with no LMS, including a plain window with no parent', () => {
		expect(findLmsApi(topWindow(), BOTH)).toBeNull();
		expect(findLmsApi({}, BOTH)).toBeNull();
	});

	it('stops after 500 parent hops, as the ADL algorithm does', () => {
		const api = lms12();
		const build = (depth: number) => {
			let win: WindowLike = topWindow({ API: api });
			for (let i = 0; i < depth; i++) win = frameIn(win);
			return win;
		};
		expect(findLmsApi(build(500), BOTH)?.api).toBe(api);
		expect(findLmsApi(build(501), BOTH)).toBeNull();
	});

	it('terminates on a parent cycle', () => {
		const a: FakeWindow = {};
		const b: FakeWindow = { parent: a };
		a.parent = b;
		expect(findLmsApi(a, BOTH)).toBeNull();
	});
});
