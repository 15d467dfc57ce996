/**
 * The committee's marginal-value plan: legal caps per seat, the allocation, and the same figures
 * for proportional and top-N under the same risk model, so the committee sees what targeting buys.
 */
import { allocate } from './engine/allocate';
import { allocateMarginal, keptPerDraw, leadGain, objectiveValue, type MarginalSeat, type Objective, type SpendCurve } from './engine/marginal';
import { quantileSorted } from '../risk/random';
import { legalLimit } from './legal-limits';

import { DEFAULT_LOCAL_SHARE } from './defaults';
export { DEFAULT_CURVE, DEFAULT_LOCAL_SHARE } from './defaults';

export interface PlanSeat {
	code: string;
	eligible: boolean;
	priority: number | null;
	electorate: number | null;
	seatType: string | null;
	/** The holder's lead in each joint draw of the risk model, or null when the model leaves it out. */
	leads: Float64Array | null;
}

export interface PlanOptions {
	budget: number;
	curve: SpendCurve;
	objective: Objective;
	/** The election whose spending limits apply (the next one after the base). */
	limitYear: number;
	includeLongCampaign?: boolean;
	localShare?: number;
	floor?: number;
	cap?: number;
}

export type PlanReason = 'highest marginal value' | 'at its legal limit' | 'at the cap' | 'too safe to need it' | 'out of reach' | 'lower marginal value' | 'not eligible' | 'not modelled';

export interface PlanRow {
	code: string;
	amount: number;
	legalLimit: number | null;
	cap: number | null;
	pLossBefore: number | null;
	pLossAfter: number | null;
	/** Expected seats kept per £1,000: the last £1,000 given, or the first for an unfunded seat. */
	marginalPer1000: number | null;
	reason: PlanReason;
}

export interface MethodFigures {
	method: 'marginal' | 'proportional' | 'topn';
	heldBefore: number;
	heldAfter: number;
	low: number;
	high: number;
	/** £ per expected seat saved (null when none is saved). */
	perSeatSaved: number | null;
	/** Pounds the method gives above seats' legal headroom: money that cannot be spent. */
	unspendable: number;
	objective: number;
}

export type Plan = { ok: true; rows: PlanRow[]; figures: MethodFigures[]; unproductive: number } | { ok: false; error: string };

/** The share of draws a seat is kept in after £pounds: P(keep), one seat's expected seats kept. */
export const keep = (leads: Float64Array, curve: SpendCurve, pounds: number) => {
	const t = -leadGain(curve, pounds);
	let n = 0;
	for (const l of leads) if (l > t) n++;
	return n / leads.length;
};

function figures(method: MethodFigures['method'], seats: MarginalSeat[], amounts: number[], curve: SpendCurve, objective: Objective, budget: number, unspendable: number): MethodFigures {
	const before = Float64Array.from(
		keptPerDraw(
			seats,
			seats.map(() => 0),
			curve
		)
	).sort();
	const after = Float64Array.from(keptPerDraw(seats, amounts, curve)).sort();
	const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / (a.length || 1);
	const saved = mean(after) - mean(before);
	const objectiveValue = objective.kind === 'expected-seats' ? mean(after) : after.filter((k) => k >= objective.seats).length / (after.length || 1);
	return { method, heldBefore: mean(before), heldAfter: mean(after), low: Math.floor(quantileSorted(after, 0.05)), high: Math.ceil(quantileSorted(after, 0.95)), perSeatSaved: saved > 1e-9 ? budget / saved : null, unspendable, objective: objectiveValue };
}

/** An alternative method's grants, as the app computes them, per marginal seat (0 when unfunded). */
function alternativeAmounts(kind: 'proportional' | 'topn', funded: readonly PlanSeat[], marginalSeats: readonly MarginalSeat[], options: PlanOptions, n: number): number[] | null {
	const prioritySeats = funded.filter((s) => s.priority !== null).map((s) => ({ code: s.code, priority: s.priority! }));
	const method = kind === 'proportional' ? { kind, floor: options.floor, cap: options.cap } : { kind, n: Math.max(1, Math.min(n, prioritySeats.filter((s) => s.priority > 0).length)) };
	const alt = allocate({ budget: options.budget, seats: prioritySeats, method });
	if (!alt.ok) return null;
	const byCode = new Map(alt.rows.map((r) => [r.code, r.amount]));
	return marginalSeats.map((s) => byCode.get(s.code) ?? 0);
}

