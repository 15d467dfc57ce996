/**
 * Moving a staged file from the staging worker to the page. Structured cloning would drop
 * `TextColumn`'s private fields and copy the decoded text once per column, so columns travel as
 * typed-array ranges (transferred, not copied) and the text travels once.
 */
import type { StagedFile } from './formats';
import type { PreparedUpload } from './prepare';
import { cellsToArray, TextColumn, type PackedColumn } from './text-column';

export interface PackedStaged {
	staged: StagedFile;
	/** Null when the stage failed (no table to carry). */
	table: { text: string; columns: PackedColumn[] } | null;
}

/** Worker side: the message and the buffers to transfer with it. */
export function packStaged(staged: StagedFile): { message: PackedStaged; transfer: ArrayBuffer[] } {
	if (!staged.result.ok) return { message: { staged, table: null }, transfer: [] };
	const prepared = staged.result.value;
	const columns = prepared.table.columns;
	const first = columns.find((c): c is TextColumn => c instanceof TextColumn);
	const text = first?.text ?? '';
	// Columns over another text (none today) are re-based onto a text of their own, appended.
	let extra = '';
	const packed = columns.map((c): PackedColumn => {
		if (c instanceof TextColumn && c.text === text) return c.pack();
		const cells = cellsToArray(c);
		const starts = new Uint32Array(cells.length);
		const ends = new Uint32Array(cells.length);
		cells.forEach((cell, i) => {
			starts[i] = text.length + extra.length;
			extra += cell;
			ends[i] = text.length + extra.length;
		});
		return { starts, ends, unescaped: new Map() };
	});
	const table = { ...prepared.table, columns: [] };
	const value: PreparedUpload = { ...prepared, table };
	const message: PackedStaged = { staged: { ...staged, result: { ...staged.result, value } }, table: { text: text + extra, columns: packed } };
	return { message, transfer: packed.flatMap((p) => [p.starts.buffer as ArrayBuffer, p.ends.buffer as ArrayBuffer]) };
}

/** Page side: the staged file with real columns again. */
export function unpackStaged(message: PackedStaged): StagedFile {
	const { staged, table } = message;
	if (!staged.result.ok || !table) return staged;
	const prepared = staged.result.value;
	const columns = table.columns.map((p) => TextColumn.unpack(table.text, p));
	return { ...staged, result: { ...staged.result, value: { ...prepared, table: { ...prepared.table, columns } } } };
}
