/**
 * Fold one-row-per-election vote shares into one series per party for the small charts.
 * (Arquero would say this in one line, but it compiles expressions with `new Function`, which the
 * app's Content Security Policy forbids; the fold is a few dozen rows, so plain code it is.)
 */
import { HISTORY_PARTIES } from '$lib/queries/history';

export interface HistoryPoint {
	year: number;
	share: number;
	notional: boolean;
}

export type PartySeries = { party: (typeof HISTORY_PARTIES)[number]; points: HistoryPoint[] };

export function seriesByParty(rows: Record<string, unknown>[], code: string): PartySeries[] {
	const mine = rows.filter((r) => r.code === code);
	return HISTORY_PARTIES.map((party) => ({
		party,
		points: mine
			.filter((r) => typeof r[party] === 'number')
			.map((r) => ({ year: Number(r.year), share: r[party] as number, notional: Boolean(r.notional) }))
			.sort((a, b) => a.year - b.year)
	})).filter((s) => s.points.some((p) => p.share > 0.5)); // drop parties that never stood here
}
