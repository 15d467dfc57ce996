import { describe, expect, it } from 'vitest';
import type { AllocationMethod } from '$lib/model/allocation/engine';
import type { IndicatorSetting, NullPolicy, ScoreDefinition } from '$lib/model/definition';
import { scoreSeats, type SeatInput } from '$lib/model/reference';
import { createRng } from './rng';
import { runSensitivity, SensitivityCancelled, stageSeatsFromRows, type SensitivityInput, type SensitivityOptions, type StageSeat } from './sensitivity';

const setting = (id: string, weight = 1, nullPolicy: NullPolicy = 'reweight'): IndicatorSetting => ({ id, weight, direction: 1, normalisation: 'minmax', nullPolicy });

function definition(post: IndicatorSetting[], threat: IndicatorSetting[], holders: string[] = []): ScoreDefinition {
	return {
		version: 1,
		lens: '2015-ukip',
		scores: { postIndustrial: post, threat },
		priority: { method: 'geometric', eligibility: { holders, nations: [], regions: [], minPostIndustrialPercentile: 0, minThreatPercentile: 0 } }
	};
}

const options = (over: Partial<SensitivityOptions> = {}): SensitivityOptions => ({ draws: 200, mode: 'jitter', jitter: 0.2, concentration: 50, seed: 1, ...over });
const proportional: AllocationMethod = { kind: 'proportional' };

/** Synthetic stage: n seats, seeded values with a few nulls, about half held by "lab". */
function synthetic(n: number, method: AllocationMethod = proportional, seed = 99): SensitivityInput {
	const rng = createRng(seed);
	const value = () => (rng.next() < 0.03 ? null : rng.normal());
	const seats: StageSeat[] = Array.from({ length: n }, (_, i) => ({
		code: `S${String(i).padStart(4, '0')}`,
		nation: i % 10 === 0 ? 'Wales' : 'England',
		region: `R${i % 9}`,
		holder: rng.next() < 0.4 ? 'lab' : 'con',
		p: Array.from({ length: 5 }, value),
		t: Array.from({ length: 5 }, value)
	}));
	const def = definition(
		['a', 'b', 'c', 'd', 'e'].map((id, j) => setting(id, j + 1)),
		['f', 'g', 'h', 'i', 'j'].map((id, j) => setting(id, j === 4 ? 0 : 1))
	);
	def.priority.eligibility.holders = ['lab'];
	return { seats, definition: def, budget: { budget: 1_000_000, method } };
}

