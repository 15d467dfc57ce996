/**
 * The marginal method's defaults and small helpers, apart from the planning code so the page can
 * show them without bundling the risk model (which lives in the worker).
 */
import type { SpendCurve } from './engine/marginal';

/** Defaults a committee can start from; both are uncertain (see the Method tab). */
export const DEFAULT_CURVE: SpendCurve = { beta: 1.5, s0: 5000 };
/** Share of the legal limit the local party is expected to spend itself. */
export const DEFAULT_LOCAL_SHARE = 0.5;
/** β multipliers for the sensitivity runs (×1 is the plan itself). */
export const BETA_GRID = [0.5, 0.75, 1, 1.5, 2] as const;

/**
 * The election whose electorates size the limits: the base itself on the 2010 boundaries, and
 * 2024 (the only real result) on the 2024 boundaries, whose 2019 base is notional.
 */
export function electorateYear(set: '2010' | '2024', baseYear: number): number {
	return set === '2024' ? 2024 : baseYear;
}
