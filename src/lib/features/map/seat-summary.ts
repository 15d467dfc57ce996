/**
 * What the tooltip and the exports say about one seat. Pure, and shared, so the tooltip, the CSV
 * and the PNG can never disagree about a seat's class or value.
 */
import type { ScoredRow } from '$lib/features/scores/scores-state.svelte';
import { cellId, type BivariateCell } from './classify';
import { formatNumber, formatWithUnit } from './format';
import { cellLabel, classRangeText, type LegendClass } from './legend';
import type { VariableInfo } from './map-variables';

export interface SeatSummary {
	code: string;
	name: string;
	nation: string;
	lines: string[];
}

export interface SeatContext {
	info: VariableInfo;
	value: number | null;
	rank: number | null;
	/** How many seats have a value (the rank is out of this). */
	ranked: number;
	/** The seat's bivariate cell; undefined when the view is not bivariate. */
	cell?: BivariateCell | null;
	noDataReason: string | null;
}

export function summariseSeat(row: ScoredRow, ctx: SeatContext): SeatSummary {
	const lines: string[] = [];
	if (ctx.cell !== undefined) {
		const rank = (r: number | null, partial: boolean | undefined) => (partial ? 'partial, not ranked' : `rank ${r ?? '—'}`);
		lines.push(`Post-industrial ${formatNumber(row.post_industrial)} (${rank(row.post_industrial_rank, row.post_industrial_partial)})`);
		lines.push(`Threat ${formatNumber(row.threat)} (${rank(row.threat_rank, row.threat_partial)})`);
		lines.push(ctx.cell ? cellLabel(cellId(ctx.cell.x, ctx.cell.y)) : `no data${ctx.noDataReason ? `: ${ctx.noDataReason}` : ''}`);
	} else if (ctx.value === null) {
		lines.push(`${ctx.info.label}: no data${ctx.noDataReason ? ` (${ctx.noDataReason})` : ''}`);
	} else {
		lines.push(`${ctx.info.label}: ${formatWithUnit(ctx.value, ctx.info.unit)}`);
		lines.push(`Rank ${ctx.rank ?? '—'} of ${ctx.ranked}`);
	}
	return { code: row.code, name: row.name, nation: row.nation, lines };
}

/** "Class 3 of 5: 12.3–45.6", for a choropleth class index. */
export function classText(index: number | null, classes: readonly LegendClass[]): string {
	if (index === null) return 'no data';
	const c = classes[index];
	return c ? `class ${index + 1} of ${classes.length}: ${classRangeText(c, formatNumber)}` : 'no data';
}
