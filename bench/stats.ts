/** Summary statistics for benchmark samples. */
export function quantile(samples: number[], q: number): number {
	if (!samples.length) return NaN; // reported as such rather than crashing the run
	const s = [...samples].sort((a, b) => a - b);
	const pos = (s.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export interface Summary {
	median: number;
	p90: number;
	n: number;
}

export const summarise = (samples: number[]): Summary => ({ median: quantile(samples, 0.5), p90: quantile(samples, 0.9), n: samples.length });
