/**
 * Time strings: durations for `session_time` and interaction `latency` (1.2 CMITimespan, 2004
 * ISO 8601 duration), and points in time for the interaction `time` (1.2) / `timestamp` (2004).
 */

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

/** The local calendar fields of a moment; NaN fields for an invalid one (refused later). */
function localFields(epochMs: number) {
	const date = new Date(epochMs);
	return {
		year: date.getFullYear(),
		month: date.getMonth() + 1,
		day: date.getDate(),
		hours: date.getHours(),
		minutes: date.getMinutes(),
		seconds: date.getSeconds()
	};
}

/**
 * Formats a moment (ms since epoch) as a SCORM 1.2 CMITime, the local time of day `HH:MM:SS`,
 * e.g. `14:05:09`. An invalid moment gives a string the format validator refuses.
 */
export function formatScorm12Time(epochMs: number): string {
	const { hours, minutes, seconds } = localFields(epochMs);
	return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}`;
}

/**
 * Formats a moment (ms since epoch) as a SCORM 2004 timestamp in local time,
 * `YYYY-MM-DDThh:mm:ss`, e.g. `2025-11-28T14:05:09`. No time zone: the spec allows one only after
 * fractional seconds, and the 1.2 `time` is local too. An invalid moment, or a year outside
 * 1970-2038 (Moodle's range), gives a string the format validator refuses.
 */
export function formatScorm2004Timestamp(epochMs: number): string {
	const { year, month, day, hours, minutes, seconds } = localFields(epochMs);
	return (
		`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` +
		`T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}`
	);
}
