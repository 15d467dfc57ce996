/** The first screen's table: one row per 2010-set seat with the 2015 election and context. */
import { ident, literal, num } from './sql';

export interface OverviewRow {
	code: string;
	name: string;
	nation: string;
	region: string;
	winner2015: string | null;
	ukipShare2015: number | null;
	majority2015: number | null;
	leave2016: number | null;
	deprivationScore: number | null;
}

export function constituencyOverview(): string {
	return `
		SELECT c.code, c.name, c.nation, c.region,
		       r.winner AS "winner2015",
		       100.0 * r.ukip / nullif(r.valid_votes, 0) AS "ukipShare2015",
		       r.majority AS "majority2015",
		       e.leave_pct AS "leave2016",
		       d.score AS "deprivationScore"
		FROM constituencies c
		LEFT JOIN results r ON r.code = c.code AND r.year = 2015
		LEFT JOIN eu_ref e ON e.code = c.code
		LEFT JOIN deprivation d ON d.code = c.code AND d.boundary_set = '2010'
		WHERE c.boundary_set = '2010'
		ORDER BY c.name`;
}

/** Votes for one party column across all seats at one election. */
export function partyNationalTotal(party: string, year: number): string {
	return `SELECT sum(${ident(party)})::BIGINT AS votes FROM results WHERE year = ${num(year)}`;
}

/** Leave figures that replace the compiled file's, with the count they come from. */
export const LEAVE_CORRECTIONS_QUERY = `
	SELECT e.code, c.name, e.leave_pct, e.leave_pct_as_compiled, e.leave_votes, e.remain_votes, e.correction_source
	FROM eu_ref e JOIN constituencies c ON c.code = e.code AND c.boundary_set = '2010'
	WHERE e.correction_source IS NOT NULL ORDER BY c.name`;

/** The challenger's national vote at each election, summed over the constituency file. */
export function challengerTotals(parties: { party: string; year: number }[]): string {
	return parties.map(({ party, year }) => `SELECT ${literal(party)} AS party, ${num(year)} AS year, sum(${ident(party)})::BIGINT AS votes FROM results WHERE year = ${num(year)}`).join('\nUNION ALL\n') + '\nORDER BY year';
}
