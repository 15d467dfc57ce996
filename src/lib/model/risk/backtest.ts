/**
 * The seat-risk backtest: for each pair of elections and each holding party, how well each
 * predictor, using only what was known at the base election, foresaw which seats the holder lost.
 * The model is given the target election's real per-nation shares (the question is "had you known
 * the national result, which seats?"); every parameter is still fitted before the base year.
 *
 * `no_change` is the same model told nothing about the target: P(loss) under "no change" from the
 * base election, which is what the app's default priority ranks the eligible seats by. It is the
 * honest test of that default, since a committee choosing seats does not know the next result.
 */
import { auc } from '../backtest';
import { nationalShares, sharesOf, type ElectionHistory, type RiskYear, type SeatResult } from './history';
import { fitMajorityBaseline, fitRiskModel, type RiskModelFit } from './fit';
import { brier, calibration, logistic, logLoss, type CalibrationBin, type Forecast } from './metrics';
import { PARTY_INDEX, riskPartyOfWinner, type RiskParty } from './parties';
import { leadOf, projectElection, riskExclusion } from './project';
import { simulate } from './simulate';

export interface BacktestPair {
	base: RiskYear;
	target: RiskYear;
	set: '2010' | '2024';
}

export const BACKTEST_PAIRS: BacktestPair[] = [
	{ base: 2010, target: 2015, set: '2010' },
	{ base: 2015, target: 2017, set: '2010' },
	{ base: 2015, target: 2019, set: '2010' },
	{ base: 2017, target: 2019, set: '2010' },
	{ base: 2019, target: 2024, set: '2024' }
];
export const BACKTEST_HOLDERS: RiskParty[] = ['lab', 'con'];

export const PREDICTORS = ['model', 'no_change', 'majority', 'leave', 'challenger', 'threat', 'priority'] as const;
export type Predictor = (typeof PREDICTORS)[number];

export const PREDICTOR_LABEL: Record<Predictor, string> = {
	model: 'Seat-risk model (real national shares)',
	no_change: 'P(loss), no change (default priority)',
	majority: 'Majority alone (logistic)',
	leave: 'Leave 2016 alone',
	challenger: 'Challenger share alone',
	threat: 'Lens threat score',
	priority: 'Lens priority'
};

export interface BacktestRow {
	base_year: RiskYear;
	target_year: RiskYear;
	holder: RiskParty;
	predictor: Predictor;
	/** The base election is notional on these boundaries (2019 on the 2024 set). */
	notional: boolean;
	seats: number;
	lost: number;
	auc: number | null;
	/** Probability predictors only (the model, P(loss) under no change and the majority logistic). */
	brier: number | null;
	log_loss: number | null;
	expected_lost: number | null;
}

export interface BacktestResult {
	rows: BacktestRow[];
	/** The model's calibration, per pair and holder, keyed `base→target holder`. */
	calibration: Map<string, CalibrationBin[]>;
	fits: Map<RiskYear, RiskModelFit>;
}

/** Lens scores for the seats of a base election, where a lens exists for it. */
export type LensScores = (pair: BacktestPair) => Map<string, { threat: number | null; priority: number | null }> | null;

export interface Outcome {
	seat: SeatResult;
	holder: RiskParty;
	lost: 0 | 1;
}

/** The seats the holder won at the base (GB, not the Speaker's) and whether it lost each at the target. */
export function heldOutcomes(base: readonly SeatResult[], target: readonly SeatResult[], holder: RiskParty): Outcome[] {
	const after = new Map(target.map((s) => [s.code, s]));
	return base.flatMap((seat) => {
		const t = after.get(seat.code);
		if (!t || riskExclusion(seat) || riskExclusion(t) || riskPartyOfWinner(seat.winner) !== holder) return [];
		return [{ seat, holder, lost: riskPartyOfWinner(t.winner) === holder ? (0 as const) : (1 as const) }];
	});
}

