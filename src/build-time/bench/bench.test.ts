import { describe, expect, it } from 'vitest';
import { judge } from './budgets.ts';
import { firstScreenOf, type LcpEntry } from './launch.ts';
import { groupOf, moduleReport, shownModule } from './sizes.ts';
import { median, percentile } from './stats.ts';
import { minutes } from './run.ts';

describe('the bench’s statistics', () => {
	it('takes the median of odd and even counts', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
	});

	it('takes a nearest-rank p95: a time some step really took', () => {
		const sixty = Array.from({ length: 60 }, (_, i) => i + 1);
		expect(percentile(sixty, 95)).toBe(57);
		expect(percentile([10, 20, 30], 95)).toBe(30);
		expect(percentile([7], 95)).toBe(7);
	});

	it('judges a figure against its budget with the ratio', () => {
		expect(judge(90, 100, 'x')).toEqual({
			value: 90,
			budget: 100,
			ratio: 0.9,
			ok: true,
			basis: 'x'
		});
		expect(judge(100, 100, 'x').ok).toBe(true);
		expect(judge(101, 100, 'x').ok).toBe(false);
	});
});

describe('the first screen', () => {
	const entry = (time: number, content: boolean): LcpEntry => ({
		time,
		size: time,
		element: 'p',
		screen: content ? 'welcome' : 'loading',
		content
	});

	it('is the last largest paint of course content before the first click', () => {
		const lcp = [entry(100, false), entry(200, true), entry(300, true), entry(900, true)];
		expect(firstScreenOf(lcp, 500)?.time).toBe(300);
		expect(firstScreenOf(lcp)?.time).toBe(900);
	});

	it('is never a loading screen, however large', () => {
		expect(firstScreenOf([entry(200, true), entry(300, false)])?.time).toBe(200);
		expect(firstScreenOf([entry(300, false)])).toBeUndefined();
	});
});

describe('the module size report', () => {
	it('groups modules by npm package and by the app’s folders', () => {
		expect(groupOf('../../main/node_modules/svelte/src/internal/client/runtime.js')).toBe('svelte');
		expect(groupOf('node_modules/@sveltejs/kit/src/runtime/client/client.js')).toBe(
			'@sveltejs/kit'
		);
		expect(groupOf('src/lib/lms/edition-12.ts')).toBe('src/lib/lms');
		expect(groupOf('src/lib/ui/Player.svelte?svelte&type=style&lang.css')).toBe('src/lib/ui');
		expect(groupOf('src/routes/+page.svelte')).toBe('src/routes');
		expect(groupOf('.svelte-kit/generated/client-optimized/app.js')).toBe('SvelteKit (generated)');
		expect(groupOf('\0vite/preload-helper.js')).toBe('bundler helpers');
		expect(shownModule('../../main/node_modules/xstate/dist/raise.esm.js')).toBe(
			'xstate/dist/raise.esm.js'
		);
	});

	it('sums each group and lists the heaviest modules first', () => {
		const report = moduleReport([
			{ id: 'node_modules/xstate/a.js', bytes: 100, gzip: 40 },
			{ id: 'node_modules/xstate/b.js', bytes: 50, gzip: 20 },
			{ id: 'src/lib/engine/x.ts', bytes: 120, gzip: 50 },
			{ id: 'src/lib/engine/empty.ts', bytes: 0, gzip: 20 }
		]);
		expect(report.groups).toEqual([
			{ group: 'xstate', modules: 2, bytes: 150, gzip: 60 },
			{ group: 'src/lib/engine', modules: 2, bytes: 120, gzip: 70 }
		]);
		expect(report.heaviest.map((m) => m.id)).toEqual([
			'src/lib/engine/x.ts',
			'node_modules/xstate/a.js',
			'node_modules/xstate/b.js'
		]);
	});
});

describe('the progress line', () => {
	it('reads durations in whole seconds, carried into minutes', () => {
		expect(minutes(59.4)).toBe('59 s');
		expect(minutes(59.6)).toBe('1 min 00 s');
		expect(minutes(239.6)).toBe('4 min 00 s');
		expect(minutes(305)).toBe('5 min 05 s');
	});
});
