/** Rows of `riskInputsQuery` into an election history. */
import { RISK_PARTIES } from './parties';
import type { ElectionHistory, RiskYear, SeatResult } from './history';

export function historyFromRows(rows: readonly Record<string, unknown>[]): ElectionHistory {
	const byYear = new Map<RiskYear, SeatResult[]>();
	for (const row of rows) {
		const year = Number(row.year) as RiskYear;
		const seat: SeatResult = {
			code: String(row.code),
			nation: String(row.nation),
			region: String(row.region ?? row.nation),
			winner: String(row.winner_key ?? 'other'),
			votes: RISK_PARTIES.map((p) => Math.max(Number(row[p] ?? 0) || 0, 0)),
			notional: Boolean(row.notional),
			leave: row.leave === null || row.leave === undefined ? null : Number(row.leave)
		};
		if (!byYear.has(year)) byYear.set(year, []);
		byYear.get(year)!.push(seat);
	}
	return byYear;
}
