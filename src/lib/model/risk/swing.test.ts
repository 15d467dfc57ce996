import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { projectSeat, SWING_MODELS } from './swing';

// A three-party seat: Con 40, Lab 35, LD 25. Nationally Con rises 30 → 36, Lab falls 40 → 34.
const seat = [40, 35, 25];
const from = [30, 40, 30];
const to = [36, 34, 30];

describe('swing models on a hand-computed seat', () => {
	it('uniform: every party moves by its national change in points', () => {
		expect(projectSeat(seat, from, to, 'uniform')).toEqual([46, 29, 25]);
	});
	it('proportional: shares scale by the national ratio, then rescale to 100', () => {
		// 40·36/30 = 48, 35·34/40 = 29.75, 25 → total 102.75
		const x = projectSeat(seat, from, to, 'proportional');
		expect(x[0]).toBeCloseTo((48 * 100) / 102.75, 10);
		expect(x[1]).toBeCloseTo((29.75 * 100) / 102.75, 10);
		expect(x[2]).toBeCloseTo((25 * 100) / 102.75, 10);
	});
	it('transition: Labour loses 15% of its local vote (6 of 40 nationally), all of it to the riser', () => {
		const x = projectSeat(seat, from, to, 'transition');
		expect(x[0]).toBeCloseTo(45.25, 10);
		expect(x[1]).toBeCloseTo(29.75, 10);
		expect(x[2]).toBeCloseTo(25, 10);
	});
	it('uniform swing that would go negative is clipped and the rest rescaled', () => {
		const x = projectSeat([10, 60, 30], [20, 40, 40], [5, 55, 40], 'uniform');
		expect(x[0]).toBe(0);
		expect(x[1] + x[2]).toBeCloseTo(100, 10);
	});
	it('a party that stood nowhere in the nation does not appear', () => {
		const x = projectSeat([50, 50, 0], [50, 50, 0], [40, 60, 0], 'transition');
		expect(x[2]).toBe(0);
	});
	it('a party absent locally but standing in the nation gains under uniform and transition', () => {
		for (const model of ['uniform', 'transition'] as const) expect(projectSeat([60, 40, 0], [45, 45, 10], [35, 45, 20], model)[2]).toBeGreaterThan(0);
	});
});

const shares = (n: number) =>
	fc
		.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: n, maxLength: n })
		.filter((a) => a.reduce((x, y) => x + y, 0) > 0.01)
		.map((a) => {
			const t = a.reduce((x, y) => x + y, 0);
			return a.map((v) => (v * 100) / t);
		});

describe('projection invariants over arbitrary scenarios', () => {
	it('shares are never negative and sum to 100', () => {
		fc.assert(
			fc.property(shares(8), shares(8), shares(8), fc.constantFrom(...SWING_MODELS), (base, nFrom, nTo, model) => {
				const x = projectSeat(base, nFrom, nTo, model);
				expect(x.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
				expect(x.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
			}),
			{ numRuns: 500 }
		);
	});
	it('"no change" reproduces the base result', () => {
		fc.assert(
			fc.property(shares(8), shares(8), fc.constantFrom(...SWING_MODELS), (base, national, model) => {
				const x = projectSeat(base, national, national, model);
				x.forEach((v, i) => expect(v).toBeCloseTo(base[i], 9));
			}),
			{ numRuns: 300 }
		);
	});
});
