/** Number formatting and ranking shared by the tooltip, legend, detail panel and exports. */

/** Enough digits to tell classes apart without implying false precision. */
export function formatNumber(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '—';
	const abs = Math.abs(value);
	const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
	// toFixed can give "-0.000"; a sign on zero reads as a real negative value.
	const text = value.toFixed(digits);
	return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** "12.3 % of residents"; units that are prose (scores) stay out of the way in brackets. */
export function formatWithUnit(value: number | null | undefined, unit: string): string {
	const n = formatNumber(value);
	if (n === '—' || !unit) return n;
	if (unit.startsWith('%')) return `${n}${unit}`;
	return `${n} (${unit})`;
}

/**
 * Competition rank, 1 = highest, among present values; null for missing ones. Ties share the
 * better rank, as the scores table's SQL `rank()` does.
 */
export function rankDescending(values: readonly (number | null | undefined)[]): (number | null)[] {
	const present = values
		.map((v, i) => ({ v, i }))
		.filter((e): e is { v: number; i: number } => typeof e.v === 'number' && Number.isFinite(e.v))
		.sort((a, b) => b.v - a.v);
	const out = new Array<number | null>(values.length).fill(null);
	present.forEach((e, k) => {
		out[e.i] = k > 0 && present[k - 1].v === e.v ? (out[present[k - 1].i] as number) : k + 1;
	});
	return out;
}
