/**
 * A scenario is a name plus everything that decides an allocation: the score definition (lens,
 * weights, filters) and the budget rule. Scenarios arrive from IndexedDB, URLs and files, so
 * everything here validates untrusted data and names the field at fault, like validateDefinition.
 */
import type { AllocationMethod, MarginalMethod } from '$lib/model/allocation/engine';
import type { Objective } from '$lib/model/allocation/engine/marginal';
import type { Indicator } from '$lib/model/catalogue';
import { LENS_BOUNDARY_SET, validateDefinition, type FieldError, type LensId, type ScoreDefinition } from '$lib/model/definition';
import { validateRiskSetting, type RiskSetting } from '$lib/features/risk/risk-setting';
import { DEFAULT_LENS, defaultDefinition } from '$lib/model/lenses';

import { DEFAULT_BUDGET_RULE, type BudgetRule } from '$lib/features/allocation/budget';
export type { BudgetRule };

/** `risk` is optional: states saved or linked before it existed mean the defaults (risk-setting.ts). */
export type ScenarioState = { definition: ScoreDefinition; budget: BudgetRule; risk?: RiskSetting };

export type Scenario = { id: string; name: string; createdAt: string; updatedAt: string; state: ScenarioState };

export type StateValidation = { ok: true; state: ScenarioState } | { ok: false; errors: FieldError[] };
export type ScenarioValidation = { ok: true; scenario: Scenario } | { ok: false; errors: FieldError[] };

export const MAX_BUDGET = 1e12;
export const MAX_TIERS = 100;
export const MAX_NAME_LENGTH = 120;
export const ALLOCATION_KINDS = ['proportional', 'topn', 'tiers', 'marginal'] as const;
/** Bounds on the marginal method's curve: β points of lead per ln-unit, s₀ in pounds. */
export const MAX_BETA = 50;
export const MAX_S0 = 1_000_000;

export { DEFAULT_BUDGET_RULE };

export function defaultBudgetRule(): BudgetRule {
	return cloneRule(DEFAULT_BUDGET_RULE);
}

export function defaultScenarioState(lens: LensId = DEFAULT_LENS): ScenarioState {
	return { definition: defaultDefinition(lens), budget: defaultBudgetRule() };
}

function cloneRule(rule: BudgetRule): BudgetRule {
	const m = rule.method;
	const method: AllocationMethod = m.kind === 'tiers' ? { kind: 'tiers', tiers: m.tiers.map((t) => ({ ...t })) } : m.kind === 'marginal' ? { ...m, objective: { ...m.objective } } : { ...m };
	return { budget: rule.budget, method };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Quote a bad value briefly: hostile input must not turn into a 10,000-character message. */
const describe = (v: unknown): string => {
	let text: string;
	try {
		text = typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v));
	} catch {
		text = String(typeof v);
	}
	return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};
const isWholePounds = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function wholePounds(raw: unknown, path: string, label: string, errors: FieldError[]): number | undefined {
	if (isWholePounds(raw)) return raw;
	errors.push({ path, message: `${label} must be a whole number of pounds ≥ 0, got ${describe(raw)}` });
	return undefined;
}

