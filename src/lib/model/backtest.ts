/**
 * Backtest statistics: how well a score made with data available at the lens year ranked what
 * happened next. AUC (Mann–Whitney, ties count half) for yes/no outcomes such as "the holding
 * party lost the seat"; Spearman's rank correlation for later challenger shares.
 */

export interface Pair {
	score: number;
	outcome: number;
}

/** Average ranks (1-based), ties sharing the mean of their positions. */
export function averageRanks(values: number[]): number[] {
	const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
	const ranks = new Array<number>(values.length);
	for (let start = 0; start < order.length;) {
		let end = start;
		while (end + 1 < order.length && order[end + 1].v === order[start].v) end++;
		const rank = (start + end) / 2 + 1;
		for (let k = start; k <= end; k++) ranks[order[k].i] = rank;
		start = end + 1;
	}
	return ranks;
}

/** Probability that a random positive outranks a random negative; null without both classes. */
export function auc(pairs: Pair[]): number | null {
	const positives = pairs.filter((p) => p.outcome === 1).length;
	const negatives = pairs.length - positives;
	if (!positives || !negatives) return null;
	const ranks = averageRanks(pairs.map((p) => p.score));
	const rankSum = pairs.reduce((sum, p, i) => sum + (p.outcome === 1 ? ranks[i] : 0), 0);
	return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function spearman(pairs: Pair[]): number | null {
	if (pairs.length < 3) return null;
	const a = averageRanks(pairs.map((p) => p.score));
	const b = averageRanks(pairs.map((p) => p.outcome));
	const mean = (pairs.length + 1) / 2;
	let num = 0;
	let da = 0;
	let db = 0;
	for (let i = 0; i < pairs.length; i++) {
		num += (a[i] - mean) * (b[i] - mean);
		da += (a[i] - mean) ** 2;
		db += (b[i] - mean) ** 2;
	}
	return da > 0 && db > 0 ? num / Math.sqrt(da * db) : null;
}

export interface OutcomeSpec {
	column: string;
	label: string;
	kind: 'lost' | 'share';
	notional: boolean;
}

export interface BacktestLine {
	outcome: OutcomeSpec;
	score: 'priority' | 'threat';
	statistic: 'AUC' | 'Spearman ρ';
	value: number | null;
	seats: number;
	positives: number | null;
}

type ScoredLike = { code: string; priority: number | null; threat: number | null; eligible: boolean };

/**
 * Yes/no outcomes are judged among eligible seats (those the fund could back), by priority and by
 * threat alone; later shares are judged across every seat with a threat score.
 */
export function runBacktest(scored: ScoredLike[], outcomes: Record<string, unknown>[], specs: OutcomeSpec[]): BacktestLine[] {
	const byCode = new Map(outcomes.map((o) => [o.code as string, o]));
	const lines: BacktestLine[] = [];
	for (const outcome of specs) {
		const value = (code: string) => {
			const v = byCode.get(code)?.[outcome.column];
			return typeof v === 'number' ? v : null;
		};
		if (outcome.kind === 'lost') {
			for (const score of ['priority', 'threat'] as const) {
				const pairs = scored.filter((s) => s.eligible && s[score] !== null && value(s.code) !== null).map((s) => ({ score: s[score]!, outcome: value(s.code)! }));
				lines.push({ outcome, score, statistic: 'AUC', value: auc(pairs), seats: pairs.length, positives: pairs.filter((p) => p.outcome === 1).length });
			}
		} else {
			const pairs = scored.filter((s) => s.threat !== null && value(s.code) !== null).map((s) => ({ score: s.threat!, outcome: value(s.code)! }));
			lines.push({ outcome, score: 'threat', statistic: 'Spearman ρ', value: spearman(pairs), seats: pairs.length, positives: null });
		}
	}
	return lines;
}
