/**
 * The page lifecycle: what a closing or hidden page asks of the connection.
 */
import type { LmsConnection } from './port';

/** What {@link finishOnPageHide} needs of a window; a real `Window` fits. */
export interface PageLifecycleTarget {
	addEventListener(type: 'pagehide' | 'visibilitychange', listener: () => void): void;
	removeEventListener(type: 'pagehide' | 'visibilitychange', listener: () => void): void;
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
 * @returns a function that removes the listeners.
 */
export function finishOnPageHide(
	connection: Pick<LmsConnection, 'finish' | 'commit'>,
	win: PageLifecycleTarget
): () => void {
	const onPageHide = () => connection.finish();
	const onVisibilityChange = () => {
		if (win.document?.visibilityState === 'hidden') connection.commit();
	};
	const visibilityTarget = win.document ?? win;
	win.addEventListener('pagehide', onPageHide);
	visibilityTarget.addEventListener('visibilitychange', onVisibilityChange);
	return () => {
		win.removeEventListener('pagehide', onPageHide);
		visibilityTarget.removeEventListener('visibilitychange', onVisibilityChange);
	};
}
