/**
 * Per-seat breakdown: how much each indicator moves the seat's score away from what a seat at the
 * national median of every indicator would get. contribution = (weight share) × (seat's normalised
 * value − national median of that normalised value). Positive pushes the score up.
 */
import { notionalFor, type Indicator } from '$lib/model/catalogue';
import type { ScoreDefinition, ScoreKey } from '$lib/model/definition';
import { median } from '$lib/model/reference';

export interface Contribution {
	score: ScoreKey;
	id: string;
	label: string;
	notional: boolean;
	weightShare: number;
	value: number | null;
	median: number | null;
	contribution: number | null;
}

const PREFIX: Record<ScoreKey, string> = { postIndustrial: 'p', threat: 't' };

export function breakdown(rows: readonly Record<string, unknown>[], definition: ScoreDefinition, code: string, lookup: (id: string) => Indicator | undefined): Contribution[] {
	const seat = rows.find((r) => r.code === code);
	if (!seat) return [];
	const out: Contribution[] = [];
	for (const score of ['postIndustrial', 'threat'] as ScoreKey[]) {
		const settings = definition.scores[score];
		const column = (j: number) => `${PREFIX[score]}${j}`;
		const present = settings.map((s, j) => s.weight > 0 && typeof seat[column(j)] === 'number');
		const total = settings.reduce((a, s, j) => a + (present[j] ? s.weight : 0), 0);
		settings.forEach((s, j) => {
			const values = rows.map((r) => r[column(j)]).filter((v): v is number => typeof v === 'number');
			const m = median(values);
			const value = typeof seat[column(j)] === 'number' ? (seat[column(j)] as number) : null;
			const weightShare = present[j] && total > 0 ? s.weight / total : 0;
			const indicator = lookup(s.id);
			out.push({
				score,
				id: s.id,
				label: indicator?.label ?? s.id,
				notional: indicator ? notionalFor(indicator, String(seat.nation ?? '')) : false,
				weightShare,
				value,
				median: m,
				contribution: value === null || m === null ? null : weightShare * (value - m)
			});
		});
	}
	return out;
}
