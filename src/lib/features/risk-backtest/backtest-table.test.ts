import { describe, expect, it } from 'vitest';
import type { BacktestRow, Predictor } from '$lib/model/risk/backtest';
import { bestPredictors, defaultPriorityLines, groupBacktest, groupCaveats, groupTitle, lensRows, modelLosses, sortRows } from './backtest-table';
import type { HeldSeats } from './compute';

function row(predictor: Predictor, values: Partial<BacktestRow> = {}): BacktestRow {
	const probabilistic = predictor === 'model' || predictor === 'majority';
	return {
		base_year: 2015,
		target_year: 2019,
		holder: 'lab',
		predictor,
		notional: false,
		seats: 231,
		lost: 46,
		auc: 0.8,
		brier: probabilistic ? 0.13 : null,
		log_loss: probabilistic ? 0.41 : null,
		expected_lost: probabilistic ? 40 : null,
		...values
	};
}

describe('the best figure of each column', () => {
	const rows = [row('model', { auc: 0.857, brier: 0.127, log_loss: 0.41, expected_lost: 29 }), row('majority', { auc: 0.821, brier: 0.138, log_loss: 0.414, expected_lost: 32.3 }), row('leave', { auc: 0.822 })];
	it('is the highest AUC, the lowest Brier and log loss, and the expected losses nearest the real ones', () => {
		expect(bestPredictors(rows, 'auc', 46)).toEqual(['model']);
		expect(bestPredictors(rows, 'brier', 46)).toEqual(['model']);
		expect(bestPredictors(rows, 'log_loss', 46)).toEqual(['model']);
		expect(bestPredictors(rows, 'expected_lost', 46)).toEqual(['majority']);
	});
	it('is shared by ties and not marked when only one predictor has the figure', () => {
		expect(bestPredictors([row('model', { auc: 0.9 }), row('leave', { auc: 0.9 }), row('challenger', { auc: 0.5 })], 'auc', 46)).toEqual(['model', 'leave']);
		expect(bestPredictors([row('model'), row('leave')], 'brier', 46)).toEqual([]);
	});
});

describe('where the model loses', () => {
	it('says so in a sentence with both figures', () => {
		const rows = [row('model', { auc: 0.832, brier: 0.3, log_loss: 1.04, expected_lost: 130.2, lost: 250 }), row('majority', { auc: 0.838, brier: 0.53, log_loss: 1.71, expected_lost: 37.2, lost: 250 })];
		expect(modelLosses(rows, 250)).toEqual(['loses to majority alone on AUC (0.832 vs 0.838)']);
	});
	it('names every rule and metric that beats it, expected losses against the real count', () => {
		const rows = [row('model', { auc: 0.7, brier: 0.2, log_loss: 0.5, expected_lost: 20 }), row('majority', { auc: 0.6, brier: 0.1, log_loss: 0.6, expected_lost: 45 }), row('leave', { auc: 0.75 })];
		expect(modelLosses(rows, 46)).toEqual(['loses to Leave alone on AUC (0.700 vs 0.750)', 'loses to majority alone on Brier score (0.200 vs 0.100)', 'loses to majority alone on expected seats lost (20.0 vs 45.0 against 46 lost)']);
	});
	it('does not count P(loss) under no change as a simpler rule (it is the same model, knowing less)', () => {
		const rows = [row('model', { auc: 0.8, brier: 0.2 }), row('no_change', { auc: 0.85, brier: 0.1, log_loss: 0.3, expected_lost: 46 })];
		expect(modelLosses(rows, 46)).toEqual([]);
	});
	it('is silent when the model is best everywhere', () => {
		expect(modelLosses([row('model', { auc: 0.9, brier: 0.1, log_loss: 0.3, expected_lost: 46 }), row('majority'), row('leave')], 46)).toEqual([]);
	});
});

