import { describe, expect, it } from 'vitest';
import { displayName } from './learner-name.ts';

describe('displayName', () => {
	it('turns the LMS form "Last, First" round', () => {
		expect(displayName('Learner, Preview')).toBe('Preview Learner');
		expect(displayName(' Jones ,  Ffion Haf ')).toBe('Ffion Haf Jones');
	});

	it('keeps a name without exactly one comma as the LMS gave it', () => {
		expect(displayName('Preview Learner')).toBe('Preview Learner');
		expect(displayName('Smith, John, Jr')).toBe('Smith, John, Jr');
		expect(displayName('Smith,')).toBe('Smith,');
	});

	it('has no name when the LMS gave none', () => {
		expect(displayName(null)).toBeNull();
		expect(displayName('  ')).toBeNull();
	});
});
