/**
 * The whole seat-risk backtest as the app shows it: `runRiskBacktest` one base election at a time
 * (so the worker can report progress, and each base is fitted once), plus the held seats of every
 * pair and party, so the lens rows can be added on the page without running the model again when
 * the weights move. Everything here is plain data: it crosses the worker boundary as it is.
 */
import { BACKTEST_HOLDERS, BACKTEST_PAIRS, heldOutcomes, runRiskBacktest, type BacktestPair, type BacktestRow } from '$lib/model/risk/backtest';
import type { RiskModelFit } from '$lib/model/risk/fit';
import type { CalibrationBin } from '$lib/model/risk/metrics';
import type { RiskParty } from '$lib/model/risk/parties';
import type { RiskHistories } from '$lib/model/risk/run';

export interface HeldSeats {
	pair: BacktestPair;
	holder: RiskParty;
	seats: { code: string; lost: 0 | 1 }[];
}

export interface BacktestPayload {
	rows: BacktestRow[];
	/** Keyed `base→target holder`, as `runRiskBacktest` keys them. */
	calibration: [string, CalibrationBin[]][];
	fits: RiskModelFit[];
	held: HeldSeats[];
	draws: number;
	seed: number;
}

export const pairKey = (pair: { base: number; target: number }, holder: string) => `${pair.base}→${pair.target} ${holder}`;

/** The pairs grouped by base election, in the table's order: one step of work each. */
export function stepsByBase(pairs: readonly BacktestPair[] = BACKTEST_PAIRS): BacktestPair[][] {
	const steps = new Map<string, BacktestPair[]>();
	for (const pair of pairs) {
		const key = `${pair.set}:${pair.base}`;
		steps.set(key, [...(steps.get(key) ?? []), pair]);
	}
	return [...steps.values()];
}

export function computeBacktest(histories: RiskHistories, options: { draws: number; seed: number }, onProgress?: (done: number, total: number) => void): BacktestPayload {
	const steps = stepsByBase();
	const payload: BacktestPayload = { rows: [], calibration: [], fits: [], held: [], draws: options.draws, seed: options.seed };
	steps.forEach((pairs, i) => {
		onProgress?.(i, steps.length);
		const result = runRiskBacktest(histories, { ...options, pairs });
		payload.rows.push(...result.rows);
		payload.calibration.push(...result.calibration);
		for (const fit of result.fits.values()) if (!payload.fits.some((f) => f.baseYear === fit.baseYear)) payload.fits.push(fit);
		for (const pair of pairs) {
			const base = histories[pair.set].get(pair.base);
			const target = histories[pair.set].get(pair.target);
			if (!base || !target) continue;
			for (const holder of BACKTEST_HOLDERS) {
				payload.held.push({ pair, holder, seats: heldOutcomes(base, target, holder).map((o) => ({ code: o.seat.code, lost: o.lost })) });
			}
		}
	});
	onProgress?.(steps.length, steps.length);
	return payload;
}
