import { describe, expect, it } from 'vitest';
import { distance, nearestSeats, standardise, type SeatValues } from './similarity';

// Four seats at the corners of a square, worked by hand:
// indicator 1 is 0, 2, 0, 2 (mean 1, sd 1) and indicator 2 is 0, 0, 2, 2, so z is ±1 on both.
const square: SeatValues[] = [
	{ code: 'A', values: [0, 0] },
	{ code: 'B', values: [2, 0] },
	{ code: 'C', values: [0, 2] },
	{ code: 'D', values: [2, 2] }
];

describe('standardise', () => {
	it('gives z-scores over the seats with a value (population sd)', () => {
		const s = standardise(square, 2);
		expect(s.stats).toEqual([
			{ mean: 1, sd: 1 },
			{ mean: 1, sd: 1 }
		]);
		expect(s.z.get('A')).toEqual([-1, -1]);
		expect(s.z.get('D')).toEqual([1, 1]);
		expect(s.used).toBe(2);
	});

	it('leaves out an indicator with no spread or fewer than two values', () => {
		const s = standardise(
			[
				{ code: 'A', values: [5, 1, null] },
				{ code: 'B', values: [5, 3, 7] }
			],
			3
		);
		expect(s.stats).toEqual([null, { mean: 2, sd: 1 }, null]);
		expect(s.z.get('A')).toEqual([null, -1, null]);
		expect(s.used).toBe(1);
	});

	it('makes the neighbours independent of each indicator’s units', () => {
		const scaled = square.map((s) => ({ code: s.code, values: [s.values[0]! * 50, s.values[1]! / 10 + 3] }));
		expect(nearestSeats(scaled, 'A', { k: 3 }).neighbours).toEqual(nearestSeats(square, 'A', { k: 3 }).neighbours);
	});
});

describe('nearestSeats', () => {
	it('breaks ties by code: from A, B and C are both 2 away, D is √8', () => {
		const near = nearestSeats(square, 'A', { k: 3 });
		expect(near.neighbours.map((n) => n.code)).toEqual(['B', 'C', 'D']);
		expect(near.neighbours[0].distance).toBeCloseTo(2, 12);
		expect(near.neighbours[1].distance).toBeCloseTo(2, 12);
		expect(near.neighbours[2].distance).toBeCloseTo(Math.sqrt(8), 12);
		// The input order does not matter either.
		expect(nearestSeats([...square].reverse(), 'A', { k: 3 }).neighbours.map((n) => n.code)).toEqual(['B', 'C', 'D']);
	});

	it('never lists the seat itself, and returns at most k', () => {
		expect(nearestSeats(square, 'D', { k: 2 }).neighbours.map((n) => n.code)).toEqual(['B', 'C']);
		expect(nearestSeats(square, 'D', { k: 10 }).neighbours).toHaveLength(3);
		expect(nearestSeats(square, 'nowhere', { k: 3 }).neighbours).toEqual([]);
	});

	// N is a Northern Ireland seat: no value for indicator 1 (a GB-only Census column).
	// Indicator 2 is then 0, 0, 2, 2, 1: mean 1, sd √0.8, so A's z is −1/√0.8 and N's is 0.
	const withNi: SeatValues[] = [...square, { code: 'N', values: [null, 1] }];

	it('compares over the shared indicators and rescales by used ÷ shared', () => {
		const fromN = nearestSeats(withNi, 'N', { k: 4 });
		// One shared indicator of two: d = |0 − (±1/√0.8)| × √(2/1) = √2.5 for all four, so by code.
		expect(fromN.neighbours.map((n) => n.code)).toEqual(['A', 'B', 'C', 'D']);
		for (const n of fromN.neighbours) {
			expect(n.distance).toBeCloseTo(Math.sqrt(2.5), 12);
			expect(n.shared).toBe(1);
		}
		const fromA = nearestSeats(withNi, 'A', { k: 4 });
		// B: (1 − −1) on indicator 1 only → 2; C: √(0 + (2/√0.8)²) = √5; D: √(4 + 5) = 3; N: √2.5.
		expect(fromA.neighbours.map((n) => [n.code, Number(n.distance.toFixed(6))])).toEqual([
			['N', Number(Math.sqrt(2.5).toFixed(6))],
			['B', 2],
			['C', Number(Math.sqrt(5).toFixed(6))],
			['D', 3]
		]);
	});

	it('excludes seats sharing too few indicators, and says how many', () => {
		const fromN = nearestSeats(withNi, 'N', { k: 4, minShared: 2 });
		expect(fromN.neighbours).toEqual([]);
		expect(fromN.excluded).toBe(4);
		const fromA = nearestSeats(withNi, 'A', { k: 4, minShared: 2 });
		expect(fromA.neighbours.map((n) => n.code)).toEqual(['B', 'C', 'D']);
		expect(fromA.excluded).toBe(1);
	});

	it('defaults minShared to half the indicators in use, rounded up', () => {
		expect(nearestSeats(withNi, 'A', { k: 1 }).minShared).toBe(1);
		const three = withNi.map((s) => ({ code: s.code, values: [...s.values, s.code === 'N' ? null : s.code.charCodeAt(0)] }));
		expect(nearestSeats(three, 'A', { k: 1 }).minShared).toBe(2);
		expect(nearestSeats(three, 'N', { k: 4 }).neighbours).toEqual([]);
	});
});

describe('distance', () => {
	it('is null when nothing is shared', () => {
		expect(distance([1, null], [null, 2], 2, 1)).toBeNull();
		expect(distance([1, 2], [1, 2], 2, 1)).toEqual({ distance: 0, shared: 2 });
	});
});
