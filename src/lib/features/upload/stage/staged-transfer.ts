/**
 * Moving a staged file from the staging worker to the page. Structured cloning would drop
 * `TextColumn`'s private fields and copy the decoded text once per column, so columns travel as
 * typed-array ranges (transferred, not copied) and the text travels once.
 */
import type { StagedFile } from './formats';
import { packedBuffers } from '../read/geo-packed';
import type { PreparedUpload } from './prepare';
import { cellsToArray, TextColumn, type PackedColumn } from '../read/text-column';

export interface PackedStaged {
	staged: StagedFile;
	/** Null when the stage failed (no table to carry). */
	table: { text: string; columns: PackedColumn[] } | null;
	/**
	 * The match report's seat per row, as an index into `codes` (-1: none). Cloning millions of
	 * strings one by one cost a quarter of a second on the page's thread for 2 million rows.
	 */
	rowCodes: { codes: string[]; index: Int32Array } | null;
}

function packRowCodes(rowCodes: readonly (string | null)[]): { codes: string[]; index: Int32Array } {
	const codes: string[] = [];
	const seen = new Map<string, number>();
	const index = new Int32Array(rowCodes.length);
	rowCodes.forEach((code, row) => {
		if (code === null) return void (index[row] = -1);
		let i = seen.get(code);
		if (i === undefined) seen.set(code, (i = codes.push(code) - 1));
		index[row] = i;
	});
	return { codes, index };
}

function unpackRowCodes({ codes, index }: { codes: string[]; index: Int32Array }): (string | null)[] {
	const out = new Array<string | null>(index.length);
	for (let row = 0; row < index.length; row++) out[row] = index[row] < 0 ? null : codes[index[row]];
	return out;
}

/** Worker side: the message and the buffers to transfer with it. */
export function packStaged(staged: StagedFile): { message: PackedStaged; transfer: ArrayBuffer[] } {
	if (!staged.result.ok) return { message: { staged, table: null, rowCodes: null }, transfer: staged.geo ? packedBuffers(staged.geo.geometry) : [] };
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
	const rowCodes = prepared.match ? packRowCodes(prepared.match.rowCodes) : null;
	const value: PreparedUpload = { ...prepared, table, match: prepared.match && { ...prepared.match, rowCodes: [] } };
	const message: PackedStaged = { staged: { ...staged, result: { ...staged.result, value } }, table: { text: text + extra, columns: packed }, rowCodes };
	const transfer = packed.flatMap((p) => [p.starts.buffer as ArrayBuffer, p.ends.buffer as ArrayBuffer]);
	if (rowCodes) transfer.push(rowCodes.index.buffer as ArrayBuffer);
	// A GeoJSON file's shapes are typed arrays (read/geo-packed.ts): moved, not copied.
	if (staged.geo) transfer.push(...packedBuffers(staged.geo.geometry));
	return { message, transfer };
}

/** Page side: the staged file with real columns again. */
export function unpackStaged(message: PackedStaged): StagedFile {
	const { staged, table, rowCodes } = message;
	if (!staged.result.ok || !table) return staged;
	const prepared = staged.result.value;
	const columns = table.columns.map((p) => TextColumn.unpack(table.text, p));
	const match = prepared.match && rowCodes ? { ...prepared.match, rowCodes: unpackRowCodes(rowCodes) } : prepared.match;
	return { ...staged, result: { ...staged.result, value: { ...prepared, match, table: { ...prepared.table, columns } } } };
}