/** Shape checks only: whether a rule fits the eligible seats is the engine's call, with its message. */
export function validateBudgetRule(raw: unknown, path = 'budget'): { ok: true; rule: BudgetRule } | { ok: false; errors: FieldError[] } {
	const errors: FieldError[] = [];
	if (!isObject(raw)) return { ok: false, errors: [{ path, message: 'the budget rule must be an object with a budget and a method' }] };
	const budget = raw.budget;
	if (typeof budget !== 'number' || !Number.isSafeInteger(budget) || budget < 1 || budget > MAX_BUDGET) {
		errors.push({ path: `${path}.budget`, message: `the budget must be a whole number of pounds from £1 to £1,000,000,000,000, got ${describe(budget)}` });
	}
	const m = raw.method;
	const mp = `${path}.method`;
	let method: AllocationMethod | null = null;
	if (!isObject(m) || !ALLOCATION_KINDS.includes(m.kind as (typeof ALLOCATION_KINDS)[number])) {
		errors.push({ path: `${mp}.kind`, message: `the method must be one of ${ALLOCATION_KINDS.join(', ')}, got ${describe(isObject(m) ? m.kind : m)}` });
	} else if (m.kind === 'proportional') {
		const before = errors.length;
		const floor = m.floor === undefined ? undefined : wholePounds(m.floor, `${mp}.floor`, 'the floor', errors);
		const cap = m.cap === undefined ? undefined : wholePounds(m.cap, `${mp}.cap`, 'the cap', errors);
		if (floor !== undefined && cap !== undefined && floor > cap) errors.push({ path: `${mp}.floor`, message: `the floor (£${floor}) must not be above the cap (£${cap})` });
		if (errors.length === before) {
			method = { kind: 'proportional' };
			if (floor !== undefined) method.floor = floor;
			if (cap !== undefined) method.cap = cap;
		}
	} else if (m.kind === 'topn') {
		if (typeof m.n !== 'number' || !Number.isSafeInteger(m.n) || m.n < 1) errors.push({ path: `${mp}.n`, message: `N (the number of seats funded) must be a whole number ≥ 1, got ${describe(m.n)}` });
		else method = { kind: 'topn', n: m.n };
	} else if (m.kind === 'marginal') {
		method = validateMarginal(m, mp, errors);
	} else {
		const list = m.tiers;
		if (!Array.isArray(list) || list.length === 0 || list.length > MAX_TIERS) {
			errors.push({ path: `${mp}.tiers`, message: `tiers must be a list of 1 to ${MAX_TIERS} bands of { seats, amount }` });
		} else {
			const before = errors.length;
			const tiers = list.map((t, i) => {
				const tp = `${mp}.tiers[${i}]`;
				if (!isObject(t)) {
					errors.push({ path: tp, message: `tier ${i + 1} must be an object with seats and amount` });
					return { seats: 0, amount: 0 };
				}
				if (typeof t.seats !== 'number' || !Number.isSafeInteger(t.seats) || t.seats < 1) errors.push({ path: `${tp}.seats`, message: `tier ${i + 1}: seats must be a whole number ≥ 1, got ${describe(t.seats)}` });
				wholePounds(t.amount, `${tp}.amount`, `tier ${i + 1}: the amount`, errors);
				return { seats: t.seats as number, amount: t.amount as number };
			});
			if (errors.length === before) method = { kind: 'tiers', tiers };
		}
	}
	if (errors.length || !method) return { ok: false, errors };
	return { ok: true, rule: { budget: budget as number, method } };
}

/** The marginal method's fields; null (with errors) when any is wrong. */
function validateMarginal(m: Record<string, unknown>, mp: string, errors: FieldError[]): MarginalMethod | null {
	const before = errors.length;
	if (typeof m.beta !== 'number' || !Number.isFinite(m.beta) || m.beta <= 0 || m.beta > MAX_BETA) errors.push({ path: `${mp}.beta`, message: `β (points of lead per unit of ln(1 + £/s₀)) must be above 0 and at most ${MAX_BETA}, got ${describe(m.beta)}` });
	if (typeof m.s0 !== 'number' || !Number.isSafeInteger(m.s0) || m.s0 < 1 || m.s0 > MAX_S0) errors.push({ path: `${mp}.s0`, message: `s₀ must be a whole number of pounds from £1 to £1,000,000, got ${describe(m.s0)}` });
	const o = m.objective;
	let objective: Objective | null = null;
	if (isObject(o) && o.kind === 'expected-seats') objective = { kind: 'expected-seats' };
	else if (isObject(o) && o.kind === 'hold-at-least') {
		if (typeof o.seats === 'number' && Number.isSafeInteger(o.seats) && o.seats >= 1) objective = { kind: 'hold-at-least', seats: o.seats };
		else errors.push({ path: `${mp}.objective.seats`, message: `N (the seats to hold) must be a whole number ≥ 1, got ${describe(o.seats)}` });
	} else errors.push({ path: `${mp}.objective.kind`, message: `the objective must be expected-seats or hold-at-least, got ${describe(isObject(o) ? o.kind : o)}` });
	if (typeof m.localShare !== 'number' || !(m.localShare >= 0 && m.localShare < 1)) errors.push({ path: `${mp}.localShare`, message: `the expected local spend must be a share from 0 to below 1 of the legal limit, got ${describe(m.localShare)}` });
	if (typeof m.includeLong !== 'boolean') errors.push({ path: `${mp}.includeLong`, message: `includeLong must be true or false, got ${describe(m.includeLong)}` });
	const floor = m.floor === undefined ? undefined : wholePounds(m.floor, `${mp}.floor`, 'the floor', errors);
	const cap = m.cap === undefined ? undefined : wholePounds(m.cap, `${mp}.cap`, 'the cap', errors);
	if (floor !== undefined && cap !== undefined && floor > cap) errors.push({ path: `${mp}.floor`, message: `the floor (£${floor}) must not be above the cap (£${cap})` });
	if (errors.length !== before || !objective) return null;
	const method: MarginalMethod = { kind: 'marginal', beta: m.beta as number, s0: m.s0 as number, objective, localShare: m.localShare as number, includeLong: m.includeLong as boolean };
	if (floor !== undefined) method.floor = floor;
	if (cap !== undefined) method.cap = cap;
	return method;
}

