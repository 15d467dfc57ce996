/**
 * Largest-remainder (Hamilton) rounding to whole pounds.
 *
 * Why this method: it is the only simple rule that makes the rounded amounts sum exactly to the
 * budget while moving every seat by less than £1 from its exact share. Each share is rounded down,
 * then the pounds still missing go one each to the shares with the largest fractional parts.
 *
 * Ties: the caller lists the shares in tie-break order (the engine passes them in rank order,
 * i.e. priority desc then code asc), and equal remainders are resolved by that index order. This
 * also keeps rounding monotone: a share that is ≥ another, and earlier in the order, never ends up
 * with fewer pounds.
 *
 * Bounds: `lower` and `upper` are whole pounds (a floor and a cap). A share inside [lower, upper]
 * rounded down stays ≥ lower, and a seat is only given the extra pound if that keeps it ≤ upper,
 * so rounding can never push a seat under its floor or over its cap.
 */

/**
 * Round `shares` (listed in tie-break order) to integers in [lower, upper] summing to `total`.
 * Returns null if that is impossible (non-finite shares, or the bounds cannot hold the total).
 */
export function roundLargestRemainder(shares: readonly number[], total: number, lower = 0, upper = Number.POSITIVE_INFINITY): number[] | null {
	if (!Number.isSafeInteger(total) || shares.some((s) => !Number.isFinite(s))) return null;
	if (shares.length * lower > total || shares.length * upper < total) return null;

	// The clamp only matters when floating-point drift left a share a hair outside its bounds.
	const out = shares.map((s) => Math.min(upper, Math.max(lower, Math.floor(s))));
	const remainder = shares.map((s) => s - Math.floor(s));
	let missing = total - out.reduce((a, b) => a + b, 0);

	// Largest remainder first; equal remainders keep the caller's order (the sort is stable).
	const order = shares.map((_, i) => i).sort((a, b) => remainder[b] - remainder[a]);

	// Exact shares that sum to `total` need one pass with 0 ≤ missing < n. Float drift in the
	// shares could leave `missing` slightly outside that range, so keep passing while it helps.
	while (missing > 0) {
		let moved = false;
		for (const i of order) {
			if (missing === 0) break;
			if (out[i] + 1 <= upper) {
				out[i] += 1;
				missing -= 1;
				moved = true;
			}
		}
		if (!moved) return null;
	}
	// Overshoot (only from drift): take pounds back from the smallest remainders, last in order first.
	while (missing < 0) {
		let moved = false;
		for (let k = order.length - 1; k >= 0; k--) {
			const i = order[k];
			if (missing === 0) break;
			if (out[i] - 1 >= lower) {
				out[i] -= 1;
				missing += 1;
				moved = true;
			}
		}
		if (!moved) return null;
	}
	return out;
}