/** One table row from a predictor's scores (and probabilities, when it gives them) for the held seats. */
export function backtestRow(pair: BacktestPair, holder: RiskParty, predictor: Predictor, scored: { score: number; p: number | null; lost: 0 | 1 }[]): BacktestRow {
	const probabilities = scored.every((s) => s.p !== null) ? scored.map((s) => ({ p: s.p!, lost: s.lost })) : null;
	return {
		base_year: pair.base,
		target_year: pair.target,
		holder,
		predictor,
		notional: pair.set === '2024',
		seats: scored.length,
		lost: scored.reduce((a, s) => a + s.lost, 0),
		auc: auc(scored.map((s) => ({ score: s.score, outcome: s.lost }))),
		brier: probabilities ? brier(probabilities) : null,
		log_loss: probabilities ? logLoss(probabilities) : null,
		expected_lost: probabilities ? probabilities.reduce((a, f) => a + f.p, 0) : null
	};
}

export function runRiskBacktest(histories: Record<'2010' | '2024', ElectionHistory>, options: { draws: number; seed: number; lensScores?: LensScores; pairs?: BacktestPair[] }): BacktestResult {
	const rows: BacktestRow[] = [];
	const curves = new Map<string, CalibrationBin[]>();
	const fits = new Map<RiskYear, RiskModelFit>();
	const fitHistories = [histories['2010'], histories['2024']];
	for (const pair of options.pairs ?? BACKTEST_PAIRS) {
		const history = histories[pair.set];
		const base = history.get(pair.base);
		const target = history.get(pair.target);
		if (!base || !target) continue;
		const fit = fits.get(pair.base) ?? fitRiskModel(fitHistories, pair.base);
		fits.set(pair.base, fit);
		const real = nationalShares(target);
		const projections = projectElection(base, nationalShares(base), { kind: 'result', year: pair.target }, fit.swing, fit.demographic, real);
		const risk = new Map(simulate(projections, fit.errors, options).seats.map((s) => [s.code, s]));
		// The default priority: nothing known about the target election.
		const unchanged = projectElection(base, nationalShares(base), { kind: 'no-change' }, fit.swing, fit.demographic);
		const noChange = new Map(simulate(unchanged, fit.errors, options).seats.map((s) => [s.code, s.pLoss]));
		const majority = fitMajorityBaseline(fitHistories, pair.base);
		const lens = options.lensScores?.(pair) ?? null;
		for (const holder of BACKTEST_HOLDERS) {
			const seats = heldOutcomes(base, target, holder);
			const lead = (o: Outcome) => leadOf(sharesOf(o.seat.votes), PARTY_INDEX[o.holder]);
			const model = seats.map((o) => ({ score: risk.get(o.seat.code)!.pLoss, p: risk.get(o.seat.code)!.pLoss, lost: o.lost }));
			rows.push(backtestRow(pair, holder, 'model', model));
			rows.push(
				backtestRow(
					pair,
					holder,
					'no_change',
					seats.map((o) => ({ score: noChange.get(o.seat.code)!, p: noChange.get(o.seat.code)!, lost: o.lost }))
				)
			);
			rows.push(
				backtestRow(
					pair,
					holder,
					'majority',
					seats.map((o) => ({ score: -lead(o), p: logistic(majority, lead(o)), lost: o.lost }))
				)
			);
			const known = (pick: (o: Outcome) => number | null, predictor: Predictor) => {
				const scored = seats.flatMap((o) => {
					const v = pick(o);
					return v === null ? [] : [{ score: v, p: null, lost: o.lost }];
				});
				if (scored.length) rows.push(backtestRow(pair, holder, predictor, scored));
			};
			known((o) => o.seat.leave, 'leave');
			known((o) => sharesOf(o.seat.votes)[PARTY_INDEX.ruk], 'challenger');
			if (lens) {
				known((o) => lens.get(o.seat.code)?.threat ?? null, 'threat');
				known((o) => lens.get(o.seat.code)?.priority ?? null, 'priority');
			}
			curves.set(`${pair.base}→${pair.target} ${holder}`, calibration(model.map((m): Forecast => ({ p: m.p, lost: m.lost }))));
		}
	}
	return { rows, calibration: curves, fits };
}
