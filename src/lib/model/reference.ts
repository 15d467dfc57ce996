/**
 * The reference scorer in plain TypeScript. It defines the method exactly; the SQL generated in
 * `src/lib/queries/scoring.ts` must agree with it to 1e-9 on the real data (tests/unit/scoring-parity).
 *
 * Method, per score:
 *  1. raw value × direction (so direction −1 flips the order before anything else);
 *  2. null policy: impute the national median, or the nation's median (falling back to the national
 *     median where the nation has no values, e.g. Census 2011 in Northern Ireland), or leave it null;
 *  3. normalise over all seats that have a value: z-score (population sd), min–max, or percentile
 *     rank (share of other seats strictly below; ties share a rank); constant columns give 0;
 *  4. score = Σ wᵢ·nᵢ / Σ wᵢ over the indicators the seat has. A null under "exclude" makes the
 *     whole score null; under "reweight" the indicator is dropped and the rest re-weighted; under
 *     "partial" likewise, but the score is partial: percentiles and ranks are taken among complete
 *     scores only, so a partial score (e.g. Northern Ireland without Census 2011) has none.
 * Priority = the two scores' percentile ranks combined (geometric mean by default), among eligible seats.
 * The Speaker's seat is never eligible.
 */
import { SPEAKER_HOLDER, type Eligibility, type IndicatorSetting, type PriorityMethod, type ScoreDefinition, type ScoreKey } from './definition';

export interface SeatInput {
	code: string;
	nation: string;
	region: string;
	holder: string | null;
	/** Centre for Cities class (2024 seats in England and Wales); null or absent elsewhere. */
	cityClass?: string | null;
	values: Record<string, number | null>;
}

export interface ScoredSeat {
	code: string;
	postIndustrial: number | null;
	threat: number | null;
	postIndustrialPct: number | null;
	threatPct: number | null;
	priority: number | null;
	postIndustrialRank: number | null;
	threatRank: number | null;
	priorityRank: number | null;
	eligible: boolean;
	/** The score left out an indicator under the `partial` policy: shown, but not ranked. */
	postIndustrialPartial: boolean;
	threatPartial: boolean;
	/** Normalised (direction-applied) value of each indicator, by score and position. */
	normalised: Record<ScoreKey, (number | null)[]>;
}

type Column = (number | null)[];

/** Median as DuckDB's `median` (quantile_cont 0.5) computes it, so imputed values match exactly. */
export function median(values: number[]): number | null {
	if (!values.length) return null;
	const s = [...values].sort((a, b) => a - b);
	const pos = (s.length - 1) * 0.5;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return lo === hi ? s[lo] : s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

const present = (c: Column) => c.filter((v): v is number => v !== null);

export function impute(column: Column, nations: string[], policy: IndicatorSetting['nullPolicy']): Column {
	if (policy === 'exclude' || policy === 'reweight' || policy === 'partial') return column;
	const national = median(present(column));
	if (policy === 'impute-national-median') return column.map((v) => v ?? national);
	const byNation = new Map<string, number | null>();
	for (const nation of new Set(nations)) byNation.set(nation, median(present(column.filter((_, i) => nations[i] === nation))));
	return column.map((v, i) => v ?? byNation.get(nations[i]) ?? national);
}

/** Share of the other valued seats strictly below each value: 0 for the lowest, 1 for the highest. */
export function percentRank(column: Column, descending = false): Column {
	const sorted = present(column).sort((a, b) => a - b);
	const denominator = Math.max(sorted.length - 1, 1);
	return column.map((v) => {
		if (v === null) return null;
		let lo = 0;
		let hi = sorted.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (sorted[mid] < v) lo = mid + 1;
			else hi = mid;
		}
		return (descending ? sorted.length - 1 - lo : lo) / denominator;
	});
}

export function normalise(column: Column, method: IndicatorSetting['normalisation']): Column {
	const values = present(column);
	if (method === 'percentile') return percentRank(column);
	if (method === 'minmax') {
		const min = Math.min(...values);
		const max = Math.max(...values);
		return column.map((v) => (v === null ? null : max > min ? (v - min) / (max - min) : 0));
	}
	const mean = values.reduce((a, b) => a + b, 0) / values.length;
	const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
	return column.map((v) => (v === null ? null : sd > 0 ? (v - mean) / sd : 0));
}

/**
 * Competition ranking, 1 = highest; seats without a value get no rank. Rank = 1 + the number of
 * values strictly above, found by binary search in a typed-array sort (native numeric order, no
 * comparator calls), so the sensitivity Monte Carlo, which ranks every draw, stays O(n log n).
 */
