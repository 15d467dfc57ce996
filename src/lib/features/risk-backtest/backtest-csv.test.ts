import { describe, expect, it } from 'vitest';
import type { BacktestRow } from '$lib/model/risk/backtest';
import { BACKTEST_CSV_COLUMNS, backtestCsv, backtestCsvRows } from './backtest-csv';

const base: BacktestRow = { base_year: 2015, target_year: 2019, holder: 'lab', predictor: 'majority', notional: false, seats: 231, lost: 46, auc: 0.82138660399, brier: 0.13785838, log_loss: 0.41367344, expected_lost: 32.32786 };

describe('backtest CSV', () => {
	it('has the CLI’s columns, rows in table order, rounded figures and empty cells for missing ones', () => {
		expect(BACKTEST_CSV_COLUMNS.join(',')).toBe('base_year,target_year,holder,predictor,seats,lost,auc,brier,log_loss,expected_lost');
		const rows = backtestCsvRows([base, { ...base, predictor: 'leave', brier: null, log_loss: null, expected_lost: null }, { ...base, predictor: 'model', auc: 0.857109 }]);
		expect(rows.map((r) => r[3])).toEqual(['model', 'majority', 'leave']);
		expect(rows[1]).toEqual([2015, 2019, 'lab', 'majority', 231, 46, 0.8214, 0.1379, 0.4137, 32.33]);
		expect(rows[2].slice(7)).toEqual([null, null, null]);
	});
	it('ends with the settings, the notional note and every attribution line', () => {
		const csv = backtestCsv([base], { date: '2025-01-02', draws: 2000, seed: 2016, lens: '2015 / UKIP', attribution: ['Contains OS data © Crown copyright', 'Open Parliament Licence v3.0'] });
		const lines = csv.trimEnd().split('\n');
		expect(lines[0]).toBe(BACKTEST_CSV_COLUMNS.join(','));
		expect(lines[1]).toBe('2015,2019,lab,majority,231,46,0.8214,0.1379,0.4137,32.33');
		expect(lines[2]).toBe('');
		expect(csv).toContain('2000 draws, seed 2016');
		expect(csv).toContain('notional 2019 result');
		expect(csv).toContain('2015 / UKIP lens');
		expect(lines.slice(-2)).toEqual(['# Contains OS data © Crown copyright', '# Open Parliament Licence v3.0']);
	});
});
