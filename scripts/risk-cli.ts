/**
 * The seat-risk options shared by the CLIs: `--base YEAR`, `--national SPEC` and `--priority` for
 * `npm run score`, and the table `npm run backtest` prints.
 */
import type { Cell, Database } from '../src/lib/db/types';
import type { BoundarySet } from '../src/lib/model/catalogue';
import { loadRiskHistories } from '../src/lib/data/risk-inputs';
import { parseScenario } from '../src/lib/model/risk/scenario';
import { BASE_YEARS, runRisk, type RiskRun } from '../src/lib/model/risk/run';
import { RISK_PARTIES, RISK_PARTY_LABEL } from '../src/lib/model/risk/parties';
import type { RiskYear } from '../src/lib/model/risk/history';
import { DEFAULT_CURVE, DEFAULT_LOCAL_SHARE, type MethodFigures, type PlanOptions, type PlanSeat } from '../src/lib/model/allocation/plan';
import { electorateYear } from '../src/lib/model/allocation/defaults';
import { limitYearFor } from '../src/lib/model/allocation/legal-limits';
import { spendingLimitInputsQuery } from '../src/lib/queries/risk';
import { rankByPLoss } from '../src/lib/features/risk/risk-priority';
import type { ScoredRow } from '../src/lib/features/scores/scores-state.svelte';

export class CliError extends Error {}

