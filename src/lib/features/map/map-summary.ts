/**
 * The text alternative to the map: the top seats by what is mapped, with their values, and the
 * legend's classes with their seat counts, as plain sentences. A screen reader cannot read
 * colours off a canvas or a 650-hex SVG, so this is what it reads instead; it is built from the
 * same values and legend the map is drawn from, so it can never disagree with the colours.
 */
import type { ScoredRow } from '$lib/features/scores/scores-state.svelte';
import { formatNumber, formatWithUnit } from './format';
import { cellLabel, classRangeText, type BivariateLegendData, type ChoroplethLegend, type NoDataItem } from './legend';
import type { VariableInfo } from './map-variables';

export const SUMMARY_SIZE = 10;

export type SummaryRow = Pick<ScoredRow, 'name' | 'post_industrial' | 'threat' | 'post_industrial_pct' | 'threat_pct'>;

export interface MapSummaryInput {
	info: Pick<VariableInfo, 'kind' | 'label' | 'unit'>;
	rows: readonly SummaryRow[];
	/** The mapped value per row (ignored for the bivariate view). */
	values: readonly (number | null)[];
	legend: ChoroplethLegend | null;
	bivariateLegend: BivariateLegendData | null;
}

export interface MapSummary {
	heading: string;
	/** "1. Hartlepool: 0.912 (score)", best first. */
	items: string[];
	/** One line per legend class, then the no-data line. */
	legend: string[];
}

const seats = (n: number) => `${n} ${n === 1 ? 'seat' : 'seats'}`;

function noDataLine(d: NoDataItem): string {
	return `No data: ${seats(d.count)}${d.reason ? ` (${d.reason})` : ''}`;
}

/** Highest key first; ties by name so the list is stable; seats with no key are left out. */
function top<T extends { name: string }>(rows: readonly T[], key: (row: T, i: number) => number | null, n: number): { row: T; key: number }[] {
	return rows
		.map((row, i) => ({ row, key: key(row, i) }))
		.filter((e): e is { row: T; key: number } => e.key !== null && Number.isFinite(e.key))
		.sort((a, b) => b.key - a.key || a.row.name.localeCompare(b.row.name))
		.slice(0, n);
}

export function buildMapSummary(input: MapSummaryInput, n = SUMMARY_SIZE): MapSummary {
	const { info, rows } = input;
	if (info.kind === 'bivariate') {
		// The same order as the quadrant table: the two percentiles added, so "both high" comes first.
		const best = top(rows, (r) => (r.post_industrial_pct === null || r.threat_pct === null ? null : r.post_industrial_pct + r.threat_pct), n);
		const legend = input.bivariateLegend;
		return {
			heading: `Top ${best.length} seats by post-industrial and threat scores together (sum of their percentiles)`,
			items: best.map(({ row }, i) => `${i + 1}. ${row.name}: post-industrial ${formatNumber(row.post_industrial)}, threat ${formatNumber(row.threat)}`),
			legend: legend ? [...[...legend.cells].sort((a, b) => b.y - a.y || b.x - a.x).map((c) => `${cellLabel(c.id)}: ${seats(c.count)}`), noDataLine(legend.noData)] : []
		};
	}
	const best = top(rows, (_, i) => input.values[i] ?? null, n);
	const legend = input.legend;
	return {
		heading: `Top ${best.length} seats by ${info.label}, highest first`,
		items: best.map(({ row, key }, i) => `${i + 1}. ${row.name}: ${formatWithUnit(key, info.unit)}`),
		legend: legend ? [...legend.classes.map((c) => `Class ${c.index + 1} of ${legend.classes.length}, ${classRangeText(c, formatNumber)}: ${seats(c.count)}`), noDataLine(legend.noData)] : []
	};
}
