import { describe, expect, it } from 'vitest';
import { convertColumn, inferColumns, isNullToken, parseNumber, profileColumn } from './infer';

describe('parseNumber', () => {
	it.each([
		['72,580', 72580, null, true],
		['£1,200', 1200, '£', true],
		['£1,200.50', 1200.5, '£', false],
		['45.2%', 45.2, '%', false],
		['45.2 %', 45.2, '%', false],
		['-3', -3, null, true],
		['\u22123.5', -3.5, null, false],
		['-£5', -5, '£', true],
		['£-5', -5, '£', true],
		['+7', 7, null, true],
		['.5', 0.5, null, false],
		['1e3', 1000, null, false],
		['  42  ', 42, null, true],
		['1,234,567', 1234567, null, true],
		['0', 0, null, true],
		['0.25', 0.25, null, false]
	])('%j → %d', (text, value, unit, integer) => {
		expect(parseNumber(text)).toMatchObject({ value, unit, integer });
	});

	it.each(['', 'abc', '1,2', '12,34', '1,2345', '--1', '£5%', '1.2.3', 'E14000530', '95AA01S1', '5 apples', '%', '£', '-'])('%j is not a number', (text) => {
		expect(parseNumber(text)).toBeNull();
	});

	it('flags superfluous leading zeros (codes) but not 0.5 or 0', () => {
		expect(parseNumber('00123')?.leadingZero).toBe(true);
		expect(parseNumber('0.5')?.leadingZero).toBe(false);
		expect(parseNumber('0')?.leadingZero).toBe(false);
	});
});

describe('null tokens', () => {
	it.each(['', ' ', 'NA', 'n/a', 'N/A', '-', '..', '.', 'null', 'NaN', '#N/A', '–'])('%j is blank', (t) => {
		expect(isNullToken(t)).toBe(true);
	});
	it.each(['0', 'none', 'x', 'Hull'])('%j is a value', (t) => expect(isNullToken(t)).toBe(false));
});

describe('profileColumn', () => {
	it('keeps leading-zero columns as text', () => {
		expect(profileColumn('id', ['00123', '00456', '789']).type).toBe('text');
	});

	it('keeps GSS codes as text', () => {
		expect(profileColumn('code', ['E14000530', 'W07000041']).type).toBe('text');
	});

	it('reads integers with thousands separators and counts blanks', () => {
		const p = profileColumn('electorate', ['72,580', '68,001', 'NA', '', 'n/a', '-', '..', '70,000']);
		expect(p).toMatchObject({ type: 'integer', nullCount: 5, nonNullCount: 3, unit: null, unparseableCount: 0 });
	});

	it('reads decimals and negatives as numbers', () => {
		expect(profileColumn('change', ['-1.5', '2', '0.25']).type).toBe('number');
	});

	it('reads a percent column and keeps the value as written', () => {
		const p = profileColumn('ukip', ['45.2%', '12%', 'n/a']);
		expect(p).toMatchObject({ type: 'percent', unit: '%' });
		expect(convertColumn(['45.2%', 'n/a'], p.type)).toEqual([45.2, null]);
	});

	it('records a currency unit', () => {
		expect(profileColumn('budget', ['£1,200', '£950'])).toMatchObject({ type: 'integer', unit: '£' });
	});

	it('reads yes/no columns as boolean', () => {
		const p = profileColumn('target', ['Yes', 'no', 'Y', 'N', '']);
		expect(p.type).toBe('boolean');
		expect(convertColumn(['Yes', 'no', ''], 'boolean')).toEqual([true, false, null]);
	});

	it('keeps 0/1 as integers, not booleans', () => {
		expect(profileColumn('flag', ['0', '1', '1']).type).toBe('integer');
	});

	it('makes a small column with any word text', () => {
		expect(profileColumn('x', ['1', '2', 'see note']).type).toBe('text');
	});

	it('tolerates a stray footnote in a big numeric column, and shows it', () => {
		const values = [...Array.from({ length: 99 }, (_, i) => String(i)), 'see note 3'];
		const p = profileColumn('members', values);
		expect(p).toMatchObject({ type: 'integer', unparseableCount: 1, unparseable: ['see note 3'] });
	});

	it('reports what would not convert under an override', () => {
		const p = profileColumn('x', ['1', '2.5', 'abc', 'NA'], 'integer');
		expect(p).toMatchObject({ type: 'integer', inferred: 'text', overridden: true, unparseableCount: 2 });
		expect(p.unparseable).toEqual(['2.5', 'abc']);
	});

	it('lets a numeric-looking code column be overridden to text', () => {
		const p = profileColumn('pano', ['7', '8', '9'], 'text');
		expect(p).toMatchObject({ type: 'text', inferred: 'integer', unparseableCount: 0 });
	});

	it('gives all-blank columns type text', () => {
		expect(profileColumn('empty', ['', 'NA'])).toMatchObject({ type: 'text', nonNullCount: 0, nullCount: 2 });
	});

	it('gives a few distinct examples', () => {
		expect(profileColumn('x', ['a', 'a', 'b', '', 'c', 'd', 'e', 'f']).examples).toEqual(['a', 'b', 'c', 'd', 'e']);
	});
});

it('inferColumns applies overrides by column name', () => {
	const profiles = inferColumns(
		{
			header: ['code', 'value'],
			columns: [
				['E1', 'E2'],
				['1', '2']
			]
		},
		{ value: 'number' }
	);
	expect(profiles.map((p) => [p.name, p.type])).toEqual([
		['code', 'text'],
		['value', 'number']
	]);
});
