/**
 * Properties of the committee's plan under one risk model: the marginal method spends the budget
 * exactly, within every legal limit and cap, and is never worse than proportional or top-N on its
 * own objective (expected seats, or P(hold at least N)), counted over the same joint draws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planMarginal, type PlanSeat } from './plan';

const seatArb = (draws: number, national: number[]) =>
	fc
		.record({
			mean: fc.double({ min: -20, max: 25, noNaN: true }),
			sd: fc.double({ min: 0.5, max: 10, noNaN: true }),
			noise: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: draws, maxLength: draws }),
			eligible: fc.boolean(),
			priority: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
			electorate: fc.integer({ min: 40_000, max: 110_000 }),
			seatType: fc.constantFrom('Borough', 'County', 'Burgh')
		})
		.map((r) => ({ ...r, leads: Float64Array.from(r.noise, (e, d) => r.mean + r.sd * (1.7 * e + national[d])) }));

const caseArb = fc.integer({ min: 10, max: 120 }).chain((draws) =>
	fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: draws, maxLength: draws }).chain((national) =>
		fc.record({
			seats: fc.array(seatArb(draws, national), { minLength: 2, maxLength: 14 }),
			budget: fc.integer({ min: 1_000, max: 120_000 }),
			beta: fc.double({ min: 0.2, max: 6, noNaN: true }),
			s0: fc.integer({ min: 200, max: 20_000 }),
			hold: fc.option(fc.integer({ min: 1, max: 14 }), { nil: null }),
			limitYear: fc.constantFrom(2017, 2024, 2029),
			localShare: fc.double({ min: 0, max: 0.9, noNaN: true }),
			cap: fc.option(fc.integer({ min: 2_000, max: 30_000 }), { nil: undefined })
		})
	)
);

describe('planMarginal (property)', () => {
	it('spends the budget exactly within limits and caps, and never loses to proportional or top-N on its objective', () => {
		let planned = 0;
		fc.assert(
			fc.property(caseArb, (c) => {
				const seats: PlanSeat[] = c.seats.map((s, i) => ({ code: `S${String(i).padStart(2, '0')}`, eligible: s.eligible || i === 0, priority: s.priority, electorate: s.electorate, seatType: s.seatType, leads: s.leads }));
				const objective = c.hold === null ? { kind: 'expected-seats' as const } : { kind: 'hold-at-least' as const, seats: c.hold };
				const plan = planMarginal(seats, { budget: c.budget, curve: { beta: c.beta, s0: c.s0 }, objective, limitYear: c.limitYear, localShare: c.localShare, cap: c.cap });
				if (!plan.ok) {
					expect(plan.error).toMatch(/can absorb only|floor|no eligible|No eligible/i);
					return;
				}
				planned++;
				expect(plan.rows.reduce((a, r) => a + r.amount, 0)).toBe(c.budget);
				for (const r of plan.rows) {
					expect(Number.isInteger(r.amount)).toBe(true);
					if (r.amount > 0) {
						expect(r.amount).toBeLessThanOrEqual(r.legalLimit!);
						expect(r.amount).toBeLessThanOrEqual(r.cap!);
					}
				}
				const [marginal, ...others] = plan.figures;
				expect(marginal.method).toBe('marginal');
				for (const other of others) expect(marginal.objective).toBeGreaterThanOrEqual(other.objective - 1e-12);
			}),
			{ numRuns: 300, seed: 15 }
		);
		// The generator must reach feasible plans, or the property says nothing.
		expect(planned).toBeGreaterThan(100);
	});
});
