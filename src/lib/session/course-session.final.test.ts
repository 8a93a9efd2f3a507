/**
 * Browsers may drop what a closing page sends (Chrome drops Moodle's synchronous XHR during
 * pagehide), so nothing the LMS must keep can wait for the page-close finish: once the learner
 * reaches the result, everything is written and committed, and only Terminate is left.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { extremePlaythroughs } from '../engine/paths.ts';
import { screenOf } from '../engine/screen.ts';
import { connectToLms } from '../lms/connection.ts';
import { recordCalls } from '../../../tests/fixtures/test-faults.ts';
import { clock, contentFrameUnder, lms2004, moodle12 } from '../../../tests/fixtures/test-lms.ts';
import { loadCourseBundle } from '../../build-time/scenario/files.ts';
import type { CourseBundle } from '../scenario/types.ts';
import { startCourseSession } from './course-session.ts';

let bundle: CourseBundle;
beforeAll(() => {
	const loaded = loadCourseBundle(
		resolve(import.meta.dirname, '../../../scenarios'),
		'gp_refresher'
	);
	if (!loaded.ok) throw new Error('the GP course does not load');
	bundle = loaded.value;
});

const versions = {
	scorm12: {
		make: moodle12,
		global: 'API',
		commit: 'LMSCommit',
		terminate: 'LMSFinish',
		sessionTime: '00:00:02',
		kept: ['cmi.core.lesson_status', 'cmi.core.score.raw', 'cmi.core.session_time']
	},
	scorm2004: {
		make: lms2004,
		global: 'API_1484_11',
		commit: 'Commit',
		terminate: 'Terminate',
		sessionTime: 'PT2S',
		kept: ['cmi.completion_status', 'cmi.success_status', 'cmi.score.raw', 'cmi.session_time']
	}
} as const;

describe.each(['scorm12', 'scorm2004'] as const)('%s', (version) => {
	const { make, global, commit, terminate, sessionTime, kept } = versions[version];

	/** Plays the course to its result; returns the LMS, the recorded calls and what each commit kept. */
	function toResult() {
		const api = make();
		const recorded = recordCalls(api);
		const committed: Record<string, unknown>[] = [];
		// What the LMS holds at each commit: all it would keep if no later call arrived.
		api.on(commit, () => committed.push({ ...api.getFlattenedCMI() }));
		const time = clock();
		const lms = connectToLms(contentFrameUnder({ [global]: recorded.api }), {
			version,
			now: () => time.advance(2000)
		});
		lms.start();
		const session = startCourseSession(bundle, lms, { now: time.now, defer: (job) => job() });
		const snapshot = () => session.run.actor.getSnapshot();
		session.send({ type: 'course.start' });
		for (const decision of extremePlaythroughs(bundle).best) {
			while (screenOf(bundle, snapshot()).kind !== 'decision')
				session.send({ type: 'step.continue' });
			session.send({ type: 'choice.select', choice: decision.choice });
		}
		while (snapshot().status !== 'done') session.send({ type: 'step.continue' });
		return { api, recorded, committed, session, lms };
	}

	it('leaves only the terminate call to send once the result is shown', () => {
		const { recorded, session, lms } = toResult();
		const before = recorded.calls.length;
		session.finish();
		expect(recorded.calls.slice(before).map(([method]) => method)).toEqual([terminate]);
		expect(lms.faults).toEqual([]);
	});

	it('loses no status, score, interaction or session time when the last call never arrives', () => {
		const { api, committed } = toResult();
		// The page closes and its finish is lost: the LMS keeps what the last commit held.
		const last = committed.at(-1)!;
		const now = api.getFlattenedCMI() as Record<string, unknown>;
		for (const element of kept) expect(last[element], element).toBeTruthy();
		// two seconds by the test clock from start to result, as each version writes it
		expect(last[kept.at(-1)!]).toBe(sessionTime);
		expect(last[kept[0]]).toBe(now[kept[0]]);
		const interactions = (flat: Record<string, unknown>) =>
			Object.keys(flat).filter((key) => /^cmi\.interactions\.\d+\.result$/.test(key)).length;
		expect(interactions(last)).toBe(extremePlaythroughs(bundle).best.length);
		expect(last).toEqual(now);
	});
});
