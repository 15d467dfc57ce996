/**
 * A small seeded random number generator and the distributions the sensitivity analysis needs.
 *
 * Why our own: `Math.random` cannot be seeded, and a committee must be able to re-run an analysis
 * and get the same numbers. sfc32 (Chris Doty-Humphrey's small fast chaotic generator) passes
 * PractRand, has a 128-bit state and only uses 32-bit integer arithmetic, so it gives the same
 * stream in every JavaScript engine. The seed is expanded with splitmix32 so that nearby seeds
 * (1, 2, 3…) still start far apart.
 */

export interface Rng {
	/** Uniform on [0, 1). */
	next(): number;
	/** Uniform on the open interval (0, 1): safe to take the logarithm of. */
	nextOpen(): number;
	/** Standard normal N(0, 1). */
	normal(): number;
}

const TWO_POW_32 = 4294967296;

function splitmix32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x9e3779b9) >>> 0;
		let z = state;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		return (z ^ (z >>> 16)) >>> 0;
	};
}

/**
 * A deterministic generator for `seed`. Any finite number is accepted; it is reduced to 32 bits
 * (so 1 and 2**32 + 1 give the same stream), which is plenty for reproducible Monte Carlo runs.
 */
export function createRng(seed: number): Rng {
	if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${String(seed)}`);
	const mix = splitmix32(Math.trunc(seed) % TWO_POW_32);
	let a = mix();
	let b = mix();
	let c = mix();
	let d = mix();

	const nextUint32 = (): number => {
		const t = (((a + b) >>> 0) + d) >>> 0;
		d = (d + 1) >>> 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) >>> 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) >>> 0;
		return t;
	};
	// The first outputs of sfc32 still echo the seed; the reference implementation discards them.
	for (let i = 0; i < 15; i++) nextUint32();

	// Box–Muller makes normals in pairs; keep the second for the next call (deterministic either way).
	let spare: number | null = null;

	const rng: Rng = {
		next: () => nextUint32() / TWO_POW_32,
		nextOpen: () => (nextUint32() + 0.5) / TWO_POW_32,
		normal: () => {
			if (spare !== null) {
				const z = spare;
				spare = null;
				return z;
			}
			const r = Math.sqrt(-2 * Math.log(rng.nextOpen()));
			const theta = 2 * Math.PI * rng.next();
			spare = r * Math.sin(theta);
			return r * Math.cos(theta);
		}
	};
	return rng;
}

/**
 * The natural logarithm of a Gamma(shape, 1) draw, by Marsaglia & Tsang (2000).
 *
 * Why the logarithm: for shape < 1 the draw is Gamma(shape + 1) · U^(1/shape), and with the small
 * shapes a sharp Dirichlet produces for a low-weight indicator, U^(1/shape) underflows to 0. In log
 * space it stays finite, and the Dirichlet below normalises with log-sum-exp.
 */
export function logGammaSample(rng: Rng, shape: number): number {
	if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`gamma shape must be a finite number > 0, got ${String(shape)}`);
	if (shape < 1) return logGammaSample(rng, shape + 1) + Math.log(rng.nextOpen()) / shape;
	const d = shape - 1 / 3;
	const c = 1 / Math.sqrt(9 * d);
	for (;;) {
		const x = rng.normal();
		const t = 1 + c * x;
		if (t <= 0) continue;
		const v = t * t * t;
		const u = rng.nextOpen();
		const x2 = x * x;
		// The cheap squeeze accepts ~98% of proposals without a logarithm.
		if (u < 1 - 0.0331 * x2 * x2) return Math.log(d * v);
		if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return Math.log(d * v);
	}
}

/** A Gamma(shape, 1) draw. May underflow to 0 for very small shapes; use `logGammaSample` then. */
export function gammaSample(rng: Rng, shape: number): number {
	return Math.exp(logGammaSample(rng, shape));
}

/**
 * A Dirichlet(alpha) draw written into `out` (allocation-free in the Monte Carlo loop).
 * Every component is strictly positive and they sum to 1 (to rounding). A component that would
 * underflow is clamped to the smallest positive double: a weight the user set above zero must
 * never silently become zero and drop its indicator.
 */
export function dirichletInto(rng: Rng, alpha: ArrayLike<number>, out: Float64Array | number[]): void {
	const k = alpha.length;
	if (k === 0) throw new RangeError('a Dirichlet needs at least one component');
	let max = Number.NEGATIVE_INFINITY;
	for (let i = 0; i < k; i++) {
		out[i] = logGammaSample(rng, alpha[i]);
		if (out[i] > max) max = out[i];
	}
	let sum = 0;
	for (let i = 0; i < k; i++) {
		out[i] = Math.exp(out[i] - max);
		sum += out[i];
	}
	for (let i = 0; i < k; i++) out[i] = Math.max(out[i] / sum, Number.MIN_VALUE);
}

/** A Dirichlet(alpha) draw as a new array. */
export function dirichlet(rng: Rng, alpha: ArrayLike<number>): number[] {
	const out = new Array<number>(alpha.length).fill(0);
	dirichletInto(rng, alpha, out);
	return out;
}
