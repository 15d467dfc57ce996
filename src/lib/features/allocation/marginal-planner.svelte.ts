/**
 * Keeps the marginal plan current: while the rule's method is `marginal`, any change of budget,
 * curve, objective, limits, eligibility, priority, or the Risk tab's base and scenario asks the
 * risk worker for a new plan (debounced; newest wins in the worker's plan lane). Electorates and
 * constituency types are read once per boundary set and year through the database.
 */
import type { Database } from '$lib/db/types';
import type { ScoresState } from '$lib/features/scores/scores-state.svelte';
import type { RiskState } from '$lib/features/risk/risk-state.svelte';
import { electorateYear } from '$lib/model/allocation/defaults';
import type { PlanJob } from '$lib/model/allocation/plan-job';
import { spendingLimitInputsQuery } from '$lib/queries/risk';
import type { AllocationState } from './allocation-state.svelte';

const DEBOUNCE_MS = 120;

export function followMarginalPlans(allocation: AllocationState, db: Database, scores: ScoresState, risk: RiskState) {
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache the view never reads; reactivity would only add work
	const limitCache = new Map<string, Promise<PlanJob['limits']>>();
	const limitsFor = (set: '2010' | '2024', year: number) => {
		const key = `${set}:${year}`;
		let hit = limitCache.get(key);
		if (!hit) {
			hit = db.query(spendingLimitInputsQuery(set, year)).then((r) => r.rows.map((row) => ({ code: String(row.code), electorate: row.electorate === null ? null : Number(row.electorate), seatType: row.seat_type === null ? null : String(row.seat_type) })));
			hit.catch(() => limitCache.delete(key));
			limitCache.set(key, hit);
		}
		return hit;
	};
	let timer: ReturnType<typeof setTimeout> | undefined;
	let generation = 0;
	$effect.root(() => {
		$effect(() => {
			const rule = $state.snapshot(allocation.rule);
			const m = rule.method;
			if (m.kind !== 'marginal') {
				clearTimeout(timer);
				allocation.planPending = false;
				return;
			}
			// Read everything the plan depends on here, so the effect reruns when any of it changes.
			const setting = risk.setting;
			const set = risk.set;
			const seats = scores.results.map((r) => ({ code: r.code, eligible: r.eligible, priority: r.priority }));
			const params = { budget: rule.budget, curve: { beta: m.beta, s0: m.s0 }, objective: m.objective, localShare: m.localShare, includeLong: m.includeLong, floor: m.floor, cap: m.cap };
			allocation.planPending = true;
			clearTimeout(timer);
			const mine = ++generation;
			timer = setTimeout(async () => {
				try {
					const limits = await limitsFor(set, electorateYear(set, setting.base));
					if (mine !== generation) return;
					await risk.requestPlan({ seats, limits, params }, (outcome) => {
						allocation.plan = outcome;
						allocation.planPending = false;
					});
				} catch (error) {
					if (mine !== generation) return;
					allocation.plan = { ok: false, error: `The spending limits could not be read: ${(error as Error).message}` };
					allocation.planPending = false;
				}
			}, DEBOUNCE_MS);
		});
	});
}
