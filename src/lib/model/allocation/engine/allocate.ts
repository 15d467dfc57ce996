/**
 * Fund allocation engine: divides a whole-pound budget across eligible seats.
 *
 * Design notes (decisions the product issue left open):
 * - Ranking: priority descending, then seat code ascending (plain code-unit order, so it does not
 *   depend on the user's locale). Ranks are unique (1..n). This one order breaks every tie: at the
 *   top-N and tier boundaries, and between equal rounding remainders.
 * - Exact total: every successful result sums to exactly the budget. Amounts are whole pounds,
 *   rounded by largest remainder (round.ts) without crossing a floor or cap.
 * - proportional: share ∝ priority, clamped to [floor, cap], the remainder redistributed until
 *   stable (solved exactly, see proportional.ts). The floor applies to every eligible seat,
 *   including zero-priority ones; without a floor they get £0. Infeasible when floor × seats >
 *   budget, or when the caps cannot absorb the budget (zero-priority seats never rise above the
 *   floor, so they count at the floor in that check).
 * - topn: the top N share the budget equally; the odd pounds go to the highest-ranked of them.
 *   N larger than the eligible seats is an error, not "fund them all", so a typo cannot silently
 *   change the method. Likewise N may not reach into zero-priority seats, which would be picked
 *   by code alone.
 * - tiers: bands of fixed amounts from the top down. Their total must equal the budget exactly,
 *   otherwise it is an error quoting both totals: we do not scale the committee's amounts or
 *   invent a rule for leftovers. Amounts must not increase down the tiers (a lower-ranked seat
 *   never gets more), and tiers may not reach zero-priority seats (as for topn). Unfunded seats
 *   get £0.
 * - Bad input never throws: every rule violation returns { ok: false, error } with a message
 *   saying why, using the numbers involved.
 */
import { proportionalShares } from './proportional';
import { roundLargestRemainder } from './round';
import type { AllocationInput, AllocationResult, AllocationRow, Bound, Seat, Tier } from './types';

