/**
 * The backtest table as a committee reads it: one group per election pair and holding party, the
 * model's row first, the best figure of each column marked, and a plain sentence wherever the model
 * does worse than a simpler rule. The lens rows (threat score, priority) are added here, on the
 * page, from the held seats the worker returned, so they follow the weights without a new run.
 */
import { BACKTEST_HOLDERS, BACKTEST_PAIRS, PREDICTORS, backtestRow, type BacktestRow, type Predictor } from '$lib/model/risk/backtest';
import { RISK_PARTY_LABEL, type RiskParty } from '$lib/model/risk/parties';
import { pairKey, type HeldSeats } from './compute';

export type Metric = 'auc' | 'brier' | 'log_loss' | 'expected_lost';
export const METRICS: Metric[] = ['auc', 'brier', 'log_loss', 'expected_lost'];

/** How a predictor is named inside a sentence. */
export const PREDICTOR_PHRASE: Record<Predictor, string> = {
	model: 'the model',
	no_change: 'P(loss) under no change (the default priority)',
	majority: 'majority alone',
	leave: 'Leave alone',
	challenger: 'challenger share alone',
	threat: 'the lens’s threat score',
	priority: 'the lens’s priority'
};

const METRIC_NAME: Record<Metric, string> = { auc: 'AUC', brier: 'Brier score', log_loss: 'log loss', expected_lost: 'expected seats lost' };

export interface BacktestGroup {
	key: string;
	base_year: number;
	target_year: number;
	holder: RiskParty;
	notional: boolean;
	/** The model's seats and losses (a predictor with missing values may cover fewer). */
	seats: number;
	lost: number;
	rows: BacktestRow[];
	/** Per column, the predictors holding the best figure (ties share it). */
	best: Record<Metric, Predictor[]>;
	/** Plain sentences, one per way the model does worse than a simpler rule. */
	losses: string[];
	/** Reasons to read this group's figures with care. */
	caveats: string[];
}

export type LensSeatScores = ReadonlyMap<string, { threat: number | null; priority: number | null }>;

/** The lens's threat and priority rows, for the pairs whose base is the lens's own election. */
export function lensRows(held: readonly HeldSeats[], lens: { year: number; boundarySet: string; scores: LensSeatScores } | null): BacktestRow[] {
	if (!lens) return [];
	return held.flatMap(({ pair, holder, seats }) => {
		if (pair.base !== lens.year || pair.set !== lens.boundarySet) return [];
		return (['threat', 'priority'] as const).flatMap((predictor) => {
			const scored = seats.flatMap((s) => {
				const v = lens.scores.get(s.code)?.[predictor];
				return v === null || v === undefined ? [] : [{ score: v, p: null, lost: s.lost }];
			});
			return scored.length ? [backtestRow(pair, holder, predictor, scored)] : [];
		});
	});
}

const better: Record<Metric, (a: number, b: number, lost: number) => boolean> = {
	auc: (a, b) => a > b,
	brier: (a, b) => a < b,
	log_loss: (a, b) => a < b,
	expected_lost: (a, b, lost) => Math.abs(a - lost) < Math.abs(b - lost)
};

export function bestPredictors(rows: readonly BacktestRow[], metric: Metric, lost: number): Predictor[] {
	const valued = rows.filter((r) => r[metric] !== null);
	if (valued.length < 2) return [];
	const top = valued.reduce((best, r) => (better[metric](r[metric]!, best[metric]!, lost) ? r : best));
	return valued.filter((r) => !better[metric](top[metric]!, r[metric]!, lost)).map((r) => r.predictor);
}

const figure = (metric: Metric, v: number) => (metric === 'expected_lost' ? v.toFixed(1) : v.toFixed(3));

/**
 * "loses to majority alone on AUC (0.832 vs 0.838)", for each rule that beats the model. P(loss)
 * under no change is the same model knowing less, not a simpler rule: `defaultPriorityLines` compares it.
 */
