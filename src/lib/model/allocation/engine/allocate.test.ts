import { describe, expect, it } from 'vitest';
import { allocate, formatPounds } from './allocate';
import { roundLargestRemainder } from './round';
import type { AllocationMethod, AllocationResult, Seat } from './types';

const seats = (...priorities: number[]): Seat[] => priorities.map((priority, i) => ({ code: String.fromCharCode(65 + i), priority }));

/** code → amount, failing the test with the engine's message if it was infeasible. */
function amounts(r: AllocationResult): Record<string, number> {
	if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
	return Object.fromEntries(r.rows.map((row) => [row.code, row.amount]));
}
function errorOf(r: AllocationResult): string {
	if (r.ok) throw new Error('expected an infeasible result');
	return r.error;
}
const prop = (floor?: number, cap?: number): AllocationMethod => ({ kind: 'proportional', floor, cap });

describe('formatPounds', () => {
	it('groups thousands', () => {
		expect(formatPounds(1_200_000)).toBe('£1,200,000');
		expect(formatPounds(999)).toBe('£999');
		expect(formatPounds(0)).toBe('£0');
	});
});

describe('roundLargestRemainder', () => {
	it('gives the missing pounds to the largest remainders, ties by index', () => {
		expect(roundLargestRemainder([33.4, 33.3, 33.3], 100)).toEqual([34, 33, 33]);
		expect(
			roundLargestRemainder(
				[1 / 3, 1 / 3, 1 / 3].map((x) => x * 100),
				100
			)
		).toEqual([34, 33, 33]);
		expect(roundLargestRemainder([10.2, 10.7, 9.1], 30)).toEqual([10, 11, 9]);
	});
	it('never rounds a seat over its cap', () => {
		// Index 0 has the biggest remainder but would exceed the cap of 10.
		expect(roundLargestRemainder([9.9, 5.05, 5.05], 21, 0, 10)).toEqual([10, 6, 5]);
		expect(roundLargestRemainder([10, 5.5, 5.5], 21, 0, 10)).toEqual([10, 6, 5]);
	});
	it('returns null when the bounds cannot hold the total', () => {
		expect(roundLargestRemainder([5, 5], 30, 0, 10)).toBeNull();
		expect(roundLargestRemainder([Number.NaN], 1)).toBeNull();
	});
});

describe('proportional', () => {
	it('splits 1000 as 750/250 for priorities 3 and 1', () => {
		const r = allocate({ budget: 1000, seats: seats(3, 1), method: prop() });
		expect(amounts(r)).toEqual({ A: 750, B: 250 });
		expect(r.ok && r.total).toBe(1000);
		expect(r.ok && r.rows.map((x) => [x.rank, x.bound])).toEqual([
			[1, null],
			[2, null]
		]);
	});

	it('lists rows by rank whatever the input order', () => {
		const r = allocate({
			budget: 100,
			seats: [
				{ code: 'X', priority: 1 },
				{ code: 'Y', priority: 4 }
			],
			method: prop()
		});
		expect(r.ok && r.rows.map((x) => `${x.rank}:${x.code}:${x.amount}`)).toEqual(['1:Y:80', '2:X:20']);
	});

	it('breaks equal remainders by priority then code: 100 over three equal seats is 34/33/33', () => {
		const r = allocate({
			budget: 100,
			seats: [
				{ code: 'C', priority: 1 },
				{ code: 'A', priority: 1 },
				{ code: 'B', priority: 1 }
			],
			method: prop()
		});
		expect(amounts(r)).toEqual({ A: 34, B: 33, C: 33 });
	});

	it('caps a seat and redistributes the excess: 8,1,1 with cap 500 → 500/250/250', () => {
		const r = allocate({ budget: 1000, seats: seats(8, 1, 1), method: prop(undefined, 500) });
		expect(amounts(r)).toEqual({ A: 500, B: 250, C: 250 });
		expect(r.ok && r.rows.map((x) => x.bound)).toEqual(['cap', null, null]);
	});

	it('repeats until stable when redistribution pushes another seat over the cap: 6,3,1 cap 400 → 400/400/200', () => {
		// Round 1: 600/300/100, A capped. Round 2: 600 over 3:1 = 450/150, B capped. C gets the last 200.
		const r = allocate({ budget: 1000, seats: seats(6, 3, 1), method: prop(undefined, 400) });
		expect(amounts(r)).toEqual({ A: 400, B: 400, C: 200 });
		expect(r.ok && r.rows.map((x) => x.bound)).toEqual(['cap', 'cap', null]);
	});

	it('lifts a seat to the floor and shares the rest: 10,9,1 floor 100 → 474/426/100', () => {
		// C's share of 50 is below the floor; 900 over 10:9 = 473.68/426.32, rounded by largest remainder.
		const r = allocate({ budget: 1000, seats: seats(10, 9, 1), method: prop(100) });
		expect(amounts(r)).toEqual({ A: 474, B: 426, C: 100 });
		expect(r.ok && r.rows.map((x) => x.bound)).toEqual([null, null, 'floor']);
	});

	it('gives zero-priority seats the floor, and £0 without one', () => {
		expect(amounts(allocate({ budget: 1000, seats: seats(2, 1, 0), method: prop(100) }))).toEqual({ A: 600, B: 300, C: 100 });
		expect(amounts(allocate({ budget: 900, seats: seats(2, 1, 0), method: prop() }))).toEqual({ A: 600, B: 300, C: 0 });
	});

	it('applies floor and cap together', () => {
		// Round 1: 100:10:1:1 of 1000 → A over the cap, C and D under the floor. Fixing A at 400 and
		// C, D at 50 leaves 500 for B, over the cap too; with A and B at 400, C and D share the last
		// 200 equally at 100 each, which is above the floor, so they are unbound in the end.
		const r = allocate({ budget: 1000, seats: seats(100, 10, 1, 1), method: prop(50, 400) });
		expect(amounts(r)).toEqual({ A: 400, B: 400, C: 100, D: 100 });
		expect(r.ok && r.rows.map((x) => x.bound)).toEqual(['cap', 'cap', null, null]);
	});

	it('keeps rounding inside the cap: budget 12, cap 4, priorities 5,1,1,1 → 4/3/3/2', () => {
		expect(amounts(allocate({ budget: 12, seats: seats(5, 1, 1, 1), method: prop(undefined, 4) }))).toEqual({ A: 4, B: 3, C: 3, D: 2 });
	});

	it('handles floor = cap when it spends the budget exactly', () => {
		const r = allocate({ budget: 300, seats: seats(3, 2, 1), method: prop(100, 100) });
		expect(amounts(r)).toEqual({ A: 100, B: 100, C: 100 });
	});

	it('spends exactly the budget when every seat hits the cap', () => {
		const r = allocate({ budget: 300, seats: seats(3, 2, 1), method: prop(0, 100) });
		expect(amounts(r)).toEqual({ A: 100, B: 100, C: 100 });
		expect(r.ok && r.rows.every((x) => x.bound === 'cap')).toBe(true);
	});
});

