import { describe, expect, it } from 'vitest';
import { allocateSeats, reason, totalsBy, type SeatFacts } from './budget';

const seat = (code: string, nation: string, priority: number | null, eligible = true): SeatFacts => ({
	code,
	name: code,
	nation,
	region: `${nation} region`,
	holder: 'lab',
	priority,
	eligible,
	post_industrial: 0,
	threat: 0,
	priority_rank: null
});

describe('allocateSeats', () => {
	const seats = [seat('A', 'England', 0.9), seat('B', 'Wales', 0.3), seat('C', 'England', 0.6), seat('X', 'Scotland', null, false)];
	it('allocates only eligible seats and sums exactly to the budget', () => {
		const a = allocateSeats(seats, { budget: 1000, method: { kind: 'proportional' } });
		expect(a.ok).toBe(true);
		if (!a.ok) return;
		expect(a.seats.map((s) => [s.code, s.amount])).toEqual([
			['A', 500],
			['C', 333],
			['B', 167]
		]);
		expect(a.seats.reduce((t, s) => t + s.amount, 0)).toBe(1000);
		expect(totalsBy(a.seats, 'nation')).toEqual([
			{ group: 'England', seats: 2, funded: 2, amount: 833 },
			{ group: 'Wales', seats: 1, funded: 1, amount: 167 }
		]);
	});
	it('passes the engine’s infeasibility message through', () => {
		const a = allocateSeats(seats, { budget: 1000, method: { kind: 'proportional', floor: 400 } });
		expect(a).toEqual({ ok: false, error: expect.stringContaining('floor × eligible seats exceeds the budget') });
	});
	it('explains each amount', () => {
		const a = allocateSeats(seats, { budget: 1000, method: { kind: 'proportional', cap: 450 } });
		if (!a.ok) throw new Error(a.error);
		expect(a.seats.map((s) => reason(s, { kind: 'proportional', cap: 450 }))).toEqual(['capped', 'in proportion to priority', 'in proportion to priority']);
		const top = allocateSeats(seats, { budget: 1000, method: { kind: 'topn', n: 2 } });
		if (!top.ok) throw new Error(top.error);
		expect(top.seats.map((s) => reason(s, { kind: 'topn', n: 2 }))).toEqual(['top 2: equal share', 'top 2: equal share', 'below the funded ranks']);
	});
});
