/**
 * Turn a prepared upload plus the user's choices into a committed dataset (one row per seat).
 * Only called after the user confirms. Refuses rather than guesses: duplicate seats need an
 * explicit way to combine them, and at least one numeric column and one matched row are needed.
 */
import type { BoundarySet } from '$lib/model/catalogue';
import { columnCountProblem, datasetColumns, datasetNames, newDatasetId, type UploadedDataset } from '../../../model/uploads/dataset';
import { clipText, RECORD_LIMITS } from '../../../model/uploads/limits';
import { convertValue, type ColumnProfile } from '../read/infer';
import type { MatchReport } from '../match/match';
import type { ParsedTable } from '../read/delimited';

export interface ColumnChoice {
	index: number;
	include: boolean;
	label: string;
	unit: string;
	direction: 1 | -1;
}

export interface BuildChoices {
	name: string;
	duplicates: 'refuse' | 'sum' | 'mean';
	/**
	 * Called every `PAUSE_EVERY` rows of each column. In the page it yields to the event loop (so a
	 * 2-million-row import keeps the page responsive and Cancel clickable) and may throw to stop.
	 */
	pause?: () => Promise<void>;
}

/** Rows between pauses: a few milliseconds of work. */
export const PAUSE_EVERY = 65_536;

export type Built = { ok: true; dataset: UploadedDataset; droppedRows: number } | { ok: false; error: string };

const NUMERIC = new Set(['integer', 'number', 'percent']);

export function defaultChoices(columns: readonly ColumnProfile[], keyIndex: number): ColumnChoice[] {
	return columns.map((c, index) => ({
		index,
		include: index !== keyIndex && NUMERIC.has(c.type),
		label: clipText(c.name.trim(), RECORD_LIMITS.label) || `Column ${index + 1}`,
		unit: c.unit ?? '',
		direction: 1
	}));
}

export function numericColumnsOf(columns: readonly ColumnProfile[], choices: readonly ColumnChoice[]): ColumnChoice[] {
	return choices.filter((c) => c.include && NUMERIC.has(columns[c.index]?.type));
}

export async function buildSeatDataset(table: ParsedTable, columns: readonly ColumnProfile[], report: MatchReport, choices: readonly ColumnChoice[], options: BuildChoices & { fileName: string; now?: Date }): Promise<Built> {
	const chosen = numericColumnsOf(columns, choices);
	if (!chosen.length) return { ok: false, error: 'Choose at least one numeric column to import.' };
	const tooMany = columnCountProblem(chosen.length);
	if (tooMany) return { ok: false, error: tooMany };
	if (!options.name.trim()) return { ok: false, error: 'Give the dataset a name.' };
	if (report.duplicates.length && options.duplicates === 'refuse') {
		const list = report.duplicates
			.slice(0, 5)
			.map((d) => `${d.name} (${d.inputs.join(', ')})`)
			.join('; ');
		return { ok: false, error: `${report.duplicates.length} seats have more than one row (${list}${report.duplicates.length > 5 ? '; …' : ''}). Choose to sum or average them, or fix the file.` };
	}
	// One pass per column into per-seat totals: collecting each seat's rows by copying arrays was
	// quadratic, and froze the page for seconds on a 2-million-row file.
	const seatIndex = new Map<string, number>();
	const rowSeat = new Int32Array(report.rowCodes.length).fill(-1);
	let dropped = 0;
	report.rowCodes.forEach((code, row) => {
		if (code === null) {
			dropped++;
			return;
		}
		let seat = seatIndex.get(code);
		if (seat === undefined) seatIndex.set(code, (seat = seatIndex.size));
		rowSeat[row] = seat;
	});
	if (!seatIndex.size) return { ok: false, error: 'No row matched a constituency, so there is nothing to import.' };
	const codes = [...seatIndex.keys()].sort();
	const how = options.duplicates === 'mean' ? 'mean' : 'sum';
	const totals = new Float64Array(seatIndex.size);
	const counts = new Int32Array(seatIndex.size);
	const values: (number | null)[][] = [];
	for (const c of chosen) {
		const cells = table.columns[c.index];
		const type = columns[c.index].type;
		totals.fill(0);
		counts.fill(0);
		for (let row = 0; row < rowSeat.length; row++) {
			if (options.pause && row % PAUSE_EVERY === PAUSE_EVERY - 1) await options.pause();
			const seat = rowSeat[row];
			if (seat < 0) continue;
			const v = convertValue(cells.at(row) ?? '', type);
			if (typeof v !== 'number') continue;
			totals[seat] += v;
			counts[seat]++;
		}
		// A seat with one row keeps its value; several are summed or averaged; no number stays null.
		values.push(
			codes.map((code) => {
				const seat = seatIndex.get(code)!;
				return counts[seat] === 0 ? null : how === 'sum' ? totals[seat] : totals[seat] / counts[seat];
			})
		);
	}
	return {
		ok: true,
		droppedRows: dropped,
		dataset: {
			version: 1,
			id: newDatasetId(),
			...datasetNames(options.name, options.fileName),
			boundarySet: report.set as BoundarySet,
			createdAt: (options.now ?? new Date()).toISOString(),
			aggregation: report.duplicates.length ? how : null,
			columns: datasetColumns(
				columns.map((c) => c.name),
				chosen
			),
			codes,
			values
		}
	};
}
