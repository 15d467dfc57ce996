import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignClass, CLASSIFICATION_METHODS, ClassificationError, clampClasses, classify, computeBreaks, type ClassificationMethod } from './classify';

const AUTO: ClassificationMethod[] = ['quantile', 'equal-interval', 'jenks'];

/** Every pair of equal present values must share a class. */
function expectTiesTogether(values: (number | null)[], classOf: (number | null)[]) {
	const seen = new Map<number, number | null>();
	values.forEach((v, i) => {
		if (v === null || !Number.isFinite(v)) return;
		if (!seen.has(v)) seen.set(v, classOf[i]);
		expect(classOf[i]).toBe(seen.get(v));
	});
}

describe('assignClass: breaks are inclusive upper bounds', () => {
	const breaks = [10, 20, 30];
	it.each([
		[-5, 0],
		[10, 0],
		[10.0001, 1],
		[20, 1],
		[25, 2],
		[30, 2],
		[31, 3],
		[1e9, 3]
	])('%d goes to class %i', (v, c) => expect(assignClass(v, breaks)).toBe(c));
	it('returns null for missing values and puts everything in class 0 with no breaks', () => {
		for (const v of [null, undefined, NaN, Infinity, -Infinity]) expect(assignClass(v, breaks)).toBeNull();
		expect(assignClass(42, [])).toBe(0);
	});
});

describe('quantile', () => {
	it('splits distinct values into equal classes', () => {
		const values = Array.from({ length: 650 }, (_, i) => i);
		const { counts, breaks } = classify(values, { method: 'quantile', classes: 5 });
		expect(counts).toEqual([130, 130, 130, 130, 130]);
		expect(breaks).toEqual([129, 259, 389, 519]);
	});

	it('matches the textbook ceil(i·n/k) cuts on untied data', () => {
		const r = classify([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], { method: 'quantile', classes: 4 });
		expect(r.breaks).toEqual([3, 5, 8]);
		expect(r.counts).toEqual([3, 2, 3, 2]);
	});

	it('keeps a tie straddling a boundary in one class', () => {
		// The 25% and 50% points both fall inside the run of 5s.
		const values = [1, 2, 5, 5, 5, 5, 5, 5, 7, 8, 9, 10];
		const r = classify(values, { method: 'quantile', classes: 4 });
		expectTiesTogether(values, r.classOf);
		expect(r.breaks).toEqual([2, 5, 8]);
		expect(r.counts).toEqual([2, 6, 2, 2]);
	});

	it('gives each distinct value its own class when there are fewer than the classes', () => {
		const r = classify([3, 1, 2, 2, 1, 1], { method: 'quantile', classes: 5 });
		expect(r.breaks).toEqual([1, 2]);
		expect(r.counts).toEqual([3, 2, 1]);
		expect(r.ranges).toEqual([
			{ min: 1, max: 1 },
			{ min: 2, max: 2 },
			{ min: 3, max: 3 }
		]);
		// Even when a big tie at the top would swallow the quantile positions.
		expect(classify([1, 2, 3, 3, 3, 3, 3, 3, 3, 3], { method: 'quantile', classes: 3 }).counts).toEqual([1, 1, 8]);
	});

	it('ignores nulls and NaN when placing breaks', () => {
		const r = classify([null, 4, NaN, 1, 3, null, 2], { method: 'quantile', classes: 2 });
		expect(r.breaks).toEqual([2]);
		expect(r.classOf).toEqual([null, 1, null, 0, 1, null, 0]);
		expect(r.missing).toBe(3);
	});

	it('keeps ties together on arbitrary data', () => {
		fc.assert(
			fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }), { maxLength: 80 }), fc.integer({ min: 2, max: 9 }), (values, classes) => {
				for (const method of AUTO) {
					const r = classify(values, { method, classes });
					expectTiesTogether(values, r.classOf);
					// Data-driven methods never make an empty class (unless there is no data).
					if (method !== 'equal-interval' && r.missing < values.length) {
						expect(r.counts.every((c) => c > 0)).toBe(true);
					}
				}
			})
		);
	});
});

describe('equal interval', () => {
	it('cuts the range into equal widths, values on a break going down', () => {
		const r = classify([0, 2, 5, 8, 10, null], { method: 'equal-interval', classes: 5 });
		expect(r.breaks).toEqual([2, 4, 6, 8]);
		expect(r.classOf).toEqual([0, 0, 2, 3, 4, null]);
		expect(r.counts).toEqual([2, 0, 1, 1, 1]);
		expect(r.ranges[1]).toEqual({ min: null, max: null });
	});

	it('treats tied values alike and leaves gaps as empty classes', () => {
		const r = classify([0, 0, 0, 0, 100], { method: 'equal-interval', classes: 4 });
		expect(r.breaks).toEqual([25, 50, 75]);
		expect(r.counts).toEqual([4, 0, 0, 1]);
	});
});

