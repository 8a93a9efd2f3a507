import { describe, expect, it } from 'vitest';
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { SCORM12_FORMAT, SCORM2004_FORMAT, validateScormValue } from './scorm-format';
import {
	formatIso8601Duration,
	formatScorm12Time,
	formatScorm12Timespan,
	formatScorm2004Timestamp
} from './session-time';
import { scorm12 as edition12 } from './edition-12';
import { scorm2004 as edition2004 } from './edition-2004';

const HOUR = 3_600_000;

const cases: readonly [ms: number, scorm12: string, scorm2004: string][] = [
	[0, '0000:00:00.00', 'PT0S'],
	[4, '0000:00:00.00', 'PT0S'],
	[5, '0000:00:00.01', 'PT0.01S'],
	[10, '0000:00:00.01', 'PT0.01S'],
	[500, '0000:00:00.50', 'PT0.5S'],
	[1000, '0000:00:01.00', 'PT1S'],
	[187_250, '0000:03:07.25', 'PT3M7.25S'],
	[59_996, '0000:01:00.00', 'PT1M'],
	[60_000, '0000:01:00.00', 'PT1M'],
	[HOUR, '0001:00:00.00', 'PT1H'],
	[HOUR + 5 * 60_000 + 3_250, '0001:05:03.25', 'PT1H5M3.25S'],
	[HOUR + 3_000, '0001:00:03.00', 'PT1H3S'],
	[26 * HOUR, '0026:00:00.00', 'PT26H'],
	[10_000 * HOUR, '9999:59:59.99', 'PT10000H'],
	[-5_000, '0000:00:00.00', 'PT0S'],
	[Number.NaN, '0000:00:00.00', 'PT0S'],
	[Number.POSITIVE_INFINITY, '0000:00:00.00', 'PT0S']
];

describe('session time formatting', () => {
	it.each(cases)('%d ms → %s / %s', (ms, scorm12, scorm2004) => {
		expect(formatScorm12Timespan(ms)).toBe(scorm12);
		expect(formatIso8601Duration(ms)).toBe(scorm2004);
		expect(edition12.formatSessionTime(ms)).toBe(scorm12);
		expect(edition2004.formatSessionTime(ms)).toBe(scorm2004);
	});

	const samples = [...cases.map(([ms]) => ms), ...Array.from({ length: 200 }, (_, i) => i ** 3.7)];

	it('always produces values our strict validators accept', () => {
		for (const ms of samples) {
			expect(
				validateScormValue(SCORM12_FORMAT, 'cmi.core.session_time', formatScorm12Timespan(ms))
			).toBeNull();
			expect(
				validateScormValue(SCORM2004_FORMAT, 'cmi.session_time', formatIso8601Duration(ms))
			).toBeNull();
		}
	});

	it('always produces values scorm-again accepts (error 0)', () => {
		const api12 = new Scorm12API({ logLevel: 5, autocommit: false });
		const api2004 = new Scorm2004API({ logLevel: 5, autocommit: false });
		api12.LMSInitialize('');
		api2004.Initialize('');
		for (const ms of samples) {
			const timespan = formatScorm12Timespan(ms);
			expect(api12.LMSSetValue('cmi.core.session_time', timespan), timespan).toBe('true');
			expect(api12.LMSGetLastError(), timespan).toBe('0');
			const duration = formatIso8601Duration(ms);
			expect(api2004.SetValue('cmi.session_time', duration), duration).toBe('true');
			expect(api2004.GetLastError(), duration).toBe('0');
		}
	});
});

describe('interaction time / timestamp formatting (local time)', () => {
	/* Built from local fields, so the expectations hold in every time zone. */
	const local = (...fields: [number, number, number, number, number, number, number?]) =>
		new Date(...fields).getTime();

	const moments: readonly [at: number, scorm12: string, scorm2004: string][] = [
		[local(2025, 10, 28, 14, 5, 9, 750), '14:05:09', '2025-11-28T14:05:09'],
		[local(2025, 0, 1, 0, 0, 0), '00:00:00', '2025-01-01T00:00:00'],
		[local(2031, 11, 31, 23, 59, 59, 999), '23:59:59', '2031-12-31T23:59:59'],
		[local(1970, 0, 1, 9, 30, 0), '09:30:00', '1970-01-01T09:30:00']
	];

	it.each(moments)('%d → %s / %s', (at, scorm12, scorm2004) => {
		expect(formatScorm12Time(at)).toBe(scorm12);
		expect(formatScorm2004Timestamp(at)).toBe(scorm2004);
		expect(validateScormValue(SCORM12_FORMAT, 'cmi.interactions.0.time', scorm12)).toBeNull();
		expect(
			validateScormValue(SCORM2004_FORMAT, 'cmi.interactions.0.timestamp', scorm2004)
		).toBeNull();
	});

	it('scorm-again accepts them (error 0)', () => {
		const api12 = new Scorm12API({ logLevel: 5, autocommit: false });
		const api2004 = new Scorm2004API({ logLevel: 5, autocommit: false });
		api12.LMSInitialize('');
		api2004.Initialize('');
		api12.LMSSetValue('cmi.interactions.0.id', 'q1');
		api2004.SetValue('cmi.interactions.0.id', 'q1');
		for (const [at] of moments) {
			expect(api12.LMSSetValue('cmi.interactions.0.time', formatScorm12Time(at))).toBe('true');
			const timestamp = formatScorm2004Timestamp(at);
			expect(api2004.SetValue('cmi.interactions.0.timestamp', timestamp), timestamp).toBe('true');
			expect(api2004.GetValue('cmi.interactions.0.timestamp')).toBe(timestamp);
		}
	});

	it('an invalid moment or one outside 1970-2038 gives a value the validator refuses', () => {
		for (const at of [Number.NaN, Number.POSITIVE_INFINITY, local(2039, 0, 1, 0, 0, 0)]) {
			expect(
				validateScormValue(
					SCORM2004_FORMAT,
					'cmi.interactions.0.timestamp',
					formatScorm2004Timestamp(at)
				)
			).toEqual(expect.any(String));
		}
		expect(
			validateScormValue(SCORM12_FORMAT, 'cmi.interactions.0.time', formatScorm12Time(Number.NaN))
		).toEqual(expect.any(String));
	});
});
