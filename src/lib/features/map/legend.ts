/**
 * Legend figures from a classification: colour, range and seat count per class, and a "no data"
 * entry whose reason is worked out from which seats are missing. Every seat is counted exactly
 * once, so the counts always add up to the number of seats (650).
 */
import { BIVARIATE_PALETTE, CELL_IDS, NO_DATA_COLOUR, paletteColours, parseCellId, type BivariateClassification, type CellId, type Classification, type PaletteId } from './classify';

export interface LegendClass {
	index: number;
	colour: string;
	/** Observed extent of the class's values; null for an empty class. */
	min: number | null;
	max: number | null;
	/** Class limits from the breaks: (from, to]; null at the open ends. */
	from: number | null;
	to: number | null;
	count: number;
}

export interface NoDataItem {
	colour: string;
	count: number;
	/** Why these seats have no value; null when there are none. */
	reason: string | null;
}

export interface ChoroplethLegend {
	classes: LegendClass[];
	noData: NoDataItem;
	total: number;
}

export interface BivariateLegendCell {
	id: CellId;
	x: number;
	y: number;
	colour: string;
	count: number;
}

export interface BivariateLegendData {
	cells: BivariateLegendCell[];
	noData: NoDataItem;
	total: number;
}

export interface SeatFacts {
	nation: string;
	eligible: boolean;
}

/** `partial`: the missing seats have a partial score (see the `partial` missing-value policy), left off the map. */
export type NoDataContext = { kind: 'score'; partial?: boolean } | { kind: 'priority'; waiting?: boolean } | { kind: 'risk'; computing: boolean } | { kind: 'indicator'; group: string };

/**
 * Colours for k classes. Degenerate data (all values equal) gives one class; it takes the top
 * colour of a two-class ramp so it still reads as "has a value", never as the no-data grey.
 */
export function classColours(palette: PaletteId, k: number): string[] {
	if (k <= 1) return [paletteColours(palette, 2)[1]];
	return paletteColours(palette, k);
}

export function buildLegend(c: Classification, colours: readonly string[], reason: string | null): ChoroplethLegend {
	const classes = c.counts.map((count, i) => ({
		index: i,
		colour: colours[i] ?? NO_DATA_COLOUR,
		min: c.ranges[i]?.min ?? null,
		max: c.ranges[i]?.max ?? null,
		from: i > 0 ? c.breaks[i - 1] : null,
		to: i < c.breaks.length ? c.breaks[i] : null,
		count
	}));
	const noData = { colour: NO_DATA_COLOUR, count: c.missing, reason: c.missing ? reason : null };
	return { classes, noData, total: c.counts.reduce((a, b) => a + b, 0) + c.missing };
}

export function buildBivariateLegend(b: BivariateClassification, reason: string | null): BivariateLegendData {
	const cells = CELL_IDS.map((id) => {
		const cell = parseCellId(id)!;
		return { id, x: cell.x, y: cell.y, colour: BIVARIATE_PALETTE[id], count: b.counts[id] };
	});
	const noData = { colour: NO_DATA_COLOUR, count: b.missing, reason: b.missing ? reason : null };
	return { cells, noData, total: cells.reduce((a, c) => a + c.count, 0) + b.missing };
}

const isPresent = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

function list(items: string[]): string {
	return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * Why seats have no value, in words for the legend:
 * - priority: seats outside the eligibility rules have no priority by design, and none has one
 *   while the priority waits for P(loss) from the risk model;
 * - whole nations missing (GB-only sources): "no Census 2011 for Northern Ireland";
 * - all missing seats in Northern Ireland but not all of it: say so;
 * - otherwise plainly "no value".
 */
export function noDataReason(seats: readonly SeatFacts[], values: readonly (number | null | undefined)[], context: NoDataContext): string | null {
	const missing = seats.filter((_, i) => !isPresent(values[i]));
	if (missing.length === 0) return null;
	if (context.kind === 'risk') {
		if (context.computing && missing.length === seats.length) return 'the risk model is still running';
		return 'not modelled (Northern Ireland, the Speaker’s seat)';
	}
	if (context.kind === 'priority') {
		if (context.waiting) return 'the ranking is waiting for the risk model (P(loss))';
		return missing.every((s) => !s.eligible) ? 'not eligible under the priority rules' : 'not eligible, or no score';
	}
	const seatsIn = new Map<string, number>();
	const missingIn = new Map<string, number>();
	for (const s of seats) seatsIn.set(s.nation, (seatsIn.get(s.nation) ?? 0) + 1);
	for (const s of missing) missingIn.set(s.nation, (missingIn.get(s.nation) ?? 0) + 1);
	const nations = [...missingIn.keys()].sort();
	if (nations.every((n) => missingIn.get(n) === seatsIn.get(n))) {
		if (context.kind === 'score' && context.partial) return `partial score, not comparable, for ${list(nations)}`;
		const what = context.kind === 'indicator' && /census 2011/i.test(context.group) ? 'Census 2011' : 'data';
		return `no ${what} for ${list(nations)}`;
	}
	if (nations.length === 1 && nations[0] === 'Northern Ireland') return 'no value (all in Northern Ireland)';
	return 'no value';
}

/** "12.3–45.6" ("-1.2 to -0.5" when a dash would read as a minus), "≤ 12.3 (none)", or "—". */
export function classRangeText(c: LegendClass, format: (v: number) => string): string {
	const span = (a: number, b: number) => (a < 0 || b < 0 ? `${format(a)} to ${format(b)}` : `${format(a)}–${format(b)}`);
	if (c.min !== null && c.max !== null) return c.min === c.max ? format(c.min) : span(c.min, c.max);
	if (c.from !== null && c.to !== null) return `${span(c.from, c.to)} (none)`;
	if (c.to !== null) return `≤ ${format(c.to)} (none)`;
	if (c.from !== null) return `> ${format(c.from)} (none)`;
	return '—';
}

/** Axis words for a tercile, used in labels, the CSV and the PNG. */
export const TERCILE_WORDS = ['low', 'middle', 'high'] as const;

export function cellLabel(id: CellId): string {
	const c = parseCellId(id)!;
	return `post-industrial ${TERCILE_WORDS[c.x]} / threat ${TERCILE_WORDS[c.y]}`;
}
