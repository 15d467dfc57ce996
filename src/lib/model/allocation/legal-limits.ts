/**
 * Candidates' legal spending limits at a UK Parliamentary general election, as data with their
 * source. A grant above a seat's headroom under its limit is money the campaign cannot spend.
 *
 * Each limit is a fixed sum plus an amount per registered elector, higher in county seats than in
 * borough (Scotland: burgh) seats. There are two regulated periods: the short campaign (from
 * becoming a candidate to polling day) and the long campaign (pre-candidacy, from the 55th month of
 * a parliament; there was none in 2017, 2019 or 2024 because those parliaments ended earlier). The
 * long-campaign sum is the maximum, for a parliament that runs its full 60 months.
 */
export type SeatType = 'borough' | 'county';

export interface LimitRule {
	fixed: number;
	perElector: Record<SeatType, number>;
}

export interface SpendingRegime {
	id: string;
	/** The statutory instrument that set the figures. */
	order: string;
	/** General elections held under it, and whether each had a long campaign. */
	elections: Record<number, { longCampaign: boolean }>;
	short: LimitRule;
	long: LimitRule;
	sources: string[];
}

export const SPENDING_REGIMES: SpendingRegime[] = [
	{
		id: '2014-order',
		order: 'The Representation of the People (Variation of Limits of Candidates’ Election Expenses) Order 2014 (SI 2014/1907)',
		elections: { 2015: { longCampaign: true }, 2017: { longCampaign: false }, 2019: { longCampaign: false } },
		short: { fixed: 8_700, perElector: { borough: 0.06, county: 0.09 } },
		long: { fixed: 30_700, perElector: { borough: 0.06, county: 0.09 } },
		sources: [
			'Electoral Commission, UK Parliamentary general election candidate spending guidance (2015): £8,700 + 6p (borough) or 9p (county) per elector in the short campaign; £30,700 + 6p or 9p in the long campaign.',
			'House of Commons Library, “Regulation of candidates’ campaign expenditure: the long and the short of it” (2015).'
		]
	},
	{
		id: '2023-order',
		order: 'The Representation of the People (Variation of Limits of Candidates’ Election Expenses) Order 2023',
		// 2029 is the next election after 2024, assumed under the same order; a parliament that runs past
		// its 55th month has a long campaign.
		elections: { 2024: { longCampaign: false }, 2029: { longCampaign: true } },
		short: { fixed: 11_390, perElector: { borough: 0.08, county: 0.12 } },
		long: { fixed: 40_220, perElector: { borough: 0.08, county: 0.12 } },
		sources: [
			'Electoral Commission, candidate spending limits for the 2024 UK Parliamentary general election: £11,390 + 8p (borough) or 12p (county) per elector; no long campaign in 2024.',
			'Representation of the People Act 1983 s.76ZA as amended: long-campaign maximum £40,220 + 8p or 12p per elector for a full-length parliament.'
		]
	}
];

/** The regime for an election year: the latest order in force by then (the 2023 order from 2024 on). */
export function regimeFor(year: number): SpendingRegime {
	if (year < 2015) throw new Error(`No spending limits are recorded for ${year}: the figures start with the 2014 order (2015 election).`);
	return year >= 2024 ? SPENDING_REGIMES[1] : SPENDING_REGIMES[0];
}

/** The general elections the app models, in order, and the one after the last (due by 2029). */
export const GENERAL_ELECTIONS = [2010, 2015, 2017, 2019, 2024, 2029] as const;

/**
 * The election whose spending limits bind a fund planned from a base election: the next general
 * election after it (2015 → 2017, 2017 → 2019, 2019 → 2024, 2024 → 2029 under the 2023 order).
 */
export function limitYearFor(baseYear: number): number {
	const next = GENERAL_ELECTIONS.find((y) => y > baseYear);
	if (next === undefined) throw new Error(`No general election after ${baseYear} is known to Heartlands.`);
	return next;
}

/** The constituency lookups say Borough, Burgh or County; burghs are Scotland's boroughs. */
export function seatTypeOf(raw: string | null | undefined): SeatType | null {
	const t = (raw ?? '').trim().toLowerCase();
	if (t === 'borough' || t === 'burgh') return 'borough';
	if (t === 'county') return 'county';
	return null;
}

export type LimitResult = { ok: true; limit: number; short: number; long: number } | { ok: false; error: string };

/**
 * A seat's limit in whole pounds (rounded down: a penny over is over), the short campaign plus the
 * long one where that election had it and the caller includes it.
 */
export function legalLimit(seat: { code: string; electorate: number | null; seatType: string | null }, year: number, includeLong = true): LimitResult {
	const type = seatTypeOf(seat.seatType);
	if (!type) return { ok: false, error: `${seat.code} has no constituency type (county or borough), so its spending limit is unknown.` };
	if (seat.electorate === null || !Number.isFinite(seat.electorate) || seat.electorate <= 0) {
		return { ok: false, error: `${seat.code} has no electorate, so its spending limit is unknown.` };
	}
	const regime = regimeFor(year);
	const pounds = (rule: LimitRule) => rule.fixed + (Math.round(rule.perElector[type] * 100) * seat.electorate!) / 100;
	const short = Math.floor(pounds(regime.short));
	const long = includeLong && (regime.elections[year]?.longCampaign ?? false) ? Math.floor(pounds(regime.long)) : 0;
	return { ok: true, limit: short + long, short, long };
}
