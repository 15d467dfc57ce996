import { describe, expect, it } from 'vitest';
import { filterRows, nextSort, normaliseForSearch, sortRows } from './table-sort';

type R = { name: string; v: number | null };
const rows: R[] = [
	{ name: 'Ynys Môn', v: 14.6 },
	{ name: 'Clacton', v: 44.4 },
	{ name: 'Belfast West', v: null },
	{ name: 'Hartlepool', v: 28 },
	{ name: 'Kingston upon Hull East', v: 28 }
];

describe('normaliseForSearch', () => {
	it('strips diacritics, case, punctuation and treats & as and', () => {
		expect(normaliseForSearch('Ynys Môn')).toBe('ynys mon');
		expect(normaliseForSearch('Brighton, Kemptown')).toBe('brighton kemptown');
		expect(normaliseForSearch('Hull & Holderness')).toBe('hull and holderness');
	});
});

describe('filterRows', () => {
	it('matches every word in any order, accent-insensitively', () => {
		expect(filterRows(rows, 'mon ynys', (r) => r.name).map((r) => r.name)).toEqual(['Ynys Môn']);
		expect(filterRows(rows, 'hull east', (r) => r.name)).toHaveLength(1);
		expect(filterRows(rows, '   ', (r) => r.name)).toHaveLength(5);
		expect(filterRows(rows, 'zzz', (r) => r.name)).toEqual([]);
	});
});

describe('sortRows', () => {
	it('sorts numbers descending with nulls last and ties in original order', () => {
		expect(sortRows(rows, (r) => r.v, 'descending').map((r) => r.name)).toEqual(['Clacton', 'Hartlepool', 'Kingston upon Hull East', 'Ynys Môn', 'Belfast West']);
	});
	it('keeps nulls last when ascending too', () => {
		expect(
			sortRows(rows, (r) => r.v, 'ascending')
				.map((r) => r.name)
				.at(-1)
		).toBe('Belfast West');
	});
	it('sorts text case-insensitively', () => {
		expect(sortRows(rows, (r) => r.name, 'ascending').map((r) => r.name)[0]).toBe('Belfast West');
	});
	it('does not mutate its input', () => {
		const copy = rows.slice();
		sortRows(rows, (r) => r.v, 'ascending');
		expect(rows).toEqual(copy);
	});
});

describe('nextSort', () => {
	const name = { key: 'name', label: 'Name' } as const;
	const score = { key: 'score', label: 'Score', numeric: true } as const;
	const rank = { key: 'rank', label: 'Rank', numeric: true, firstDirection: 'ascending' } as const;
	it('flips the direction when the same column is clicked again', () => {
		expect(nextSort({ key: 'score', direction: 'descending' }, score)).toEqual({ key: 'score', direction: 'ascending' });
		expect(nextSort({ key: 'score', direction: 'ascending' }, score)).toEqual({ key: 'score', direction: 'descending' });
	});
	it('starts a new column at its first direction: numbers descending, text ascending, ranks as told', () => {
		expect(nextSort({ key: 'name', direction: 'ascending' }, score)).toEqual({ key: 'score', direction: 'descending' });
		expect(nextSort({ key: 'score', direction: 'descending' }, name)).toEqual({ key: 'name', direction: 'ascending' });
		expect(nextSort({ key: 'name', direction: 'descending' }, rank)).toEqual({ key: 'rank', direction: 'ascending' });
	});
});