describe('runSensitivity', () => {
	it('is identical across two runs with the same seed, in both modes', () => {
		for (const mode of ['jitter', 'dirichlet'] as const) {
			const input = synthetic(120);
			const a = runSensitivity(input, options({ mode, seed: 2024 }));
			const b = runSensitivity(input, options({ mode, seed: 2024 }));
			expect(a).toEqual(b);
			expect(runSensitivity(input, options({ mode, seed: 2025 }))).not.toEqual(a);
		}
	});

	it('with zero jitter every interval is a single rank and funding is certain either way', () => {
		for (const method of [proportional, { kind: 'topn', n: 20 } as const]) {
			const result = runSensitivity(synthetic(150, method), options({ jitter: 0, draws: 60 }));
			expect(result.summary.failures).toBe(0);
			const eligible = result.seats.filter((s) => s.baseRank !== null);
			expect(eligible.length).toBeGreaterThan(20);
			for (const s of result.seats) {
				expect([s.rankP5, s.rankP50, s.rankP95]).toEqual([s.baseRank, s.baseRank, s.baseRank]);
				expect([0, 1]).toContain(s.fundedProbability);
				expect(s.eligibleShare).toBe(s.baseRank === null ? 0 : 1);
			}
			if (method.kind === 'topn') expect(result.seats.filter((s) => s.fundedProbability === 1)).toHaveLength(20);
		}
	});

	it('takes the base rank from the same method as the reference scorer', () => {
		const rng = createRng(5);
		const raw: SeatInput[] = Array.from({ length: 80 }, (_, i) => ({
			code: `X${i}`,
			nation: 'England',
			region: 'R',
			holder: i % 3 ? 'lab' : 'con',
			values: { a: rng.next() < 0.1 ? null : rng.next(), b: rng.next(), c: rng.next() < 0.1 ? null : rng.next(), d: rng.next() }
		}));
		const def = definition([setting('a', 2, 'exclude'), setting('b', 1)], [setting('c', 1, 'reweight'), setting('d', 3), setting('a', 0)], ['lab']);
		const reference = scoreSeats(raw, def);
		const seats = reference.map((r, i) => ({ ...raw[i], p: r.normalised.postIndustrial, t: r.normalised.threat }));
		const result = runSensitivity({ seats, definition: def, budget: { budget: 100_000, method: proportional } }, options({ draws: 10 }));
		expect(result.seats.map((s) => s.baseRank)).toEqual(reference.map((r) => r.priorityRank));
		// A null under 'exclude' means no score, so never eligible and no interval.
		const excluded = result.seats.filter((_, i) => raw[i].values.a === null);
		expect(excluded.length).toBeGreaterThan(0);
		for (const s of excluded) expect(s).toMatchObject({ baseRank: null, rankP5: null, rankP95: null, eligibleShare: 0, fundedProbability: 0 });
	});

	it('a hand-made five-seat example: the top seat is robust, the bottom never funded', () => {
		const stage = (code: string, p: number[], t: number[]): StageSeat => ({ code, nation: 'England', region: 'R', holder: 'lab', p, t });
		const seats = [stage('A', [1, 1], [1, 1]), stage('B', [0.8, 0.2], [0.3, 0.7]), stage('C', [0.2, 0.8], [0.7, 0.3]), stage('D', [0.5, 0.5], [0.5, 0.5]), stage('E', [0, 0], [0, 0])];
		const def = definition([setting('a'), setting('b')], [setting('c'), setting('d')]);
		const result = runSensitivity({ seats, definition: def, budget: { budget: 10_000, method: { kind: 'topn', n: 2 } } }, options({ draws: 500, jitter: 0.9, seed: 8 }));
		const by = Object.fromEntries(result.seats.map((s) => [s.code, s]));
		expect(by.A).toEqual({ code: 'A', baseRank: 1, rankP5: 1, rankP50: 1, rankP95: 1, fundedProbability: 1, eligibleShare: 1 });
		expect(by.E).toMatchObject({ baseRank: 5, rankP5: 5, rankP95: 5, fundedProbability: 0 });
		// Exactly two seats are funded in every draw.
		expect(result.seats.reduce((sum, s) => sum + s.fundedProbability, 0)).toBeCloseTo(2, 12);
		// The middle seats trade places under a ±90% jitter.
		expect(by.B.rankP5).toBeLessThan(by.B.rankP95!);
		expect(by.B.fundedProbability).toBeGreaterThan(0);
		expect(by.B.fundedProbability).toBeLessThan(1);
	});

	it('counts infeasible draws as failures instead of throwing', () => {
		const input = synthetic(60, { kind: 'proportional', cap: 10 });
		const result = runSensitivity(input, options({ draws: 30 }));
		expect(result.summary.failures).toBe(30);
		expect(result.summary.firstFailure).toMatch(/cap × eligible seats is below the budget/);
		expect(result.seats.every((s) => s.fundedProbability === 0 && s.rankP50 === null)).toBe(true);
	});

	it('reports progress every 50 draws and at the end', () => {
		const calls: [number, number][] = [];
		runSensitivity(synthetic(40), options({ draws: 120 }), (done, total) => calls.push([done, total]));
		expect(calls).toEqual([
			[50, 120],
			[100, 120],
			[120, 120]
		]);
	});

	it('cancels with SensitivityCancelled, before or during a run', () => {
		const before = new AbortController();
		before.abort();
		expect(() => runSensitivity(synthetic(40), { ...options(), signal: before.signal })).toThrow(SensitivityCancelled);
		const during = new AbortController();
		let last = 0;
		const run = () =>
			runSensitivity(synthetic(40), { ...options({ draws: 500 }), signal: during.signal }, (done) => {
				last = done;
				if (done === 100) during.abort();
			});
		expect(run).toThrow(SensitivityCancelled);
		expect(last).toBe(100);
	});

	it('refuses bad options and mismatched stage rows with a RangeError', () => {
		expect(() => runSensitivity(synthetic(10), options({ draws: 0 }))).toThrow(/draws/);
		expect(() => runSensitivity(synthetic(10), options({ jitter: 1.5 }))).toThrow(/jitter/);
		expect(() => runSensitivity(synthetic(10), options({ mode: 'dirichlet', concentration: 0 }))).toThrow(/concentration/);
		const input = synthetic(10);
		input.seats[3].p.pop();
		expect(() => runSensitivity(input, options())).toThrow(/seat S0003: expected 5 p values/);
	});

	it('reads the app stage rows (p0…, t0…)', () => {
		const def = definition([setting('a'), setting('b')], [setting('c')]);
		const rows = [
			{ code: 'A', name: 'Aye', nation: 'England', region: 'R', holder: null, city_class: 'Hinterland', p0: 0.5, p1: null, t0: 1 },
			{ code: 'B', name: 'Bee', nation: 'Scotland', region: 'S', holder: 'snp', city_class: null, p0: 0, p1: 1, t0: 0 }
		];
		expect(stageSeatsFromRows(rows, def)).toEqual([
			{ code: 'A', nation: 'England', region: 'R', holder: null, cityClass: 'Hinterland', p: [0.5, null], t: [1] },
			{ code: 'B', nation: 'Scotland', region: 'S', holder: 'snp', cityClass: null, p: [0, 1], t: [0] }
		]);
	});

	// Its speed is measured by `npm run bench`, never asserted here.
	it('completes 650 seats × 1,000 draws in both modes with a result for every seat', () => {
		for (const mode of ['jitter', 'dirichlet'] as const) {
			const result = runSensitivity(synthetic(650), options({ draws: 1000, mode }));
			expect(result.summary.failures).toBe(0);
			expect(result.seats).toHaveLength(650);
			expect(result.seats.every((s) => s.fundedProbability >= 0 && s.fundedProbability <= 1)).toBe(true);
		}
	});
});
