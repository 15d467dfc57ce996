import { describe, expect, it } from 'vitest';
import { percentileAbove, percentileBelow, unusualIndicators, unusualText } from './unusual';

describe('percentiles', () => {
	it('count the other seats strictly below or above', () => {
		expect(percentileBelow(4, [1, 2, 3, 4, 4])).toBe(3 / 4);
		expect(percentileAbove(1, [1, 2, 3, 4, null])).toBe(3 / 3);
		expect(percentileBelow(1, [1])).toBe(0);
	});
});

describe('unusualIndicators', () => {
	// Group of five seats; the seat is the last value of each.
	// a: 1, 2, 3, 4, 5 → median 3, mean 3, sd √2; seat 5 → z = 2/√2 = 1.414.
	// b: 10, 20, 30, 40, 0 → median 20, mean 20, sd √200; seat 0 → z = −20/√200 = −1.414… the same size:
	//    ties go by id.
	// c: 0, 0, 0, 50, 100 → median 0, mean 30, sd √1600 = 40; seat 100 → z = 2.5.
	// d: 0, 1, 0, 1, 1 → yes/no: not a measure of distance, never picked.
	const inputs = [
		{ id: 'b', label: 'B', value: 0, group: [10, 20, 30, 40, 0] },
		{ id: 'a', label: 'A', value: 5, group: [1, 2, 3, 4, 5] },
		{ id: 'c', label: 'C', value: 100, group: [0, 0, 0, 50, 100] },
		{ id: 'd', label: 'D', value: 1, group: [0, 1, 0, 1, 1] },
		{ id: 'e', label: 'E', value: null, group: [1, 2, 3, 4, null] }
	];

	it('picks the largest absolute z-scores from the group median, ties by id', () => {
		const u = unusualIndicators(inputs, 3);
		expect(u.map((x) => x.id)).toEqual(['c', 'a', 'b']);
		expect(u[0].z).toBeCloseTo(2.5, 12);
		expect(u[0].median).toBe(0);
		expect(u[1].z).toBeCloseTo(Math.SQRT2, 12);
		expect(u[2].z).toBeCloseTo(-Math.SQRT2, 12);
		expect(u[2].direction).toBe('lower');
		expect(unusualIndicators(inputs, 1).map((x) => x.id)).toEqual(['c']);
	});

	it('skips missing values and yes/no indicators', () => {
		const ids = unusualIndicators(inputs, 10).map((x) => x.id);
		expect(ids).not.toContain('d');
		expect(ids).not.toContain('e');
	});

	it('says it in plain words from the percentile', () => {
		const [c, a, b] = unusualIndicators(inputs, 3);
		expect(unusualText(c, 'England')).toBe('C is higher than in 100% of seats in England.');
		expect(unusualText(a, 'England')).toBe('A is higher than in 100% of seats in England.');
		expect(unusualText(b, 'Wales')).toBe('B is lower than in 100% of seats in Wales.');
		const [mid] = unusualIndicators([{ id: 'x', label: 'Leave 2016', value: 19, group: [...Array.from({ length: 20 }, (_, i) => i), 19] }], 1);
		// 19 of the 20 other seats are below 19 (the other 19 ties): 95%.
		expect(unusualText(mid, 'England')).toBe('Leave 2016 is higher than in 95% of seats in England.');
	});
});
