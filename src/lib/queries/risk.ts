/**
 * Inputs of the seat-risk model (`model/risk`): votes per model party for every seat and election
 * of one boundary set, with nation, region and the seat's Leave share. The model does the rest.
 * - 2010 set: the notional 2005 result (BES), then 2010, 2015, 2017 and 2019.
 * - 2024 set: 2019 carried onto the new seats (each old seat's votes split by the share of its
 *   population in the new seat: notional, like every cross-set figure), then 2024.
 * The right-populist line (UKIP, Brexit Party, Reform UK) is one column, `ruk`; `other` is the
 * rest of the valid vote.
 */
import type { BoundarySet } from '$lib/model/catalogue';

const PARTY_COLUMNS = ['con', 'lab', 'ld', 'snp', 'pc', 'green', 'ruk', 'other'] as const;

const RESULTS_VOTES = `con, lab, ld, snp, pc, green, ukip + brexit + reform AS ruk,
	valid_votes - (con + lab + ld + snp + pc + green + ukip + brexit + reform) AS other`;

/** Leave % on the 2024 seats: the 2010-set figures weighted by the population the seats share. */
const NOTIONAL_LEAVE = `SELECT o.from_code AS code, sum(o.overlap_pop * e.leave_pct) / nullif(sum(CASE WHEN e.leave_pct IS NOT NULL THEN o.overlap_pop END), 0) AS leave
	FROM overlap o JOIN eu_ref e ON e.code = o.to_code WHERE o.from_set = '2024' GROUP BY o.from_code`;

export function riskInputsQuery(set: BoundarySet): string {
	const select = `c.nation, c.region`;
	if (set === '2010') {
		return `
			WITH votes AS (
				SELECT 2005 AS year, code, winner_key, con, lab, ld, snp, pc, green, ukip AS ruk, other, true AS notional FROM results2005
				UNION ALL
				SELECT year, code, winner_key, ${RESULTS_VOTES}, false FROM results WHERE boundary_set = '2010'
			)
			SELECT v.year, v.code, ${select}, v.winner_key, ${PARTY_COLUMNS.map((p) => `v.${p}::DOUBLE AS ${p}`).join(', ')},
			       v.notional, e.leave_pct::DOUBLE AS leave
			FROM votes v JOIN constituencies c ON c.code = v.code AND c.boundary_set = '2010'
			LEFT JOIN eu_ref e ON e.code = v.code
			ORDER BY v.year, v.code`;
	}
	// The notional winner is the party with the most notional votes, except that a new seat drawn
	// mostly from the Speaker's old seat stays the Speaker's.
	return `
		WITH old AS (SELECT code, winner_key, ${RESULTS_VOTES} FROM results WHERE year = 2019 AND boundary_set = '2010'),
		carried AS (
			SELECT o.to_code AS code, ${PARTY_COLUMNS.map((p) => `sum(old.${p} * o.share_of_from_pop) AS ${p}`).join(', ')},
			       arg_max(old.winner_key, o.overlap_pop) AS main_holder
			FROM overlap o JOIN old ON old.code = o.from_code WHERE o.from_set = '2010' GROUP BY o.to_code
		),
		votes AS (
			SELECT 2019 AS year, code,
			       CASE WHEN main_holder = 'speaker' THEN 'speaker' ELSE
			            ['con', 'lab', 'ld', 'snp', 'pc', 'green', 'ruk', 'other'][list_position([con, lab, ld, snp, pc, green, ruk, other], greatest(con, lab, ld, snp, pc, green, ruk, other))] END AS winner_key,
			       ${PARTY_COLUMNS.join(', ')}, true AS notional
			FROM carried
			UNION ALL
			SELECT year, code, winner_key, ${RESULTS_VOTES}, false FROM results WHERE boundary_set = '2024'
		)
		SELECT v.year, v.code, ${select}, v.winner_key, ${PARTY_COLUMNS.map((p) => `v.${p}::DOUBLE AS ${p}`).join(', ')},
		       v.notional, l.leave::DOUBLE AS leave
		FROM votes v JOIN constituencies c ON c.code = v.code AND c.boundary_set = '2024'
		LEFT JOIN (${NOTIONAL_LEAVE}) l ON l.code = v.code
		ORDER BY v.year, v.code`;
}

/** Electorate at an election and constituency type (county, borough, burgh), for spending limits. */
export function spendingLimitInputsQuery(set: BoundarySet, year: number): string {
	return `SELECT c.code, c.seat_type, r.electorate::DOUBLE AS electorate
		FROM constituencies c LEFT JOIN results r ON r.code = c.code AND r.boundary_set = c.boundary_set AND r.year = ${Math.trunc(year)}
		WHERE c.boundary_set = '${set === '2024' ? '2024' : '2010'}' ORDER BY c.code`;
}
