/**
 * Checks the SCORM zips as an LMS would receive them. After `npm run package` it checks every zip
 * in dist/; without dist/ it packages a small fake build through the same library code, so the
 * checks always run on something.
 */
import { spawnSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPackageCourse } from '../../src/build-time/package/course.ts';
import { lintPackage } from '../../src/build-time/package/manifest-lint.ts';
import { MANIFEST_FILE, SCHEMA_FILES } from '../../src/build-time/package/manifest.ts';
import { type ScormVersion } from '../../src/lib/lms/data-model.ts';
import {
	REPO_ROOT,
	assertXmllint,
	makePackage,
	readDirFiles,
	runXmllint
} from '../../src/build-time/package/pack.ts';
import { readZip } from '../../src/build-time/package/zip.ts';

const DIST = join(REPO_ROOT, 'dist');
const ZIP_NAME = /^([a-z0-9_]+)-(scorm12|scorm2004)\.zip$/;
const distZips = existsSync(DIST)
	? readdirSync(DIST)
			.filter((n) => ZIP_NAME.test(n))
			.sort()
	: [];

const enc = (s: string) => new TextEncoder().encode(s);
const fakeCourse = { id: 'fake_course', title: 'Fake & <course>', version: 1, passMark: 80 };
const fakeBuild = new Map<string, Uint8Array>([
	[
		'index.html',
		enc(
			'<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n' +
				'<script type="application/json" id="course"></script>\n</head><body></body></html>'
		)
	],
	['_app/version.json', enc('{"version":"course"}')],
	['_app/immutable/entry.js', enc('console.log("app")')],
	['_app/immutable/entry.js.map', enc('{"sources":["scorm-again"]}')],
	['preview.html', enc('<script>import("scorm-again")</script>')],
	['harness/index.html', enc('scorm-again')],
	['media/photo one.png', enc('png')]
]);

interface Source {
	name: string;
	version: ScormVersion;
	load: () => { files: Map<string, Uint8Array>; passMark: number };
}

function distSource(name: string): Source {
	const [, id, version] = ZIP_NAME.exec(name) as RegExpExecArray;
	return {
		name: `dist/${name}`,
		version: version as ScormVersion,
		load: () => {
			if (!existsSync(join(REPO_ROOT, 'scenarios', 'courses', `${id}.yaml`))) {
				throw new Error(`dist/${name} has no scenarios/courses/${id}.yaml; run npm run package`);
			}
			const { course } = loadPackageCourse(REPO_ROOT, id as string);
			return { files: readZip(readFileSync(join(DIST, name))), passMark: course.passMark };
		}
	};
}

function fakeSource(version: ScormVersion): Source {
	return {
		name: `fake build as ${version} (no dist/ zips yet)`,
		version,
		load: () => {
			const result = makePackage({
				version,
				course: fakeCourse,
				build: fakeBuild,
				objectives: ['hidden_harm', 'coercive_control']
			});
			expect(result.problems).toEqual([]);
			return { files: readZip(result.zip), passMark: fakeCourse.passMark };
		}
	};
}

const sources = distZips.length
	? distZips.map(distSource)
	: (['scorm12', 'scorm2004'] as const).map(fakeSource);

beforeAll(() => {
	assertXmllint();
});

describe.each(sources)('$name', ({ version, load }) => {
	let files: Map<string, Uint8Array>;
	let passMark: number;
	beforeAll(() => {
		({ files, passMark } = load());
	});

	it('has the manifest and its XSDs at the root, and no validation wrappers', () => {
		const paths = [...files.keys()];
		expect(paths).toContain(MANIFEST_FILE);
		for (const schema of SCHEMA_FILES[version]) expect(paths).toContain(schema);
		expect(paths.filter((p) => p.startsWith('validate-'))).toEqual([]);
	});

	it('passes the manifest lint', () => {
		expect(lintPackage(version, files, passMark)).toEqual([]);
	});

	it('passes xmllint against the vendored XSDs', () => {
		const manifest = new TextDecoder().decode(files.get(MANIFEST_FILE));
		expect(runXmllint(manifest, version)).toEqual([]);
	});

	it('ships no source maps, version.json or preview/harness files', () => {
		const paths = [...files.keys()];
		expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
		expect(paths.filter((p) => p.endsWith('version.json'))).toEqual([]);
		expect(paths.filter((p) => /preview|harness/i.test(p))).toEqual([]);
	});

	it('ships no scorm-again code (the fake LMS is for development only)', () => {
		const hits = [...files].filter(([, data]) => Buffer.from(data).includes('scorm-again'));
		expect(hits.map(([p]) => p)).toEqual([]);
	});

	it.runIf(distZips.length)('carries every file of static/ as it is', () => {
		const shipped = readDirFiles(join(REPO_ROOT, 'static'));
		expect(shipped.size).toBeGreaterThan(0);
		for (const [path, data] of shipped) expect(files.get(path), path).toEqual(new Uint8Array(data));
	});

	it('marks index.html with its LMS API version', () => {
		const html = new TextDecoder().decode(files.get('index.html'));
		const head = /<head[\s>][\s\S]*?<\/head>/i.exec(html)?.[0] ?? '';
		expect(head).toContain(`<meta name="lms" content="${version}">`);
		expect(html.match(/<meta\s[^>]*name="lms"/g)).toHaveLength(1);
	});
});

