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
 * breakpoints where a seat leaves its floor (λ = floor/p) or reaches its cap (λ = cap/p). We find
 * the first breakpoint where S reaches the budget; that fixes which seats sit at the floor,
 * which at the cap, and which are in between ("active"). The active seats then split what is left
 * in ratio form, left × (p_i / Σp_active), rather than as λ·p_i, which sums to the budget without
 * drift. Breakpoints are kept as log λ = log(bound) − log(p): for a priority like 1e-320, floor/p
 * and cap/p would both overflow to Infinity and the seat would seem to jump from floor to cap.
 * We take the smallest λ that works, so when floor = cap (a flat S) every seat is reported at its
 * floor.
 *
 * Zero-priority seats sit at the floor for every λ: the floor applies to all eligible seats.
 */
import type { Bound } from './types';

export type ProportionalShare = { share: number; bound: Bound };

/** Where a seat sits on the current piece of S: held at the floor, growing with λ, or capped. */
type Status = 'floor' | 'active' | 'cap';
/** `at` is log λ; with floor = 0 every seat leaves the floor at log 0 = −Infinity. */
type Breakpoint = { at: number; seat: number; to: Status };

/**
 * Exact (real-valued) shares for `priorities` (finite, ≥ 0, at least one > 0). `floor` and `cap`
 * are whole pounds (cap may be +Infinity). Returns null when no multiplier reaches the budget,
 * which the caller's feasibility checks should already have ruled out.
 */
export function proportionalShares(priorities: readonly number[], budget: number, floor: number, cap: number): ProportionalShare[] | null {
	const n = priorities.length;
	const logP = priorities.map((p) => Math.log(p));
	const breakpoints: Breakpoint[] = [];
	priorities.forEach((p, seat) => {
		if (!(p > 0)) return; // zero-priority seats never leave the floor
		breakpoints.push({ at: Math.log(floor) - logP[seat], seat, to: 'active' });
		if (Number.isFinite(cap)) breakpoints.push({ at: Math.log(cap) - logP[seat], seat, to: 'cap' });
	});
	// At equal λ a seat must become active before it can reach the cap (floor = cap case).
	const order = (b: Breakpoint) => (b.to === 'active' ? 0 : 1);
	breakpoints.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : order(a) - order(b)));
	// Where each seat's breakpoints landed, so the statuses after the first k are cheap to derive.
	const activeAt = new Array<number>(n).fill(Infinity);
	const capAt = new Array<number>(n).fill(Infinity);
	breakpoints.forEach((b, k) => ((b.to === 'active' ? activeAt : capAt)[b.seat] = k));
	const statusesAfter = (k: number): Status[] => priorities.map((_, i) => (capAt[i] < k ? 'cap' : activeAt[i] < k ? 'active' : 'floor'));

	// S at log λ once the first k breakpoints have been passed. Summed from scratch each time, so
	// no rounding residue builds up the way a running total would (that made a last seat reaching
	// its cap look like the budget was never met).
	const total = (k: number, logLambda: number) => {
		let sum = 0;
		for (const [i, st] of statusesAfter(k).entries()) {
			sum += st === 'floor' ? floor : st === 'cap' ? cap : Math.min(cap, Math.exp(logLambda + logP[i]));
		}
		return sum;
	};

	// Breakpoints sharing a λ form one group. Walking the groups in order, the checks "S reaches
	// the budget just before group g" and "just after it" form a non-decreasing sequence; binary
	// search finds the first that passes, in O(n log n) rather than a walk's O(n²).
	const groups: { at: number; start: number; end: number }[] = [];
	for (let k = 0; k < breakpoints.length; k++) {
		const last = groups[groups.length - 1];
		if (last && last.at === breakpoints[k].at) last.end = k + 1;
		else groups.push({ at: breakpoints[k].at, start: k, end: k + 1 });
	}
	const passed = (c: number) => {
		const g = groups[c >> 1];
		return total(c % 2 === 0 ? g.start : g.end, g.at) >= budget;
	};
	let lo = 0;
	let hi = 2 * groups.length; // first passing check; 2G means none did (no cap: past them all)
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (passed(mid)) hi = mid;
		else lo = mid + 1;
	}
	const status = lo === 2 * groups.length ? statusesAfter(breakpoints.length) : statusesAfter(lo % 2 === 0 ? groups[lo >> 1].start : groups[lo >> 1].end);

	let fixed = 0;
	let activeP = 0;
	for (let i = 0; i < n; i++) {
		if (status[i] === 'floor') fixed += floor;
		else if (status[i] === 'cap') fixed += cap;
		else activeP += priorities[i];
	}
	const left = budget - fixed;
	// No active seats: the fixed amounts must already be the budget, else it cannot be met.
	if (activeP === 0 && Math.abs(left) > 1e-6 * Math.max(1, budget)) return null;

	return priorities.map((p, i): ProportionalShare => {
		if (status[i] === 'floor') return { share: floor, bound: floor > 0 ? 'floor' : null };
		if (status[i] === 'cap') return { share: cap, bound: 'cap' };
		// Mathematically an active share lies in [floor, cap]; it can sit exactly on one when the
		// budget is met right at a breakpoint. Snap shares within float noise of a bound onto it,
		// so they are labelled and round to exactly that bound.
		const share = left * (p / activeP); // p / activeP ≤ 1, so no overflow
		const eps = 1e-12 * Math.max(1, budget);
		if (share >= cap - eps) return { share: cap, bound: 'cap' };
		if (share <= floor + eps) return { share: floor, bound: floor > 0 ? 'floor' : null };
		return { share, bound: null };
	});
}
