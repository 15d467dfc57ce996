import { describe, expect, it } from 'vitest';
import { simulate, type ProjectedSeat } from './simulate';
import { projectElection, EXCLUSION, riskExclusion } from './project';
import { nationalShares, type SeatResult } from './history';

const seats: ProjectedSeat[] = [
	{ code: 'A', holder: 'lab', projected: [25, 52, 10, 0, 0, 5, 6, 2] },
	{ code: 'B', holder: 'lab', projected: [44, 41, 5, 0, 0, 4, 4, 2] },
	{ code: 'C', holder: 'con', projected: [35, 36, 10, 0, 0, 5, 12, 2] },
	{ code: 'D', holder: null, projected: [0, 0, 0, 0, 0, 0, 0, 100] }
];

describe('Monte Carlo', () => {
	it('a fixed seed gives identical results; another seed does not', () => {
		const a = simulate(seats, { shared: 0.4, seat: 1 }, { draws: 500, seed: 7 });
		const b = simulate(seats, { shared: 0.4, seat: 1 }, { draws: 500, seed: 7 });
		const c = simulate(seats, { shared: 0.4, seat: 1 }, { draws: 500, seed: 8 });
		expect(b).toEqual(a);
		expect(c.seats.map((s) => s.leadLow)).not.toEqual(a.seats.map((s) => s.leadLow));
	});
	it('with both errors at zero, P(loss) is 0 or 1 and follows the projected winner', () => {
		const r = simulate(seats, { shared: 0, seat: 0 }, { draws: 50, seed: 1 });
		expect(r.seats.map((s) => [s.code, s.pLoss, s.projectedWinner])).toEqual([
			['A', 0, 'lab'],
			['B', 1, 'con'],
			['C', 1, 'lab']
		]);
		expect(r.seats[0].leadLow).toBe(r.seats[0].leadHigh);
		const lab = r.losses.find((l) => l.holder === 'lab')!;
		expect(lab).toMatchObject({ held: 2, expectedLost: 1, low: 1, high: 1 });
		expect(lab.distribution).toEqual([0, 1, 0]);
	});
	it('a close seat is near a coin toss, a safe seat near zero, and the lead range brackets the lead', () => {
		const r = simulate(seats, { shared: 0.3, seat: 1 }, { draws: 4000, seed: 3 });
		const [a, b] = r.seats;
		expect(a.pLoss).toBeLessThan(0.05);
		expect(b.pLoss).toBeGreaterThan(0.6);
		for (const s of r.seats) expect(s.leadLow).toBeLessThan(s.lead < s.leadHigh ? s.leadHigh : s.lead + 1);
		// The lead's distribution: 5th ≤ 25th < median < 75th ≤ 95th percentile, and P(loss) is the
		// share of draws below zero, so a seat losing more than half its draws has a negative median.
		for (const s of r.seats) {
			expect(s.leadLow).toBeLessThanOrEqual(s.leadQ1);
			expect(s.leadQ1).toBeLessThan(s.leadMedian);
			expect(s.leadMedian).toBeLessThan(s.leadQ3);
			expect(s.leadQ3).toBeLessThanOrEqual(s.leadHigh);
			expect(s.leadMedian < 0).toBe(s.pLoss > 0.5);
		}
		const lab = r.losses.find((l) => l.holder === 'lab')!;
		expect(lab.distribution.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 9);
		expect(lab.low).toBeLessThanOrEqual(lab.expectedLost);
		expect(lab.high).toBeGreaterThanOrEqual(lab.expectedLost);
	});
});

const result = (code: string, nation: string, winner: string, votes: number[]): SeatResult => ({ code, nation, region: nation, winner, votes, notional: false, leave: 50 });

describe('special seats', () => {
	const base = [
		result('E1', 'England', 'lab', [30, 50, 10, 0, 0, 5, 5, 0]),
		result('E2', 'England', 'speaker', [0, 0, 0, 0, 0, 10, 15, 75]),
		result('N1', 'Northern Ireland', 'dup', [0, 0, 0, 0, 0, 0, 0, 100]),
		result('S1', 'Scotland', 'snp', [20, 20, 10, 45, 0, 2, 1, 2])
	];
	it('the Speaker’s seat and Northern Ireland get no P(loss), with the reason', () => {
		expect(riskExclusion(base[1])).toBe(EXCLUSION.speaker);
		expect(riskExclusion(base[2])).toBe(EXCLUSION.ni);
		expect(riskExclusion(base[0])).toBeNull();
		const projected = projectElection(base, nationalShares(base), { kind: 'custom', gb: { lab: 20 }, nations: {} }, 'uniform', null);
		expect(projected.map((p) => p.holder)).toEqual(['lab', null, null, 'snp']);
		expect(projected[1].exclusion).toBe(EXCLUSION.speaker);
		const sim = simulate(projected, { shared: 0.3, seat: 1 }, { draws: 100, seed: 1 });
		expect(sim.seats.map((s) => s.code)).toEqual(['E1', 'S1']);
	});
	it('no change leaves every modelled seat at its base result, even with a demographic adjustment', () => {
		const projected = projectElection(base, nationalShares(base), { kind: 'no-change' }, 'transition', { beta: [1, -1, 0, 0, 0, 0, 0, 0], mean: 40, fittedOn: [2015, 2017] });
		for (const p of projected) p.projected.forEach((v, i) => expect(v).toBeCloseTo(p.base[i], 10));
		expect(projected[0].swing).toBeCloseTo(0, 10);
	});
});

describe('the fast normal source', () => {
	it('has mean 0, variance 1 and the right tail mass', async () => {
		const { fastNormalSource } = await import('./random');
		const normal = fastNormalSource(42);
		let sum = 0,
			sq = 0,
			beyond2 = 0;
		const n = 400_000;
		for (let i = 0; i < n; i++) {
			const v = normal();
			sum += v;
			sq += v * v;
			if (Math.abs(v) > 1.959964) beyond2++;
		}
		expect(Math.abs(sum / n)).toBeLessThan(0.01);
		expect(sq / n).toBeCloseTo(1, 1);
		expect(beyond2 / n).toBeCloseTo(0.05, 2);
	});
});