/** Whole pounds with thousands separators, e.g. £1,200,000 (no Intl, so output never varies). */
export function formatPounds(amount: number): string {
	return `£${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

const isWholePounds = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
const seatsWord = (n: number) => `${n} seat${n === 1 ? '' : 's'}`;
const fail = (error: string): AllocationResult => ({ ok: false, error });

/** Priority desc, then code asc. Exported so the UI can list seats in the engine's order. */
export function compareSeats(a: Seat, b: Seat): number {
	if (a.priority !== b.priority) return b.priority - a.priority;
	return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** Divide `budget` across `seats` by `method`. Pure and deterministic; never throws on bad input. */
export function allocate({ budget, seats, method }: AllocationInput): AllocationResult {
	if (!isWholePounds(budget) || budget === 0) {
		return fail(`budget must be a positive whole number of pounds, got ${String(budget)}`);
	}
	if (!Array.isArray(seats) || seats.length === 0) return fail('no eligible seats');

	const seen = new Set<string>();
	for (const s of seats) {
		if (typeof s !== 'object' || s === null || typeof s.code !== 'string') {
			return fail('every seat needs a code (string) and a priority (number)');
		}
		if (typeof s.priority !== 'number' || !Number.isFinite(s.priority) || s.priority < 0) {
			return fail(`seat ${s.code} has an invalid priority (${String(s.priority)}); priorities must be finite numbers ≥ 0`);
		}
		if (seen.has(s.code)) return fail(`seat ${s.code} appears more than once`);
		seen.add(s.code);
	}
	if (seats.every((s) => s.priority === 0)) return fail('all priorities are zero');

	const ranked = [...seats].sort(compareSeats);
	const positive = ranked.filter((s) => s.priority > 0).length;

	let amounts: { amount: number; bound: Bound }[] | string;
	switch (method?.kind) {
		case 'proportional':
			amounts = proportional(budget, ranked, method.floor, method.cap);
			break;
		case 'topn':
			amounts = topN(budget, ranked.length, positive, method.n);
			break;
		case 'tiers':
			amounts = tiers(budget, ranked.length, positive, method.tiers);
			break;
		case 'marginal':
			return fail('the expected-seats method needs the seat-risk model; it is planned in the risk worker, not here');
		default:
			return fail(`unknown allocation method ${JSON.stringify((method as { kind?: unknown } | undefined)?.kind)}`);
	}
	if (typeof amounts === 'string') return fail(amounts);

	const rows: AllocationRow[] = ranked.map((s, i) => ({
		code: s.code,
		priority: s.priority,
		rank: i + 1,
		amount: amounts[i].amount,
		bound: amounts[i].bound
	}));
	const total = rows.reduce((sum, r) => sum + r.amount, 0);
	// Internal invariant: the methods above guarantee this; refuse to return a wrong total if not.
	if (total !== budget) return fail(`internal error: allocated ${formatPounds(total)} of ${formatPounds(budget)}`);
	return { ok: true, rows, total };
}

type Amounts = { amount: number; bound: Bound }[];

function proportional(budget: number, ranked: Seat[], floorIn?: number, capIn?: number): Amounts | string {
	if (floorIn !== undefined && !isWholePounds(floorIn)) {
		return `floor must be a whole number of pounds ≥ 0, got ${String(floorIn)}`;
	}
	if (capIn !== undefined && !isWholePounds(capIn)) {
		return `cap must be a whole number of pounds ≥ 0, got ${String(capIn)}`;
	}
	const floor = floorIn ?? 0;
	const cap = capIn ?? Number.POSITIVE_INFINITY;
	const n = ranked.length;
	if (floor > cap) return `floor is above the cap: ${formatPounds(floor)} > ${formatPounds(cap)}`;
	if (floor * n > budget) {
		return `floor × eligible seats exceeds the budget: ${formatPounds(floor)} × ${seatsWord(n)} = ${formatPounds(floor * n)} > ${formatPounds(budget)}`;
	}
	if (cap * n < budget) {
		return `cap × eligible seats is below the budget: ${formatPounds(cap)} × ${seatsWord(n)} = ${formatPounds(cap * n)} < ${formatPounds(budget)}`;
	}
	const zero = ranked.filter((s) => s.priority === 0).length;
	const most = cap * (n - zero) + floor * zero;
	if (most < budget) {
		return `zero-priority seats only get the floor, so at most ${formatPounds(cap)} × ${seatsWord(n - zero)} + ` + `${formatPounds(floor)} × ${seatsWord(zero)} = ${formatPounds(most)} can be allocated, below the budget of ${formatPounds(budget)}`;
	}

	const shares = proportionalShares(
		ranked.map((s) => s.priority),
		budget,
		floor,
		cap
	);
	const rounded =
		shares &&
		roundLargestRemainder(
			shares.map((s) => s.share),
			budget,
			floor,
			cap
		);
	if (!shares || !rounded) return 'internal error: the proportional shares could not be rounded to the budget';
	// Keep a bound label only if the rounded amount really sits on that bound.
	return rounded.map((amount, i) => {
		const b = shares[i].bound;
		const bound: Bound = (b === 'floor' && amount === floor) || (b === 'cap' && amount === cap) ? b : null;
		return { amount, bound };
	});
}

function topN(budget: number, eligible: number, positive: number, n: unknown): Amounts | string {
	if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) return `N must be a whole number ≥ 1, got ${String(n)}`;
	if (n > eligible) return `N (${n}) is larger than the number of eligible seats (${eligible})`;
	if (n > positive) {
		return `N (${n}) is larger than the number of seats with a priority above zero (${positive}); zero-priority seats are not ranked into the top N`;
	}
	// Equal exact shares, so largest remainder hands the odd pounds to the top ranks, one each.
	const funded = roundLargestRemainder(Array<number>(n).fill(budget / n), budget);
	if (!funded) return 'internal error: the top-N split could not be rounded to the budget';
	return Array.from({ length: eligible }, (_, i) => ({ amount: i < n ? funded[i] : 0, bound: null }));
}

function tiers(budget: number, eligible: number, positive: number, list: readonly Tier[] | undefined): Amounts | string {
	if (!Array.isArray(list) || list.length === 0) return 'no tiers given';
	let seats = 0;
	let total = 0;
	for (const [i, t] of list.entries()) {
		const name = `tier ${i + 1}`;
		if (typeof t !== 'object' || t === null) return `${name} must have seats and an amount`;
		if (typeof t.seats !== 'number' || !Number.isSafeInteger(t.seats) || t.seats < 1) {
			return `${name}: seats must be a whole number ≥ 1, got ${String(t.seats)}`;
		}
		if (!isWholePounds(t.amount)) return `${name}: amount must be a whole number of pounds ≥ 0, got ${String(t.amount)}`;
		if (i > 0 && t.amount > list[i - 1].amount) {
			return `${name} pays more than tier ${i} (${formatPounds(t.amount)} > ${formatPounds(list[i - 1].amount)}); list tiers from the highest amount down`;
		}
		seats += t.seats;
		total += t.seats * t.amount;
	}
	if (seats > eligible) return `tiers cover ${seatsWord(seats)} but only ${eligible} ${eligible === 1 ? 'is' : 'are'} eligible`;
	if (seats > positive) {
		return `tiers cover ${seatsWord(seats)} but only ${positive} ${positive === 1 ? 'has' : 'have'} a priority above zero; zero-priority seats are not ranked into tiers`;
	}
	if (total !== budget) {
		return `tiers allocate ${formatPounds(total)} but the budget is ${formatPounds(budget)}; tier amounts must add up to the budget exactly`;
	}
	const out: Amounts = [];
	for (const t of list) for (let k = 0; k < t.seats; k++) out.push({ amount: t.amount, bound: null });
	while (out.length < eligible) out.push({ amount: 0, bound: null });
	return out;
}
