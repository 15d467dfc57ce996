/**
 * Vote shares 2010–2024 for a few seats, for the compare board's small charts. Elections fought on
 * the other boundary set are carried across by population overlap and flagged `notional`.
 */
import type { BoundarySet } from '$lib/model/catalogue';
import { literal } from './sql';

export const HISTORY_PARTIES = ['con', 'lab', 'ld', 'snp', 'pc', 'green', 'right_populist'] as const;

const shares = (r: string) => HISTORY_PARTIES.map((p) => `100.0 * ${r}.${p === 'right_populist' ? 'right_populist_votes' : p} / nullif(${r}.valid_votes, 0)`);

export function voteHistory(set: BoundarySet, codes: string[]): string {
	if (!codes.length) return `SELECT NULL::VARCHAR AS code, NULL::INTEGER AS year, NULL::BOOLEAN AS notional${HISTORY_PARTIES.map((p) => `, NULL::DOUBLE AS ${p}`).join('')} WHERE false`;
	const list = codes.map(literal).join(', ');
	const own = shares('r')
		.map((e, i) => `${e} AS ${HISTORY_PARTIES[i]}`)
		.join(', ');
	const carried = shares('r')
		.map((e, i) => `sum(o.overlap_pop * ${e}) / nullif(sum(o.overlap_pop), 0) AS ${HISTORY_PARTIES[i]}`)
		.join(', ');
	return `
		SELECT r.code, r.year, false AS notional, ${own}
		FROM results r WHERE r.boundary_set = ${literal(set)} AND r.code IN (${list})
		UNION ALL
		SELECT o.from_code AS code, r.year, true AS notional, ${carried}
		FROM overlap o JOIN results r ON r.code = o.to_code AND r.boundary_set <> ${literal(set)}
		WHERE o.from_set = ${literal(set)} AND o.from_code IN (${list})
		GROUP BY o.from_code, r.year
		ORDER BY code, year`;
}
