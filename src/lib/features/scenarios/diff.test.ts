import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, type AllocationMethod } from '$lib/model/allocation/engine';
import { diffAllocations, type AllocationLine } from './diff';

describe('diffAllocations', () => {
	it('a hand-made pair', () => {
		const a: AllocationLine[] = [
			{ code: 'E1', name: 'Ashfield', rank: 1, amount: 500 },
			{ code: 'E2', name: 'Barnsley', rank: 2, amount: 300 },
			{ code: 'E3', name: 'Corby', rank: 3, amount: 200 },
			{ code: 'E4', name: 'Dudley', rank: 4, amount: 0 }
		];
		const b: AllocationLine[] = [
			{ code: 'E2', name: 'Barnsley', rank: 1, amount: 600 },
			{ code: 'E1', name: 'Ashfield', rank: 2, amount: 400 },
			{ code: 'E4', name: 'Dudley', rank: 3, amount: 0 },
			{ code: 'E5', name: 'Erewash', rank: 4, amount: 100 }
		];
		const diff = diffAllocations(a, b);
		expect(diff.seats).toEqual([
			{ code: 'E2', name: 'Barnsley', amountA: 300, amountB: 600, moved: 300, rankA: 2, rankB: 1, rankChange: 1, status: 'both' },
			{ code: 'E3', name: 'Corby', amountA: 200, amountB: 0, moved: -200, rankA: 3, rankB: null, rankChange: null, status: 'only-a' },
			{ code: 'E1', name: 'Ashfield', amountA: 500, amountB: 400, moved: -100, rankA: 1, rankB: 2, rankChange: -1, status: 'both' },
			{ code: 'E5', name: 'Erewash', amountA: 0, amountB: 100, moved: 100, rankA: null, rankB: 4, rankChange: null, status: 'only-b' },
			{ code: 'E4', name: 'Dudley', amountA: 0, amountB: 0, moved: 0, rankA: 4, rankB: 3, rankChange: 1, status: 'neither' }
		]);
		expect(diff.totals).toEqual({ fundedOnlyInA: 1, fundedOnlyInB: 1, fundedInBoth: 2, totalA: 1000, totalB: 1100, totalMoved: 350 });
	});

	it('an allocation against itself moves nothing', () => {
		const rows = [
			{ code: 'A', rank: 1, amount: 10 },
			{ code: 'B', rank: 2, amount: 0 }
		];
		const diff = diffAllocations(rows, rows);
		expect(diff.totals).toMatchObject({ totalMoved: 0, fundedOnlyInA: 0, fundedOnlyInB: 0, fundedInBoth: 1 });
		expect(diff.seats.every((s) => s.moved === 0 && s.rankChange === 0)).toBe(true);
	});

	it('refuses a seat listed twice', () => {
		expect(() =>
			diffAllocations(
				[
					{ code: 'A', rank: 1, amount: 1 },
					{ code: 'A', rank: 2, amount: 1 }
				],
				[]
			)
		).toThrow(/allocation A lists seat A more than once/);
	});

	it('Σ moved = budget B − budget A, on engine allocations (property)', () => {
		const seats = fc.uniqueArray(fc.record({ code: fc.constantFrom(...Array.from({ length: 30 }, (_, i) => `S${i}`)), priority: fc.double({ min: 0.01, max: 1, noNaN: true }) }), {
			minLength: 1,
			maxLength: 30,
			selector: (s) => s.code
		});
		const method: fc.Arbitrary<AllocationMethod> = fc.oneof(fc.constant({ kind: 'proportional' as const }), fc.constant({ kind: 'topn' as const, n: 1 }));
		const side = fc.record({ budget: fc.integer({ min: 1, max: 5_000_000 }), seats, method });
		fc.assert(
			fc.property(side, side, (x, y) => {
				const a = allocate(x);
				const b = allocate(y);
				if (!a.ok || !b.ok) throw new Error('the generated rules are always feasible');
				const diff = diffAllocations(a.rows, b.rows);
				const moved = diff.seats.reduce((sum, s) => sum + s.moved, 0);
				expect(moved).toBe(y.budget - x.budget);
				expect(diff.totals.totalMoved).toBe(diff.seats.reduce((sum, s) => sum + Math.abs(s.moved), 0) / 2);
				expect(diff.totals.totalMoved).toBeGreaterThanOrEqual(Math.abs(y.budget - x.budget) / 2);
				for (let i = 1; i < diff.seats.length; i++) expect(Math.abs(diff.seats[i - 1].moved)).toBeGreaterThanOrEqual(Math.abs(diff.seats[i].moved));
			})
		);
	});
});
