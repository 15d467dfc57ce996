/**
 * The seat-risk options shared by the CLIs: `--base YEAR` and `--national SPEC` for `npm run score`,
 * and the table `npm run backtest` prints.
 */
import type { Cell, Database } from '../src/lib/db/types';
import type { BoundarySet } from '../src/lib/model/catalogue';
import { loadRiskHistories } from '../src/lib/data/risk-inputs';
import { parseScenario } from '../src/lib/model/risk/scenario';
import { BASE_YEARS, runRisk, type RiskRun } from '../src/lib/model/risk/run';
import { RISK_PARTIES, RISK_PARTY_LABEL } from '../src/lib/model/risk/parties';
import type { RiskYear } from '../src/lib/model/risk/history';

export class CliError extends Error {}

/** One line for a parse error from node:util's parseArgs (unknown option, missing value). */
export function cliMessage(error: unknown): string | null {
	const e = error as { code?: string; message?: string; name?: string };
	if (error instanceof CliError || e?.name === 'SourceCheckError') return e.message!;
	if (typeof e?.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS')) return `${e.message!.split('\n')[0]} (see --help).`;
	return null;
}

export const RISK_COLUMNS = ['p_loss', 'lead', 'lead_low', 'lead_high', 'projected_winner', ...RISK_PARTIES.map((p) => `projected_${p}`), 'risk_note'];

export interface RiskColumns {
	run: RiskRun;
	/** Values of RISK_COLUMNS for a seat code. */
	valuesFor(code: string): Cell[];
	summary: string[];
}

export async function riskColumns(db: Database, set: BoundarySet, lensYear: number, baseArg: string | undefined, spec: string[], draws = 2000, seed?: number): Promise<RiskColumns> {
	const allowed = BASE_YEARS[set];
	const base = (baseArg === undefined ? lensYear : Number(baseArg)) as RiskYear;
	if (!allowed.includes(base)) throw new CliError(`--base ${baseArg ?? base}: the ${set} boundaries have bases ${allowed.join(', ')}.`);
	const parsed = parseScenario(spec.join(';'));
	if (!parsed.ok) throw new CliError(`--national: ${parsed.error}`);
	if (parsed.value.kind === 'result' && !allowed.includes(parsed.value.year)) throw new CliError(`--national result:${parsed.value.year}: that election is not on the ${set} boundaries.`);
	const run = runRisk(await loadRiskHistories(db), set, base, parsed.value, { draws, seed });
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
