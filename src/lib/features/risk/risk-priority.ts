/**
 * The priority option "rank eligible seats by P(loss)": the eligibility rules still decide which
 * seats are in (for example Labour-held, post-industrial percentile ≥ 50), and among them the
 * chance of losing the seat under the Risk tab's scenario replaces the combined score percentile.
 * Done in TS over the scored rows because P(loss) comes from the worker, not from DuckDB; ranks
 * follow the SQL's rule (`rank()` descending: ties share a rank, the next rank skips).
 */
import type { ScoredRow } from '$lib/features/scores/scores-state.svelte';

export function rankByPLoss(rows: readonly ScoredRow[], pLoss: (code: string) => number | null): ScoredRow[] {
	const priority = rows.map((r) => (r.eligible ? pLoss(r.code) : null));
	const ranked = priority.filter((p): p is number => p !== null).sort((a, b) => b - a);
	const rankOf = (p: number) => {
		// First index of p in the descending list, plus one: SQL's rank().
		let lo = 0;
		let hi = ranked.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (ranked[mid] > p) lo = mid + 1;
			else hi = mid;
		}
		return lo + 1;
	};
	return rows.map((r, i) => {
		const p = priority[i];
		return { ...r, priority: p, priority_rank: p === null ? null : rankOf(p) };
	});
}

/**
 * What every view says instead of a ranking while the priority waits for P(loss) (see
 * RiskState.rankingPending), or why it cannot have one. Never the score-based ranking in its place.
 */
export function rankingWaitingText(failed: string | null): string {
	if (failed) return `The priority ranks the eligible seats by P(loss), and the risk model could not give it: ${failed} Ranking by the two scores instead is one click away (Scores tab, Priority and eligibility).`;
	return 'The ranking is waiting for the risk model: the priority ranks the eligible seats by P(loss), the chance the holder loses each seat, which is being computed now (a few seconds the first time).';
}
