import { describe, expect, it } from 'vitest';
import { formatNumber, formatWithUnit, rankDescending } from './format';

describe('format', () => {
	it('formats by magnitude and never prints a negative zero', () => {
		expect(formatNumber(1234.5)).toBe('1235');
		expect(formatNumber(12.345)).toBe('12.3');
		expect(formatNumber(1.2345)).toBe('1.23');
		expect(formatNumber(-0.1234)).toBe('-0.123');
		expect(formatNumber(-0.0001)).toBe('0.000');
		expect(formatNumber(null)).toBe('—');
		expect(formatNumber(NaN)).toBe('—');
		expect(formatWithUnit(12.34, '% of residents')).toBe('12.3% of residents');
		expect(formatWithUnit(0.5, 'score')).toBe('0.500 (score)');
		expect(formatWithUnit(null, 'score')).toBe('—');
	});

	it('ranks high-to-low with shared ranks for ties and null for missing', () => {
		expect(rankDescending([5, null, 9, 5, 1, NaN])).toEqual([2, null, 1, 2, 4, null]);
		expect(rankDescending([])).toEqual([]);
	});
});
