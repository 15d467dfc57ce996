/**
 * The committee's budget rule (budget + method), its validation, and the join of engine output
 * with seat facts. Pure: used by the allocation view, scenarios and the CLI.
 */
import { allocate, type AllocationMethod, type AllocationResult, type Bound } from '$lib/model/allocation/engine';
import type { PlanRow } from '$lib/model/allocation/plan';

export interface BudgetRule {
	budget: number;
	method: AllocationMethod;
}

/**
 * £1m in proportion to priority, with no floor and no cap. The engine treats limits as hard
 * constraints: a floor fails once floor × eligible seats exceeds the budget, and a cap once
 * cap × eligible seats falls below it, which tight eligibility filters reach easily. Without
 * limits the default is feasible whenever any eligible seat has a priority above zero.
 */
export const DEFAULT_BUDGET_RULE: BudgetRule = { budget: 1_000_000, method: { kind: 'proportional' } };

export interface SeatFacts {
	code: string;
	name: string;
	nation: string;
	region: string;
	holder: string | null;
	priority: number | null;
	eligible: boolean;
	post_industrial: number | null;
	threat: number | null;
	priority_rank: number | null;
}

export interface AllocatedSeat {
	code: string;
	name: string;
	nation: string;
	region: string;
	holder: string | null;
	priority: number;
	postIndustrial: number | null;
	threat: number | null;
	rank: number;
	amount: number;
	bound: Bound;
	/** The marginal plan's row for this seat (marginal method only). */
	plan?: PlanRow;
}

export type Allocation = { ok: true; seats: AllocatedSeat[]; total: number } | { ok: false; error: string };

export function allocateSeats(seats: readonly SeatFacts[], rule: BudgetRule): Allocation {
	const eligible = seats.filter((s) => s.eligible && s.priority !== null);
	const result: AllocationResult = allocate({ budget: rule.budget, seats: eligible.map((s) => ({ code: s.code, priority: s.priority! })), method: rule.method });
	if (!result.ok) return result;
	const byCode = new Map(eligible.map((s) => [s.code, s]));
	return {
		ok: true,
		total: result.total,
		seats: result.rows.map((r) => {
			const s = byCode.get(r.code)!;
			return { code: r.code, name: s.name, nation: s.nation, region: s.region, holder: s.holder, priority: r.priority, postIndustrial: s.post_industrial, threat: s.threat, rank: r.rank, amount: r.amount, bound: r.bound };
		})
	};
}

export interface Total {
	group: string;
	seats: number;
	funded: number;
	amount: number;
}

/** £ and funded seats per nation or region, largest first. Sums to the allocation total. */
export function totalsBy(seats: readonly AllocatedSeat[], key: 'nation' | 'region'): Total[] {
	const totals = new Map<string, Total>();
	for (const s of seats) {
		const t = totals.get(s[key]) ?? { group: s[key], seats: 0, funded: 0, amount: 0 };
		t.seats++;
		if (s.amount > 0) t.funded++;
		t.amount += s.amount;
		totals.set(s[key], t);
	}
	return [...totals.values()].sort((a, b) => b.amount - a.amount || a.group.localeCompare(b.group));
}

/** Why a seat gets what it gets, in words for the committee. */
export function reason(seat: AllocatedSeat, method: AllocationMethod): string {
	if (method.kind === 'marginal') return seat.plan?.reason ?? 'not modelled';
	if (seat.amount === 0) return method.kind === 'proportional' ? 'zero priority' : 'below the funded ranks';
	if (seat.bound === 'cap') return 'capped';
	if (seat.bound === 'floor') return 'raised to the floor';
	if (method.kind === 'proportional') return 'in proportion to priority';
	if (method.kind === 'topn') return `top ${method.n}: equal share`;
	return 'tier amount';
}
