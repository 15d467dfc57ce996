/**
 * The backtest table as CSV, in the columns `npm run backtest` writes, with the run's settings
 * and the sources' attribution after the rows (starting with "#" so tools that skip comments can).
 */
import { toCsv, type CsvCell } from '$lib/export/csv';
import type { BacktestRow } from '$lib/model/risk/backtest';
import { sortRows } from './backtest-table';

export const BACKTEST_CSV_COLUMNS = ['base_year', 'target_year', 'holder', 'predictor', 'seats', 'lost', 'auc', 'brier', 'log_loss', 'expected_lost'];

const round = (v: number | null, digits: number) => (v === null ? null : Number(v.toFixed(digits)));

export function backtestCsvRows(rows: readonly BacktestRow[]): CsvCell[][] {
	return sortRows(rows).map((r) => [r.base_year, r.target_year, r.holder, r.predictor, r.seats, r.lost, round(r.auc, 4), round(r.brier, 4), round(r.log_loss, 4), round(r.expected_lost, 2)]);
}

export function backtestCsv(rows: readonly BacktestRow[], ctx: { date: string; draws: number; seed: number; lens: string | null; attribution: readonly string[] }): string {
	const trailer: CsvCell[][] = [
		[],
		[`# Heartlands seat-risk backtest, ${ctx.date}: ${ctx.draws} draws, seed ${ctx.seed}. Every parameter fitted on elections before the base year; the model is given the target's real national shares per nation.`],
		['# 2019→2024 starts from the notional 2019 result on the 2024 boundaries (votes carried by population overlap).'],
		[ctx.lens ? `# Threat and priority rows: the ${ctx.lens} lens as weighted when exported.` : '# No lens rows: the chosen lens has no backtest pair starting at its election.'],
		['# Sources and licences:'],
		...ctx.attribution.map((line) => [`# ${line}`])
	];
	return toCsv(BACKTEST_CSV_COLUMNS, [...backtestCsvRows(rows), ...trailer]);
}
