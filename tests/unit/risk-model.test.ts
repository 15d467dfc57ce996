/**
 * The seat-risk model on the real data: the backtest numbers the issue quoted, recomputed; the model
 * beating majority alone; and the fitting rule (nothing after the base election is read).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/db/types';
import { prepareIndicators } from '../../src/lib/data/prepare-indicators';
import { loadRiskHistories } from '../../src/lib/data/risk-inputs';
import { defaultDefinition } from '../../src/lib/model/lenses';
import { runRiskBacktest, type BacktestResult, type BacktestRow } from '../../src/lib/model/risk/backtest';
import { fitMajorityBaseline, fitRiskModel } from '../../src/lib/model/risk/fit';
import type { ElectionHistory, RiskYear, SeatResult } from '../../src/lib/model/risk/history';
import { runRisk, type RiskHistories } from '../../src/lib/model/risk/run';
import { scoreQuery } from '../../src/lib/queries/scoring';
import { openLoadedDatabase } from './helpers';

let db: Database;
let histories: RiskHistories;
let result: BacktestResult;

beforeAll(async () => {
	({ db } = await openLoadedDatabase());
	await prepareIndicators(db);
	histories = await loadRiskHistories(db);
	const query = scoreQuery(defaultDefinition('2015-ukip'));
	const lens = new Map((await db.query(query.sql, query.params)).rows.map((r) => [String(r.code), { threat: r.threat as number | null, priority: r.priority as number | null }]));
	result = runRiskBacktest(histories, { draws: 2000, seed: 1, lensScores: (pair) => (pair.base === 2015 && pair.set === '2010' ? lens : null) });
}, 120_000);

afterAll(async () => db?.close());

const line = (base: number, target: number, holder: string, predictor: string): BacktestRow => result.rows.find((r) => r.base_year === base && r.target_year === target && r.holder === holder && r.predictor === predictor)!;

describe('inputs', () => {
	it('has 632 notional 2005 seats and 650 seats at every later election, per boundary set', () => {
		expect(histories['2010'].get(2005)).toHaveLength(632);
		for (const y of [2010, 2015, 2017, 2019] as RiskYear[]) expect(histories['2010'].get(y)).toHaveLength(650);
		expect(histories['2024'].get(2019)!.every((s) => s.notional)).toBe(true);
		expect(histories['2024'].get(2024)).toHaveLength(650);
	});
	it('carries 2019 onto the 2024 seats without losing votes (GB totals within 0.5%)', () => {
		const total = (seats: readonly SeatResult[]) => seats.filter((s) => s.nation !== 'Northern Ireland').reduce((a, s) => a + s.votes.reduce((x, y) => x + y, 0), 0);
		const carried = total(histories['2024'].get(2019)!);
		const real = total(histories['2010'].get(2019)!);
		expect(Math.abs(carried / real - 1)).toBeLessThan(0.005);
	});
});

describe('the numbers the issue quoted, recomputed', () => {
	it('Labour 2015→2019: 231 seats, 46 lost; majority alone 0.82, Leave alone 0.82, lens priority 0.76, threat 0.78', () => {
		const majority = line(2015, 2019, 'lab', 'majority');
		expect([majority.seats, majority.lost]).toEqual([231, 46]);
		expect(majority.auc).toBeCloseTo(0.82, 2);
		expect(line(2015, 2019, 'lab', 'leave').auc).toBeCloseTo(0.82, 2);
		expect(line(2015, 2019, 'lab', 'priority').auc).toBeCloseTo(0.76, 2);
		// The issue wrote 0.77 for the threat score: it is 0.778 on all 231 seats.
		expect(line(2015, 2019, 'lab', 'threat').auc).toBeCloseTo(0.778, 3);
	});
	it('Labour 2017→2019: 60 of 261 lost, majority alone 0.947; Labour 2010→2015: majority alone 0.38', () => {
		const m = line(2017, 2019, 'lab', 'majority');
		expect([m.seats, m.lost]).toEqual([261, 60]);
		expect(m.auc).toBeCloseTo(0.947, 3);
		expect(line(2010, 2015, 'lab', 'majority').auc).toBeCloseTo(0.38, 2);
	});
});

describe('the model against the simple rules', () => {
	it.each([
		[2015, 2019],
		[2017, 2019]
	])('Labour %i→%i: beats majority alone and Leave alone on AUC, and the majority logistic on Brier', (base, target) => {
		const model = line(base, target, 'lab', 'model');
		expect(model.auc!).toBeGreaterThan(line(base, target, 'lab', 'majority').auc!);
		expect(model.auc!).toBeGreaterThan(line(base, target, 'lab', 'leave').auc!);
		expect(model.brier!).toBeLessThan(line(base, target, 'lab', 'majority').brier!);
	});
	it('gets Labour’s 2015 Scottish collapse: AUC above 0.9 where majority alone is below 0.5', () => {
		expect(line(2010, 2015, 'lab', 'model').auc!).toBeGreaterThan(0.9);
	});
	it('every probability row has a Brier score, a log loss and an expected number lost', () => {
		for (const r of result.rows.filter((r) => r.predictor === 'model' || r.predictor === 'majority')) {
			expect(r.brier).toBeGreaterThanOrEqual(0);
			expect(r.log_loss).toBeGreaterThan(0);
			expect(r.expected_lost).toBeGreaterThanOrEqual(0);
		}
	});
});

/** A history that throws if anything reads an election after `base`. */
function guarded(h: ElectionHistory, base: number, reads: Set<number>): ElectionHistory {
	return new (class extends Map<RiskYear, readonly SeatResult[]> {
		override get(year: RiskYear) {
			reads.add(year);
			if (year > base) throw new Error(`read ${year}, after the base ${base}`);
			return super.get(year);
		}
		override forEach(): void {
			throw new Error('forEach would read every year');
		}
		override values(): MapIterator<readonly SeatResult[]> {
			throw new Error('values() would read every year');
		}
		override entries(): MapIterator<[RiskYear, readonly SeatResult[]]> {
			throw new Error('entries() would read every year');
		}
	})(h);
}

