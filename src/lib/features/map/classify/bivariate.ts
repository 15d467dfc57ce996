/**
 * 3×3 bivariate classification: x = post-industrial score, y = threat score, each cut into
 * terciles (low 0, middle 1, high 2). High/high, the seats the dashboard is about, is x 2, y 2.
 *
 * Terciles use quantileBreaks, so the tie rules match the quantile method: equal values are
 * always in the same tercile, and a value equal to a break belongs to the lower tercile.
 * They are computed over seats where BOTH values are present, because only those seats are
 * coloured; cutting each axis over its own present values would unbalance the 3×3 grid.
 */

import { assignClass, quantileBreaks, type NumericInput } from './classify';

export type Tercile = 0 | 1 | 2;
export interface BivariateCell {
	x: Tercile;
	y: Tercile;
}
export type CellId = `${Tercile}-${Tercile}`;

const TERCILES: readonly Tercile[] = [0, 1, 2];

/** All nine cells, x-major (0-0, 0-1, 0-2, 1-0, …), the order the palette source uses. */
export const CELL_IDS: readonly CellId[] = TERCILES.flatMap((x) => TERCILES.map((y) => cellId(x, y)));

export interface BivariateClassification {
	/** Cell per seat (input order), or null when either value is missing. */
	cells: (BivariateCell | null)[];
	/** Tercile breaks (inclusive upper bounds, as in classify.ts); up to 2 each. */
	xBreaks: number[];
	yBreaks: number[];
	counts: Record<CellId, number>;
	/** Seats with either value missing. Sum of counts + missing = number of seats. */
	missing: number;
}

export function cellId(x: Tercile, y: Tercile): CellId {
	return `${x}-${y}`;
}

/** Inverse of cellId; null for anything that is not one of the nine ids. */
export function parseCellId(id: string): BivariateCell | null {
	const m = /^([012])-([012])$/.exec(id);
	if (!m) return null;
	return { x: Number(m[1]) as Tercile, y: Number(m[2]) as Tercile };
}

function isPresent(v: number | null | undefined): v is number {
	return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Maps a class index onto low/middle/high when ties leave fewer than three classes: two
 * classes read as low and high, one class (no spread) as middle, so "high" keeps its colour
 * meaning rather than sliding to the middle column.
 */
function toTercile(index: number, breakCount: number): Tercile {
	if (breakCount >= 2) return index as Tercile;
	if (breakCount === 1) return index === 0 ? 0 : 2;
	return 1;
}

export function emptyCellCounts(): Record<CellId, number> {
	return Object.fromEntries(CELL_IDS.map((id) => [id, 0])) as Record<CellId, number>;
}

/**
 * Classifies paired values. Arrays of different lengths are treated as padded with missing
 * values, so a mismatch shows up as missing seats instead of an exception.
 */
export function classifyBivariate(xs: NumericInput, ys: NumericInput): BivariateClassification {
	const n = Math.max(xs.length, ys.length);
	const both: number[] = [];
	for (let i = 0; i < n; i++) if (isPresent(xs[i]) && isPresent(ys[i])) both.push(i);
	const sortedOf = (vs: NumericInput) => both.map((i) => vs[i] as number).sort((a, b) => a - b);
	const xBreaks = quantileBreaks(sortedOf(xs), 3);
	const yBreaks = quantileBreaks(sortedOf(ys), 3);

	const counts = emptyCellCounts();
	const cells = new Array<BivariateCell | null>(n).fill(null);
	for (const i of both) {
		const cell: BivariateCell = {
			x: toTercile(assignClass(xs[i], xBreaks) as number, xBreaks.length),
			y: toTercile(assignClass(ys[i], yBreaks) as number, yBreaks.length)
		};
		cells[i] = cell;
		counts[cellId(cell.x, cell.y)]++;
	}
	return { cells, xBreaks, yBreaks, counts, missing: n - both.length };
}

/** Indices (input order, ascending) of the seats in a cell. */
export function seatsInCell(cells: readonly (BivariateCell | null)[], cell: BivariateCell | CellId): number[] {
	const target = typeof cell === 'string' ? parseCellId(cell) : cell;
	if (!target) return [];
	const out: number[] = [];
	cells.forEach((c, i) => {
		if (c && c.x === target.x && c.y === target.y) out.push(i);
	});
	return out;
}
