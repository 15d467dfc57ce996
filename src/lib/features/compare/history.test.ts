import { describe, expect, it } from 'vitest';
import { seriesByParty } from './history';

const row = (year: number, notional: boolean, lab: number, right_populist: number) => ({ code: 'X', year, notional, con: 30, lab, ld: 5, snp: 0, pc: 0, green: 2, right_populist });

describe('seriesByParty', () => {
	it('folds party columns into one series per party, keeps notional flags, drops parties that never stood', () => {
		const rows = [row(2019, false, 45, 10), row(2010, false, 50, 2), row(2024, true, 40, 25), { ...row(2015, false, 48, 20), code: 'Y' }];
		const series = seriesByParty(rows, 'X');
		expect(series.map((s) => s.party)).toEqual(['con', 'lab', 'ld', 'green', 'right_populist']);
		expect(series.find((s) => s.party === 'right_populist')!.points).toEqual([
			{ year: 2010, share: 2, notional: false },
			{ year: 2019, share: 10, notional: false },
			{ year: 2024, share: 25, notional: true }
		]);
		expect(seriesByParty(rows, 'nope')).toEqual([]);
	});
});
