/**
 * The first screen a learner sees on a fresh launch, rendered to HTML when the package is made, so
 * it paints before any script runs (issue 13). Svelte's server renderer draws the same Player the
 * app mounts, with the welcome screen and the English interface; the packager puts the result in
 * the launch page, hidden from assistive technology and inert until the app replaces it.
 *
 * This module is compiled by Vite for Node (see build.ts), as it imports Svelte components.
 */
import { render } from 'svelte/server';
import Player from '../../lib/ui/Player.svelte';
import Notice from '../../lib/ui/Notice.svelte';
import { t } from '../../lib/i18n/index.ts';
import { NOT_STARTED_ID } from '../../lib/scenario/launch.ts';
import { scoreCourse } from '../../lib/engine/scoring.ts';
import type { LaunchCourse } from '../../lib/scenario/launch.ts';

export interface FirstScreen {
	/** The course title, for the page's `<title>`. */
	title: string;
	/** The player's markup with the welcome screen. */
	body: string;
	/** What the page shows instead if the app does not start: a template, so nothing until then. */
	notStarted: string;
}

const nothing = () => {};

export function renderFirstScreen(launch: LaunchCourse): FirstScreen {
	const { body } = render(Player, {
		props: {
			course: launch.course,
			estimates: launch.estimates,
			screen: { kind: 'welcome' },
			score: scoreCourse(launch, []),
			debrief: [],
			caseNotes: [],
			learnerName: null,
			// A package runs in an LMS; standalone, the app adds its banner when it starts.
			connected: true,
			finished: false,
			paused: false,
			notice: null,
			onstart: nothing,
			oncontinue: nothing,
			onchoose: nothing,
			onfinish: nothing,
			onpause: nothing,
			onretake: nothing
		}
	});
	const notice = render(Notice, {
		props: { heading: t('app.notStartedHeading'), text: t('app.notStarted') }
	}).body;
	const notStarted = `<template id="${NOT_STARTED_ID}">${notice}</template>`;
	return {
		title: launch.course.title,
		// marked, so a measure or a test can tell it from the app's own screen
		body: body.replace('<main ', '<main data-prerendered '),
		notStarted
	};
}
