import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from './allocate';
import type { AllocationInput, AllocationMethod, AllocationResult, Seat } from './types';

const RUNS = { numRuns: 300 };

// Priorities are mostly small integers (so ties are common) plus arbitrary reals in a sane range.
const priority = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }));

/** Unique codes in a random order relative to priority, with at least one positive priority. */
const seatList = (minLength = 1) =>
	fc
		.array(priority, { minLength, maxLength: 40 })
		.filter((ps) => ps.some((p) => p > 0))
		.chain((ps) =>
			fc
				.shuffledSubarray(
					ps.map((_, i) => `E${String(i).padStart(4, '0')}`),
					{ minLength: ps.length, maxLength: ps.length }
				)
				.map((codes) => ps.map((p, i): Seat => ({ code: codes[i], priority: p })))
		);

const budget = fc.integer({ min: 1, max: 10_000_000 });

/** A feasible proportional problem: floor ≤ budget/n, and caps that can absorb the budget. */
const feasibleProportional = fc
	.record({ seats: seatList(), budget, useFloor: fc.boolean(), useCap: fc.boolean(), f: fc.double({ min: 0, max: 1, noNaN: true }), extra: fc.integer({ min: 0, max: 50_000 }) })
	.map(({ seats, budget, useFloor, useCap, f, extra }): AllocationInput => {
		const n = seats.length;
		const zero = seats.filter((s) => s.priority === 0).length;
		const floor = useFloor ? Math.floor((budget / n) * f) : undefined;
		// Smallest cap that still lets the positive-priority seats take what the floors leave.
		const minCap = Math.max(floor ?? 0, Math.ceil((budget - zero * (floor ?? 0)) / (n - zero)));
		const cap = useCap ? minCap + extra : undefined;
		return { budget, seats, method: { kind: 'proportional', floor, cap } };
	});

function expectOk(r: AllocationResult): asserts r is Extract<AllocationResult, { ok: true }> {
	if (!r.ok) throw new Error(`expected a feasible result, got: ${r.error}`);
}

/** Every eligible seat once, ranked 1..n in priority-desc/code-asc order, summing to the budget. */
function expectWellFormed(input: AllocationInput, r: AllocationResult) {
	expectOk(r);
	expect(r.total).toBe(input.budget);
	expect(r.rows.reduce((a, x) => a + x.amount, 0)).toBe(input.budget);
	expect(r.rows.map((x) => x.rank)).toEqual(input.seats.map((_, i) => i + 1));
	expect(new Set(r.rows.map((x) => x.code))).toEqual(new Set(input.seats.map((s) => s.code)));
	for (const x of r.rows) expect(Number.isSafeInteger(x.amount) && x.amount >= 0).toBe(true);
	for (let i = 1; i < r.rows.length; i++) {
		const [a, b] = [r.rows[i - 1], r.rows[i]];
		expect(a.priority > b.priority || (a.priority === b.priority && a.code < b.code)).toBe(true);
	}
}

describe('proportional (property)', () => {
	it('sums to the budget, respects floor and cap, and is monotone in priority', () => {
		fc.assert(
			fc.property(feasibleProportional, (input) => {
				const r = allocate(input);
				expectWellFormed(input, r);
				expectOk(r);
				const { floor = 0, cap = Infinity } = input.method as Extract<AllocationMethod, { kind: 'proportional' }>;
				for (const x of r.rows) {
					expect(x.amount).toBeGreaterThanOrEqual(floor);
					expect(x.amount).toBeLessThanOrEqual(cap);
					if (x.bound === 'floor') expect(x.amount).toBe(floor);
					if (x.bound === 'cap') expect(x.amount).toBe(cap);
				}
				// Rows are in rank order, so amounts must never increase down the list.
				for (let i = 1; i < r.rows.length; i++) expect(r.rows[i].amount).toBeLessThanOrEqual(r.rows[i - 1].amount);
				// Equal priorities differ by at most the one rounding pound.
				for (let i = 1; i < r.rows.length; i++) {
					if (r.rows[i].priority === r.rows[i - 1].priority) expect(r.rows[i - 1].amount - r.rows[i].amount).toBeLessThanOrEqual(1);
				}
			}),
			RUNS
		);
	});

	it('matches a bisection oracle for clamp(λ·p, floor, cap) to within £1 per seat', () => {
		// Independent check of the breakpoint solver: find λ by bisection on S(λ) = Σ clamp(λp).
		const sane = feasibleProportional.filter((i) => i.seats.every((s) => s.priority === 0 || s.priority >= 1e-3));
		fc.assert(
			fc.property(sane, (input) => {
				const { floor = 0, cap = Infinity } = input.method as Extract<AllocationMethod, { kind: 'proportional' }>;
				const S = (l: number) => input.seats.reduce((a, s) => a + Math.min(cap, Math.max(floor, l * s.priority)), 0);
				let lo = 0;
				let hi = 1;
				while (S(hi) < input.budget) hi *= 2;
				for (let i = 0; i < 200; i++) {
					const mid = (lo + hi) / 2;
					if (S(mid) < input.budget) lo = mid;
					else hi = mid;
				}
				const r = allocate(input);
				expectOk(r);
				for (const x of r.rows) {
					const exact = Math.min(cap, Math.max(floor, hi * x.priority));
					expect(Math.abs(x.amount - exact)).toBeLessThan(1 + 1e-6);
				}
			}),
			RUNS
		);
	});

	it('copes with extreme priority ratios (denormals next to 1e300)', () => {
		const extreme = fc.constantFrom(0, 5e-324, 1e-320, 1e-300, 1e-10, 1, 3, 1e10, 1e300, Number.MAX_VALUE);
		const input = fc
			.record({ ps: fc.array(extreme, { minLength: 1, maxLength: 8 }), budget, useCap: fc.boolean(), useFloor: fc.boolean() })
			.filter(({ ps }) => ps.some((p) => p > 0))
			.map(({ ps, budget, useCap, useFloor }): AllocationInput => {
				const n = ps.length;
				const zero = ps.filter((p) => p === 0).length;
				const floor = useFloor ? Math.floor(budget / n / 2) : undefined;
				const cap = useCap ? Math.max(floor ?? 0, Math.ceil((budget - zero * (floor ?? 0)) / (n - zero))) : undefined;
				return { budget, seats: ps.map((priority, i) => ({ code: `S${i}`, priority })), method: { kind: 'proportional', floor, cap } };
			});
		fc.assert(
			fc.property(input, (input) => {
				const r = allocate(input);
				expectWellFormed(input, r);
				expectOk(r);
				for (let i = 1; i < r.rows.length; i++) expect(r.rows[i].amount).toBeLessThanOrEqual(r.rows[i - 1].amount);
			}),
			RUNS
		);
	});

	it('without floor or cap, every amount is within £1 of budget × priority / Σpriority', () => {
		fc.assert(
			fc.property(seatList(), budget, (seats, budget) => {
				const r = allocate({ budget, seats, method: { kind: 'proportional' } });
				expectOk(r);
				const total = seats.reduce((a, s) => a + s.priority, 0);
				for (const x of r.rows) expect(Math.abs(x.amount - (budget * x.priority) / total)).toBeLessThan(1 + 1e-6);
			}),
			RUNS
		);
	});
});

