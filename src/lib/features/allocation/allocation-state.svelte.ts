/** The committee's budget rule and the allocation derived from the current scores. */
import type { ScoresState } from '$lib/features/scores/scores-state.svelte';
import { allocateSeats, DEFAULT_BUDGET_RULE, totalsBy, type Allocation, type BudgetRule, type Total } from './budget';

export class AllocationState {
	rule = $state<BudgetRule>(structuredClone(DEFAULT_BUDGET_RULE));
	/** Re-derived on every re-score or rule edit; the engine takes about a millisecond for 650 seats. */
	readonly allocation: Allocation;
	readonly byNation: Total[];
	readonly byRegion: Total[];
	readonly amountByCode: Map<string, number>;

	constructor(scores: ScoresState) {
		this.allocation = $derived(allocateSeats(scores.results, $state.snapshot(this.rule) as BudgetRule));
		this.byNation = $derived(this.allocation.ok ? totalsBy(this.allocation.seats, 'nation') : []);
		this.byRegion = $derived(this.allocation.ok ? totalsBy(this.allocation.seats, 'region') : []);
		this.amountByCode = $derived(new Map(this.allocation.ok ? this.allocation.seats.map((s) => [s.code, s.amount]) : []));
	}

	setRule(rule: BudgetRule) {
		this.rule = rule;
	}
}
