/**
 * A small seeded generator, so a Monte Carlo run is reproducible from its seed: mulberry32 for
 * uniforms and the Marsaglia polar method for standard normals.
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

/** The q-quantile (0–1) of sorted values, by linear interpolation. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
	if (sorted.length === 0) return NaN;
	const pos = (sorted.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.min(lo + 1, sorted.length - 1);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
