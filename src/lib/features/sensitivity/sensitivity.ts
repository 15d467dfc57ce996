/**
 * Monte Carlo sensitivity of the priority ranking and the funded set to the score weights.
 *
 * Each draw perturbs the weights of both scores, then repeats stage 2 of the scorer exactly as
 * `src/lib/features/scores/reference.ts` defines it (weighted mean of the normalised values,
 * percentile ranks, eligibility, priority, competition rank) and runs the allocation engine. The
 * normalised values themselves (stage 1) do not depend on weights, so they come in precomputed,
 * exactly as the app's materialised stage holds them.
 *
 * Conventions (decisions the issue left open):
 * - Perturbation. 'jitter': each positive weight × U(1 − x, 1 + x), independently. 'dirichlet':
 *   each score's weight shares are drawn from Dirichlet(concentration × default shares), so the
 *   mean is the default and a larger concentration means a tighter spread. Zero weights stay zero
 *   in both modes (an indicator the committee switched off is never switched back on).
 * - Ranks are priority ranks among eligible seats (competition ranking: ties share the better
 *   rank, as in the table). Rank percentiles are nearest-rank percentiles over the successful
 *   draws in which the seat was eligible; they are null when the seat was never eligible.
 *   P5 is the optimistic end (a small rank number), P95 the pessimistic end.
 * - A seat is funded in a draw when the engine gives it more than £0. `fundedProbability` and
 *   `eligibleShare` are shares of the successful draws. A draw whose allocation is infeasible
 *   (e.g. a cap too low for how few seats became eligible) counts in `failures` and is skipped.
 * - Cancellation: the loop is synchronous (it runs in a worker, see run-in-worker.ts), so the
 *   signal is checked before every draw; it can be aborted from `onProgress` or before the run.
 */
import { allocate, type AllocationMethod, type Seat } from '$lib/model/allocation/engine';
import type { ScoreDefinition, ScoreKey } from '$lib/model/definition';
import { combinePriority, isEligible, percentRank, rankDescending } from '$lib/model/reference';
import { createRng, dirichletInto, type Rng } from './rng';

/** One seat of the normalised stage: `p[j]`/`t[j]` are the stage's p0…pN / t0…tN columns. */
export interface StageSeat {
	code: string;
	nation: string;
	region: string;
	holder: string | null;
	/** Centre for Cities class (2024 seats in England and Wales). */
	cityClass?: string | null;
	p: (number | null)[];
	t: (number | null)[];
}

export interface SensitivityInput {
	seats: readonly StageSeat[];
	definition: ScoreDefinition;
	budget: { budget: number; method: AllocationMethod };
}

export type SensitivityMode = 'jitter' | 'dirichlet';

export interface SensitivityOptions {
	draws: number;
	mode: SensitivityMode;
	/** Fraction: 0.2 multiplies each weight by U(0.8, 1.2). Used in 'jitter' mode; 0 ≤ x ≤ 1. */
	jitter: number;
	/** Dirichlet concentration α (> 0) around the default weight shares. Used in 'dirichlet' mode. */
	concentration: number;
	seed: number;
	signal?: AbortSignal;
}

export const DEFAULT_SENSITIVITY_OPTIONS: Omit<SensitivityOptions, 'signal'> = { draws: 1000, mode: 'jitter', jitter: 0.2, concentration: 50, seed: 1 };

export interface SeatSensitivity {
	code: string;
	/** Priority rank with the unperturbed weights; null when not eligible. */
	baseRank: number | null;
	rankP5: number | null;
	rankP50: number | null;
	rankP95: number | null;
	fundedProbability: number;
	eligibleShare: number;
}

export interface SensitivitySummary {
	draws: number;
	seed: number;
	mode: SensitivityMode;
	jitter: number;
	concentration: number;
	/** Draws skipped because the allocation was infeasible. */
	failures: number;
	/** The engine's message for the first failed draw, so the UI can say why. */
	firstFailure: string | null;
}

export interface SensitivityResult {
	seats: SeatSensitivity[];
	summary: SensitivitySummary;
}

export type ProgressCallback = (done: number, total: number) => void;

export class SensitivityCancelled extends Error {
	constructor() {
		super('The sensitivity analysis was cancelled.');
		this.name = 'SensitivityCancelled';
	}
}

export const PROGRESS_EVERY = 50;
const MAX_DRAWS = 100_000;
/** The rank histogram is seats × (seats + 1) counters: ample for 650 seats, bounded for safety. */
const MAX_SEATS = 2_000;

