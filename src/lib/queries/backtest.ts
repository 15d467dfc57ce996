/**
 * What happened after the lens election, per seat of the lens's boundary set: did the party that
 * held the seat lose it at each later election on the same boundaries, and the challenger's later
 * share (a seat the Speaker held either time is neither lost nor held). The 2024 share is carried back onto the 2010 boundaries by population overlap (notional).
 */
import type { ElectionYear } from '$lib/model/catalogue';
import type { OutcomeSpec } from '$lib/model/backtest';
import type { Lens } from '$lib/model/lenses';
import { SPEAKER_HOLDER } from '$lib/model/definition';
import { literal, num } from './sql';

const LATER_SAME_SET: ElectionYear[] = [2015, 2017, 2019];

export function backtestOutcomeSpecs(lens: Lens): OutcomeSpec[] {
	if (lens.boundarySet !== '2010') return [];
	const later = LATER_SAME_SET.filter((y) => y > lens.year);
	return [
		...later.map((y) => ({ column: `lost_${y}`, label: `Holding party lost the seat in ${y}`, kind: 'lost' as const, notional: false })),
		...later.map((y) => ({ column: `share_${y}`, label: `Right-populist share in ${y} (UKIP${y === 2019 ? ' + Brexit Party' : ''})`, kind: 'share' as const, notional: false })),
		{ column: 'share_2024', label: 'Reform UK share in 2024 (notional, carried back to the 2010 boundaries)', kind: 'share' as const, notional: true }
	];
}

export function backtestOutcomes(lens: Lens): string {
	const later = LATER_SAME_SET.filter((y) => y > lens.year);
	// The Speaker is not a party: a seat the Speaker held before or after is neither lost nor held
	// by a party (Chorley, Labour in 2015 and 2017, was the Speaker's in 2019), so it is left out.
	const speaker = literal(SPEAKER_HOLDER);
	const lost = later.map((y) => `CASE WHEN ${speaker} IN (r${y}.winner_key, base.winner_key) THEN NULL ELSE (r${y}.winner_key <> base.winner_key)::INTEGER END AS lost_${y}`);
	const share = later.map((y) => `r${y}.right_populist_share AS share_${y}`);
	const joins = later.map((y) => `LEFT JOIN results r${y} ON r${y}.code = base.code AND r${y}.year = ${y}`);
	return `
		WITH notional_2024 AS (
			SELECT o.from_code AS code, sum(o.overlap_pop * r.right_populist_share) / nullif(sum(o.overlap_pop), 0) AS share_2024
			FROM overlap o JOIN results r ON r.code = o.to_code AND r.year = 2024
			WHERE o.from_set = '2010' GROUP BY o.from_code
		),
		base AS (SELECT code, winner_key FROM results WHERE year = ${num(lens.year)} AND boundary_set = '2010')
		SELECT base.code${[...lost, ...share].map((c) => `, ${c}`).join('')}, n.share_2024
		FROM base ${joins.join(' ')} LEFT JOIN notional_2024 n ON n.code = base.code
		ORDER BY base.code`;
}