/** A whole scenario state: the definition (reusing validateDefinition) and the budget rule. */
export function validateScenarioState(raw: unknown, catalogue: Indicator[]): StateValidation {
	if (!isObject(raw)) return { ok: false, errors: [{ path: '(scenario)', message: 'must be an object with a definition and a budget rule' }] };
	const errors: FieldError[] = [];
	const definition = validateDefinition(raw.definition, catalogue);
	if (!definition.ok) errors.push(...definition.errors.map((e) => ({ path: `definition.${e.path}`, message: e.message })));
	const budget = validateBudgetRule(raw.budget, 'budget');
	if (!budget.ok) errors.push(...budget.errors);
	const risk = raw.risk === undefined || !definition.ok ? null : validateRiskSetting(raw.risk, LENS_BOUNDARY_SET[definition.definition.lens]);
	if (risk && !risk.ok) errors.push(...risk.errors);
	if (!definition.ok || !budget.ok || (risk && !risk.ok)) return { ok: false, errors };
	const state: ScenarioState = { definition: definition.definition, budget: budget.rule };
	if (risk?.ok) state.risk = risk.setting;
	return { ok: true, state };
}

const isIsoDate = (v: unknown): v is string => typeof v === 'string' && v.length <= 40 && Number.isFinite(Date.parse(v));

export function validateName(raw: unknown): { ok: true; name: string } | { ok: false; error: FieldError } {
	const name = typeof raw === 'string' ? raw.trim() : '';
	if (!name) return { ok: false, error: { path: 'name', message: 'give the scenario a name' } };
	if (name.length > MAX_NAME_LENGTH) return { ok: false, error: { path: 'name', message: `the name must be at most ${MAX_NAME_LENGTH} characters, got ${name.length}` } };
	return { ok: true, name };
}

/** A stored or imported scenario record. */
export function validateScenario(raw: unknown, catalogue: Indicator[]): ScenarioValidation {
	if (!isObject(raw)) return { ok: false, errors: [{ path: '(scenario)', message: 'must be an object' }] };
	const errors: FieldError[] = [];
	if (typeof raw.id !== 'string' || raw.id.length === 0 || raw.id.length > 100) errors.push({ path: 'id', message: `must be a non-empty string, got ${describe(raw.id)}` });
	const name = validateName(raw.name);
	if (!name.ok) errors.push(name.error);
	if (!isIsoDate(raw.createdAt)) errors.push({ path: 'createdAt', message: `must be an ISO date, got ${describe(raw.createdAt)}` });
	if (!isIsoDate(raw.updatedAt)) errors.push({ path: 'updatedAt', message: `must be an ISO date, got ${describe(raw.updatedAt)}` });
	const state = validateScenarioState(raw.state, catalogue);
	if (!state.ok) errors.push(...state.errors.map((e) => ({ path: `state.${e.path}`, message: e.message })));
	if (errors.length || !state.ok || !name.ok) return { ok: false, errors };
	return { ok: true, scenario: { id: raw.id as string, name: name.name, createdAt: raw.createdAt as string, updatedAt: raw.updatedAt as string, state: state.state } };
}

/** A random id (crypto.randomUUID where available; ids only need to be unique per browser). */
export function newScenarioId(): string {
	const c = globalThis.crypto;
	if (c && typeof c.randomUUID === 'function') return c.randomUUID();
	return `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** A new scenario; throws a RangeError naming the problem when the name or state is invalid. */
export function createScenario(name: string, state: ScenarioState, catalogue: Indicator[], now: Date = new Date()): Scenario {
	const at = now.toISOString();
	const checked = validateScenario({ id: newScenarioId(), name, createdAt: at, updatedAt: at, state }, catalogue);
	if (!checked.ok) throw new RangeError(checked.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
	return checked.scenario;
}
