/**
 * The briefing's figures, from the same states the detailed views read, so every number equals
 * the one a click away: the top seats are the allocation table's first rows, in its order.
 */
import { reason, type Allocation, type AllocatedSeat } from '$lib/features/allocation/budget';
import type { AllocationMethod } from '$lib/model/allocation/engine';
import type { PlanOutcome } from '$lib/model/allocation/plan-job';

export interface TopSeat {
	seat: AllocatedSeat;
	reason: string;
}

/** The first `n` funded seats of the allocation table (it lists funded seats first, in rank order). */
export function topFunded(allocation: Allocation, method: AllocationMethod, n = 10): TopSeat[] {
	if (!allocation.ok) return [];
	return allocation.seats
		.filter((s) => s.amount > 0)
		.slice(0, n)
		.map((seat) => ({ seat, reason: reason(seat, method) }));
}

const METHOD_WORDS: Record<AllocationMethod['kind'], string> = {
	proportional: 'in proportion to priority',
	topn: 'equal shares for the top seats',
	tiers: 'tiers',
	marginal: 'expected seats (marginal value)'
};

export function methodWords(method: AllocationMethod): string {
	return method.kind === 'topn' ? `equal shares for the top ${method.n}` : METHOD_WORDS[method.kind];
}

export type SeatsSaved = { kind: 'figure'; saved: number; heldBefore: number; heldAfter: number; low: number; high: number } | { kind: 'waiting' } | { kind: 'not-applicable'; why: string };

/**
 * Expected seats saved by the allocation: held with the money minus held without it, under the
 * risk model's scenario. Only the marginal method models what money does to a seat's lead; for any
 * other method there is no such figure, and the briefing says so rather than invent one.
 */
export function seatsSaved(method: AllocationMethod, plan: PlanOutcome | null): SeatsSaved {
	if (method.kind !== 'marginal') {
		return {
			kind: 'not-applicable',
			why: `The current method (${methodWords(method)}) shares money by score and does not model what it does to votes, so it saves no figure of seats. Choose “Expected seats (marginal value)” on the Allocation tab to see one.`
		};
	}
	if (!plan) return { kind: 'waiting' };
	if (!plan.ok) return { kind: 'not-applicable', why: plan.error };
	const head = plan.payload.plan.figures.find((f) => f.method === 'marginal') ?? plan.payload.plan.figures[0];
	return { kind: 'figure', saved: head.heldAfter - head.heldBefore, heldBefore: head.heldBefore, heldAfter: head.heldAfter, low: head.low, high: head.high };
}
