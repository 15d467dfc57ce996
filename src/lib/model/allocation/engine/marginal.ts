/**
 * Marginal-value allocation: put each next pound where it saves the most seats.
 *
 * The seat-risk model's Monte Carlo gives, for every seat, the holder's lead in each of D joint
 * draws (the same draw index is the same national error in every seat). Spending £s moves a seat's
 * lead up by β·ln(1 + s/s₀) points in every draw (diminishing returns). A seat is kept in a draw
 * when its lead is above zero, so:
 * - `expected-seats`: maximise Σ P(keep), the fraction of draws kept, summed over seats;
 * - `hold-at-least`: maximise P(at least N seats kept), counted over the joint draws.
 *
 * Money goes out greedily in steps of Δ pounds (water-filling). Because the gain of a seat far
 * behind can rise before it falls (it needs a lot before any draw flips), each seat is valued by
 * its best average gain over chunks of 1, 2, 4 … steps up to its room, and the winning chunk is
 * given at once. Floors come first and caps (legal limit minus expected local spend, or the
 * user's cap) are hard. Whole pounds, summing exactly to the budget. Money that no longer buys
 * anything is spread over the seats with room and said so (`unproductive`).
 *
 * Greedy steps over a step-shaped objective (draws flip one at a time) can, rarely, end a draw or
 * two short of simply spreading the money evenly (found by the property test: 1.415 against 1.42
 * expected seats for two seats). So the even split is always a candidate too, and the better of
 * the two is returned: the method is never worse than the rule a committee would fall back on.
 */
export interface SpendCurve {
	/** Points of lead per unit of ln(1 + s/s₀). */
	beta: number;
	/** Pounds at which returns start to diminish. */
	s0: number;
}

export const leadGain = (curve: SpendCurve, pounds: number) => curve.beta * Math.log1p(pounds / curve.s0);

export interface MarginalSeat {
	code: string;
	/** The holder's lead in each joint draw, in points (all seats the same length D). */
	leads: Float64Array;
	/** The most this seat may get: min(legal headroom, the user's cap). */
	cap: number;
}

export type Objective = { kind: 'expected-seats' } | { kind: 'hold-at-least'; seats: number };

export interface MarginalInput {
	budget: number;
	seats: readonly MarginalSeat[];
	curve: SpendCurve;
	objective: Objective;
	floor?: number;
	/** Pounds per greedy step; default about budget / 2,000, at least £10. */
	step?: number;
	/**
	 * Amounts to start from instead of the floors (e.g. another method's allocation), raised to the
	 * floor and held to the caps; ignored when that would already exceed the budget. More money never
	 * lowers either objective, so the result is never worse than the start.
	 */
	start?: readonly number[];
}

export type MarginalResult = { ok: true; amounts: number[]; objective: number; unproductive: number } | { ok: false; error: string };

const pounds = (n: number) => `£${Math.round(n).toLocaleString('en-GB')}`;

/** Draw indices of a seat sorted by lead, so the draws a spend flips are one contiguous run. */
class SeatDraws {
	readonly order: Uint32Array;
	readonly sorted: Float64Array;
	constructor(leads: Float64Array) {
		this.order = Uint32Array.from(leads.keys()).sort((a, b) => leads[a] - leads[b]);
		this.sorted = Float64Array.from(this.order, (i) => leads[i]);
	}
	/** Number of draws with lead ≤ x (kept once the gain exceeds −lead). */
	atMost(x: number): number {
		let lo = 0;
		let hi = this.sorted.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.sorted[mid] <= x) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}
}