describe('the fitting rule: parameters come only from elections up to the base', () => {
	it.each([2010, 2015, 2017, 2019] as RiskYear[])('base %i: fitting never reads a later election, and gives the same fit without them', (base) => {
		const reads = new Set<number>();
		const fit = fitRiskModel([guarded(histories['2010'], base, reads), guarded(histories['2024'], base, reads)], base);
		const majority = fitMajorityBaseline([guarded(histories['2010'], base, reads), guarded(histories['2024'], base, reads)], base);
		expect(Math.max(...reads)).toBeLessThanOrEqual(base);
		expect(fit.pairs.every(([, to]) => to <= base)).toBe(true);
		const truncate = (h: ElectionHistory) => new Map([...h].filter(([y]) => y <= base));
		expect(fitRiskModel([truncate(histories['2010']), truncate(histories['2024'])], base)).toEqual(fit);
		expect(fitMajorityBaseline([truncate(histories['2010']), truncate(histories['2024'])], base)).toEqual(majority);
	});
	it('the Leave adjustment is used from the 2015 base on, never before', () => {
		expect(result.fits.get(2010)!.demographic).toBeNull();
		expect(result.fits.get(2015)!.demographic!.fittedOn).toEqual([2010, 2015]);
		expect(result.fits.get(2017)!.demographic!.fittedOn).toEqual([2015, 2017]);
	});
});

describe('special seats on the real data', () => {
	it('Chorley (the Speaker’s in 2019 and 2024) has no P(loss); no NI seat has one; every GB seat does', () => {
		for (const [set, base] of [
			['2010', 2019],
			['2024', 2024]
		] as const) {
			const run = runRisk(histories, set, base, { kind: 'no-change' }, { draws: 200 });
			const codes = new Set(run.simulation.seats.map((s) => s.code));
			const chorley = run.projections.find((p) => p.exclusion?.startsWith('The Speaker'))!;
			expect(codes.has(chorley.code)).toBe(false);
			expect(run.projections.filter((p) => p.code.startsWith('N')).every((p) => p.holder === null && !codes.has(p.code))).toBe(true);
			expect(codes.size).toBe(650 - 18 - 1);
		}
	});
	it('"no change" from 2019 reproduces the 2019 winners in every modelled seat', () => {
		const run = runRisk(histories, '2010', 2019, { kind: 'no-change' }, { draws: 200 });
		const winners = new Map(histories['2010'].get(2019)!.map((s) => [s.code, s.winner]));
		for (const s of run.simulation.seats) expect(['brexit', 'ukip', 'reform'].includes(winners.get(s.code)!) ? 'ruk' : winners.get(s.code)).toBe(s.projectedWinner);
	});
});
