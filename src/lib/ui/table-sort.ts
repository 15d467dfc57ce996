/** Sorting and searching for the app's tables (SortableTable, the seat search): pure functions, tested without a browser. */

export type SortDirection = 'ascending' | 'descending';

/** A column of a SortableTable. */
export interface SortColumn<Key extends string = string> {
	key: Key;
	label: string;
	/** Right-aligned, tabular figures; the first click sorts it descending unless `firstDirection` says otherwise. */
	numeric?: boolean;
	/** For a column whose best value is the lowest (a rank): sort this way first. */
	firstDirection?: SortDirection;
	/** Shown as a tooltip on the header. */
	title?: string;
}

export interface SortState<Key extends string = string> {
	key: Key;
	direction: SortDirection;
}

/**
 * The sort after a header click: the same column flips; a new column starts at its own first
 * direction, so scores read best-first (descending) and names read A to Z.
 */
export function nextSort<Key extends string>(current: SortState<Key>, column: SortColumn<Key>): SortState<Key> {
	if (current.key === column.key) return { key: column.key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
	return { key: column.key, direction: column.firstDirection ?? (column.numeric ? 'descending' : 'ascending') };
}
type Value = string | number | null | undefined;

/** Lower-case, strip diacritics and punctuation so "Ynys Mon" finds "Ynys Môn". */
export function normaliseForSearch(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/** Rows whose `field` contains every word of the query, in any order. */
export function filterRows<T>(rows: readonly T[], query: string, field: (row: T) => string): T[] {
	const words = normaliseForSearch(query).split(' ').filter(Boolean);
	if (!words.length) return rows.slice();
	return rows.filter((row) => {
		const haystack = normaliseForSearch(field(row));
		return words.every((w) => haystack.includes(w));
	});
}

/** Stable sort; missing values always go last whatever the direction, so they never top a ranking. */
export function sortRows<T>(rows: readonly T[], value: (row: T) => Value, direction: SortDirection): T[] {
	const sign = direction === 'ascending' ? 1 : -1;
	return rows
		.map((row, index) => ({ row, index, v: value(row) }))
		.sort((a, b) => {
			const aMissing = a.v === null || a.v === undefined || (typeof a.v === 'number' && Number.isNaN(a.v));
			const bMissing = b.v === null || b.v === undefined || (typeof b.v === 'number' && Number.isNaN(b.v));
			if (aMissing || bMissing) return aMissing === bMissing ? a.index - b.index : aMissing ? 1 : -1;
			const order = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v), 'en-GB', { sensitivity: 'base' });
			return order === 0 ? a.index - b.index : sign * order;
		})
		.map((x) => x.row);
}