export function allocateMarginal(input: MarginalInput): MarginalResult {
	const { budget, seats, curve, objective } = input;
	const floor = input.floor ?? 0;
	if (!Number.isSafeInteger(budget) || budget <= 0) return { ok: false, error: `The budget must be a positive whole number of pounds, got ${budget}.` };
	if (!(curve.beta > 0) || !(curve.s0 > 0)) return { ok: false, error: `β and s₀ must be above zero (β ${curve.beta}, s₀ ${curve.s0}).` };
	if (!seats.length) return { ok: false, error: 'No eligible seat has a P(loss) to allocate on.' };
	const tooSmall = seats.filter((s) => s.cap < floor);
	if (tooSmall.length) return { ok: false, error: `The floor of ${pounds(floor)} is above the cap of ${tooSmall.length} seat(s) (e.g. ${tooSmall[0].code}: ${pounds(tooSmall[0].cap)}).` };
	if (floor * seats.length > budget) return { ok: false, error: `A floor of ${pounds(floor)} for ${seats.length} seats needs ${pounds(floor * seats.length)}, more than the budget of ${pounds(budget)}.` };
	const room = seats.reduce((a, s) => a + s.cap, 0);
	if (room < budget) return { ok: false, error: `The seats can absorb only ${pounds(room)} within their caps and legal limits, less than the budget of ${pounds(budget)}.` };
	const draws = seats[0].leads.length;
	const sorted = seats.map((s) => new SeatDraws(s.leads));
	let amounts = seats.map(() => floor);
	if (input.start && input.start.length === seats.length) {
		const from = seats.map((s, i) => Math.min(s.cap, Math.max(floor, Math.floor(input.start![i] || 0))));
		if (from.reduce((a, b) => a + b, 0) <= budget) amounts = from;
	}
	// Kept seats per draw, for the hold-at-least objective.
	const kept = keptPerDraw(seats, amounts, curve);
	const threshold = (a: number) => -leadGain(curve, a);
	const target = objective.kind === 'hold-at-least' ? objective.seats : 0;
	/** Objective gain of moving seat i from `from` to `to` pounds. */
	const gain = (i: number, from: number, to: number): number => {
		const hi = sorted[i].atMost(threshold(from));
		const lo = sorted[i].atMost(threshold(to));
		if (objective.kind === 'expected-seats') return (hi - lo) / draws;
		let pivotal = 0;
		for (let k = lo; k < hi; k++) if (kept[sorted[i].order[k]] === target - 1) pivotal++;
		return pivotal / draws;
	};
	const apply = (i: number, to: number) => {
		const hi = sorted[i].atMost(threshold(amounts[i]));
		const lo = sorted[i].atMost(threshold(to));
		for (let k = lo; k < hi; k++) kept[sorted[i].order[k]]++;
		amounts[i] = to;
	};
	const step = Math.max(input.step ?? Math.round(budget / 2000 / 10) * 10, 10);
	let left = budget - amounts.reduce((a, b) => a + b, 0);
	let unproductive = 0;
	const best = (i: number): { ratio: number; chunk: number } => {
		const free = Math.min(seats[i].cap - amounts[i], left);
		let top = { ratio: 0, chunk: 0 };
		for (let chunk = Math.min(step, free); chunk > 0; chunk = chunk >= free ? 0 : Math.min(chunk * 2, free)) {
			const ratio = gain(i, amounts[i], amounts[i] + chunk) / chunk;
			if (ratio > top.ratio * (1 + 1e-12)) top = { ratio, chunk };
		}
		return top;
	};
	// For expected seats a seat's gains depend only on its own amount, so its best chunk stays valid
	// until it is funded or the money left cuts its room; hold-at-least gains move with every grant.
	const cache: ({ free: number; ratio: number; chunk: number } | null)[] = seats.map(() => null);
	const bestCached = (i: number) => {
		const free = Math.min(seats[i].cap - amounts[i], left);
		const hit = cache[i];
		if (objective.kind === 'expected-seats' && hit && hit.free === free) return hit;
		return (cache[i] = { free, ...best(i) });
	};
	while (left > 0) {
		let pick = -1;
		let choice = { ratio: 0, chunk: 0 };
		for (let i = 0; i < seats.length; i++) {
			if (amounts[i] >= seats[i].cap) continue;
			const b = bestCached(i);
			if (b.ratio > choice.ratio) {
				pick = i;
				choice = b;
			}
		}
		if (pick < 0) break;
		apply(pick, amounts[pick] + choice.chunk);
		left -= choice.chunk;
	}
	if (left > 0) {
		// Nothing left buys a seat: spread the rest evenly over the seats with room, in code order.
		unproductive = left;
		const open = seats
			.map((s, i) => i)
			.filter((i) => amounts[i] < seats[i].cap)
			.sort((a, b) => (seats[a].code < seats[b].code ? -1 : 1));
		while (left > 0 && open.length) {
			const share = Math.max(1, Math.floor(left / open.length));
			for (let k = open.length - 1; k >= 0 && left > 0; k--) {
				const i = open[k];
				const add = Math.min(share, seats[i].cap - amounts[i], left);
				apply(i, amounts[i] + add);
				left -= add;
				if (amounts[i] >= seats[i].cap) open.splice(k, 1);
			}
		}
	}
	const value = objectiveValue(seats, amounts, curve, objective);
	const flat = evenSplit(budget, seats, floor);
	const flatValue = objectiveValue(seats, flat, curve, objective);
	if (flatValue > value + 1e-12) return { ok: true, amounts: flat, objective: flatValue, unproductive: 0 };
	return { ok: true, amounts, objective: value, unproductive };
}

/**
 * The budget spread as evenly as the floor and the caps allow (water-filling), in whole pounds
 * summing to the budget; the odd pounds go to seats in code order. Assumes the checks above passed
 * (the floors fit the budget and the caps hold it).
 */
export function evenSplit(budget: number, seats: readonly MarginalSeat[], floor = 0): number[] {
	const amounts = seats.map(() => floor);
	let left = budget - floor * seats.length;
	let open = seats.map((_, i) => i).sort((a, b) => (seats[a].code < seats[b].code ? -1 : seats[a].code > seats[b].code ? 1 : a - b));
	while (left > 0 && open.length) {
		const share = Math.max(1, Math.floor(left / open.length));
		for (const i of open) {
			const add = Math.min(share, seats[i].cap - amounts[i], left);
			amounts[i] += add;
			left -= add;
			if (left === 0) break;
		}
		open = open.filter((i) => amounts[i] < seats[i].cap);
	}
	return amounts;
}

/** The objective of any allocation under the same draws and curve (to compare methods). */
export function objectiveValue(seats: readonly MarginalSeat[], amounts: readonly number[], curve: SpendCurve, objective: Objective): number {
	if (!seats.length) return 0;
	const kept = keptPerDraw(seats, amounts, curve);
	const draws = kept.length;
	if (objective.kind === 'expected-seats') return kept.reduce((a, b) => a + b, 0) / draws;
	return kept.reduce((a, k) => a + (k >= objective.seats ? 1 : 0), 0) / draws;
}

/** Seats kept per draw after spending: the distribution behind "expected seats held, 90% range". */
export function keptPerDraw(seats: readonly MarginalSeat[], amounts: readonly number[], curve: SpendCurve): Int32Array {
	const draws = seats[0]?.leads.length ?? 0;
	const kept = new Int32Array(draws);
	seats.forEach((s, i) => {
		const t = -leadGain(curve, amounts[i] ?? 0);
		for (let d = 0; d < draws; d++) if (s.leads[d] > t) kept[d]++;
	});
	return kept;
}