describe('makePackage', () => {
	it('gives byte-identical zips for the same build', () => {
		const one = makePackage({ version: 'scorm12', course: fakeCourse, build: fakeBuild });
		const two = makePackage({ version: 'scorm12', course: fakeCourse, build: new Map(fakeBuild) });
		expect(Buffer.from(two.zip).equals(Buffer.from(one.zip))).toBe(true);
	});
});

/** Minimal files the scenario checker accepts, in the format of scenarios/README.md. */
function scenarioYaml(id: string, theme: string): string {
	return `format: 1
id: ${id}
version: 1
title: Scenario ${id}
theme: ${theme}
audiences: [ambulance]
summary: A short test scenario.
start: door
nodes:
  door:
    type: decision
    text: You arrive at the door.
    prompt: What do you do?
    choices:
      ask:
        text: Ask to speak to her alone.
        points: 3
        feedback: Speaking alone makes disclosure safer.
        next: good_end
      leave:
        text: Leave.
        points: 0
        feedback: Leaving misses the chance to help.
        next: poor_end
  good_end:
    type: ending
    outcome: good
    text: She tells you what is happening.
  poor_end:
    type: ending
    outcome: poor
    text: Nothing changes.
`;
}

function courseYaml(id: string, passMark: number): string {
	return `format: 1
id: ${id}
version: 2
title: Course ${id}
description: A test course.
audience: ambulance
minutes: 5
outcomes:
  - Test the packager.
pass_mark: ${passMark}
critical_choice_fails: true
scenarios: [one, two]
`;
}

describe('tools/package.ts', () => {
	const tmp = mkdtempSync(join(tmpdir(), 'package-cli-'));
	const root = join(tmp, 'root');
	const buildDir = join(tmp, 'build');
	const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
	const cli = (...args: string[]) =>
		spawnSync(tsx, [join(REPO_ROOT, 'tools', 'package.ts'), '--root', root, ...args], {
			cwd: REPO_ROOT,
			encoding: 'utf8'
		});

	beforeAll(() => {
		const write = (path: string, text: string | Uint8Array) => {
			mkdirSync(dirname(path), { recursive: true });
			writeFileSync(path, text);
		};
		const scenarios = join(root, 'scenarios');
		write(join(scenarios, 'one.yaml'), scenarioYaml('one', 'hidden_harm'));
		write(join(scenarios, 'two.yaml'), scenarioYaml('two', 'risk_assessment'));
		write(join(scenarios, 'courses', 'demo.yaml'), courseYaml('demo', 70));
		write(join(scenarios, 'courses', 'broken.yaml'), courseYaml('broken', 101));
		for (const [path, data] of fakeBuild) write(join(buildDir, path), data);
	});

	afterAll(() => {
		rmSync(tmp, { recursive: true, force: true });
	});

	it('writes both zips from a prebuilt folder and prints what it wrote', () => {
		const run = cli('--build-dir', buildDir, 'demo');
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(run.stdout).toMatch(/demo-scorm12\.zip\s+\d+\.\d KB/);
		expect(run.stdout).toMatch(/demo-scorm2004\.zip\s+\d+\.\d KB/);
		const zip2004 = readZip(readFileSync(join(root, 'dist', 'demo-scorm2004.zip')));
		const manifest = new TextDecoder().decode(zip2004.get(MANIFEST_FILE));
		expect(manifest).toContain('<imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure>');
		expect(manifest).toContain('objectiveID="hidden_harm"');
		expect(manifest).toContain('objectiveID="risk_assessment"');
		expect(lintPackage('scorm2004', zip2004, 70)).toEqual([]);
		const zip12 = readZip(readFileSync(join(root, 'dist', 'demo-scorm12.zip')));
		expect(new TextDecoder().decode(zip12.get(MANIFEST_FILE))).toContain(
			'<adlcp:masteryscore>70</adlcp:masteryscore>'
		);
		// the course rides in the launch page, and each scenario's words beside it
		const html = new TextDecoder().decode(zip12.get('index.html'));
		const launch = JSON.parse(
			/<script type="application\/json" id="course">([^<]*)<\/script>/.exec(html)![1]!
		);
		expect(launch.course.id).toBe('demo');
		expect(launch.scenarios.map((s: { title: string }) => s.title)).toEqual(['', '']);
		expect(JSON.parse(new TextDecoder().decode(zip12.get('content/en-GB/one.json'))).title).toBe(
			'Scenario one'
		);
		expect(manifest).toContain('href="content/en-GB/two.json"');
		expect([...readDirFiles(join(root, 'dist')).keys()]).toEqual([
			'demo-scorm12.zip',
			'demo-scorm2004.zip'
		]);
	});

	it('is silent with --quiet', () => {
		const run = cli('--quiet', '--build-dir', buildDir, 'demo');
		expect(run.status).toBe(0);
		expect(run.stdout).toBe('');
	});

	it('fails with a clear message and no stack on a bad course', () => {
		const run = cli('--build-dir', buildDir, 'broken');
		expect(run.status).toBe(1);
		expect(run.stderr).toMatch(
			/^package: course broken has problems:\n.*broken\.yaml:\d+:\d+ +error/
		);
		expect(run.stderr).not.toMatch(/\n\s+at /);
	});

	it('fails when the build folder has no index.html', () => {
		const run = cli('--build-dir', join(tmp, 'nowhere'), 'demo');
		expect(run.status).toBe(1);
		expect(run.stderr).toMatch(/has no index\.html/);
	});
});
