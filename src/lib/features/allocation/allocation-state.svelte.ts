/** The committee's budget rule and the allocation derived from the current scores. */
import type { Database } from '$lib/db/types';
import type { ScoresState } from '$lib/features/scores/scores-state.svelte';
import type { RiskState } from '$lib/features/risk/risk-state.svelte';
import type { PlanOutcome } from '$lib/model/allocation/plan-job';
import { allocateSeats, DEFAULT_BUDGET_RULE, totalsBy, type Allocation, type BudgetRule, type Total } from './budget';
import { allocationFromPlan } from './marginal-allocation';
import { followMarginalPlans } from './marginal-planner.svelte';

export class AllocationState {
	rule = $state<BudgetRule>(structuredClone(DEFAULT_BUDGET_RULE));
	/** The latest marginal plan from the risk worker (marginal method only), and whether a newer one is coming. */
	plan = $state.raw<PlanOutcome | null>(null);
	planPending = $state(false);
	/** Re-derived on every re-score or rule edit; the engine takes about a millisecond for 650 seats. */
	readonly allocation: Allocation;
	readonly byNation: Total[];
	readonly byRegion: Total[];
	readonly amountByCode: Map<string, number>;
	/** Change in P(loss) from the marginal plan's spending, per funded-or-eligible seat. */
	readonly pLossChangeByCode: Map<string, number>;

	/** Set by `connect`: while the priority waits for P(loss), there is no allocation to show. */
	#risk = $state.raw<RiskState | null>(null);

	constructor(scores: ScoresState) {
		this.allocation = $derived(this.#risk?.rankingNotice ? { ok: false, error: this.#risk.rankingNotice } : this.rule.method.kind === 'marginal' ? allocationFromPlan(scores.results, this.plan) : allocateSeats(scores.results, $state.snapshot(this.rule) as BudgetRule));
		this.byNation = $derived(this.allocation.ok ? totalsBy(this.allocation.seats, 'nation') : []);
		this.byRegion = $derived(this.allocation.ok ? totalsBy(this.allocation.seats, 'region') : []);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and replaced whole, never mutated
		this.amountByCode = $derived(new Map(this.allocation.ok ? this.allocation.seats.map((s) => [s.code, s.amount]) : []));
		this.pLossChangeByCode = $derived(
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and replaced whole, never mutated
			new Map(this.allocation.ok ? this.allocation.seats.flatMap((s) => (s.plan && s.plan.pLossAfter !== null && s.plan.pLossBefore !== null ? [[s.code, s.plan.pLossAfter - s.plan.pLossBefore] as const] : [])) : [])
		);
	}

	/** Plan the marginal method in the risk worker whenever it is chosen (see marginal-planner). */
	connect(db: Database, scores: ScoresState, risk: RiskState) {
		this.#risk = risk;
		followMarginalPlans(this, db, scores, risk);
	}

	setRule(rule: BudgetRule) {
		this.rule = rule;
	}
}
