/**
 * A small seeded generator, so a Monte Carlo run is reproducible from its seed: mulberry32 for
 * uniforms; standard normals either exactly (Marsaglia's polar method) or fast, from a table of
 * the inverse normal CDF (the seat-risk Monte Carlo draws ten million of them per run).
 */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function normalSource(seed: number): () => number {
	const uniform = mulberry32(seed);
	let spare: number | null = null;
	return () => {
		if (spare !== null) {
			const s = spare;
			spare = null;
			return s;
		}
		let u: number, v: number, s: number;
		do {
			u = uniform() * 2 - 1;
			v = uniform() * 2 - 1;
			s = u * u + v * v;
		} while (s >= 1 || s === 0);
		const m = Math.sqrt((-2 * Math.log(s)) / s);
		spare = v * m;
		return u * m;
	};
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function inverseNormalCdf(p: number): number {
	const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
	const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
	const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
	const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
	const low = 0.02425;
	if (p < low) {
		const q = Math.sqrt(-2 * Math.log(p));
		return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}
	if (p > 1 - low) return -inverseNormalCdf(1 - p);
	const q = p - 0.5;
	const r = q * q;
	return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

const TABLE_BITS = 16;
let table: Float64Array | null = null;

/**
 * Fast normals: one 32-bit uniform picks one of 65,536 equal-probability slices of the normal
 * distribution and a point inside it (by linear interpolation of the slice's quantiles). Tails
 * beyond ±4.3 σ (about 1 draw in 60,000) are cut at the last slice, which is immaterial for P(loss).
 */
export function fastNormalSource(seed: number): () => number {
	if (!table) {
		const n = 1 << TABLE_BITS;
		table = new Float64Array(n + 1);
		for (let i = 0; i <= n; i++) table[i] = inverseNormalCdf(Math.min(Math.max(i / n, 0.5 / n), 1 - 0.5 / n));
	}
	const t = table;
	const shift = 32 - TABLE_BITS;
	const fraction = 1 / (1 << shift);
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let x = a;
		x = Math.imul(x ^ (x >>> 15), x | 1);
		x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
		x = (x ^ (x >>> 14)) >>> 0;
		const i = x >>> shift;
		const f = (x & ((1 << shift) - 1)) * fraction;
		return t[i] + (t[i + 1] - t[i]) * f;
	};
}

/** The q-quantile (0–1) of sorted values, by linear interpolation. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
	if (sorted.length === 0) return NaN;
	const pos = (sorted.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.min(lo + 1, sorted.length - 1);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