describe('topn', () => {
	it('splits 1001 between the top 2 of 3 as 501/500, the odd pound to rank 1', () => {
		const r = allocate({
			budget: 1001,
			seats: [
				{ code: 'B', priority: 5 },
				{ code: 'A', priority: 5 },
				{ code: 'C', priority: 1 }
			],
			method: { kind: 'topn', n: 2 }
		});
		expect(amounts(r)).toEqual({ A: 501, B: 500, C: 0 });
		expect(r.ok && r.rows.map((x) => x.code)).toEqual(['A', 'B', 'C']);
	});

	it('breaks a tie at the boundary by code ascending', () => {
		const r = allocate({
			budget: 1000,
			seats: [
				{ code: 'A', priority: 9 },
				{ code: 'C', priority: 3 },
				{ code: 'B', priority: 3 }
			],
			method: { kind: 'topn', n: 2 }
		});
		expect(amounts(r)).toEqual({ A: 500, B: 500, C: 0 });
	});

	it('funds every seat when N equals the number of eligible seats', () => {
		expect(amounts(allocate({ budget: 10, seats: seats(1, 2, 3), method: { kind: 'topn', n: 3 } }))).toEqual({ A: 3, B: 3, C: 4 });
	});
});

describe('tiers', () => {
	it('pays the top band, then the next, and £0 after', () => {
		const r = allocate({
			budget: 1_000_000,
			seats: seats(8, 7, 6, 5, 4, 3, 2, 1),
			method: {
				kind: 'tiers',
				tiers: [
					{ seats: 2, amount: 300_000 },
					{ seats: 4, amount: 100_000 }
				]
			}
		});
		expect(amounts(r)).toEqual({ A: 300_000, B: 300_000, C: 100_000, D: 100_000, E: 100_000, F: 100_000, G: 0, H: 0 });
	});
});

