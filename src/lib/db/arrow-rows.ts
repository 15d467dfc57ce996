/** Arrow tables from DuckDB-wasm → plain rows, converted once at the door. */
import { toCell, type QueryResult, type Row } from './types';

/** The part of an Arrow table we read; structural, so any apache-arrow copy's Table fits. */
export interface ArrowLike {
	schema: { fields: { name: string; type: unknown }[] };
	numRows: number;
	getChildAt(index: number): ArrowVector | null;
}

interface ArrowVector {
	get(row: number): unknown;
	toArray(): unknown;
	isValid(row: number): boolean;
	nullCount: number;
	type: { typeId: number };
}

/** Arrow Type ids whose `toArray()` is a plain typed array of the values (Int, Float). */
const TYPED_ARRAY_IDS = new Set([2, 3]);

export function arrowToResult(table: ArrowLike): QueryResult {
	const columns = table.schema.fields.map((f) => f.name);
	const types = table.schema.fields.map((f) => String(f.type));
	// Read numeric columns as typed arrays (one call per column) instead of a visitor call per
	// cell; other types fall back to `get`. Nulls are restored from the validity bitmap.
	const readers = columns.map((_, i) => {
		const vector = table.getChildAt(i);
		if (!vector) return () => null;
		if (TYPED_ARRAY_IDS.has(vector.type.typeId)) {
			const values = vector.toArray() as ArrayLike<unknown>;
			return vector.nullCount > 0 ? (r: number) => (vector.isValid(r) ? toCell(values[r]) : null) : (r: number) => toCell(values[r]);
		}
		return (r: number) => toCell(vector.get(r));
	});
	const rows: Row[] = new Array(table.numRows);
	for (let r = 0; r < table.numRows; r++) {
		const row: Row = {};
		for (let c = 0; c < columns.length; c++) row[columns[c]] = readers[c](r);
		rows[r] = row;
	}
	return { columns, types, rows };
}
