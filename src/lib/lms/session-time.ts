/**
 * Session time strings for `cmi.core.session_time` (1.2) and `cmi.session_time` (2004).
 */
import type { ScormVersion } from './find-api';

/* The 1.2 CMITimespan has at most 4 hour digits; a longer session is reported as the maximum. */
const SCORM12_MAX_CENTISECONDS = (9999 * 3600 + 59 * 60 + 59) * 100 + 99;

/** Whole centiseconds, because both formats allow at most 2 decimals on the seconds. */
function toCentiseconds(milliseconds: number): number {
	if (!Number.isFinite(milliseconds) || milliseconds <= 0) return 0;
	return Math.round(milliseconds / 10);
}

function pad(value: number, width: number): string {
	return String(value).padStart(width, '0');
}

/**
 * Formats elapsed time as a SCORM 1.2 CMITimespan, `HHHH:MM:SS.SS`, e.g. `0000:03:07.25`.
 * Negative or non-finite input counts as zero; more than 9999 hours is capped.
 */
export function formatScorm12Timespan(milliseconds: number): string {
	const total = Math.min(toCentiseconds(milliseconds), SCORM12_MAX_CENTISECONDS);
	const hours = Math.floor(total / 360000);
	const minutes = Math.floor(total / 6000) % 60;
	const seconds = Math.floor(total / 100) % 60;
	const fraction = total % 100;
	return `${pad(hours, 4)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(fraction, 2)}`;
}

/**
 * Formats elapsed time as a SCORM 2004 ISO 8601 duration, `PT#H#M#S`, e.g. `PT3M7.25S`, with zero
 * parts left out and `PT0S` for nothing. Negative or non-finite input counts as zero.
 */
export function formatIso8601Duration(milliseconds: number): string {
	const total = toCentiseconds(milliseconds);
	const hours = Math.floor(total / 360000);
	const minutes = Math.floor(total / 6000) % 60;
	const centiseconds = total % 6000;
	const seconds =
		centiseconds % 100 === 0
			? String(centiseconds / 100)
			: `${Math.floor(centiseconds / 100)}.${pad(centiseconds % 100, 2).replace(/0$/, '')}`;
	let duration = 'PT';
	if (hours > 0) duration += `${hours}H`;
	if (minutes > 0) duration += `${minutes}M`;
	if (centiseconds > 0 || duration === 'PT') duration += `${seconds}S`;
	return duration;
}

/** Formats elapsed milliseconds as the session time string of the given edition. */
export function formatSessionTime(version: ScormVersion, milliseconds: number): string {
	return version === 'scorm12'
		? formatScorm12Timespan(milliseconds)
		: formatIso8601Duration(milliseconds);
}
