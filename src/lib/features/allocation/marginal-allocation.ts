/**
 * The marginal plan (computed in the risk worker) joined with the seat facts the allocation view,
 * map, report and CSV already use, so the marginal method reads like any other allocation.
 */
import type { PlanOutcome } from '$lib/model/allocation/plan-job';
import type { Allocation, AllocatedSeat, SeatFacts } from './budget';

export const PLAN_WAITING = 'The expected-seats method needs the seat-risk model, which has not run yet: it is starting now (this takes a few seconds the first time).';

export function allocationFromPlan(seats: readonly SeatFacts[], outcome: PlanOutcome | null): Allocation {
	if (!outcome) return { ok: false, error: PLAN_WAITING };
	if (!outcome.ok) return { ok: false, error: outcome.error };
	const rows = new Map(outcome.payload.plan.rows.map((r) => [r.code, r]));
	const eligible = seats.filter((s) => s.eligible && s.priority !== null);
	const out: AllocatedSeat[] = eligible.map((s) => {
		const plan = rows.get(s.code);
		const amount = plan?.amount ?? 0;
		const bound = plan && plan.cap !== null && amount > 0 && amount >= plan.cap ? 'cap' : null;
		return { code: s.code, name: s.name, nation: s.nation, region: s.region, holder: s.holder, priority: s.priority!, postIndustrial: s.post_industrial, threat: s.threat, rank: 0, amount, bound, plan };
	});
	// Largest grant first; among the unfunded, the most at risk first; then by code.
	out.sort((a, b) => b.amount - a.amount || (b.plan?.pLossBefore ?? -1) - (a.plan?.pLossBefore ?? -1) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
	out.forEach((s, i) => (s.rank = i + 1));
	return { ok: true, seats: out, total: out.reduce((a, s) => a + s.amount, 0) };
}
