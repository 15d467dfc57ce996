/**
 * Proportional shares with a per-seat floor and cap, before rounding.
 *
 * The product rule is iterative: give every seat budget × priority / Σpriority, fix seats above
 * the cap at the cap and seats below the floor at the floor, redistribute what is left over the
 * rest, and repeat until nothing changes. The stable point of that process is exactly
 *
 *     share_i = clamp(λ · priority_i, floor, cap)   with   Σ share_i = budget
 *
 * for a single multiplier λ. We solve for λ directly instead of iterating, because (a) it is
 * exact rather than "until stable", with no risk of oscillating when a cap and a floor both bind
 * in the same round, and (b) monotonicity is then obvious: clamp(λ·p) never decreases as p grows,
 * so a higher-priority seat never gets less than a lower-priority one.
 *
 * S(λ) = Σ clamp(λ·p_i, floor, cap) is continuous, piecewise linear and non-decreasing, with
 * breakpoints where a seat leaves its floor (λ = floor/p) or reaches its cap (λ = cap/p). We walk
 * the breakpoints in order and solve the linear piece that crosses the budget. We take the
 * smallest λ that works, so when floor = cap (a flat S) every seat is reported at its floor.
 *
 * Zero-priority seats sit at the floor for every λ: the floor applies to all eligible seats.
 */
import type { Bound } from './types';

export type ProportionalShare = { share: number; bound: Bound };

type Breakpoint = { at: number; p: number; kind: 'leaves-floor' | 'reaches-cap' };

/**
 * Exact (real-valued) shares for `priorities` (finite, ≥ 0, at least one > 0). `floor` and `cap`
 * are whole pounds (cap may be +Infinity). Returns null when no multiplier reaches the budget,
 * which the caller's feasibility checks should already have ruled out.
 */
export function proportionalShares(
	priorities: readonly number[],
	budget: number,
	floor: number,
	cap: number
): ProportionalShare[] | null {
	// Scale so the largest priority is 1; this keeps λ in a sane range for tiny or huge priorities
	// and does not change the answer, since only ratios of priorities matter.
	const maxP = priorities.reduce((m, x) => Math.max(m, x), 0);
	if (!(maxP > 0)) return null;
	const p = priorities.map((x) => x / maxP);

	const breakpoints: Breakpoint[] = [];
	let fixedSum = 0; // pounds held by seats currently at their floor or cap
	let activeP = 0; // total (scaled) priority of seats strictly between floor and cap
	let activeCount = 0; // lets us zero activeP exactly when no seat is active (no float residue)
	for (const pi of p) {
		fixedSum += floor;
		if (pi > 0) {
			breakpoints.push({ at: floor / pi, p: pi, kind: 'leaves-floor' });
			if (Number.isFinite(cap)) breakpoints.push({ at: cap / pi, p: pi, kind: 'reaches-cap' });
		}
	}
	breakpoints.sort((a, b) => a.at - b.at);

	let lambda: number | null = fixedSum >= budget ? 0 : null;
	let k = 0;
	while (lambda === null && k < breakpoints.length) {
		const at = breakpoints[k].at;
		// S at the next breakpoint, using the current linear piece (S is continuous there).
		if (fixedSum + at * activeP >= budget) {
			lambda = activeP > 0 ? (budget - fixedSum) / activeP : at;
			break;
		}
		for (; k < breakpoints.length && breakpoints[k].at === at; k++) {
			const b = breakpoints[k];
			if (b.kind === 'leaves-floor') {
				fixedSum -= floor;
				activeP += b.p;
				activeCount += 1;
			} else {
				fixedSum += cap;
				activeP -= b.p;
				activeCount -= 1;
			}
		}
		if (activeCount === 0) activeP = 0;
		// Same value of S, recomputed from the updated pieces. Besides the flat case (every seat at
		// a bound), this catches the budget being met exactly at a breakpoint when float drift in
		// activeP made the check above fall a hair short (e.g. the last seat reaching its cap).
		if (fixedSum + at * activeP >= budget) {
			lambda = at;
			break;
		}
	}
	// Past the last breakpoint: with no cap the remaining seats grow without limit.
	if (lambda === null && activeP > 0) lambda = (budget - fixedSum) / activeP;
	if (lambda === null || !Number.isFinite(lambda)) return null;

	const l = Math.max(0, lambda);
	return p.map((pi) => {
		const raw = l * pi;
		if (floor > 0 && raw <= floor) return { share: floor, bound: 'floor' };
		if (raw >= cap) return { share: cap, bound: 'cap' };
		return { share: Math.max(floor, raw), bound: null };
	});
}
