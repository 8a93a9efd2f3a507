import { describe, expect, it } from 'vitest';
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { validateScormValue } from './scorm-format';
import { formatIso8601Duration, formatScorm12Timespan, formatSessionTime } from './session-time';

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
		expect(formatSessionTime('scorm12', ms)).toBe(scorm12);
		expect(formatSessionTime('scorm2004', ms)).toBe(scorm2004);
	});

	const samples = [...cases.map(([ms]) => ms), ...Array.from({ length: 200 }, (_, i) => i ** 3.7)];

	it('always produces values our strict validators accept', () => {
		for (const ms of samples) {
			expect(
				validateScormValue('scorm12', 'cmi.core.session_time', formatScorm12Timespan(ms))
			).toBeNull();
			expect(
				validateScormValue('scorm2004', 'cmi.session_time', formatIso8601Duration(ms))
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
