import { describe, expect, it } from 'vitest';
import { allocate } from '$lib/model/allocation/engine';
import type { Indicator } from '$lib/model/catalogue';
import { LENS_IDS, LENS_BOUNDARY_SET } from '$lib/model/definition';
import { defaultDefinition } from '$lib/model/lenses';
import { createScenario, DEFAULT_BUDGET_RULE, defaultScenarioState, validateBudgetRule, validateScenario, validateScenarioState } from './scenario';

/** Every indicator the default lenses use, plus two spares per boundary set. */
const catalogue: Indicator[] = LENS_IDS.flatMap((lens) => {
	const d = defaultDefinition(lens);
	return [...d.scores.postIndustrial, ...d.scores.threat].map((s) => ({ id: s.id, boundarySet: LENS_BOUNDARY_SET[lens] }) as Indicator);
}).concat(['extra.one', 'extra.two'].flatMap((id) => (['2010', '2024'] as const).map((boundarySet) => ({ id, boundarySet }) as Indicator)));

const rule = (method: unknown, budget: unknown = 1_000_000) => validateBudgetRule({ budget, method });
const errorsOf = (v: { ok: boolean; errors?: { path: string; message: string }[] }) => (v.ok ? [] : v.errors!);

describe('validateBudgetRule', () => {
	it('accepts each method and drops unknown fields', () => {
		expect(rule({ kind: 'proportional' })).toEqual({ ok: true, rule: { budget: 1_000_000, method: { kind: 'proportional' } } });
		expect(rule({ kind: 'proportional', floor: 0, cap: 50_000, extra: 1 })).toEqual({ ok: true, rule: { budget: 1_000_000, method: { kind: 'proportional', floor: 0, cap: 50_000 } } });
		expect(rule({ kind: 'topn', n: 10, floor: 5 })).toEqual({ ok: true, rule: { budget: 1_000_000, method: { kind: 'topn', n: 10 } } });
		expect(
			rule({
				kind: 'tiers',
				tiers: [
					{ seats: 2, amount: 300_000 },
					{ seats: 4, amount: 100_000 }
				]
			}).ok
		).toBe(true);
	});

	it('names the field at fault', () => {
		expect(errorsOf(rule({ kind: 'proportional' }, 0))[0]).toEqual({ path: 'budget.budget', message: 'the budget must be a whole number of pounds from £1 to £1,000,000,000,000, got 0' });
		expect(errorsOf(rule({ kind: 'proportional' }, 2e12))[0].path).toBe('budget.budget');
		expect(errorsOf(rule({ kind: 'proportional' }, 10.5))[0].path).toBe('budget.budget');
		expect(errorsOf(rule({ kind: 'proportional' }, '1000'))[0].path).toBe('budget.budget');
		expect(errorsOf(rule({ kind: 'lottery' }))[0]).toEqual({ path: 'budget.method.kind', message: 'the method must be one of proportional, topn, tiers, marginal, got "lottery"' });
		expect(errorsOf(rule({ kind: 'proportional', floor: -1 }))[0].path).toBe('budget.method.floor');
		expect(errorsOf(rule({ kind: 'proportional', cap: Number.POSITIVE_INFINITY }))[0].path).toBe('budget.method.cap');
		expect(errorsOf(rule({ kind: 'proportional', floor: 10, cap: 5 }))[0].message).toBe('the floor (£10) must not be above the cap (£5)');
		expect(errorsOf(rule({ kind: 'topn', n: 0 }))[0].path).toBe('budget.method.n');
		expect(errorsOf(rule({ kind: 'topn', n: 2.5 }))[0].path).toBe('budget.method.n');
		expect(errorsOf(rule({ kind: 'tiers', tiers: [] }))[0].path).toBe('budget.method.tiers');
		expect(
			errorsOf(
				rule({
					kind: 'tiers',
					tiers: [
						{ seats: 1, amount: 5 },
						{ seats: 0, amount: Number.NaN }
					]
				})
			).map((e) => e.path)
		).toEqual(['budget.method.tiers[1].seats', 'budget.method.tiers[1].amount']);
		expect(errorsOf(validateBudgetRule(null))[0].path).toBe('budget');
	});

	it('accepts the marginal method with its curve, objective and local share, and names each bad field', () => {
		const good = { kind: 'marginal', beta: 1.5, s0: 5000, objective: { kind: 'expected-seats' }, localShare: 0.5, includeLong: false };
		expect(rule({ ...good, extra: 1 })).toEqual({ ok: true, rule: { budget: 1_000_000, method: good } });
		const hold = { ...good, objective: { kind: 'hold-at-least', seats: 200 }, floor: 1000, cap: 9000, includeLong: true };
		expect(rule(hold)).toEqual({ ok: true, rule: { budget: 1_000_000, method: hold } });
		expect(errorsOf(rule({ ...good, beta: 0 }))[0].path).toBe('budget.method.beta');
		expect(errorsOf(rule({ ...good, beta: Number.NaN }))[0].path).toBe('budget.method.beta');
		expect(errorsOf(rule({ ...good, s0: 12.5 }))[0].path).toBe('budget.method.s0');
		expect(errorsOf(rule({ ...good, objective: { kind: 'hold-at-least', seats: 0 } }))[0].path).toBe('budget.method.objective.seats');
		expect(errorsOf(rule({ ...good, objective: 'most' }))[0].path).toBe('budget.method.objective.kind');
		expect(errorsOf(rule({ ...good, localShare: 1 }))[0].message).toMatch(/expected local spend/);
		expect(errorsOf(rule({ ...good, includeLong: 'yes' }))[0].path).toBe('budget.method.includeLong');
		expect(errorsOf(rule({ ...good, floor: 10, cap: 5 }))[0].message).toBe('the floor (£10) must not be above the cap (£5)');
		const { beta: _beta, ...noBeta } = good;
		expect(errorsOf(rule(noBeta)).map((e) => e.path)).toEqual(['budget.method.beta']);
	});
});

