import { describe, expect, it } from 'vitest';
import { searchSeats } from './seat-search';

const seats = ['Hartlepool', 'Blackpool North and Cleveleys', 'Blackpool South', 'Ynys Môn', 'Rotherham', 'Wentworth and Dearne', 'Pool', 'Liverpool, Walton'].map((name) => ({ name }));
const names = (q: string, limit?: number) => searchSeats(seats, q, limit).map((s) => s.name);

describe('searchSeats', () => {
	it('puts the whole name first, then names that start with the query, then word starts, then the rest', () => {
		expect(names('pool')).toEqual(['Pool', 'Blackpool North and Cleveleys', 'Blackpool South', 'Hartlepool', 'Liverpool, Walton']);
		expect(names('hartle')).toEqual(['Hartlepool']);
		expect(names('south')).toEqual(['Blackpool South']);
	});

	it('ignores case, accents, punctuation and word order', () => {
		expect(names('ynys mon')).toEqual(['Ynys Môn']);
		expect(names('WALTON liverpool')).toEqual(['Liverpool, Walton']);
		expect(names('dearne wentworth')).toEqual(['Wentworth and Dearne']);
	});

	it('offers nothing for an empty query and caps the list', () => {
		expect(names('  ')).toEqual([]);
		expect(names('o', 3)).toHaveLength(3);
		expect(names('zzz')).toEqual([]);
	});
});
