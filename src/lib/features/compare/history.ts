/**
 * Fold one-row-per-election vote shares into one series per party for the small charts. The
 * reshaping is a textbook fold, which Arquero says in one line; the data is a few dozen rows.
 */
import { from } from 'arquero';
import { HISTORY_PARTIES } from '$lib/queries/history';

export interface HistoryPoint {
	year: number;
	share: number;
	notional: boolean;
}

export type PartySeries = { party: (typeof HISTORY_PARTIES)[number]; points: HistoryPoint[] };

export function seriesByParty(rows: Record<string, unknown>[], code: string): PartySeries[] {
	const mine = rows.filter((r) => r.code === code);
	if (!mine.length) return [];
	const long = from(mine).fold([...HISTORY_PARTIES], { as: ['party', 'share'] }).objects() as { party: PartySeries['party']; share: number | null; year: number; notional: boolean }[];
	return HISTORY_PARTIES.map((party) => ({
		party,
		points: long
			.filter((r) => r.party === party && typeof r.share === 'number')
			.map((r) => ({ year: Number(r.year), share: r.share as number, notional: Boolean(r.notional) }))
			.sort((a, b) => a.year - b.year)
	})).filter((s) => s.points.some((p) => p.share > 0.5)); // drop parties that never stood here
}
