/**
 * One marginal-value plan from the risk model's draws, as the worker computes it: run the model
 * with every joint draw kept, plan for the eligible seats under the next election's spending
 * limits, then replan over a grid of β (the spending effect is the least certain input) and
 * report per seat how often it is funded and the range of its grant. Pure, so tests run it too.
 */
import type { BoundarySet } from '../catalogue';
import type { RiskYear } from '../risk/history';
import { runRisk, type RiskHistories } from '../risk/run';
import { parseScenario } from '../risk/scenario';
import type { Objective, SpendCurve } from './engine/marginal';
import { limitYearFor, regimeFor } from './legal-limits';
import { keep, planMarginal, type Plan, type PlanSeat } from './plan';

import { BETA_GRID } from './defaults';
export { BETA_GRID, electorateYear } from './defaults';
/** Points on each seat's curve of P(keep) against £, from £0 to its cap. */
export const CURVE_POINTS = 41;

export interface PlanParams {
	budget: number;
	curve: SpendCurve;
	objective: Objective;
	localShare: number;
	includeLong: boolean;
	floor?: number;
	cap?: number;
}

export interface PlanJob {
	set: BoundarySet;
	baseYear: RiskYear;
	spec: string;
	/** Every seat of the table: eligibility and priority from the scores. */
	seats: { code: string; eligible: boolean; priority: number | null }[];
	/** Electorate and constituency type per seat (spendingLimitInputsQuery). */
	limits: { code: string; electorate: number | null; seatType: string | null }[];
	params: PlanParams;
	draws?: number;
	seed?: number;
}

export interface SeatSensitivity {
	code: string;
	/** Share of the β grid's runs in which the seat gets money. */
	fundedShare: number;
	min: number;
	max: number;
}

export interface SeatCurve {
	code: string;
	/** £ at each point, 0 … cap. */
	pounds: number[];
	/** P(keep) at each point. */
	keep: number[];
}

export interface PlanPayload {
	job: { set: BoundarySet; baseYear: RiskYear; spec: string; params: PlanParams };
	plan: Extract<Plan, { ok: true }>;
	limitYear: number;
	regime: { id: string; order: string; sources: string[] };
	multipliers: number[];
	sensitivity: SeatSensitivity[];
	curves: SeatCurve[];
}

export type PlanOutcome = { ok: true; payload: PlanPayload } | { ok: false; error: string };

export function computePlan(histories: RiskHistories, job: PlanJob): PlanOutcome {
	const parsed = parseScenario(job.spec);
	if (!parsed.ok) return { ok: false, error: parsed.error };
	const run = runRisk(histories, job.set, job.baseYear, parsed.value, { draws: job.draws, seed: job.seed, keepDraws: true });
	const leadsOf = new Map(run.simulation.seats.map((s, i) => [s.code, run.simulation.leadDraws![i]]));
	const limitsOf = new Map(job.limits.map((l) => [l.code, l]));
	const seats: PlanSeat[] = job.seats.map((s) => ({
		code: s.code,
		eligible: s.eligible && s.priority !== null,
		priority: s.priority,
		electorate: limitsOf.get(s.code)?.electorate ?? null,
		seatType: limitsOf.get(s.code)?.seatType ?? null,
		leads: leadsOf.get(s.code) ?? null
	}));
	const limitYear = limitYearFor(job.baseYear);
	const p = job.params;
	const planWith = (curve: SpendCurve) => planMarginal(seats, { budget: p.budget, curve, objective: p.objective, limitYear, includeLongCampaign: p.includeLong, localShare: p.localShare, floor: p.floor, cap: p.cap });
	const plan = planWith(p.curve);
	if (!plan.ok) return plan;
	const runs = BETA_GRID.map((m) => (m === 1 ? plan : planWith({ ...p.curve, beta: p.curve.beta * m })));
	const sensitivity: SeatSensitivity[] = plan.rows
		.filter((r) => r.cap !== null)
		.map((r) => {
			const amounts = runs.map((run) => (run.ok ? (run.rows.find((x) => x.code === r.code)?.amount ?? 0) : 0));
			return { code: r.code, fundedShare: amounts.filter((a) => a > 0).length / runs.length, min: Math.min(...amounts), max: Math.max(...amounts) };
		});
	const curves: SeatCurve[] = plan.rows
		.filter((r) => r.cap !== null)
		.map((r) => {
			const leads = leadsOf.get(r.code)!;
			const pounds = Array.from({ length: CURVE_POINTS }, (_, k) => Math.round((r.cap! * k) / (CURVE_POINTS - 1)));
			return { code: r.code, pounds, keep: pounds.map((x) => keep(leads, p.curve, x)) };
		});
	const regime = regimeFor(limitYear);
	return {
		ok: true,
		payload: {
			job: { set: job.set, baseYear: job.baseYear, spec: job.spec, params: p },
			plan,
			limitYear,
			regime: { id: regime.id, order: regime.order, sources: regime.sources },
			multipliers: [...BETA_GRID],
			sensitivity,
			curves
		}
	};
}