export function planMarginal(seats: readonly PlanSeat[], options: PlanOptions): Plan {
	const localShare = options.localShare ?? DEFAULT_LOCAL_SHARE;
	if (!(localShare >= 0 && localShare < 1)) return { ok: false, error: `The expected local spend must be from 0% to 99% of the limit, got ${Math.round(localShare * 100)}%.` };
	const funded = seats.filter((s) => s.eligible && s.leads);
	const limits = new Map<string, number>();
	for (const s of funded) {
		const l = legalLimit({ code: s.code, electorate: s.electorate, seatType: s.seatType }, options.limitYear, options.includeLongCampaign ?? false);
		if (!l.ok) return { ok: false, error: l.error };
		limits.set(s.code, l.limit);
	}
	const headroom = (code: string) => Math.floor(limits.get(code)! * (1 - localShare));
	const capOf = (code: string) => Math.min(headroom(code), options.cap ?? Infinity);
	const marginalSeats: MarginalSeat[] = funded.map((s) => ({ code: s.code, leads: s.leads!, cap: capOf(s.code) }));
	const input = { budget: options.budget, seats: marginalSeats, curve: options.curve, objective: options.objective, floor: options.floor };
	let result = allocateMarginal(input);
	if (!result.ok) return result;
	// Proportional and top-N (as many seats as marginal funds) as the app computes them, then held to
	// each seat's cap: money above the legal headroom cannot be spent, so it buys nothing and is
	// counted as unspendable.
	const fundedCount = result.amounts.filter((a) => a > 0).length;
	const alternatives: { kind: 'proportional' | 'topn'; amounts: number[]; unspendable: number }[] = [];
	for (const kind of ['proportional', 'topn'] as const) {
		const raw = alternativeAmounts(kind, funded, marginalSeats, options, fundedCount);
		if (!raw) continue;
		let unspendable = 0;
		const amounts = raw.map((a, i) => {
			unspendable += Math.max(0, a - headroom(marginalSeats[i].code));
			return Math.min(a, marginalSeats[i].cap);
		});
		alternatives.push({ kind, amounts, unspendable });
	}
	// Greedy steps can miss a better allocation when gains are not concave (a seat far behind pays
	// off only after a lot). Then start from the better alternative and spend the rest greedily: the
	// marginal plan is never worse than proportional or top-N on its own objective.
	for (const alt of alternatives) {
		if (objectiveValue(marginalSeats, alt.amounts, options.curve, options.objective) <= result.objective + 1e-12) continue;
		const again = allocateMarginal({ ...input, start: alt.amounts });
		if (again.ok && again.objective > result.objective) result = again;
	}
	const out: MethodFigures[] = [figures('marginal', marginalSeats, result.amounts, options.curve, options.objective, options.budget, 0)];
	for (const alt of alternatives) out.push(figures(alt.kind, marginalSeats, alt.amounts, options.curve, options.objective, options.budget, alt.unspendable));
	const amounts = result.amounts;
	const amountOf = new Map(marginalSeats.map((s, i) => [s.code, amounts[i]]));
	const rows = seats.map((s): PlanRow => {
		if (!s.eligible || !s.leads) {
			const pLoss = s.leads ? 1 - keep(s.leads, options.curve, 0) : null;
			return { code: s.code, amount: 0, legalLimit: null, cap: null, pLossBefore: pLoss, pLossAfter: pLoss, marginalPer1000: null, reason: s.eligible ? 'not modelled' : 'not eligible' };
		}
		const amount = amountOf.get(s.code)!;
		const cap = capOf(s.code);
		const before = 1 - keep(s.leads, options.curve, 0);
		const after = 1 - keep(s.leads, options.curve, amount);
		const marginal = amount > 0 ? keep(s.leads, options.curve, amount) - keep(s.leads, options.curve, Math.max(0, amount - 1000)) : keep(s.leads, options.curve, Math.min(1000, cap)) - (1 - before);
		let reason: PlanReason;
		if (amount > 0 && amount >= cap) reason = cap === headroom(s.code) ? 'at its legal limit' : 'at the cap';
		else if (amount > 0) reason = 'highest marginal value';
		else if (before < 0.01) reason = 'too safe to need it';
		else if (keep(s.leads, options.curve, cap) - (1 - before) < 0.005) reason = 'out of reach';
		else reason = 'lower marginal value';
		return { code: s.code, amount, legalLimit: limits.get(s.code)!, cap, pLossBefore: before, pLossAfter: after, marginalPer1000: marginal, reason };
	});
	return { ok: true, rows, figures: out, unproductive: result.unproductive };
}

/**
 * Expected seats held before and after any allocation (amounts by seat code), under the same draws
 * and curve, with money above a seat's legal headroom counted as unspendable. Used to print every
 * method's figures, not only the marginal one's.
 */
export function heldWith(seats: readonly PlanSeat[], amountByCode: ReadonlyMap<string, number>, options: PlanOptions): MethodFigures | null {
	const localShare = options.localShare ?? DEFAULT_LOCAL_SHARE;
	const modelled = seats.filter((s) => s.eligible && s.leads);
	if (!modelled.length) return null;
	let unspendable = 0;
	const amounts = modelled.map((s) => {
		const given = amountByCode.get(s.code) ?? 0;
		const l = legalLimit({ code: s.code, electorate: s.electorate, seatType: s.seatType }, options.limitYear, options.includeLongCampaign ?? false);
		const room = l.ok ? Math.floor(l.limit * (1 - localShare)) : given;
		unspendable += Math.max(0, given - room);
		return Math.min(given, room);
	});
	const marginalSeats = modelled.map((s) => ({ code: s.code, leads: s.leads!, cap: Infinity }));
	return figures('marginal', marginalSeats, amounts, options.curve, options.objective, options.budget, unspendable);
}