/** One line for a parse error from node:util's parseArgs (unknown option, missing value). */
export function cliMessage(error: unknown): string | null {
	const e = error as { code?: string; message?: string; name?: string };
	if (error instanceof CliError || e?.name === 'SourceCheckError') return e.message!;
	if (typeof e?.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS')) return `${e.message!.split('\n')[0]} (see --help).`;
	return null;
}

/**
 * `--priority p_loss|scores`, as in the app: by default the eligible seats are ranked by P(loss)
 * under the scenario (`--national`, or no change from `--base`, itself the lens's year by default);
 * `scores` ranks them by the two scores, the SQL's own priority.
 */
export type PriorityRanking = 'p_loss' | 'scores';
export const DEFAULT_PRIORITY: PriorityRanking = 'p_loss';

export function priorityFrom(value: string | undefined): PriorityRanking {
	if (value === undefined) return DEFAULT_PRIORITY;
	if (value === 'p_loss' || value === 'scores') return value;
	throw new CliError(`--priority must be p_loss (rank eligible seats by the chance of losing them, the default) or scores (by the two scores), got "${value}".`);
}

/** The scored rows with priority and priority_rank replaced by P(loss), by the app's own rule. */
export function rankRowsByPLoss(rows: readonly Record<string, unknown>[], risk: RiskColumns): Record<string, unknown>[] {
	const pLoss = new Map(risk.run.simulation.seats.map((s) => [s.code, s.pLoss]));
	return rankByPLoss(rows as unknown as ScoredRow[], (code) => pLoss.get(code) ?? null) as unknown as Record<string, unknown>[];
}

export const RISK_COLUMNS = ['p_loss', 'lead', 'lead_low', 'lead_high', 'projected_winner', ...RISK_PARTIES.map((p) => `projected_${p}`), 'risk_note'];

export interface RiskColumns {
	run: RiskRun;
	/** Values of RISK_COLUMNS for a seat code. */
	valuesFor(code: string): Cell[];
	summary: string[];
}

export async function riskColumns(db: Database, set: BoundarySet, lensYear: number, baseArg: string | undefined, spec: string[], draws = 2000, seed?: number, keepDraws = false): Promise<RiskColumns> {
	const allowed = BASE_YEARS[set];
	const base = (baseArg === undefined ? lensYear : Number(baseArg)) as RiskYear;
	if (!allowed.includes(base)) throw new CliError(`--base ${baseArg ?? base}: the ${set} boundaries have bases ${allowed.join(', ')}.`);
	const parsed = parseScenario(spec.join(';'));
	if (!parsed.ok) throw new CliError(`--national: ${parsed.error}`);
	if (parsed.value.kind === 'result' && !allowed.includes(parsed.value.year)) throw new CliError(`--national result:${parsed.value.year}: that election is not on the ${set} boundaries.`);
	const run = runRisk(await loadRiskHistories(db), set, base, parsed.value, { draws, seed, keepDraws });
	const risks = new Map(run.simulation.seats.map((s) => [s.code, s]));
	const projections = new Map(run.projections.map((p) => [p.code, p]));
	const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
	const summary = run.simulation.losses
		.filter((l) => l.held >= 5)
		.sort((a, b) => b.held - a.held)
		.map((l) => `${RISK_PARTY_LABEL[l.holder]}: expected to lose ${round(l.expectedLost, 1)} of ${l.held} (90% range ${l.low}–${l.high}).`);
	return {
		run,
		summary: [`Base ${base}${run.notionalBase ? ' (notional on the 2024 boundaries)' : ''}, ${run.fit.swing} swing, ${draws} draws.`, ...summary],
		valuesFor(code) {
			const r = risks.get(code);
			const p = projections.get(code);
			if (!r || !p) return [null, null, null, null, null, ...RISK_PARTIES.map(() => null), p?.exclusion ?? 'No result at the base election.'];
			return [round(r.pLoss, 4), round(r.lead, 2), round(r.leadLow, 2), round(r.leadHigh, 2), r.projectedWinner, ...p.projected.map((v) => round(v, 2)), run.notionalBase ? 'notional base' : ''];
		}
	};
}

export interface MarginalArgs {
	budget: number;
	beta?: string;
	s0?: string;
	objective?: string;
	localShare?: string;
	includeLong?: boolean;
	floor?: number;
	cap?: number;
}

function positive(name: string, v: string | undefined, fallback: number): number {
	if (v === undefined) return fallback;
	const n = Number(v);
	if (!Number.isFinite(n) || n <= 0) throw new CliError(`--${name} must be a number above zero, got "${v}".`);
	return n;
}

/** Plan options from the CLI: β, s₀, the objective, the local share and the limits of the next election. */
export function planOptionsFrom(args: MarginalArgs, baseYear: number): PlanOptions {
	const objectiveText = args.objective ?? 'expected';
	const atLeast = /^at-least:(\d+)$/.exec(objectiveText);
	if (objectiveText !== 'expected' && !atLeast) throw new CliError(`--objective must be expected or at-least:N, got "${objectiveText}".`);
	const localShare = args.localShare === undefined ? DEFAULT_LOCAL_SHARE : Number(args.localShare) / 100;
	if (!(localShare >= 0 && localShare < 1)) throw new CliError(`--local-share must be a percentage from 0 to 99, got "${args.localShare}".`);
	return {
		budget: args.budget,
		curve: { beta: positive('beta', args.beta, DEFAULT_CURVE.beta), s0: positive('s0', args.s0, DEFAULT_CURVE.s0) },
		objective: atLeast ? { kind: 'hold-at-least', seats: Number(atLeast[1]) } : { kind: 'expected-seats' },
		limitYear: limitYearFor(baseYear),
		includeLongCampaign: args.includeLong ?? false,
		localShare,
		floor: args.floor,
		cap: args.cap
	};
}

/** The seats a plan reads: eligibility and priority from the scores, limits' inputs, the joint draws. */
export async function planSeats(db: Database, set: BoundarySet, rows: readonly Record<string, unknown>[], risk: RiskColumns): Promise<PlanSeat[]> {
	const limits = new Map((await db.query(spendingLimitInputsQuery(set, electorateYear(set, risk.run.baseYear)))).rows.map((r) => [String(r.code), r]));
	const draws = new Map(risk.run.simulation.seats.map((s, i) => [s.code, risk.run.simulation.leadDraws?.[i] ?? null]));
	return rows.map((r) => {
		const code = String(r.code);
		return { code, eligible: Boolean(r.eligible), priority: (r.priority as number | null) ?? null, electorate: (limits.get(code)?.electorate as number | null) ?? null, seatType: (limits.get(code)?.seat_type as string | null) ?? null, leads: draws.get(code) ?? null };
	});
}

/** One line for stderr: expected seats held before and after, with the 90% range. */
export function heldLine(method: string, figures: MethodFigures | null): string {
	if (!figures) return `${method}: no eligible seat has a P(loss), so expected seats held cannot be given.`;
	const saved = figures.perSeatSaved === null ? 'no seat saved' : `£${Math.round(figures.perSeatSaved).toLocaleString('en-GB')} per expected seat saved`;
	const lost = figures.unspendable > 0 ? `; £${figures.unspendable.toLocaleString('en-GB')} is above legal limits and cannot be spent` : '';
	return `${method}: expected eligible seats held ${figures.heldBefore.toFixed(1)} before, ${figures.heldAfter.toFixed(1)} after (90% range ${figures.low}–${figures.high}); ${saved}${lost}.`;
}
