/**
 * Turn a prepared upload plus the user's choices into a committed dataset (one row per seat).
 * Only called after the user confirms. Refuses rather than guesses: duplicate seats need an
 * explicit way to combine them, and at least one numeric column and one matched row are needed.
 */
import type { BoundarySet } from '$lib/features/scores/catalogue';
import { columnCountProblem, combine, datasetColumns, datasetNames, newDatasetId, type UploadedDataset } from './dataset';
import { clipText, RECORD_LIMITS } from './limits';
import { convertColumn, type ColumnProfile } from './infer';
import type { MatchReport } from './match';
import type { ParsedTable } from './delimited';

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
}

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

export function buildSeatDataset(table: ParsedTable, columns: readonly ColumnProfile[], report: MatchReport, choices: readonly ColumnChoice[], options: BuildChoices & { fileName: string; now?: Date }): Built {
	const chosen = numericColumnsOf(columns, choices);
	if (!chosen.length) return { ok: false, error: 'Choose at least one numeric column to import.' };
	const tooMany = columnCountProblem(chosen.length);
	if (tooMany) return { ok: false, error: tooMany };
	if (!options.name.trim()) return { ok: false, error: 'Give the dataset a name.' };
	if (report.duplicates.length && options.duplicates === 'refuse') {
		const list = report.duplicates.slice(0, 5).map((d) => `${d.name} (${d.inputs.join(', ')})`).join('; ');
		return { ok: false, error: `${report.duplicates.length} seats have more than one row (${list}${report.duplicates.length > 5 ? '; …' : ''}). Choose to sum or average them, or fix the file.` };
	}
	const converted = chosen.map((c) => convertColumn(table.columns[c.index], columns[c.index].type));
	const rowsBySeat = new Map<string, number[]>();
	let dropped = 0;
	report.rowCodes.forEach((code, row) => {
		if (code === null) dropped++;
		else rowsBySeat.set(code, [...(rowsBySeat.get(code) ?? []), row]);
	});
	if (!rowsBySeat.size) return { ok: false, error: 'No row matched a constituency, so there is nothing to import.' };
	const codes = [...rowsBySeat.keys()].sort();
	const how = options.duplicates === 'mean' ? 'mean' : 'sum';
	const values = converted.map((column) =>
		codes.map((code) => {
			const rows = rowsBySeat.get(code)!;
			const numbers = rows.map((r) => (typeof column[r] === 'number' ? (column[r] as number) : null));
			return rows.length === 1 ? numbers[0] : combine(numbers, how);
		})
	);
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
			columns: datasetColumns(columns.map((c) => c.name), chosen),
			codes,
			values
		}
	};
}
