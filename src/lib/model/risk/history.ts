/**
 * Seat results as the risk model reads them: one boundary set, several elections, votes per model
 * party. The SQL (`queries/risk.ts`) only prepares these rows; everything else is pure TS.
 */
import { GB_NATIONS, RISK_PARTIES, type GbNation } from './parties';

export type RiskYear = 2005 | 2010 | 2015 | 2017 | 2019 | 2024;

export interface SeatResult {
	code: string;
	nation: string;
	region: string;
	/** The results table's `winner_key` (`speaker`, `other`, NI parties included). */
	winner: string;
	/** Votes per model party, in `RISK_PARTIES` order. */
	votes: number[];
	/** Carried onto these boundaries from other ones (2005 on the 2010 set, 2019 on the 2024 set). */
	notional: boolean;
	/** Leave share in the 2016 referendum on these boundaries (notional on the 2024 set), or null. */
	leave: number | null;
}

export type ElectionHistory = ReadonlyMap<RiskYear, readonly SeatResult[]>;

/** Shares in percent (sum 100) of a vote vector; all zeros stays all zeros. */
export function sharesOf(votes: readonly number[]): number[] {
	const total = votes.reduce((a, b) => a + b, 0);
	return total > 0 ? votes.map((v) => (100 * v) / total) : votes.map(() => 0);
}

export type NationalShares = Record<GbNation | 'GB', number[]>;

/** Vote shares of Great Britain and of each GB nation, from the seat votes (NI left out). */
export function nationalShares(seats: readonly SeatResult[]): NationalShares {
	const sums: Record<string, number[]> = { GB: RISK_PARTIES.map(() => 0) };
	for (const n of GB_NATIONS) sums[n] = RISK_PARTIES.map(() => 0);
	for (const seat of seats) {
		if (!(GB_NATIONS as readonly string[]).includes(seat.nation)) continue;
		seat.votes.forEach((v, i) => {
			sums.GB[i] += v;
			sums[seat.nation][i] += v;
		});
	}
	return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, sharesOf(v)])) as NationalShares;
}

export function isGbNation(nation: string): nation is GbNation {
	return (GB_NATIONS as readonly string[]).includes(nation);
}