/** The app's stage rows (`code, nation, region, holder, city_class, p0…, t0…`) as `StageSeat`s. */
export function stageSeatsFromRows(rows: readonly Record<string, unknown>[], definition: ScoreDefinition): StageSeat[] {
	const num = (v: unknown) => (typeof v === 'number' ? v : null);
	const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
	return rows.map((r) => ({
		code: String(r.code),
		nation: text(r.nation),
		region: text(r.region),
		holder: r.holder === null || r.holder === undefined ? null : String(r.holder),
		cityClass: r.city_class === null || r.city_class === undefined ? null : String(r.city_class),
		p: definition.scores.postIndustrial.map((_, j) => num(r[`p${j}`])),
		t: definition.scores.threat.map((_, j) => num(r[`t${j}`]))
	}));
}

function checkOptions(o: SensitivityOptions): void {
	if (!Number.isSafeInteger(o.draws) || o.draws < 1 || o.draws > MAX_DRAWS) throw new RangeError(`draws must be a whole number from 1 to ${MAX_DRAWS}, got ${String(o.draws)}`);
	if (o.mode !== 'jitter' && o.mode !== 'dirichlet') throw new RangeError(`mode must be 'jitter' or 'dirichlet', got ${String(o.mode)}`);
	if (!(o.jitter >= 0 && o.jitter <= 1)) throw new RangeError(`jitter must be a fraction from 0 to 1, got ${String(o.jitter)}`);
	if (!(o.concentration > 0) || !Number.isFinite(o.concentration)) throw new RangeError(`concentration must be a finite number > 0, got ${String(o.concentration)}`);
	if (!Number.isFinite(o.seed)) throw new RangeError(`seed must be a finite number, got ${String(o.seed)}`);
}

/** One score's weighted combination, flattened for a tight loop over seats. */
interface ScorePlan {
	/** Default weights of the indicators with weight > 0. */
	base: Float64Array;
	/** Dirichlet α for those indicators (concentration × share). */
	alpha: Float64Array;
	/** The current draw's weights. */
	weights: Float64Array;
	exclude: Uint8Array;
	/** Indicators under the `partial` policy, and whether each seat lacks one (fixed across draws). */
	partialPolicy: Uint8Array;
	/** The scores that are ranked: null where the seat's score is partial (reference.ts `rankable`). */
	ranked: (number | null)[];
	partial: Uint8Array;
	/** Seat-major normalised values, NaN for null: values[seat × k + a]. */
	values: Float64Array;
	k: number;
	/** Reused output column, in the (number | null)[] shape `percentRank` takes. */
	scores: (number | null)[];
}

function planScore(input: SensitivityInput, key: ScoreKey, concentration: number): ScorePlan {
	const settings = input.definition.scores[key];
	const field = key === 'postIndustrial' ? 'p' : 't';
	const used = settings.map((s, j) => ({ s, j })).filter(({ s }) => s.weight > 0);
	const k = used.length;
	const n = input.seats.length;
	const total = used.reduce((sum, { s }) => sum + s.weight, 0);
	const values = new Float64Array(n * k);
	input.seats.forEach((seat, i) => {
		const column = seat[field];
		if (!Array.isArray(column) || column.length !== settings.length) {
			throw new RangeError(`seat ${seat.code}: expected ${settings.length} ${field} values for the definition's ${key} indicators, got ${Array.isArray(column) ? column.length : 'none'}`);
		}
		used.forEach(({ j }, a) => {
			const v = column[j];
			values[i * k + a] = typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
		});
	});
	return {
		base: Float64Array.from(used, ({ s }) => s.weight),
		alpha: Float64Array.from(used, ({ s }) => (concentration * s.weight) / total),
		weights: Float64Array.from(used, ({ s }) => s.weight),
		exclude: Uint8Array.from(used, ({ s }) => (s.nullPolicy === 'exclude' ? 1 : 0)),
		partialPolicy: Uint8Array.from(used, ({ s }) => (s.nullPolicy === 'partial' ? 1 : 0)),
		ranked: new Array<number | null>(n).fill(null),
		partial: new Uint8Array(n),
		values,
		k,
		scores: new Array<number | null>(n).fill(null)
	};
}

function perturb(plan: ScorePlan, options: SensitivityOptions, rng: Rng): void {
	if (plan.k === 0) return;
	if (options.mode === 'dirichlet') return dirichletInto(rng, plan.alpha, plan.weights);
	// Open interval, so even jitter = 1 never zeroes a weight; jitter = 0 multiplies by exactly 1.
	for (let a = 0; a < plan.k; a++) plan.weights[a] = plan.base[a] * (1 + options.jitter * (2 * rng.nextOpen() - 1));
}

/** Σ wᵢnᵢ / Σ wᵢ over the indicators each seat has, as reference.ts `combineScore`. */
function combine(plan: ScorePlan): void {
	const { k, values, weights, exclude, partialPolicy, scores, ranked, partial } = plan;
	for (let i = 0; i < scores.length; i++) {
		let sum = 0;
		let w = 0;
		let excluded = false;
		partial[i] = 0;
		for (let a = 0; a < k; a++) {
			const v = values[i * k + a];
			if (v !== v) {
				if (exclude[a]) {
					excluded = true;
					break;
				}
				if (partialPolicy[a]) partial[i] = 1;
				continue;
			}
			sum += weights[a] * v;
			w += weights[a];
		}
		scores[i] = !excluded && w > 0 ? sum / w : null;
		ranked[i] = partial[i] ? null : scores[i];
	}
}

