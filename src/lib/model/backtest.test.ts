import { describe, expect, it } from 'vitest';
import { auc, averageRanks, runBacktest, spearman } from './backtest';

describe('backtest statistics', () => {
	it('average ranks share ties', () => {
		expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
	});
	it('AUC is 1 for a perfect ranking, 0 for a reversed one, 0.5 for all ties', () => {
		const pairs = [0.9, 0.8, 0.3, 0.1].map((score, i) => ({ score, outcome: i < 2 ? 1 : 0 }));
		expect(auc(pairs)).toBe(1);
		expect(auc(pairs.map((p) => ({ ...p, score: -p.score })))).toBe(0);
		expect(auc(pairs.map((p) => ({ ...p, score: 1 })))).toBe(0.5);
	});
	it('AUC by hand: positives 3 and 1, negatives 2 and 0 → 3 of 4 pairs ordered', () => {
		expect(
			auc([
				{ score: 3, outcome: 1 },
				{ score: 1, outcome: 1 },
				{ score: 2, outcome: 0 },
				{ score: 0, outcome: 0 }
			])
		).toBe(0.75);
	});
	it('AUC is undefined without both classes', () => {
		expect(auc([{ score: 1, outcome: 1 }])).toBeNull();
	});
	it('Spearman ρ: monotone = 1, reversed = −1, by hand with a tie', () => {
		expect(spearman([1, 2, 3, 4].map((s) => ({ score: s, outcome: s * s })))).toBeCloseTo(1, 12);
		expect(spearman([1, 2, 3, 4].map((s) => ({ score: s, outcome: -s })))).toBeCloseTo(-1, 12);
		// ranks a = [1,2,3], b = [1.5,1.5,3]: ρ = 1.5 / sqrt(2 × 1.5)
		expect(
			spearman([
				{ score: 1, outcome: 5 },
				{ score: 2, outcome: 5 },
				{ score: 3, outcome: 9 }
			])
		).toBeCloseTo(1.5 / Math.sqrt(3), 12);
	});
	it('runBacktest judges losses among eligible seats and shares across all scored seats', () => {
		const scored = [
			{ code: 'A', priority: 0.9, threat: 3, eligible: true },
			{ code: 'B', priority: 0.5, threat: 2, eligible: true },
			{ code: 'C', priority: null, threat: 1, eligible: false }
		];
		const outcomes = [
			{ code: 'A', lost: 1, share: 30 },
			{ code: 'B', lost: 0, share: 20 },
			{ code: 'C', lost: 1, share: 10 }
		];
		const lines = runBacktest(scored, outcomes, [
			{ column: 'lost', label: 'lost', kind: 'lost', notional: false },
			{ column: 'share', label: 'share', kind: 'share', notional: false }
		]);
		expect(lines.map((l) => [l.score, l.statistic, l.value, l.seats, l.positives])).toEqual([
			['priority', 'AUC', 1, 2, 1],
			['threat', 'AUC', 1, 2, 1],
			['threat', 'Spearman ρ', 1, 3, null]
		]);
	});
});
