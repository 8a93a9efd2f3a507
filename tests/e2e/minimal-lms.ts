import type { Page } from '@playwright/test';

/**
 * The least a SCORM 1.2 LMS can be, put on the launch page itself before the course loads:
 * the tests that need to reach inside the LMS (make its Commit fail, see what each commit held,
 * name the learner) use it instead of the preview LMS. The page reaches it as `window.minimalLms`.
 */
export interface MinimalLms {
	data: Record<string, string>;
	/** `cmi.suspend_data` as each successful commit found it. */
	commits: string[];
	/** Whether Commit succeeds; a test may switch it at any time. */
	saving: boolean;
	error: string;
}

export async function withMinimalLms12(
	page: Page,
	{ data = {}, saving = true }: { data?: Record<string, string>; saving?: boolean } = {}
) {
	await page.addInitScript(
		({ data, saving }) => {
			const lms: MinimalLms = {
				data: {
					'cmi.core.lesson_status': 'not attempted',
					'cmi.core.entry': 'ab-initio',
					'cmi.interactions._count': '0',
					'cmi.objectives._count': '0',
					...data
				},
				commits: [],
				saving,
				error: '0'
			};
			const w = window as unknown as { minimalLms: MinimalLms; API: unknown };
			w.minimalLms = lms;
			w.API = {
				LMSInitialize: () => 'true',
				LMSFinish: () => 'true',
				LMSGetValue: (element: string) => lms.data[element] ?? '',
				LMSSetValue: (element: string, value: string) => {
					lms.data[element] = String(value);
					return 'true';
				},
				LMSCommit: () => {
					lms.error = lms.saving ? '0' : '101';
					if (lms.saving) lms.commits.push(lms.data['cmi.suspend_data'] ?? '');
					return String(lms.saving);
				},
				LMSGetLastError: () => lms.error,
				LMSGetErrorString: () => '',
				LMSGetDiagnostic: () => ''
			};
		},
		{ data, saving }
	);
}

/** Makes the minimal LMS's Commit succeed or fail from now on. */
export async function setSaving(page: Page, saving: boolean) {
	await page.evaluate((on) => {
		(window as unknown as { minimalLms: MinimalLms }).minimalLms.saving = on;
	}, saving);
}
