import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, classifyBivariate, NO_DATA_COLOUR, type ClassificationMethod } from './classify';
import { buildBivariateLegend, buildLegend, cellLabel, classColours, classRangeText, noDataReason, type SeatFacts } from './legend';

/** The 2010 set's 650 seats by nation. */
const NATIONS: [string, number][] = [
	['England', 533],
	['Scotland', 59],
	['Wales', 40],
	['Northern Ireland', 18]
];
const seats: SeatFacts[] = NATIONS.flatMap(([nation, n]) => Array.from({ length: n }, (_, i) => ({ nation, eligible: i % 3 === 0 })));
/** A GB-only indicator: a value everywhere but Northern Ireland. */
const gbOnly = seats.map((s, i) => (s.nation === 'Northern Ireland' ? null : (i * 37) % 101));

describe('noDataReason', () => {
	it('names Census 2011 and Northern Ireland when NI is wholly missing from a census indicator', () => {
		expect(noDataReason(seats, gbOnly, { kind: 'indicator', group: 'Census 2011' })).toBe('no Census 2011 for Northern Ireland');
	});

	it('names the nation for other sources missing a whole nation', () => {
		expect(noDataReason(seats, gbOnly, { kind: 'indicator', group: 'Deprivation' })).toBe('no data for Northern Ireland');
		const noScotlandOrNi = seats.map((s) => (s.nation === 'Scotland' || s.nation === 'Northern Ireland' ? null : 1));
		expect(noDataReason(seats, noScotlandOrNi, { kind: 'score' })).toBe('no data for Northern Ireland or Scotland');
		expect(noDataReason(seats, gbOnly, { kind: 'score', partial: true })).toBe('partial score, not comparable, for Northern Ireland');
	});

	it('says when the missing seats are all in Northern Ireland but not all of it', () => {
		const someNi = seats.map((s, i) => (s.nation === 'Northern Ireland' && i % 2 ? null : 1));
		expect(noDataReason(seats, someNi, { kind: 'score' })).toBe('no value (all in Northern Ireland)');
	});

	it('falls back to "no value", and to null when nothing is missing', () => {
		const scattered = seats.map((_, i) => (i % 50 === 0 ? NaN : 1));
		expect(noDataReason(seats, scattered, { kind: 'indicator', group: 'Census 2011' })).toBe('no value');
		expect(
			noDataReason(
				seats,
				seats.map(() => 1),
				{ kind: 'score' }
			)
		).toBeNull();
	});

	it('explains missing priority as ineligibility', () => {
		const priority = seats.map((s) => (s.eligible ? 0.5 : null));
		expect(noDataReason(seats, priority, { kind: 'priority' })).toBe('not eligible under the priority rules');
		expect(
			noDataReason(
				seats,
				priority.map((v, i) => (i === 0 ? null : v)),
				{ kind: 'priority' }
			)
		).toBe('not eligible, or no score');
	});

	it('says the ranking is waiting for the risk model while the P(loss) priority is pending', () => {
		expect(
			noDataReason(
				seats,
				seats.map(() => null),
				{ kind: 'priority', waiting: true }
			)
		).toBe('the ranking is waiting for the risk model (P(loss))');
		expect(
			noDataReason(
				seats,
				seats.map(() => null),
				{ kind: 'priority' }
			)
		).toBe('not eligible, or no score');
	});
});

describe('buildLegend', () => {
	it('counts add up to 650 for every method and class count, no-data included', () => {
		const methods: ClassificationMethod[] = ['quantile', 'equal-interval', 'jenks'];
		for (const method of methods) {
			for (let classes = 2; classes <= 9; classes++) {
				const c = classify(gbOnly, { method, classes });
				const legend = buildLegend(c, classColours('viridis', c.counts.length), 'no Census 2011 for Northern Ireland');
				expect(legend.total).toBe(650);
				expect(legend.classes.reduce((a, k) => a + k.count, 0) + legend.noData.count).toBe(650);
				expect(legend.noData).toEqual({ colour: NO_DATA_COLOUR, count: 18, reason: 'no Census 2011 for Northern Ireland' });
				expect(legend.classes).toHaveLength(c.breaks.length + 1);
			}
		}
	});

	it('holds for arbitrary values with nulls (property)', () => {
		const value = fc.option(fc.double({ min: -100, max: 100, noNaN: true }), { nil: null });
		fc.assert(
			fc.property(fc.array(value, { minLength: 650, maxLength: 650 }), fc.integer({ min: 2, max: 9 }), (values, classes) => {
				const c = classify(values, { method: 'jenks', classes });
				const legend = buildLegend(c, classColours('puor', c.counts.length), 'no value');
				expect(legend.total).toBe(650);
				expect(legend.noData.reason).toBe(c.missing ? 'no value' : null);
			}),
			{ numRuns: 25 }
		);
	});

	it('gives class limits and ranges, and a colour per class even for one class', () => {
		const c = classify([1, 2, 3, 4, null], { method: 'custom', customBreaks: [2, 10] });
		const legend = buildLegend(c, classColours('blues', 3), null);
		expect(legend.classes.map((k) => [k.from, k.to, k.min, k.max, k.count])).toEqual([
			[null, 2, 1, 2, 2],
			[2, 10, 3, 4, 2],
			[10, null, null, null, 0]
		]);
		expect(classRangeText(legend.classes[0], String)).toBe('1–2');
		expect(classRangeText(legend.classes[2], String)).toBe('> 10 (none)');
		expect(classRangeText({ ...legend.classes[0], min: -1.5, max: -0.5 }, String)).toBe('-1.5 to -0.5');
		expect(legend.noData.reason).toBeNull();
		expect(classColours('viridis', 1)).toHaveLength(1);
		expect(classColours('viridis', 1)[0]).not.toBe(NO_DATA_COLOUR);
	});
});

describe('buildBivariateLegend', () => {
	it('has nine cells whose counts plus no-data make 650', () => {
		const xs = seats.map((_, i) => i % 97);
		const ys = seats.map((s, i) => (s.nation === 'Northern Ireland' ? null : (i * 7) % 89));
		const legend = buildBivariateLegend(classifyBivariate(xs, ys), 'no data for Northern Ireland');
		expect(legend.cells).toHaveLength(9);
		expect(legend.total).toBe(650);
		expect(legend.noData.count).toBe(18);
		expect(legend.cells.find((c) => c.id === '2-2')?.colour).toBe('#3b4994');
		expect(cellLabel('2-0')).toBe('post-industrial high / threat low');
	});
});
