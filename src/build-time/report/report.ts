/**
 * The report from start to end, without touching the disk: exports in, the HTML page and the
 * JSON summary out. The command (`tools/report.ts`) reads the files and writes the results.
 */
import type { CourseBundle } from '../../lib/scenario/types.ts';
import { analyse, type Analysis, type ReportOptions } from './analyse.ts';
import { readExport } from './exports.ts';
import { reportHtml } from './html.ts';
import { publicSummary, type PublicSummary } from './summary.ts';

export interface ReportInput {
	file: string;
	bytes: Uint8Array;
}

export interface Report {
	analysis: Analysis;
	summary: PublicSummary;
	html: string;
}

export function buildReport(
	inputs: ReportInput[],
	bundles: CourseBundle[],
	options: ReportOptions & { learners?: boolean; generated?: string } = {}
): Report {
	const exports = inputs.map(({ file, bytes }) => readExport(file, bytes));
	const analysis = analyse(exports, bundles, { from: options.from, to: options.to });
	const summary = publicSummary(analysis, bundles, {
		learners: options.learners,
		generated: options.generated
	});
	return { analysis, summary, html: reportHtml(summary, bundles) };
}