describe('validateScenarioState', () => {
	it('accepts the default state for every lens, through JSON', () => {
		for (const lens of LENS_IDS) {
			const state = defaultScenarioState(lens);
			expect(validateScenarioState(JSON.parse(JSON.stringify(state)), catalogue)).toEqual({ ok: true, state });
		}
	});

	it('prefixes definition errors and reports budget errors alongside', () => {
		const state = defaultScenarioState() as unknown as { definition: { lens: string }; budget: { budget: number } };
		state.definition.lens = 'nope';
		state.budget.budget = -5;
		expect(errorsOf(validateScenarioState(state, catalogue)).map((e) => e.path)).toEqual(['definition.lens', 'budget.budget']);
		expect(errorsOf(validateScenarioState('x', catalogue))[0].path).toBe('(scenario)');
	});

	it('the default budget rule is feasible for any number of eligible seats', () => {
		for (const n of [1, 3, 9, 232, 650]) {
			const seats = Array.from({ length: n }, (_, i) => ({ code: `S${i}`, priority: (i + 1) / n }));
			const result = allocate({ budget: DEFAULT_BUDGET_RULE.budget, seats, method: DEFAULT_BUDGET_RULE.method });
			expect(result.ok && result.total).toBe(1_000_000);
		}
	});
});

describe('scenarios', () => {
	it('createScenario stamps an id and dates; validateScenario checks them', () => {
		const now = new Date('2026-01-02T03:04:05.000Z');
		const s = createScenario('  Labour heartlands  ', defaultScenarioState(), catalogue, now);
		expect(s).toMatchObject({ name: 'Labour heartlands', createdAt: '2026-01-02T03:04:05.000Z', updatedAt: '2026-01-02T03:04:05.000Z' });
		expect(s.id).toMatch(/\S/);
		expect(validateScenario(JSON.parse(JSON.stringify(s)), catalogue)).toEqual({ ok: true, scenario: s });
		expect(() => createScenario('   ', defaultScenarioState(), catalogue)).toThrow(/name: give the scenario a name/);
		expect(errorsOf(validateScenario({ ...s, createdAt: 'yesterday' }, catalogue))[0].path).toBe('createdAt');
	});
});
