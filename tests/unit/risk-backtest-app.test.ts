/**
 * The app's backtest on the real data: run a base election at a time (as the worker does) it gives
 * exactly the rows of one `runRiskBacktest` call, and the lens rows it adds on the page from the
 * held seats match what the model's own lens option computes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/db/types';
import { prepareIndicators } from '../../src/lib/data/prepare-indicators';
import { loadRiskHistories } from '../../src/lib/data/risk-inputs';
import { runRiskBacktest } from '../../src/lib/model/risk/backtest';
import type { RiskHistories } from '../../src/lib/model/risk/run';
import { defaultDefinition } from '../../src/lib/model/lenses';
import { scoreQuery } from '../../src/lib/queries/scoring';
import { computeBacktest, stepsByBase } from '../../src/lib/features/risk-backtest/compute';
import { groupBacktest, lensRows } from '../../src/lib/features/risk-backtest/backtest-table';
import { openLoadedDatabase } from './helpers';

let db: Database;
let histories: RiskHistories;
beforeAll(async () => {
	({ db } = await openLoadedDatabase());
	await prepareIndicators(db);
	histories = await loadRiskHistories(db);
});
afterAll(async () => db?.close?.());

describe('the in-app backtest', () => {
	it('splits the pairs into one step per base election, and the split changes no figure', async () => {
		expect(stepsByBase().map((s) => s.map((p) => `${p.base}→${p.target}`))).toEqual([['2010→2015'], ['2015→2017', '2015→2019'], ['2017→2019'], ['2019→2024']]);
		const progress: number[] = [];
		const options = { draws: 200, seed: 7 };
		const app = computeBacktest(histories, options, (done) => progress.push(done));
		expect(progress).toEqual([0, 1, 2, 3, 4]);
		const direct = runRiskBacktest(histories, options);
		expect(app.rows).toEqual(direct.rows);
		expect(new Map(app.calibration)).toEqual(direct.calibration);
		expect(app.fits.map((f) => f.baseYear)).toEqual([...direct.fits.keys()]);

		// The lens rows from the held seats equal the model's own lens option, for the 2015 lens.
		const query = scoreQuery(defaultDefinition('2015-ukip'));
		const scored = (await db.query(query.sql, query.params)).rows;
		const scores = new Map(scored.map((r) => [String(r.code), { threat: r.threat as number | null, priority: r.priority as number | null }]));
		const withLens = runRiskBacktest(histories, { ...options, pairs: stepsByBase()[1], lensScores: (pair) => (pair.base === 2015 ? scores : null) });
		const ours = lensRows(app.held, { year: 2015, boundarySet: '2010', scores });
		expect(ours).toEqual(withLens.rows.filter((r) => r.predictor === 'threat' || r.predictor === 'priority'));
		const priority = ours.find((r) => r.target_year === 2019 && r.holder === 'lab' && r.predictor === 'priority')!;
		// Labour's 2015 seats, Chorley (the Speaker's in 2019) left out: 231, of which 46 lost.
		expect([priority.seats, priority.lost]).toEqual([231, 46]);
		const group = groupBacktest([...app.rows, ...ours]).find((g) => g.key === '2015→2019 lab')!;
		expect(group.rows.map((r) => r.predictor)).toEqual(['model', 'no_change', 'majority', 'leave', 'challenger', 'threat', 'priority']);
	}, 120_000);
});
