/**
 * Reference seats for matching uploads, from the constituencies table. Names are the official
 * ones ("Stoke-on-Trent North"); a lookup's other spelling ("Stoke-On-Trent North") is kept as an
 * alternative name, so files that use either match exactly.
 */
import type { Row } from '$lib/db/types';
import type { BoundarySet } from '$lib/model/catalogue';
import type { ReferenceSeat } from '../types';

export function referenceSeatsFromRows(rows: Row[]): ReferenceSeat[] {
	return rows.map((r) => {
		const seat = { set: String(r.set) as BoundarySet, code: String(r.code), name: String(r.name), nation: String(r.nation) };
		return r.alt_name === null || r.alt_name === undefined ? seat : { ...seat, altNames: [String(r.alt_name)] };
	});
}
