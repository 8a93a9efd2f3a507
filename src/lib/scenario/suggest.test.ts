import { describe, expect, it } from 'vitest';
import { closest, levenshtein, listOf, quoted } from './suggest.ts';

describe('levenshtein', () => {
	it('counts insertions, deletions and substitutions', () => {
		expect(levenshtein('kitten', 'sitting')).toBe(3);
		expect(levenshtein('', 'abc')).toBe(3);
		expect(levenshtein('same', 'same')).toBe(0);
	});
});

describe('closest', () => {
	const nodes = ['arrival', 'kitchen', 'good_end', 'poor_end'];

	it('suggests a near miss', () => {
		expect(closest('kitchn', nodes)).toBe('kitchen');
		expect(closest('god_end', nodes)).toBe('good_end');
	});

	it('forgives case, hyphens and spaces', () => {
		expect(closest('Good-End', nodes)).toBe('good_end');
		expect(closest('passMark', ['pass_mark', 'minutes'])).toBe('pass_mark');
	});

	it('suggests the one candidate a shortened name begins', () => {
		expect(closest('risk', ['risk_assessment', 'hidden_harm'])).toBe('risk_assessment');
		expect(closest('ris', ['risk_a', 'risk_b'])).toBeUndefined();
	});

	it('suggests nothing when nothing is close', () => {
		expect(closest('ambulance', nodes)).toBeUndefined();
		expect(closest('x', [])).toBeUndefined();
	});
});

describe('listOf and quoted', () => {
	it('lists items in backticks', () => {
		expect(listOf(['a', 'b', 'c'])).toBe('`a`, `b` or `c`');
		expect(listOf(['a', 'b'], 'and')).toBe('`a` and `b`');
		expect(listOf(['a'])).toBe('`a`');
	});

	it('keeps quoted values short and on one line', () => {
		expect(quoted('a\nb')).toBe('`a b`');
		expect(quoted('x'.repeat(80))).toBe(`\`${'x'.repeat(57)}...\``);
	});
});