export function rankDescending(column: Column): (number | null)[] {
	const values = present(column);
	// NaN has no place in an order; keep the original linear scan's answers for such a column.
	if (values.some(Number.isNaN)) {
		const sorted = values.sort((a, b) => b - a);
		return column.map((v) => (v === null ? null : sorted.findIndex((x) => x <= v) + 1));
	}
	const ascending = Float64Array.from(values).sort();
	const n = ascending.length;
	return column.map((v) => {
		if (v === null) return null;
		let lo = 0;
		let hi = n;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (ascending[mid] <= v) lo = mid + 1;
			else hi = mid;
		}
		return n - lo + 1;
	});
}

function combineScore(settings: IndicatorSetting[], normalised: Column[], seat: number): number | null {
	let sum = 0;
	let weights = 0;
	for (const [j, s] of settings.entries()) {
		if (s.weight === 0) continue;
		const v = normalised[j][seat];
		if (v === null) {
			if (s.nullPolicy === 'exclude') return null;
			continue;
		}
		sum += s.weight * v;
		weights += s.weight;
	}
	return weights > 0 ? sum / weights : null;
}

export function combinePriority(method: PriorityMethod, a: number, b: number): number {
	if (method === 'mean') return (a + b) / 2;
	if (method === 'min') return Math.min(a, b);
	return Math.sqrt(a * b);
}

export function isEligible(seat: Pick<SeatInput, 'holder' | 'nation' | 'region' | 'cityClass'>, e: Eligibility, pctPost: number | null, pctThreat: number | null): boolean {
	if (pctPost === null || pctThreat === null) return false;
	if (seat.holder === SPEAKER_HOLDER) return false;
	if (e.holders.length && !e.holders.includes(seat.holder ?? '')) return false;
	if (e.nations.length && !e.nations.includes(seat.nation)) return false;
	if (e.regions.length && !e.regions.includes(seat.region)) return false;
	if (e.cityClasses?.length && !e.cityClasses.includes(seat.cityClass ?? '')) return false;
	return pctPost * 100 >= e.minPostIndustrialPercentile && pctThreat * 100 >= e.minThreatPercentile;
}

/** True where a weighted indicator under the `partial` policy has no value for the seat. */
export function isPartial(settings: IndicatorSetting[], normalised: Column[], seat: number): boolean {
	return settings.some((s, j) => s.weight > 0 && s.nullPolicy === 'partial' && normalised[j][seat] === null);
}

/** The scores that are ranked: partial ones are left out. */
export const rankable = (scores: Column, partial: boolean[]): Column => scores.map((v, i) => (partial[i] ? null : v));

export function scoreSeats(seats: SeatInput[], definition: ScoreDefinition): ScoredSeat[] {
	const nations = seats.map((s) => s.nation);
	const normalised = {} as Record<ScoreKey, Column[]>;
	const scores = {} as Record<ScoreKey, Column>;
	const partial = {} as Record<ScoreKey, boolean[]>;
	for (const key of ['postIndustrial', 'threat'] as ScoreKey[]) {
		const settings = definition.scores[key];
		normalised[key] = settings.map((s) => {
			const raw = seats.map((seat) => {
				const v = seat.values[s.id];
				return v === null || v === undefined || Number.isNaN(v) ? null : v * s.direction;
			});
			return normalise(impute(raw, nations, s.nullPolicy), s.normalisation);
		});
		scores[key] = seats.map((_, i) => combineScore(settings, normalised[key], i));
		partial[key] = seats.map((_, i) => isPartial(settings, normalised[key], i));
	}
	const ranked = { post: rankable(scores.postIndustrial, partial.postIndustrial), threat: rankable(scores.threat, partial.threat) };
	const pctPost = percentRank(ranked.post);
	const pctThreat = percentRank(ranked.threat);
	const { method, eligibility } = definition.priority;
	const eligible = seats.map((seat, i) => isEligible(seat, eligibility, pctPost[i], pctThreat[i]));
	const priority = seats.map((_, i) => (eligible[i] ? combinePriority(method, pctPost[i]!, pctThreat[i]!) : null));
	const ranks = { post: rankDescending(ranked.post), threat: rankDescending(ranked.threat), priority: rankDescending(priority) };
	return seats.map((seat, i) => ({
		code: seat.code,
		postIndustrial: scores.postIndustrial[i],
		threat: scores.threat[i],
		postIndustrialPct: pctPost[i],
		threatPct: pctThreat[i],
		priority: priority[i],
		postIndustrialRank: ranks.post[i],
		threatRank: ranks.threat[i],
		priorityRank: ranks.priority[i],
		eligible: eligible[i],
		postIndustrialPartial: partial.postIndustrial[i],
		threatPartial: partial.threat[i],
		normalised: { postIndustrial: normalised.postIndustrial.map((c) => c[i]), threat: normalised.threat.map((c) => c[i]) }
	}));
}
