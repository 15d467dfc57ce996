/** Marginal-value allocation on the real data, under a 2024-boundary scenario with Reform UK ahead. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/db/types';
import { prepareIndicators } from '../../src/lib/data/prepare-indicators';
import { loadRiskHistories } from '../../src/lib/data/risk-inputs';
import { defaultDefinition } from '../../src/lib/model/lenses';
import { runRisk } from '../../src/lib/model/risk/run';
import { parseScenario } from '../../src/lib/model/risk/scenario';
import { DEFAULT_CURVE, planMarginal, type PlanSeat } from '../../src/lib/model/allocation/plan';
import { spendingLimitInputsQuery } from '../../src/lib/queries/risk';
import { scoreQuery } from '../../src/lib/queries/scoring';
import { allocate } from '../../src/lib/model/allocation/engine/allocate';
import { openLoadedDatabase } from './helpers';

let db: Database;
let seats: PlanSeat[];

beforeAll(async () => {
	({ db } = await openLoadedDatabase());
	await prepareIndicators(db);
	const histories = await loadRiskHistories(db);
	const scenario = parseScenario('ruk=29,lab=22,con=18,ld=13,green=10;scotland:snp=30,lab=22,ruk=18');
	if (!scenario.ok) throw new Error(scenario.error);
	const run = runRisk(histories, '2024', 2024, scenario.value, { keepDraws: true, draws: 1000 });
	const draws = new Map(run.simulation.seats.map((s, i) => [s.code, run.simulation.leadDraws![i]]));
	const q = scoreQuery(defaultDefinition('2024-reform'));
	const scored = (await db.query(q.sql, q.params)).rows;
	const limits = new Map((await db.query(spendingLimitInputsQuery('2024', 2024))).rows.map((r) => [String(r.code), r]));
	seats = scored.map((r) => ({
		code: String(r.code),
		eligible: Boolean(r.eligible),
		priority: r.priority as number | null,
		electorate: limits.get(String(r.code))!.electorate as number | null,
		seatType: limits.get(String(r.code))!.seat_type as string | null,
		leads: draws.get(String(r.code)) ?? null
	}));
}, 120_000);

afterAll(async () => db?.close());

describe('marginal allocation, 2024 lens, Reform UK ahead', () => {
	it('funds Labour-held seats at real risk, within every legal limit, and concentrates the money', () => {
		const plan = planMarginal(seats, { budget: 1_000_000, curve: DEFAULT_CURVE, objective: { kind: 'expected-seats' }, limitYear: 2024 });
		if (!plan.ok) throw new Error(plan.error);
		const funded = plan.rows.filter((r) => r.amount > 0);
		expect(plan.rows.reduce((a, r) => a + r.amount, 0)).toBe(1_000_000);
		expect(funded.length).toBeGreaterThan(20);
		const holders = new Map(seats.map((s) => [s.code, s.eligible]));
		expect(funded.every((r) => holders.get(r.code))).toBe(true);
		for (const r of funded) {
			expect(r.amount).toBeLessThanOrEqual(r.legalLimit!);
			expect(r.amount).toBeLessThanOrEqual(r.cap!);
			expect(r.pLossBefore!).toBeGreaterThanOrEqual(0.01);
			expect(r.pLossBefore!).toBeLessThanOrEqual(0.99);
			expect(r.pLossAfter!).toBeLessThanOrEqual(r.pLossBefore!);
		}
		const [marginal, proportional, topn] = plan.figures;
		expect(marginal.heldAfter).toBeGreaterThan(marginal.heldBefore);
		expect(marginal.objective).toBeGreaterThanOrEqual(proportional.objective);
		expect(marginal.objective).toBeGreaterThanOrEqual(topn.objective);
		const top50 = (amounts: number[]) =>
			[...amounts]
				.sort((a, b) => b - a)
				.slice(0, 50)
				.reduce((a, b) => a + b, 0) / 1_000_000;
		const flat = allocate({ budget: 1_000_000, seats: seats.filter((x) => x.eligible && x.priority !== null).map((x) => ({ code: x.code, priority: x.priority! })), method: { kind: 'proportional' } });
		if (!flat.ok) throw new Error(flat.error);
		const proportionalTop50 = top50(flat.rows.map((r) => r.amount));
		// Targeting: the 50 biggest grants take a clearly larger share than under proportional.
		expect(top50(funded.map((r) => r.amount))).toBeGreaterThan(proportionalTop50 + 0.1);
		console.log(`top-50 share: marginal ${top50(funded.map((r) => r.amount)).toFixed(3)}, proportional ${proportionalTop50.toFixed(3)}`);
		console.log(
			`2024 lens: marginal holds ${marginal.heldAfter.toFixed(1)} (from ${marginal.heldBefore.toFixed(1)}), proportional ${proportional.heldAfter.toFixed(1)} (unspendable £${proportional.unspendable}), top-N ${topn.heldAfter.toFixed(1)}; £${Math.round(marginal.perSeatSaved ?? 0)} per seat saved; ${funded.length} seats funded`
		);
	});
	it('a seat with no electorate stops the plan with a clear error', () => {
		const broken = seats.map((s) => (s.eligible && s.leads ? { ...s, electorate: null } : s));
		const plan = planMarginal(broken, { budget: 1_000_000, curve: DEFAULT_CURVE, objective: { kind: 'expected-seats' }, limitYear: 2024 });
		expect(plan).toMatchObject({ ok: false, error: expect.stringMatching(/has no electorate, so its spending limit is unknown/) });
	});
});
