/**
 * Matching for the "Find a seat" box, the keyboard route to a seat on the Map tab. It uses the
 * tables' search (every word, any order, accents ignored) and then puts the likeliest seats
 * first, so typing "hartle" offers Hartlepool before seats that merely contain the letters.
 */
import { filterRows, normaliseForSearch } from '$lib/ui/table-sort';

export const SEAT_SEARCH_LIMIT = 8;

/** 0: the whole name, 1: the name starts with the query, 2: a word does, 3: anywhere. */
function closeness(name: string, query: string): number {
	if (name === query) return 0;
	if (name.startsWith(query)) return 1;
	return ` ${name}`.includes(` ${query}`) ? 2 : 3;
}

export function searchSeats<T extends { name: string }>(rows: readonly T[], query: string, limit = SEAT_SEARCH_LIMIT): T[] {
	const q = normaliseForSearch(query);
	if (!q) return [];
	return filterRows(rows, q, (r) => r.name)
		.map((row) => ({ row, name: normaliseForSearch(row.name) }))
		.sort((a, b) => closeness(a.name, q) - closeness(b.name, q) || a.row.name.localeCompare(b.row.name))
		.slice(0, limit)
		.map((e) => e.row);
}
