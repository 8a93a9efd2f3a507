/**
 * The page lifecycle: what a closing or hidden page asks of the connection.
 */
import type { LmsConnection } from './port';

/** What {@link finishOnPageHide} needs of a window; a real `Window` fits. */
export interface PageLifecycleTarget {
	addEventListener(
		type: 'pagehide' | 'pageshow' | 'visibilitychange',
		listener: (event: Event) => void
	): void;
	removeEventListener(
		type: 'pagehide' | 'pageshow' | 'visibilitychange',
		listener: (event: Event) => void
	): void;
	readonly document?: {
		readonly visibilityState?: string;
		addEventListener(type: 'visibilitychange', listener: () => void): void;
		removeEventListener(type: 'visibilitychange', listener: () => void): void;
	};
}

/**
 * Best-effort save when the learner closes the tab or navigates away: `pagehide` finishes the
 * session, `visibilitychange` to hidden only commits (the page may come back).
 *
 * `unload`/`beforeunload` are deliberately not used: Moodle 4.5 blocks `unload` by
 * Permissions-Policy, and `beforeunload` breaks the back/forward cache. An explicit finish button
 * remains the reliable path, because Chrome drops Moodle's synchronous XHR during page dismissal.
 *
 * A page the browser kept in its back/forward cache can come back after `pagehide`, with the
 * session already over: `restored` is told, so the learner is not left writing to nothing.
 *
 * @returns a function that removes the listeners.
 */
export function finishOnPageHide(
	connection: Pick<LmsConnection, 'finish' | 'commit'> & { restored?(): void },
	win: PageLifecycleTarget
): () => void {
	let hidden = false;
	const onPageHide = () => {
		hidden = true;
		connection.finish();
	};
	const onPageShow = (event: Event) => {
		if (hidden && (event as PageTransitionEvent).persisted) connection.restored?.();
	};
	const onVisibilityChange = () => {
		if (win.document?.visibilityState === 'hidden') connection.commit();
	};
	const visibilityTarget = win.document ?? win;
	win.addEventListener('pagehide', onPageHide);
	win.addEventListener('pageshow', onPageShow);
	visibilityTarget.addEventListener('visibilitychange', onVisibilityChange);
	return () => {
		win.removeEventListener('pagehide', onPageHide);
		win.removeEventListener('pageshow', onPageShow);
		visibilityTarget.removeEventListener('visibilitychange', onVisibilityChange);
	};
}
