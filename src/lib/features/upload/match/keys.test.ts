import { describe, expect, it } from 'vitest';
import { REFERENCE_FIXTURE as REF, codesOf } from '../../../../../tests/fixtures/upload';
import { describeKeyKind, detectKey, scoreKeyColumns, smallAreaType } from './keys';

const table = (header: string[], ...columns: string[][]) => ({ header, columns });

describe('smallAreaType', () => {
	it.each([
		['E01000782', 'lsoa'],
		['W01000001', 'lsoa'],
		['s01006552', 'dataZone'],
		['95VV29W1', 'niSoa'],
		['95AA01S2', 'niSoa'],
		['E14000530', null],
		['E0100078', null],
		['95AA01', null]
	])('%s → %s', (code, kind) => expect(smallAreaType(code)).toBe(kind));
});

describe('scoreKeyColumns', () => {
	it('finds a 2010-set code column among other columns', () => {
		const codes = codesOf('2010');
		const [best] = scoreKeyColumns(
			table(
				['value', 'ons_id', 'name'],
				codes.map((_, i) => String(i)),
				codes,
				codes.map((_, i) => `x${i}`)
			),
			REF
		);
		expect(best).toMatchObject({ column: 'ons_id', columnIndex: 1, kind: 'gss-2010', boundarySet: '2010', matchShare: 1 });
		expect(best.examples).toHaveLength(3);
	});

	it('tells 2024 codes from 2010 codes', () => {
		const [best, second] = scoreKeyColumns(table(['PCON24CD'], codesOf('2024')), REF);
		expect(best).toMatchObject({ kind: 'gss-2024', matchShare: 1 });
		// East Renfrewshire and Na h-Eileanan an Iar kept their codes in 2024.
		expect(second).toMatchObject({ kind: 'gss-2010', matchShare: 2 / codesOf('2024').length });
	});

	it('ranks a name column with a few typos, and guesses its set', () => {
		const names = ['Hartlepool', 'Clacton', 'Rotheram', 'Hull East', 'Ayrshire Central', 'Kingston upon Hull North'];
		const ranked = scoreKeyColumns(table(['constituency'], names), REF);
		expect(ranked[0]).toMatchObject({ kind: 'constituency-name', boundarySet: '2010', matchShare: 5 / 6 });
		expect(ranked[1]).toMatchObject({ kind: 'constituency-name', boundarySet: '2024' });
		expect(ranked[1].matchShare).toBeLessThan(ranked[0].matchShare);
	});

	it('recognises small areas across the UK and counts each kind', () => {
		const [best] = scoreKeyColumns(table(['lsoa11'], ['E01000782', 'W01000001', 'S01006552', '95VV29W1', '']), REF);
		expect(best).toMatchObject({ kind: 'small-area', matchShare: 1, smallAreas: { lsoa: 2, dataZone: 1, niSoa: 1 } });
		expect(describeKeyKind(best)).toBe('small-area codes (LSOA 2011, Scottish data zones, NI super output areas)');
	});

	it('samples across a long column, not just its head', () => {
		const values = [...Array(5000).fill('E01000782'), ...Array(5000).fill('S01006552')];
		const [best] = scoreKeyColumns(table(['area'], values), REF);
		expect(best.smallAreas?.dataZone).toBeGreaterThan(0);
	});
});

describe('detectKey', () => {
	it('refuses a file with no recognisable key, saying what it looked for', () => {
		const r = detectKey(table(['colour', 'size'], ['red', 'blue'], ['1', '2']), REF);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r).not.toHaveProperty('value');
		expect(r.error).toMatchObject({ code: 'no-key-column', columns: ['colour', 'size'] });
		expect(r.error.message).toMatch(/No column looks like a constituency key/);
		expect(r.error.message).toMatch(/E14…/);
	});

	it('names the closest column when it falls short', () => {
		const r = detectKey(table(['place'], ['Hartlepool', 'Paris', 'Rome', 'Oslo']), REF);
		expect(!r.ok && r.error.message).toMatch(/closest was column "place", where 25%/);
	});

	it('returns usable candidates, best first', () => {
		const r = detectKey(table(['name', 'code'], ['Clacton', 'Hartlepool'], ['E14000642', 'E14000733']), REF);
		expect(r.ok && r.value.map((c) => [c.column, c.kind])).toEqual([
			['code', 'gss-2010'],
			['name', 'constituency-name'],
			['name', 'constituency-name']
		]);
	});
});