describe('topn (property)', () => {
	it('funds exactly the top N, equally to within £1, the extra pounds to the higher ranks', () => {
		const input = seatList().chain((seats) => {
			const positive = seats.filter((s) => s.priority > 0).length;
			return fc.record({ budget, n: fc.integer({ min: 1, max: positive }) }).map(({ budget, n }): AllocationInput => ({ budget, seats, method: { kind: 'topn', n } }));
		});
		fc.assert(
			fc.property(input, (input) => {
				const r = allocate(input);
				expectWellFormed(input, r);
				expectOk(r);
				const n = (input.method as { n: number }).n;
				const base = Math.floor(input.budget / n);
				const expected = r.rows.map((_, i) => (i < n ? base + (i < input.budget - base * n ? 1 : 0) : 0));
				expect(r.rows.map((x) => x.amount)).toEqual(expected);
			}),
			RUNS
		);
	});
});

describe('tiers (property)', () => {
	it('pays each band its amount in rank order when the bands spend the budget', () => {
		const input = seatList().chain((seats) => {
			const positive = seats.filter((s) => s.priority > 0).length;
			return fc
				.array(fc.record({ seats: fc.integer({ min: 1, max: 5 }), amount: fc.integer({ min: 1, max: 100_000 }) }), { minLength: 1, maxLength: 4 })
				.map((ts) => ts.sort((a, b) => b.amount - a.amount))
				.filter((ts) => ts.reduce((a, t) => a + t.seats, 0) <= positive)
				.map((tiers): AllocationInput => ({ budget: tiers.reduce((a, t) => a + t.seats * t.amount, 0), seats, method: { kind: 'tiers', tiers } }));
		});
		fc.assert(
			fc.property(input, (input) => {
				const r = allocate(input);
				expectWellFormed(input, r);
				expectOk(r);
				const tiers = (input.method as Extract<AllocationMethod, { kind: 'tiers' }>).tiers;
				const expected = tiers.flatMap((t) => Array<number>(t.seats).fill(t.amount));
				expect(r.rows.map((x) => x.amount)).toEqual([...expected, ...Array<number>(r.rows.length - expected.length).fill(0)]);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('any method (property)', () => {
	// Arbitrary, often infeasible inputs: odd budgets, NaN/negative priorities, duplicate codes,
	// floors above caps, N too large, tiers that miss the budget.
	const anyNumber = fc.oneof(fc.integer({ min: -10, max: 2_000_000 }), fc.double(), fc.constant(Number.NaN));
	const anySeats = fc.array(fc.record({ code: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'), priority: fc.oneof(priority, anyNumber) }), { maxLength: 8 });
	const anyMethod: fc.Arbitrary<AllocationMethod> = fc.oneof(
		fc.record({ kind: fc.constant('proportional' as const), floor: fc.option(anyNumber, { nil: undefined }), cap: fc.option(anyNumber, { nil: undefined }) }),
		fc.record({ kind: fc.constant('topn' as const), n: anyNumber }),
		fc.record({ kind: fc.constant('tiers' as const), tiers: fc.array(fc.record({ seats: anyNumber, amount: anyNumber }), { maxLength: 3 }) })
	);
	it('never throws: either sums to the budget or explains why not', () => {
		fc.assert(
			fc.property(fc.oneof(budget, anyNumber), anySeats, anyMethod, (budget, seats, method) => {
				const input = { budget, seats, method };
				const r = allocate(input);
				if (r.ok) {
					expectWellFormed(input, r);
				} else {
					expect(r.error.trim().length).toBeGreaterThan(0);
					expect(r.error).not.toMatch(/internal error/);
				}
			}),
			{ numRuns: 1000 }
		);
	});

	it('is deterministic and ignores input order', () => {
		fc.assert(
			fc.property(feasibleProportional, fc.nat(), (input, seed) => {
				const first = allocate(input);
				expect(allocate(input)).toEqual(first);
				// Rotate the seat list: the same seats in another order give the same rows.
				const k = seed % input.seats.length;
				const rotated = [...input.seats.slice(k), ...input.seats.slice(0, k)].reverse();
				expect(allocate({ ...input, seats: rotated })).toEqual(first);
			}),
			RUNS
		);
	});
});
