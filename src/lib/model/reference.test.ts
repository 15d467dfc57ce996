import { describe, expect, it } from 'vitest';
import type { IndicatorSetting, ScoreDefinition } from './definition';
import { impute, isEligible, median, normalise, percentRank, rankDescending, scoreSeats, type SeatInput } from './reference';

const setting = (id: string, over: Partial<IndicatorSetting> = {}): IndicatorSetting => ({
	id,
	weight: 1,
	direction: 1,
	normalisation: 'minmax',
	nullPolicy: 'reweight',
	...over
});

function definition(post: IndicatorSetting[], threat: IndicatorSetting[] = [setting('t')]): ScoreDefinition {
	return {
		version: 1,
		lens: '2015-ukip',
		scores: { postIndustrial: post, threat },
		priority: { method: 'geometric', eligibility: { holders: [], nations: [], regions: [], minPostIndustrialPercentile: 0, minThreatPercentile: 0 } }
	};
}

const seat = (code: string, nation: string, values: Record<string, number | null>, holder = 'lab'): SeatInput => ({ code, nation, region: nation, holder, values });

describe('normalisations on hand-computed inputs', () => {
	it('z-score uses the population standard deviation', () => {
		// mean 5, population sd 2 for [2, 4, 4, 4, 5, 5, 7, 9]
		const z = normalise([2, 4, 4, 4, 5, 5, 7, 9], 'zscore');
		expect(z).toEqual([-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);
	});
	it('min–max maps to 0..1', () => {
		expect(normalise([10, 15, 20, null], 'minmax')).toEqual([0, 0.5, 1, null]);
	});
	it('percentile rank: share of others strictly below, ties share a rank', () => {
		expect(normalise([30, 10, 20, 20, null], 'percentile')).toEqual([1, 0, 1 / 3, 1 / 3, null]);
		expect(percentRank([5])).toEqual([0]);
	});
	it('a constant column normalises to 0 rather than NaN', () => {
		for (const m of ['zscore', 'minmax', 'percentile'] as const) expect(normalise([3, 3, 3], m)).toEqual([0, 0, 0]);
	});
});

describe('null policies', () => {
	const nations = ['England', 'England', 'England', 'Wales', 'Northern Ireland'];
	const column = [1, 2, 10, 4, null];
	it('median interpolates like DuckDB', () => {
		expect(median([1, 2, 10, 4])).toBe(3);
		expect(median([])).toBeNull();
	});
	it('imputes the national median', () => {
		expect(impute(column, nations, 'impute-national-median')).toEqual([1, 2, 10, 4, 3]);
	});
	it("imputes the nation's median, falling back to national where the nation has none (NI census)", () => {
		expect(impute([1, 2, 10, null, null], nations, 'impute-nation-median')).toEqual([1, 2, 10, 2, 2]);
		expect(impute([1, 2, null, 4, 8], nations, 'impute-nation-median')).toEqual([1, 2, 1.5, 4, 8]);
	});
	it('exclude gives the seat no score; reweight drops the indicator for that seat', () => {
		const seats = [seat('A', 'England', { a: 0, b: 0, t: 1 }), seat('B', 'England', { a: 10, b: 10, t: 2 }), seat('NI', 'Northern Ireland', { a: null, b: 5, t: 3 })];
		const excluded = scoreSeats(seats, definition([setting('a', { nullPolicy: 'exclude' }), setting('b')]));
		expect(excluded.map((s) => s.postIndustrial)).toEqual([0, 1, null]);
		expect(excluded[2].postIndustrialRank).toBeNull();
		expect(excluded[2].eligible).toBe(false);
		const reweighted = scoreSeats(seats, definition([setting('a', { weight: 3 }), setting('b')]));
		// NI keeps only b: min–max of 5 in [0, 10] = 0.5, re-weighted to the whole score.
		expect(reweighted.map((s) => s.postIndustrial)).toEqual([0, 1, 0.5]);
	});
	it('Northern Ireland with no census gets an imputed score under the nation-median policy', () => {
		const seats = [seat('E1', 'England', { a: 0, t: 1 }), seat('E2', 'England', { a: 10, t: 2 }), seat('N1', 'Northern Ireland', { a: null, t: 3 })];
		const scored = scoreSeats(seats, definition([setting('a', { nullPolicy: 'impute-nation-median' })]));
		expect(scored[2].postIndustrial).toBe(0.5);
	});
});

describe('direction and weights', () => {
	const seats = [seat('A', 'England', { a: 1, b: 30, t: 1 }), seat('B', 'England', { a: 2, b: 20, t: 2 }), seat('C', 'England', { a: 3, b: 10, t: 3 })];
	it('direction −1 flips the order', () => {
		const up = scoreSeats(seats, definition([setting('a')]));
		const down = scoreSeats(seats, definition([setting('a', { direction: -1 })]));
		expect(up.map((s) => s.postIndustrialRank)).toEqual([3, 2, 1]);
		expect(down.map((s) => s.postIndustrialRank)).toEqual([1, 2, 3]);
		expect(down.map((s) => s.postIndustrial)).toEqual([1, 0.5, 0]);
	});
	it('a weighted mean of normalised values', () => {
		// a: 0, .5, 1; b flipped: 0, .5, 1 reversed → b raw high = low score
		const scored = scoreSeats(seats, definition([setting('a', { weight: 3 }), setting('b', { weight: 1 })]));
		expect(scored.map((s) => s.postIndustrial)).toEqual([(3 * 0 + 1) / 4, (1.5 + 0.5) / 4, 3 / 4]);
	});
	it('zero-weight indicators are ignored, even with the exclude policy', () => {
		const withNull = [...seats, seat('D', 'England', { a: 4, b: null, t: 4 })];
		const scored = scoreSeats(withNull, definition([setting('a'), setting('b', { weight: 0, nullPolicy: 'exclude' })]));
		expect(scored[3].postIndustrial).toBe(1);
	});
});

describe('priority and eligibility', () => {
	it('geometric mean of percentiles among eligible seats; ranks count only eligible seats', () => {
		const seats = [seat('A', 'England', { a: 1, t: 1 }, 'con'), seat('B', 'England', { a: 2, t: 2 }), seat('C', 'Wales', { a: 3, t: 3 })];
		const d = definition([setting('a')]);
		d.priority.eligibility.holders = ['lab'];
		const scored = scoreSeats(seats, d);
		expect(scored.map((s) => s.eligible)).toEqual([false, true, true]);
		expect(scored.map((s) => s.priority)).toEqual([null, 0.5, 1]);
		expect(scored.map((s) => s.priorityRank)).toEqual([null, 2, 1]);
		d.priority.eligibility.nations = ['England'];
		expect(scoreSeats(seats, d).map((s) => s.priorityRank)).toEqual([null, 1, null]);
		d.priority.eligibility = { holders: [], nations: [], regions: [], minPostIndustrialPercentile: 60, minThreatPercentile: 0 };
		expect(scoreSeats(seats, d).map((s) => s.eligible)).toEqual([false, false, true]);
	});
	it('ranks ties with competition ranking', () => {
		expect(rankDescending([5, 7, 7, null, 1])).toEqual([3, 1, 1, null, 4]);
	});
});

describe("the Speaker's seat", () => {
	const any = { holders: [], nations: [], regions: [], minPostIndustrialPercentile: 0, minThreatPercentile: 0 };
	it('is never eligible, whatever the filters allow', () => {
		expect(isEligible({ holder: 'speaker', nation: 'England', region: 'North West' }, any, 0.9, 0.9)).toBe(false);
		expect(isEligible({ holder: 'speaker', nation: 'England', region: 'North West' }, { ...any, holders: ['speaker'] }, 0.9, 0.9)).toBe(false);
		expect(isEligible({ holder: 'lab', nation: 'England', region: 'North West' }, any, 0.9, 0.9)).toBe(true);
	});
});
