/**
 * What leaves the machine: the analysis with small numbers hidden, as the JSON summary, and the
 * only thing the HTML is drawn from, so the two can never disagree about what is private.
 *
 * Privacy rules: no names, e-mail addresses or LMS ids (learner keys appear only in the optional
 * per-learner rows, behind a warning); a count of 1 to 4 learners is the words "fewer than 5",
 * and so is any rate or median worked out from fewer than 5; a group (course, pathway) of fewer
 * than 5 learners shows nothing but that.
 */
import { basename } from 'node:path';
import type { CourseBundle, Outcome, Theme } from '../../lib/scenario/types.ts';
import { MIN_GROUP, type Analysis, type ChoiceFacts, type GroupStats } from './analyse.ts';
import type { NoticeKind } from './exports.ts';

export const FEWER = `fewer than ${MIN_GROUP}`;
export type Shown = number | typeof FEWER;

/** A count of learners as it may be shown. Nobody (0) identifies nobody. */
export function shown(count: number): Shown {
	return count > 0 && count < MIN_GROUP ? FEWER : count;
}

/** A whole percentage, or null when it would reveal a count of fewer than 5 or rest on one. */
function share(count: number, of: number): number | null {
	if (of < MIN_GROUP || (count > 0 && count < MIN_GROUP)) return null;
	return Math.round((100 * count) / of);
}

export interface ShownShare {
	learners: Shown;
	of: Shown;
	percent: number | null;
}

const shownShare = (count: number, of: number): ShownShare => ({
	learners: shown(count),
	of: shown(of),
	percent: share(count, of)
});

interface PublicChoice extends ChoiceFacts {
	first: ShownShare;
	/** Times chosen in every attempt. */
	all: Shown;
}

export interface PublicDecision {
	interaction: string;
	scenario: string;
	node: string;
	prompt: string;
	theme: Theme;
	reached: Shown;
	poorFirst: ShownShare;
	criticalFirst: ShownShare;
	trainingNeed: boolean;
	choices: PublicChoice[];
}

export interface PublicScenario {
	id: string;
	title: string;
	started: Shown;
	unfinished: Shown;
	arrows: { from: string; to: string; learners: Shown }[];
	endings: { ending: string; outcome: Outcome; learners: Shown }[];
}

export interface PublicGroup {
	course: { id: string; title: string; version: number; passMark: number };
	pathway: { id: string; title?: string } | null;
	learners: Shown;
	/** True when the group has fewer than 5 learners: nothing else about it is shown. */
	suppressed: boolean;
	attempts: Shown;
	notStarted: Shown;
	/** Null for a group too small to show. */
	completed: ShownShare | null;
	passed: ShownShare | null;
	medianMinutes: number | null;
	medianScore: number | null;
	themes: { theme: Theme; met: ShownShare }[];
	decisions: PublicDecision[];
	scenarios: PublicScenario[];
	change: {
		learners: Shown;
		firstMedianScore: number | null;
		lastMedianScore: number | null;
		passedFirst: Shown;
		passedLast: Shown;
	} | null;
}

interface LearnerLine {
	course: string;
	learner: string;
	attempts: number;
	firstScore: number | null;
	lastScore: number | null;
	passed: boolean;
	pathway: string | null;
}

export interface PublicSummary {
	title: string;
	generated: string;
	dateRange: { from: string | null; to: string | null } | null;
	privacy: string;
	sources: {
		file: string;
		format: string | null;
		rows: number;
		attempts: number;
		decisions: number;
		courses: string[];
	}[];
	notices: {
		total: number;
		byKind: Partial<Record<NoticeKind, number>>;
		list: { file: string; line: number; kind: NoticeKind; message: string; hint?: string }[];
	};
	/** Attempts left out because they started outside the date range. */
	outsideDates: number;
	groups: PublicGroup[];
	/** Only with --learners: per-learner rows that identify people. */
	learners?: LearnerLine[];
}

const PRIVACY_NOTE = `No names, e-mail addresses or LMS ids are shown. Any number of learners from 1 to ${MIN_GROUP - 1} is shown as “${FEWER}”, and so is anything worked out from fewer than ${MIN_GROUP} learners.`;

const roundTo = (value: number | undefined, places: number) =>
	value === undefined ? null : Math.round(value * 10 ** places) / 10 ** places;

