/**
 * SQL for the seat profile: which boundary set a code belongs to (with the seat's facts), and the
 * raw indicator values of every seat of a set for the similarity and percentile views (the model
 * standardises them; see model/similarity.ts).
 */
import type { BoundarySet } from '$lib/model/catalogue';
import { indicatorTable } from './indicators';
import { ident, literal } from './sql';

export interface SeatLookupRow {
	boundary_set: BoundarySet;
	code: string;
	name: string;
	nation: string;
	region: string;
	seat_type: string | null;
}

/**
 * Every boundary set that has this code (a few Scottish codes are in both), oldest set first.
 * The code is compared exactly, after trimming and upper-casing, as typed in a link.
 */
export function seatLookup(code: string): string {
	return `SELECT boundary_set, code, name, nation, region, seat_type
		FROM constituencies WHERE code = ${literal(code.trim().toUpperCase())}
		ORDER BY boundary_set`;
}

/** `code`, `name`, `nation` and one column per indicator id (raw values, NULL where missing), by code. */
export function profileIndicators(set: BoundarySet, ids: readonly string[]): string {
	const columns = ids.map((id) => `, v.${ident(id)}::DOUBLE AS ${ident(id)}`).join('');
	return `SELECT c.code, c.name, c.nation${columns}
		FROM ${ident(indicatorTable(set))} v JOIN constituencies c ON c.code = v.code AND c.boundary_set = ${literal(set)}
		ORDER BY c.code`;
}
