/**
 * Projecting one seat's shares from a base election to a national scenario. Three models:
 * - `uniform`: every seat moves by the national change in points (Butler's uniform swing);
 * - `proportional`: every party's share scales by its national ratio;
 * - `transition`: in the spirit of Electoral Calculus's Strong Transition Model, a party that falls
 *   nationally loses the same fraction of its vote everywhere (so it loses most where it is
 *   strongest), and the votes released in the seat go to the parties that rise, in proportion to
 *   their national gains.
 * `from` and `to` are the shares of the seat's own nation. A party with a vote anywhere in the
 * nation (or a new one the scenario gives a vote) is assumed to stand in every seat of it: parties
 * that stood aside in one election (the Brexit Party in Conservative seats in 2019) stood everywhere
 * in the next. Proportional swing still cannot grow a party from nothing, which is one of its known
 * weaknesses. Every result is clipped at zero and rescaled to 100, so shares are never negative and
 * always sum to 100.
 */
export const SWING_MODELS = ['uniform', 'proportional', 'transition'] as const;
export type SwingModel = (typeof SWING_MODELS)[number];

export const SWING_MODEL_LABEL: Record<SwingModel, string> = {
	uniform: 'Uniform swing',
	proportional: 'Proportional swing',
	transition: 'Transition (strong transition style)'
};

/** National shares below this (in percent) are rounding noise: no ratio is taken of them. */
const TINY = 1e-9;

/** Clip at zero and rescale to sum to 100; a seat with nothing left keeps its base shares. */
export function normalise(shares: readonly number[], fallback: readonly number[]): number[] {
	const clipped = shares.map((s) => (Number.isFinite(s) && s > 0 ? s : 0));
	const total = clipped.reduce((a, b) => a + b, 0);
	if (total <= 0) return [...fallback];
	return clipped.map((s) => (s * 100) / total);
}

/**
 * `base`: the seat's shares (sum 100). `from`/`to`: the national shares at the base election and
 * in the scenario, in the same party order.
 */
export function projectSeat(base: readonly number[], from: readonly number[], to: readonly number[], model: SwingModel): number[] {
	const stands = base.map((b, i) => b > 0 || from[i] > 0 || to[i] > 0);
	let projected: number[];
	if (model === 'uniform') {
		projected = base.map((b, i) => (stands[i] ? b + to[i] - from[i] : 0));
	} else if (model === 'proportional') {
		projected = base.map((b, i) => (from[i] > TINY ? b * (to[i] / from[i]) : b + to[i] - from[i]));
	} else {
		const released = base.map((b, i) => (to[i] < from[i] && from[i] > TINY ? b * ((from[i] - to[i]) / from[i]) : 0));
		const gains = base.map((_, i) => (stands[i] && to[i] > from[i] ? to[i] - from[i] : 0));
		const totalGain = gains.reduce((a, b) => a + b, 0);
		const totalReleased = released.reduce((a, b) => a + b, 0);
		// With no rising party standing here, nothing is released: the seat keeps its base shares.
		projected = totalGain > 0 ? base.map((b, i) => b - released[i] + (totalReleased * gains[i]) / totalGain) : [...base];
	}
	return normalise(projected, base);
}