describe('infeasible rules say why', () => {
	const cases: [string, Parameters<typeof allocate>[0], string | RegExp][] = [
		['no seats', { budget: 1000, seats: [], method: prop() }, 'no eligible seats'],
		['all zero', { budget: 1000, seats: seats(0, 0), method: prop() }, 'all priorities are zero'],
		['all zero topn', { budget: 1000, seats: seats(0, 0), method: { kind: 'topn', n: 1 } }, 'all priorities are zero'],
		['negative budget', { budget: -5, seats: seats(1), method: prop() }, 'budget must be a positive whole number of pounds, got -5'],
		['fractional budget', { budget: 10.5, seats: seats(1), method: prop() }, 'got 10.5'],
		['zero budget', { budget: 0, seats: seats(1), method: prop() }, 'budget must be a positive whole number'],
		['NaN priority', { budget: 10, seats: [{ code: 'E14000530', priority: Number.NaN }], method: prop() }, 'seat E14000530 has an invalid priority (NaN)'],
		['negative priority', { budget: 10, seats: [{ code: 'S1', priority: -1 }], method: prop() }, 'seat S1 has an invalid priority (-1)'],
		['infinite priority', { budget: 10, seats: [{ code: 'S1', priority: Infinity }], method: prop() }, 'seat S1 has an invalid priority (Infinity)'],
		[
			'duplicate code',
			{
				budget: 10,
				seats: [
					{ code: 'S1', priority: 1 },
					{ code: 'S1', priority: 2 }
				],
				method: prop()
			},
			'seat S1 appears more than once'
		],
		['floor too high', { budget: 1_000_000, seats: Array.from({ length: 60 }, (_, i) => ({ code: `S${i}`, priority: 1 })), method: prop(20_000) }, 'floor × eligible seats exceeds the budget: £20,000 × 60 seats = £1,200,000 > £1,000,000'],
		['cap too low', { budget: 1_000_000, seats: Array.from({ length: 60 }, (_, i) => ({ code: `S${i}`, priority: 1 })), method: prop(undefined, 10_000) }, 'cap × eligible seats is below the budget: £10,000 × 60 seats = £600,000 < £1,000,000'],
		['cap cannot lift zero seats', { budget: 1000, seats: seats(1, 0), method: prop(100, 600) }, 'zero-priority seats only get the floor, so at most £600 × 1 seat + £100 × 1 seat = £700 can be allocated, below the budget of £1,000'],
		['floor above cap', { budget: 1000, seats: seats(1), method: prop(500, 400) }, 'floor is above the cap: £500 > £400'],
		['fractional floor', { budget: 1000, seats: seats(1), method: prop(2.5) }, 'floor must be a whole number of pounds ≥ 0, got 2.5'],
		['negative cap', { budget: 1000, seats: seats(1), method: prop(undefined, -1) }, 'cap must be a whole number of pounds ≥ 0, got -1'],
		['N too big', { budget: 1000, seats: seats(3, 2), method: { kind: 'topn', n: 3 } }, 'N (3) is larger than the number of eligible seats (2)'],
		['N reaches zero seats', { budget: 1000, seats: seats(3, 0), method: { kind: 'topn', n: 2 } }, 'N (2) is larger than the number of seats with a priority above zero (1)'],
		['N zero', { budget: 1000, seats: seats(3), method: { kind: 'topn', n: 0 } }, 'N must be a whole number ≥ 1, got 0'],
		[
			'tiers short of budget',
			{
				budget: 1_000_000,
				seats: seats(5, 4, 3, 2, 1),
				method: {
					kind: 'tiers',
					tiers: [
						{ seats: 2, amount: 300_000 },
						{ seats: 3, amount: 100_000 }
					]
				}
			},
			'tiers allocate £900,000 but the budget is £1,000,000'
		],
		['tiers over budget', { budget: 100, seats: seats(2, 1), method: { kind: 'tiers', tiers: [{ seats: 2, amount: 60 }] } }, 'tiers allocate £120 but the budget is £100'],
		['tiers too many seats', { budget: 100, seats: seats(2, 1), method: { kind: 'tiers', tiers: [{ seats: 4, amount: 25 }] } }, 'tiers cover 4 seats but only 2 are eligible'],
		['tiers reach zero seats', { budget: 100, seats: seats(2, 0), method: { kind: 'tiers', tiers: [{ seats: 2, amount: 50 }] } }, 'tiers cover 2 seats but only 1 has a priority above zero'],
		[
			'tiers increasing',
			{
				budget: 300,
				seats: seats(2, 1),
				method: {
					kind: 'tiers',
					tiers: [
						{ seats: 1, amount: 100 },
						{ seats: 1, amount: 200 }
					]
				}
			},
			'tier 2 pays more than tier 1 (£200 > £100)'
		],
		['tiers empty', { budget: 300, seats: seats(2, 1), method: { kind: 'tiers', tiers: [] } }, 'no tiers given'],
		['tier bad seats', { budget: 300, seats: seats(2, 1), method: { kind: 'tiers', tiers: [{ seats: 1.5, amount: 200 }] } }, 'tier 1: seats must be a whole number ≥ 1, got 1.5'],
		['unknown method', { budget: 300, seats: seats(1), method: { kind: 'lottery' } as unknown as AllocationMethod }, 'unknown allocation method "lottery"']
	];
	it.each(cases)('%s', (_name, input, message) => {
		const r = allocate(input);
		if (typeof message === 'string') expect(errorOf(r)).toContain(message);
		else expect(errorOf(r)).toMatch(message);
	});
});
