/**
 * SQL for uploaded datasets. Column names inside DuckDB are always `c0…cN` (the user's headers
 * are labels only), and every name still goes through `ident()`.
 */
import type { BoundarySet } from '$lib/model/catalogue';
import { ident } from './sql';

export const SMALL_AREA_STAGE = 'upload_small_area_stage';

/**
 * Small areas → seats. `sum` suits counts (members, canvass contacts); for the 2024 set an area
 * split between seats contributes in proportion to its population in each. `mean` is
 * population-weighted, for rates and scores.
 */
export function aggregateSmallAreas(set: BoundarySet, how: 'sum' | 'mean', columns: string[]): string {
	const lookup = set === '2010' ? 'smallarea_2010' : 'smallarea_2024';
	const share = set === '2010' ? '1' : 'l.share';
	const cols = columns.map((c) => {
		const v = `s.${ident(c)}`;
		return how === 'sum' ? `sum(${v} * ${share}) AS ${ident(c)}` : `sum(${v} * l.population) / nullif(sum(CASE WHEN ${v} IS NOT NULL THEN l.population END), 0) AS ${ident(c)}`;
	});
	return `SELECT l.code${cols.map((c) => `, ${c}`).join('')}
		FROM ${ident(SMALL_AREA_STAGE)} s JOIN ${ident(lookup)} l ON l.area = s.area
		GROUP BY l.code ORDER BY l.code`;
}

export function unmatchedSmallAreas(set: BoundarySet): string {
	const lookup = set === '2010' ? 'smallarea_2010' : 'smallarea_2024';
	return `SELECT s.area, count(*) OVER ()::INTEGER AS n
		FROM ${ident(SMALL_AREA_STAGE)} s WHERE NOT EXISTS (SELECT 1 FROM ${ident(lookup)} l WHERE l.area = s.area)
		ORDER BY s.area LIMIT 5`;
}

/** Every seat of both sets with its official name and, where a source spells it otherwise, that spelling. */
export const REFERENCE_SEATS_QUERY = `SELECT boundary_set AS "set", code, name, nation, alt_name FROM constituencies ORDER BY boundary_set, code`;
