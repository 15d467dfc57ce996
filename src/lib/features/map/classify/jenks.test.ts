import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, computeBreaks, goodnessOfVarianceFit, withinClassSquares } from './classify';
import { jenksBreaks } from './jenks';

/** Groups the values by the class classify() gives them, each group sorted. */
function groups(values: number[], classes: number): number[][] {
	const { classOf, counts } = classify(values, { method: 'jenks', classes });
	const out: number[][] = counts.map(() => []);
	values.forEach((v, i) => out[classOf[i] as number].push(v));
	return out.map((g) => g.sort((a, b) => a - b));
}

describe('Jenks natural breaks (Fisher optimal)', () => {
	// Published worked example: simple-statistics' documentation for ckmeans(), the optimal
	// 1-D partition minimising within-class squared deviations (the Fisher/Jenks criterion):
	//   ckmeans([-1, 2, -1, 2, 4, 5, 6, -1, 2, -1], 3)
	//   //= [[-1, -1, -1, -1], [2, 2, 2], [4, 5, 6]]
	// https://simple-statistics.github.io/docs/#ckmeans (src/ckmeans.js @example).
	it('reproduces the simple-statistics ckmeans documentation example', () => {
		const data = [-1, 2, -1, 2, 4, 5, 6, -1, 2, -1];
		expect(groups(data, 3)).toEqual([
			[-1, -1, -1, -1],
			[2, 2, 2],
			[4, 5, 6]
		]);
		expect(computeBreaks(data, { method: 'jenks', classes: 3 })).toEqual([-1, 2]);
		expect(classify(data, { method: 'jenks', classes: 3 }).classOf).toEqual([0, 1, 0, 1, 2, 2, 2, 0, 1, 0]);
	});

	// Further published cases from the same library's test suite (test/ckmeans.test.js).
	it.each([
		[
			[0, 1, 2, 100, 101, 103],
			2,
			[
				[0, 1, 2],
				[100, 101, 103]
			]
		],
		[[0, 1, 2, 50, 100, 101, 103], 3, [[0, 1, 2], [50], [100, 101, 103]]],
		[[3, 2, 3, 5, 2, 1], 3, [[1, 2, 2], [3, 3], [5]]],
		[[-3, 0, 4], 2, [[-3, 0], [4]]],
		[[0, 3, 4], 2, [[0], [3, 4]]],
		[[1, 2, 3, 2, 3], 3, [[1], [2, 2], [3, 3]]],
		[
			[4, 5, 9, 10],
			2,
			[
				[4, 5],
				[9, 10]
			]
		]
	])('groups %j into %i classes as published', (data, k, expected) => {
		expect(groups(data, k)).toEqual(expected);
	});

	it('matches a brute-force search over every contiguous partition', () => {
		const bruteForce = (sorted: number[], k: number): number => {
			let best = Infinity;
			// Choose k - 1 cut positions among 1..n-1, each class non-empty.
			const rec = (start: number, left: number, cuts: number[]) => {
				if (left === 1) {
					// Score cut positions directly: cuts inside a tie have no break value.
					const bounds = [0, ...cuts, sorted.length];
					let sse = 0;
					for (let g = 0; g + 1 < bounds.length; g++) {
						const part = sorted.slice(bounds[g], bounds[g + 1]);
						const mean = part.reduce((a, b) => a + b, 0) / part.length;
						sse += part.reduce((a, b) => a + (b - mean) ** 2, 0);
					}
					best = Math.min(best, sse);
					return;
				}
				for (let c = start; c <= sorted.length - left + 1; c++) rec(c + 1, left - 1, [...cuts, c]);
			};
			rec(1, k, []);
			return best;
		};
		fc.assert(
			fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 4, maxLength: 10 }), fc.integer({ min: 2, max: 4 }), (raw, k) => {
				const sorted = [...raw].sort((a, b) => a - b);
				const ours = withinClassSquares(sorted, jenksBreaks(sorted, k));
				expect(ours).toBeCloseTo(bruteForce(sorted, k), 9);
			}),
			{ numRuns: 300 }
		);
	});

	it('fits random data at least as well as equal-interval and quantile (GVF)', () => {
		fc.assert(
			fc.property(fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 10, maxLength: 300 }), fc.integer({ min: 2, max: 9 }), (values, classes) => {
				const gvf = (method: 'jenks' | 'quantile' | 'equal-interval') => goodnessOfVarianceFit(values, computeBreaks(values, { method, classes }));
				const jenks = gvf('jenks');
				expect(jenks).toBeGreaterThanOrEqual(gvf('quantile') - 1e-9);
				expect(jenks).toBeGreaterThanOrEqual(gvf('equal-interval') - 1e-9);
			}),
			{ numRuns: 200 }
		);
	});

	it('never splits tied values and copes with fewer distinct values than classes', () => {
		expect(jenksBreaks([1, 1, 2, 2, 3], 5)).toEqual([1, 2]);
		expect(jenksBreaks([7, 7, 7], 4)).toEqual([]);
		expect(jenksBreaks([], 4)).toEqual([]);
		const withTies = [1, 1, 1, 1, 2, 2, 2, 9, 9, 10, 10, 10];
		const { classOf } = classify(withTies, { method: 'jenks', classes: 4 });
		withTies.forEach((v, i) =>
			withTies.forEach((w, j) => {
				if (v === w) expect(classOf[i]).toBe(classOf[j]);
			})
		);
	});

	it('handles a UK-sized input deterministically', () => {
		const values = Array.from({ length: 650 }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 50);
		const a = jenksBreaks(
			[...values].sort((x, y) => x - y),
			9
		);
		expect(a).toHaveLength(8);
		expect(
			jenksBreaks(
				[...values].sort((x, y) => x - y),
				9
			)
		).toEqual(a);
	});
});