describe('grouping', () => {
	const rows = [
		row('leave', { holder: 'con' }),
		row('model', { holder: 'con' }),
		row('majority', { base_year: 2019, target_year: 2024, notional: true }),
		row('model', { base_year: 2019, target_year: 2024, notional: true, lost: 7, auc: 0.41 }),
		row('majority'),
		row('model'),
		row('priority'),
		row('threat')
	];
	it('orders pairs as the issue lists them, Labour before Conservative, the model first', () => {
		const groups = groupBacktest(rows);
		expect(groups.map((g) => g.key)).toEqual(['2015→2019 lab', '2015→2019 con', '2019→2024 lab']);
		expect(groups[0].rows.map((r) => r.predictor)).toEqual(['model', 'majority', 'threat', 'priority']);
		expect(sortRows(rows)[0].predictor).toBe('model');
	});
	it('flags the notional pair and says why its figures need care', () => {
		const notional = groupBacktest(rows).find((g) => g.notional)!;
		expect(groupTitle(notional)).toBe('2019 (notional, on the 2024 boundaries) → 2024, Labour-held seats');
		expect(notional.caveats).toEqual([
			'Only 7 seats were lost, so one seat moves the AUC a lot.',
			'The AUC is below 0.5: the lost seats were mostly ranked below the held ones.',
			'The base result is notional: 2019 votes carried onto the 2024 seats by population overlap.'
		]);
		expect(groupCaveats({ lost: 46, auc: 0.86, notional: false })).toEqual([]);
	});
});

describe('lens rows', () => {
	const held: HeldSeats[] = [
		{
			pair: { base: 2015, target: 2019, set: '2010' },
			holder: 'lab',
			seats: [
				{ code: 'A', lost: 1 },
				{ code: 'B', lost: 0 },
				{ code: 'C', lost: 0 }
			]
		},
		{
			pair: { base: 2017, target: 2019, set: '2010' },
			holder: 'lab',
			seats: [
				{ code: 'A', lost: 1 },
				{ code: 'B', lost: 0 }
			]
		}
	];
	const scores = new Map([
		['A', { threat: 0.9, priority: null }],
		['B', { threat: 0.1, priority: 0.2 }],
		['C', { threat: 0.5, priority: 0.3 }]
	]);
	it('score only the pairs that start at the lens election, leaving out seats without a value', () => {
		const rows = lensRows(held, { year: 2015, boundarySet: '2010', scores });
		expect(rows.map((r) => [r.base_year, r.target_year, r.predictor, r.seats, r.lost, r.auc])).toEqual([
			[2015, 2019, 'threat', 3, 1, 1],
			[2015, 2019, 'priority', 2, 0, null]
		]);
		expect(rows[0].brier).toBeNull();
	});
	it('are absent without a lens or on other boundaries', () => {
		expect(lensRows(held, null)).toEqual([]);
		expect(lensRows(held, { year: 2015, boundarySet: '2024', scores })).toEqual([]);
	});
});

describe('the default priority against majority alone', () => {
	it('gives one line per pair and party, saying whether it holds its own', () => {
		const rows = [
			row('model'),
			row('no_change', { auc: 0.825 }),
			row('majority', { auc: 0.821 }),
			row('no_change', { target_year: 2024, base_year: 2019, notional: true, auc: 0.344, lost: 7, seats: 201 }),
			row('majority', { target_year: 2024, base_year: 2019, notional: true, auc: 0.356, lost: 7, seats: 201 }),
			row('leave', { base_year: 2017 })
		];
		expect(defaultPriorityLines(rows)).toEqual([
			{ key: '2015→2019 lab', title: '2015 → 2019, Labour-held seats', seats: 231, lost: 46, noChange: 0.825, majority: 0.821, holds: true },
			{ key: '2019→2024 lab', title: '2019 (notional, on the 2024 boundaries) → 2024, Labour-held seats', seats: 201, lost: 7, noChange: 0.344, majority: 0.356, holds: false }
		]);
	});
});
