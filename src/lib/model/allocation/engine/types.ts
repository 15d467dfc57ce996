/** Public types of the allocation engine. Plain data in, plain data out: no DOM, no classes. */
import type { Objective } from './marginal';

/** An eligible seat. The caller has already filtered eligibility; `priority` must be finite and ≥ 0. */
export type Seat = { code: string; priority: number };

/** One band of a tiered allocation: the next `seats` seats by rank each get `amount` whole pounds. */
export type Tier = { seats: number; amount: number };

/**
 * How to divide the budget.
 * - `proportional`: money ∝ priority, optionally clamped to a per-seat `floor` and `cap` (whole £).
 * - `topn`: the top `n` seats by rank share the budget equally.
 * - `tiers`: fixed amounts per band, highest band first; the bands must spend the budget exactly.
 * - `marginal`: each next pound where it saves the most expected seats (marginal.ts), from the
 *   seat-risk model's draws; it needs the model, so `allocate` refuses it and the app plans it in
 *   the risk worker (model/allocation/plan-job.ts).
 */
export type AllocationMethod = { kind: 'proportional'; floor?: number; cap?: number } | { kind: 'topn'; n: number } | { kind: 'tiers'; tiers: readonly Tier[] } | MarginalMethod;

/**
 * The marginal-value rule: spending curve β·ln(1 + £/s₀) points of lead, the objective, the share
 * of each seat's legal limit the local party is expected to spend itself, whether the long
 * campaign's limit counts, and the usual floor and cap.
 */
export type MarginalMethod = { kind: 'marginal'; beta: number; s0: number; objective: Objective; localShare: number; includeLong: boolean; floor?: number; cap?: number };

export type AllocationInput = {
	/** Whole pounds, a positive safe integer. */
	budget: number;
	seats: readonly Seat[];
	method: AllocationMethod;
};

/** Which proportional limit decided this seat's amount, if any (always null for topn and tiers). */
export type Bound = 'cap' | 'floor' | null;

export type AllocationRow = {
	code: string;
	priority: number;
	/** 1 = highest priority; unique, ties broken by code (see allocate.ts). */
	rank: number;
	/** Whole pounds; 0 when the seat is not funded. */
	amount: number;
	bound: Bound;
};

export type AllocationResult = { ok: true; rows: AllocationRow[]; total: number } | { ok: false; error: string };