function publicGroup(group: GroupStats, bundle: CourseBundle): PublicGroup {
	const small = group.learners < MIN_GROUP;
	const { course } = group;
	const base: PublicGroup = {
		course: {
			id: course.id,
			title: course.title,
			version: course.version,
			passMark: course.passMark
		},
		pathway: group.pathway ?? null,
		learners: shown(group.learners),
		suppressed: small,
		attempts: shown(group.attempts),
		notStarted: shown(group.notStarted),
		completed: null,
		passed: null,
		medianMinutes: null,
		medianScore: null,
		themes: [],
		decisions: [],
		scenarios: [],
		change: null
	};
	if (small) return base;
	const outcomes = new Map(
		bundle.scenarios.flatMap((s) =>
			s.nodes.flatMap((n) => (n.type === 'ending' ? [[`${s.id}.${n.id}`, n.outcome] as const] : []))
		)
	);
	return {
		...base,
		completed: shownShare(group.completed, group.statusKnown),
		passed: shownShare(group.passed, group.statusKnown),
		medianMinutes: group.timedAttempts >= MIN_GROUP ? roundTo(group.medianSeconds! / 60, 1) : null,
		medianScore: roundTo(group.medianScore, 1),
		themes: group.themes.map(({ theme, met, of }) => ({ theme, met: shownShare(met, of) })),
		decisions: group.decisions.map((d) => ({
			interaction: d.interaction,
			scenario: d.scenario,
			node: d.node,
			prompt: d.prompt,
			theme: d.theme,
			reached: shown(d.reached),
			poorFirst: shownShare(d.poorFirst, d.reached),
			criticalFirst: shownShare(d.criticalFirst, d.reached),
			trainingNeed: d.trainingNeed,
			choices: d.choices.map((c) => ({
				id: c.id,
				letter: c.letter,
				text: c.text,
				points: c.points,
				critical: c.critical,
				best: c.best,
				first: shownShare(c.first, d.reached),
				all: shown(c.all)
			}))
		})),
		scenarios: group.scenarios.map((s) => ({
			id: s.id,
			title: s.title,
			started: shown(s.started),
			unfinished: shown(s.unfinished),
			arrows: [...s.edges].map(([key, n]) => {
				const [from, to] = key.split('>') as [string, string];
				return { from, to, learners: shown(n) };
			}),
			endings: [...s.endings].map(([ending, n]) => ({
				ending,
				outcome: outcomes.get(`${s.id}.${ending}`) ?? 'mixed',
				learners: shown(n)
			}))
		})),
		change: group.change
			? {
					learners: shown(group.change.learners),
					firstMedianScore:
						group.change.learners >= MIN_GROUP ? roundTo(group.change.firstMedianScore, 1) : null,
					lastMedianScore:
						group.change.learners >= MIN_GROUP ? roundTo(group.change.lastMedianScore, 1) : null,
					passedFirst: shown(group.change.passedFirst),
					passedLast: shown(group.change.passedLast)
				}
			: null
	};
}

/** The summary that is written out: everything the report shows, and nothing more. */
export function publicSummary(
	analysis: Analysis,
	bundles: CourseBundle[],
	{ learners = false, generated = new Date().toISOString().slice(0, 10) } = {}
): PublicSummary {
	const byKind: Partial<Record<NoticeKind, number>> = {};
	for (const notice of analysis.notices) byKind[notice.kind] = (byKind[notice.kind] ?? 0) + 1;
	const { from, to } = analysis.options;
	const summary: PublicSummary = {
		title: 'Which decisions staff get wrong',
		generated,
		dateRange: from || to ? { from: from ?? null, to: to ?? null } : null,
		privacy: PRIVACY_NOTE,
		// Only a file's own name: the folders it sits in can name a person.
		sources: analysis.sources.map((s) => ({
			file: basename(s.file),
			format: s.format ?? null,
			rows: s.rows,
			attempts: s.attempts,
			decisions: s.decisions,
			courses: s.courses
		})),
		notices: {
			total: analysis.notices.length,
			byKind,
			list: analysis.notices.map((n) => ({ ...n, file: basename(n.file) }))
		},
		outsideDates: analysis.outsideDates,
		groups: analysis.groups.map((group) =>
			publicGroup(
				group,
				bundles.find((b) => b.course.id === group.course.id)!
			)
		)
	};
	if (learners) {
		summary.learners = analysis.groups
			.filter((g) => !g.pathway)
			.flatMap((g) =>
				g.learnerRows.map((row) => ({
					course: g.course.id,
					learner: row.learner,
					attempts: row.attempts,
					firstScore: row.firstScore ?? null,
					lastScore: row.lastScore ?? null,
					passed: row.passed,
					pathway: row.pathway ?? null
				}))
			);
	}
	return summary;
}