/** Nearest-rank percentiles (q = 0.05, 0.5, 0.95) from one seat's rank histogram. */
function percentilesFrom(hist: Uint32Array, offset: number, width: number, m: number): [number, number, number] {
	// ceil(q·m) with a guard against 0.95 × 20 = 18.999… style rounding.
	const targets = [0.05, 0.5, 0.95].map((q) => Math.max(1, Math.ceil(q * m - 1e-9)));
	const out: [number, number, number] = [0, 0, 0];
	let seen = 0;
	let t = 0;
	for (let r = 1; r < width && t < 3; r++) {
		seen += hist[offset + r];
		while (t < 3 && seen >= targets[t]) out[t++] = r;
	}
	return out;
}

export function runSensitivity(input: SensitivityInput, options: SensitivityOptions, onProgress?: ProgressCallback): SensitivityResult {
	checkOptions(options);
	const { seats, definition } = input;
	const n = seats.length;
	if (n > MAX_SEATS) throw new RangeError(`at most ${MAX_SEATS} seats are supported, got ${n}`);
	const { signal } = options;
	if (signal?.aborted) throw new SensitivityCancelled();

	const post = planScore(input, 'postIndustrial', options.concentration);
	const threat = planScore(input, 'threat', options.concentration);
	const { method, eligibility } = definition.priority;
	const index = new Map(seats.map((s, i) => [s.code, i]));
	if (index.size !== n) throw new RangeError('seat codes must be unique');
	// One mutable Seat per seat, re-used every draw: the loop allocates no per-seat objects itself.
	const pool: Seat[] = seats.map((s) => ({ code: s.code, priority: 0 }));
	const eligibleSeats: Seat[] = [];
	const priority = new Array<number | null>(n).fill(null);
	const eligible = new Uint8Array(n);

	/** Stage 2 for the current weights; returns the priority ranks (null when not eligible). */
	const rankDraw = (): (number | null)[] => {
		combine(post);
		combine(threat);
		const pctPost = percentRank(post.ranked);
		const pctThreat = percentRank(threat.ranked);
		eligibleSeats.length = 0;
		for (let i = 0; i < n; i++) {
			const ok = isEligible(seats[i], eligibility, pctPost[i], pctThreat[i]);
			eligible[i] = ok ? 1 : 0;
			priority[i] = ok ? combinePriority(method, pctPost[i]!, pctThreat[i]!) : null;
			if (ok) {
				pool[i].priority = priority[i]!;
				eligibleSeats.push(pool[i]);
			}
		}
		return rankDescending(priority);
	};

	const baseRanks = rankDraw();
	const rng = createRng(options.seed);
	const width = n + 1;
	const hist = new Uint32Array(n * width);
	const eligibleDraws = new Uint32Array(n);
	const fundedDraws = new Uint32Array(n);
	let failures = 0;
	let firstFailure: string | null = null;

	for (let d = 0; d < options.draws; d++) {
		if (signal?.aborted) throw new SensitivityCancelled();
		perturb(post, options, rng);
		perturb(threat, options, rng);
		const ranks = rankDraw();
		const allocation = allocate({ budget: input.budget.budget, seats: eligibleSeats, method: input.budget.method });
		if (!allocation.ok) {
			failures++;
			firstFailure ??= allocation.error;
		} else {
			for (let i = 0; i < n; i++) {
				if (!eligible[i]) continue;
				eligibleDraws[i]++;
				hist[i * width + ranks[i]!]++;
			}
			for (const row of allocation.rows) if (row.amount > 0) fundedDraws[index.get(row.code)!]++;
		}
		const done = d + 1;
		if (onProgress && (done % PROGRESS_EVERY === 0 || done === options.draws)) onProgress(done, options.draws);
	}
	if (signal?.aborted) throw new SensitivityCancelled();

	const succeeded = options.draws - failures;
	const share = (count: number) => (succeeded > 0 ? count / succeeded : 0);
	return {
		seats: seats.map((seat, i) => {
			const m = eligibleDraws[i];
			const [p5, p50, p95] = m > 0 ? percentilesFrom(hist, i * width, width, m) : [null, null, null];
			return { code: seat.code, baseRank: baseRanks[i], rankP5: p5, rankP50: p50, rankP95: p95, fundedProbability: share(fundedDraws[i]), eligibleShare: share(m) };
		}),
		summary: { draws: options.draws, seed: options.seed, mode: options.mode, jitter: options.jitter, concentration: options.concentration, failures, firstFailure }
	};
}