describe('degenerate data (all methods)', () => {
	it.each(AUTO)('%s: all-equal values make one class with no NaN breaks', (method) => {
		const r = classify([7, 7, null, 7, 7], { method, classes: 5 });
		expect(r.breaks).toEqual([]);
		expect(r.counts).toEqual([4]);
		expect(r.ranges).toEqual([{ min: 7, max: 7 }]);
		expect(r.missing).toBe(1);
	});

	it.each(AUTO)('%s: empty and all-missing input', (method) => {
		expect(classify([], { method, classes: 5 })).toEqual({
			breaks: [],
			classOf: [],
			counts: [0],
			missing: 0,
			ranges: [{ min: null, max: null }]
		});
		const r = classify([null, NaN, undefined, Infinity], { method, classes: 5 });
		expect(r.breaks).toEqual([]);
		expect(r.classOf).toEqual([null, null, null, null]);
		expect(r.counts).toEqual([0]);
		expect(r.missing).toBe(4);
	});

	it.each(AUTO)('%s: a single value and two values', (method) => {
		expect(classify([5], { method, classes: 3 }).counts).toEqual([1]);
		const two = classify([1, 2], { method, classes: 3 });
		expect(two.classOf[0]).not.toBe(two.classOf[1]);
	});

	it('clamps classes to 2..9 and defaults when the count is not a number', () => {
		expect(clampClasses(1)).toBe(2);
		expect(clampClasses(0)).toBe(2);
		expect(clampClasses(20)).toBe(9);
		expect(clampClasses(4.4)).toBe(4);
		expect(clampClasses(NaN)).toBe(5);
		expect(clampClasses(undefined)).toBe(5);
		const values = Array.from({ length: 100 }, (_, i) => i);
		for (const method of AUTO) {
			expect(computeBreaks(values, { method, classes: 50 })).toHaveLength(8);
			expect(computeBreaks(values, { method, classes: 1 })).toHaveLength(1);
		}
	});
});

describe('custom breaks', () => {
	it('uses the breaks as given, empty classes included', () => {
		const r = classify([5, 15, 15, 35, null], { method: 'custom', customBreaks: [10, 20, 30] });
		expect(r.breaks).toEqual([10, 20, 30]);
		expect(r.counts).toEqual([1, 2, 0, 1]);
		expect(r.missing).toBe(1);
	});

	it('rejects bad breaks with a ClassificationError', () => {
		const bad: number[][] = [[], [1, NaN], [1, Infinity], [3, 2], [1, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9]];
		for (const customBreaks of bad) {
			expect(() => classify([1, 2], { method: 'custom', customBreaks })).toThrow(ClassificationError);
		}
		expect(() => computeBreaks([1], { method: 'custom' })).toThrow(ClassificationError);
	});
});

describe('legend counts add up', () => {
	const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -3, max: 3 }), fc.constant(null), fc.constant(NaN), fc.constant(Infinity));

	it('counts + missing = input length for every method', () => {
		fc.assert(
			fc.property(fc.array(value, { maxLength: 200 }), fc.integer({ min: -2, max: 14 }), (values, classes) => {
				for (const method of CLASSIFICATION_METHODS) {
					const r = classify(values, { method, classes, customBreaks: [-1, 0, 1] });
					const total = r.counts.reduce((a, b) => a + b, 0);
					expect(total + r.missing).toBe(values.length);
					expect(r.counts).toHaveLength(r.breaks.length + 1);
					expect(r.classOf).toHaveLength(values.length);
					expect(r.breaks.every(Number.isFinite)).toBe(true);
					expect(r.classOf.filter((c) => c === null)).toHaveLength(r.missing);
				}
			})
		);
	});

	it('counts + missing = 650 for a 650-seat array', () => {
		fc.assert(
			fc.property(fc.array(value, { minLength: 650, maxLength: 650 }), fc.integer({ min: 2, max: 9 }), (values, classes) => {
				for (const method of AUTO) {
					const r = classify(values, { method, classes });
					expect(r.counts.reduce((a, b) => a + b, 0) + r.missing).toBe(650);
				}
			}),
			{ numRuns: 30 }
		);
	});
});
