import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, dirichlet, gammaSample, logGammaSample } from './rng';

const take = (seed: number, k: number) => {
	const rng = createRng(seed);
	return Array.from({ length: k }, () => rng.next());
};

describe('createRng', () => {
	it('is deterministic for a seed and differs between seeds', () => {
		expect(take(42, 20)).toEqual(take(42, 20));
		expect(take(42, 20)).not.toEqual(take(43, 20));
	});

	it('gives uniforms in [0, 1) and open uniforms in (0, 1)', () => {
		const rng = createRng(7);
		for (let i = 0; i < 10_000; i++) {
			const u = rng.next();
			const o = rng.nextOpen();
			expect(u >= 0 && u < 1).toBe(true);
			expect(o > 0 && o < 1).toBe(true);
		}
	});

	it('gives standard normals (mean ≈ 0, variance ≈ 1)', () => {
		const rng = createRng(3);
		const xs = Array.from({ length: 50_000 }, () => rng.normal());
		const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
		const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
		expect(Math.abs(mean)).toBeLessThan(0.02);
		expect(Math.abs(variance - 1)).toBeLessThan(0.03);
	});

	it('refuses a non-finite seed', () => {
		expect(() => createRng(Number.NaN)).toThrow(RangeError);
	});
});

describe('gamma', () => {
	it.each([0.3, 1, 2.5, 40])('Gamma(%s) has mean ≈ shape', (shape) => {
		const rng = createRng(11);
		const k = 40_000;
		let sum = 0;
		for (let i = 0; i < k; i++) sum += gammaSample(rng, shape);
		expect(Math.abs(sum / k - shape)).toBeLessThan(0.03 * Math.max(1, shape));
	});

	it('stays finite in log space for tiny shapes', () => {
		const rng = createRng(5);
		for (let i = 0; i < 1000; i++) expect(Number.isFinite(logGammaSample(rng, 1e-4))).toBe(true);
	});

	it('refuses a shape ≤ 0', () => {
		expect(() => gammaSample(createRng(1), 0)).toThrow(RangeError);
	});
});

describe('dirichlet', () => {
	it('draws are positive and sum to 1 (property)', () => {
		fc.assert(
			fc.property(fc.integer(), fc.array(fc.double({ min: 1e-3, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 12 }), (seed, alpha) => {
				const x = dirichlet(createRng(seed), alpha);
				expect(x).toHaveLength(alpha.length);
				expect(x.every((v) => v > 0)).toBe(true);
				expect(Math.abs(x.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
			})
		);
	});

	it('centres on alpha / Σalpha', () => {
		const rng = createRng(9);
		const alpha = [10, 30, 60];
		const mean = [0, 0, 0];
		const k = 20_000;
		for (let i = 0; i < k; i++) dirichlet(rng, alpha).forEach((v, j) => (mean[j] += v / k));
		mean.forEach((m, j) => expect(Math.abs(m - alpha[j] / 100)).toBeLessThan(0.005));
	});
});
