import { describe, expect, it } from 'vitest';
import type { Allocation, AllocatedSeat } from '$lib/features/allocation/budget';
import type { PlanOutcome } from '$lib/model/allocation/plan-job';
import { defaultMarginalMethod } from '$lib/features/allocation/marginal-defaults';
import { seatsSaved, topFunded } from './briefing';

const seat = (code: string, rank: number, amount: number): AllocatedSeat => ({ code, name: code, nation: 'England', region: 'R', holder: 'lab', priority: 1 / rank, postIndustrial: 0, threat: 0, rank, amount, bound: null });

describe('topFunded', () => {
	it('takes the funded seats in the table order, at most n', () => {
		const allocation: Allocation = { ok: true, total: 60, seats: [seat('A', 1, 30), seat('B', 2, 20), seat('C', 3, 10), seat('D', 4, 0)] };
		expect(topFunded(allocation, { kind: 'proportional' }, 2).map((t) => t.seat.code)).toEqual(['A', 'B']);
		expect(topFunded(allocation, { kind: 'proportional' }).map((t) => [t.seat.code, t.reason])).toEqual([
			['A', 'in proportion to priority'],
			['B', 'in proportion to priority'],
			['C', 'in proportion to priority']
		]);
		expect(topFunded({ ok: false, error: 'x' }, { kind: 'proportional' })).toEqual([]);
	});
});

describe('seatsSaved', () => {
	it('is not applicable unless the method models votes', () => {
		const r = seatsSaved({ kind: 'proportional' }, null);
		expect(r.kind).toBe('not-applicable');
		expect(r.kind === 'not-applicable' && r.why).toContain('in proportion to priority');
	});

	it('is held after minus held before under the marginal plan', () => {
		const marginal = defaultMarginalMethod();
		expect(seatsSaved(marginal, null)).toEqual({ kind: 'waiting' });
		const plan = { ok: true, payload: { plan: { figures: [{ method: 'marginal', heldBefore: 180.5, heldAfter: 183, low: 170, high: 195 }] } } } as unknown as PlanOutcome;
		expect(seatsSaved(marginal, plan)).toEqual({ kind: 'figure', saved: 2.5, heldBefore: 180.5, heldAfter: 183, low: 170, high: 195 });
	});
});
