import { spawn, type ChildProcess } from 'node:child_process';
import {
	copyFileSync,
	cpSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { eventsToNode } from '../../src/lib/engine/jump.ts';
import { packages } from './packages.ts';

/**
 * The preview LMS's author tools: the scenario map with the learner's node highlighted, jumping
 * to any node, and live preview (a saved change reaches the page; a broken file shows its
 * located errors in place of the course).
 */
const root = resolve(import.meta.dirname, '../..');
const byName = (name: string) => packages.find((p) => p.name === name)!;

/** The node in the scenario that takes the most events to reach: deep in the story. */
function deepest(pkg: ReturnType<typeof byName>, scenarioId: string) {
	const scenario = pkg.bundle.scenarios.find((s) => s.id === scenarioId)!;
	return scenario.nodes
		.map((node) => ({ node, steps: eventsToNode(pkg.bundle, scenario.id, node.id)?.length ?? 0 }))
		.sort((a, b) => b.steps - a.steps)[0]!.node;
}

const stepOf = (kind: string, scenario: string, node: string) => `${kind}:${scenario}:${node}:`;

async function openWithAuthorMode(page: Page, name: string) {
	await page.goto(`/?package=${name}`);
	await page.getByLabel('Author mode').check();
	await page.getByRole('button', { name: 'Launch', exact: true }).click();
	await expect(page.locator('#author')).toBeVisible();
	return page.frameLocator('#course');
}

async function next(course: FrameLocator, name: string) {
	const main = course.locator('main');
	const before = await main.getAttribute('data-step');
	await course.getByRole('button', { name }).click();
	await expect(main).not.toHaveAttribute('data-step', before ?? '');
}

test.describe('author mode', () => {
	test('shows the map, highlights the learner’s node and jumps by mouse and keyboard', async ({
		page
	}) => {
		const pkg = byName('ambulance_refresher-scorm12');
		const scenario = pkg.bundle.scenarios[0]!;
		const course = await openWithAuthorMode(page, pkg.name);
		await expect(page.locator('#map svg')).toBeVisible();
		await expect(page.locator('#author-where')).toContainText('welcome screen');

		await next(course, 'Start the course');
		await next(course, 'Start the scenario');
		const start = page.locator(`#map [data-node="${scenario.start}"]`);
		await expect(start).toHaveClass(/\bcurrent\b/);
		await expect(page.locator('#map [data-node].current')).toHaveCount(1);
		await expect(page.locator(`#map-nodes button[data-node="${scenario.start}"]`)).toHaveAttribute(
			'aria-current',
			'location'
		);

		// A click on a node deep in the map relaunches the course there.
		const deep = deepest(pkg, scenario.id);
		await page.locator(`#map [data-node="${deep.id}"]`).click();
		await expect(course.locator('main')).toHaveAttribute(
			'data-step',
			stepOf(deep.type, scenario.id, deep.id)
		);
		await expect(page.locator(`#map [data-node="${deep.id}"]`)).toHaveClass(/\bcurrent\b/);
		await expect(start).not.toHaveClass(/\bcurrent\b/);

		// The same by keyboard, from the list of nodes: Tab to a node's button and press Enter.
		const decision = scenario.nodes.find((n) => n.type === 'decision' && n.id !== deep.id)!;
		const button = page.getByRole('button', { name: new RegExp(`^${decision.id} \\(`) });
		await page.locator('#map-scenario').focus();
		for (let i = 0; i < 60 && !(await button.evaluate((b) => b === document.activeElement)); i++) {
			await page.keyboard.press('Tab');
		}
		await expect(button).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(course.locator('main')).toHaveAttribute(
			'data-step',
			stepOf('decision', scenario.id, decision.id)
		);
		await expect(course.locator(`form[data-node="${decision.id}"]`)).toBeVisible();
	});

	test('jumps into a later scenario of a long course (SCORM 2004)', async ({ page }) => {
		const pkg = byName('csp_mandatory-scorm2004');
		const last = pkg.bundle.course.scenarios.at(-1)!;
		const course = await openWithAuthorMode(page, pkg.name);
		await page.locator('#map-scenario').selectOption(last);
		await expect(page.locator('#map')).toHaveAttribute('data-scenario', last);
		const deep = deepest(pkg, last);
		await page.locator(`#map-nodes button[data-node="${deep.id}"]`).click();
		await expect(course.locator('main')).toHaveAttribute(
			'data-step',
			stepOf(deep.type, last, deep.id),
			{ timeout: 15_000 }
		);
		await expect(page.locator(`#map [data-node="${deep.id}"]`)).toHaveClass(/\bcurrent\b/);
		const cmi = await page.evaluate(() => (window as any).previewLms.api.getFlattenedCMI());
		expect(cmi['cmi.location']).toBe(
			deep.type === 'decision' ? `${last}.${deep.id}._choosing` : `${last}.${deep.id}`
		);
	});
});

/**
 * Repackaging one course adds its words to the app build in well under a second; the bound is
 * generous for a loaded CI machine, as the page also relaunches the course. Speed is not what
 * this test proves: the preview logs each repackaging time.
 */
const LIVE_UPDATE_MS = 10_000;

test.describe('live preview', () => {
	let server: ChildProcess | undefined;
	let folder = '';
	/** What the preview server printed: attached to a failed test. */
	let output = '';

	test.afterEach(async ({ browserName: _browser }, testInfo) => {
		if (testInfo.status !== testInfo.expectedStatus) {
			await testInfo.attach('preview server output', { body: output, contentType: 'text/plain' });
		}
		// Stopped before its folder goes: it stops any packaging it started and removes its own.
		const running = server;
		if (running?.pid && running.exitCode === null) {
			const exited = new Promise((done) => running.once('exit', done));
			process.kill(running.pid, 'SIGTERM');
			await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
		}
		server = undefined;
		output = '';
		if (folder) rmSync(folder, { recursive: true, force: true });
	});

	test('a saved change reaches the page at the same node; a broken file shows located errors', async ({
		page
	}, testInfo) => {
		test.setTimeout(LIVE_UPDATE_MS + 30_000);
		// Its own copy of the scenarios and of the packages they made: the real ones stay as they are.
		folder = mkdtempSync(join(tmpdir(), 'preview-live-'));
		const scenarios = join(folder, 'scenarios');
		cpSync(join(root, 'scenarios'), scenarios, { recursive: true });
		mkdirSync(join(folder, 'dist'));
		for (const version of ['scorm12', 'scorm2004']) {
			const zip = `ambulance_refresher-${version}.zip`;
			copyFileSync(join(root, 'dist', zip), join(folder, 'dist', zip));
		}
		const port = 4180 + testInfo.workerIndex;
		server = spawn(
			process.execPath,
			[
				join(root, 'node_modules/tsx/dist/cli.mjs'),
				'tools/preview.ts',
				'--no-package',
				'--watch',
				'--scenarios',
				scenarios,
				'--dist',
				join(folder, 'dist'),
				'--port',
				String(port)
			],
			{ cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }
		);
		server.stderr!.on('data', (d) => (output += d));
		await new Promise<void>((ready, fail) => {
			server!.stdout!.on('data', (d) => {
				output += d;
				if (output.includes('Preview LMS')) ready();
			});
			server!.on('exit', (code) => fail(new Error(`the preview server exited (${code})`)));
		});

		const file = join(scenarios, 'ambulance_fall_at_home.yaml');
		const original = readFileSync(file, 'utf8');
		const [from, to] = ['Rob watches everything you do.', 'Rob watches every move you make.'];
		expect(original).toContain(from);

		await page.goto(`http://127.0.0.1:${port}/?package=ambulance_refresher-scorm12&launch=new`);
		const course = page.frameLocator('#course');
		const main = course.locator('main');
		await next(course, 'Start the course');
		await next(course, 'Start the scenario');
		await next(course, 'Continue');
		await course.locator('#choice-her_account').check();
		await next(course, 'Confirm my choice');
		await next(course, 'Continue');
		const findings = stepOf('narrative', 'ambulance_fall_at_home', 'findings');
		await expect(main).toHaveAttribute('data-step', findings);
		await expect(course.getByText(from)).toBeVisible();

		// A saved edit: the course is repackaged and relaunched where the learner was.
		writeFileSync(file, original.replace(from, to));
		await expect(course.getByText(to)).toBeVisible({ timeout: LIVE_UPDATE_MS });
		await expect(main).toHaveAttribute('data-step', findings);
		await expect(page.locator('#live')).toContainText('relaunched where the learner was');

		// A broken file: the located error takes the course's place.
		const broken = original.replace(to, from).replace('next: the_hint', 'next: the_hnt');
		writeFileSync(file, broken);
		const lines = broken.split('\n');
		const line = lines.findIndex((l) => l.includes('next: the_hnt'));
		const where = `${file}:${line + 1}:${lines[line]!.indexOf('the_hnt') + 1}`;
		const problems = page.locator('#problems');
		await expect(problems).toBeVisible({ timeout: 5_000 });
		await expect(problems.locator('li', { hasText: where })).toContainText(
			'node `findings` leads to node `the_hnt`, which does not exist'
		);
		await expect(page.locator('#course')).toBeHidden();

		// Put right, the course comes back at the same node.
		writeFileSync(file, original.replace(from, to));
		await expect(problems).toBeHidden({ timeout: LIVE_UPDATE_MS });
		await expect(page.locator('#course')).toBeVisible();
		await expect(main).toHaveAttribute('data-step', findings);
	});
});
