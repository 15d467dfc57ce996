import { describe, expect, it } from 'vitest';
import { legalLimit, limitYearFor, regimeFor, seatTypeOf } from './legal-limits';

describe('legal spending limits, hand-checked', () => {
	it('2014 order, short campaign: borough £8,700 + 6p, county £8,700 + 9p per elector', () => {
		expect(legalLimit({ code: 'B', electorate: 70_000, seatType: 'Borough' }, 2017)).toEqual({ ok: true, limit: 12_900, short: 12_900, long: 0 });
		expect(legalLimit({ code: 'C', electorate: 70_000, seatType: 'County' }, 2019)).toEqual({ ok: true, limit: 15_000, short: 15_000, long: 0 });
	});
	it('2014 order with the 2015 long campaign: £30,700 + 6p or 9p on top', () => {
		expect(legalLimit({ code: 'C', electorate: 70_000, seatType: 'County' }, 2015)).toEqual({ ok: true, limit: 52_000, short: 15_000, long: 37_000 });
		expect(legalLimit({ code: 'C', electorate: 70_000, seatType: 'County' }, 2015, false)).toMatchObject({ limit: 15_000 });
	});
	it('2023 order (2024): £11,390 + 8p borough or burgh, + 12p county; the Mole Valley notice’s own example', () => {
		expect(legalLimit({ code: 'B', electorate: 72_500, seatType: 'Burgh' }, 2024)).toEqual({ ok: true, limit: 17_190, short: 17_190, long: 0 });
		// 69,943 electors × 12p = £8,393.16, + £11,390 = £19,783.16 → £19,783 whole pounds.
		expect(legalLimit({ code: 'C', electorate: 69_943, seatType: 'County' }, 2024)).toMatchObject({ limit: 19_783 });
	});
	it('a seat with no electorate or no type gets a clear error', () => {
		expect(legalLimit({ code: 'X1', electorate: null, seatType: 'County' }, 2024)).toEqual({ ok: false, error: 'X1 has no electorate, so its spending limit is unknown.' });
		expect(legalLimit({ code: 'X2', electorate: 60_000, seatType: '' }, 2024)).toEqual({ ok: false, error: 'X2 has no constituency type (county or borough), so its spending limit is unknown.' });
	});
	it('regimes by year, and the types the lookups use', () => {
		expect(regimeFor(2019).id).toBe('2014-order');
		expect(regimeFor(2029).id).toBe('2023-order');
		expect(() => regimeFor(2010)).toThrow(/2014 order/);
		expect([seatTypeOf('Burgh'), seatTypeOf('County'), seatTypeOf(null)]).toEqual(['borough', 'county', null]);
	});
	it('the limits that bind are those of the next election after the base', () => {
		expect([2010, 2015, 2017, 2019, 2024].map(limitYearFor)).toEqual([2015, 2017, 2019, 2024, 2029]);
		expect(regimeFor(limitYearFor(2019)).id).toBe('2023-order');
		expect(regimeFor(limitYearFor(2017)).id).toBe('2014-order');
		expect(regimeFor(limitYearFor(2024)).id).toBe('2023-order');
		expect(() => limitYearFor(2029)).toThrow(/No general election after 2029/);
	});
});