export function modelLosses(rows: readonly BacktestRow[], lost: number): string[] {
	const model = rows.find((r) => r.predictor === 'model');
	if (!model) return [];
	const out: string[] = [];
	for (const metric of METRICS) {
		const m = model[metric];
		if (m === null) continue;
		for (const r of rows) {
			const v = r[metric];
			if (r === model || r.predictor === 'no_change' || v === null || !better[metric](v, m, lost)) continue;
			const vs = metric === 'expected_lost' ? ` against ${lost} lost` : '';
			out.push(`loses to ${PREDICTOR_PHRASE[r.predictor]} on ${METRIC_NAME[metric]} (${figure(metric, m)} vs ${figure(metric, v)}${vs})`);
		}
	}
	return out;
}

const order = (r: BacktestRow) => {
	const pair = BACKTEST_PAIRS.findIndex((p) => p.base === r.base_year && p.target === r.target_year);
	return (pair * BACKTEST_HOLDERS.length + BACKTEST_HOLDERS.indexOf(r.holder)) * PREDICTORS.length + PREDICTORS.indexOf(r.predictor);
};

/** Every row in table order: pair, then holder, then predictor (the model first). */
export function sortRows(rows: readonly BacktestRow[]): BacktestRow[] {
	return [...rows].sort((a, b) => order(a) - order(b));
}

/** Few losses make the AUC jumpy; an AUC under 0.5 ranks the lost seats below the held ones. */
export function groupCaveats(model: Pick<BacktestRow, 'lost' | 'auc' | 'notional'>): string[] {
	const out: string[] = [];
	if (model.lost < 10) out.push(`Only ${model.lost} seats were lost, so one seat moves the AUC a lot.`);
	if (model.auc !== null && model.auc < 0.5) out.push('The AUC is below 0.5: the lost seats were mostly ranked below the held ones.');
	if (model.notional) out.push('The base result is notional: 2019 votes carried onto the 2024 seats by population overlap.');
	return out;
}

export function groupBacktest(rows: readonly BacktestRow[]): BacktestGroup[] {
	const groups = new Map<string, BacktestRow[]>();
	for (const r of sortRows(rows)) {
		const key = pairKey({ base: r.base_year, target: r.target_year }, r.holder);
		groups.set(key, [...(groups.get(key) ?? []), r]);
	}
	return [...groups].map(([key, list]) => {
		const head = list.find((r) => r.predictor === 'model') ?? list[0];
		return {
			key,
			base_year: head.base_year,
			target_year: head.target_year,
			holder: head.holder,
			notional: head.notional,
			seats: head.seats,
			lost: head.lost,
			rows: list,
			best: Object.fromEntries(METRICS.map((m) => [m, bestPredictors(list, m, head.lost)])) as Record<Metric, Predictor[]>,
			losses: modelLosses(list, head.lost),
			caveats: groupCaveats(head)
		};
	});
}

export interface DefaultPriorityLine {
	key: string;
	title: string;
	seats: number;
	lost: number;
	noChange: number;
	majority: number;
	/** Whether the default priority ranks the real losses at least as well as majority alone. */
	holds: boolean;
}

/** Per pair and party, the default priority (P(loss) under no change) against majority alone, on AUC. */
export function defaultPriorityLines(rows: readonly BacktestRow[]): DefaultPriorityLine[] {
	return groupBacktest(rows).flatMap((g) => {
		const noChange = g.rows.find((r) => r.predictor === 'no_change')?.auc;
		const majority = g.rows.find((r) => r.predictor === 'majority')?.auc;
		if (noChange == null || majority == null) return [];
		return [{ key: g.key, title: groupTitle(g), seats: g.seats, lost: g.lost, noChange, majority, holds: noChange >= majority }];
	});
}

/** "2015 → 2019, Labour-held seats", with the notional base said. */
export function groupTitle(g: Pick<BacktestGroup, 'base_year' | 'target_year' | 'holder' | 'notional'>): string {
	const base = g.notional ? `${g.base_year} (notional, on the 2024 boundaries)` : String(g.base_year);
	return `${base} → ${g.target_year}, ${RISK_PARTY_LABEL[g.holder]}-held seats`;
}
