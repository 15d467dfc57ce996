/**
 * Moving uploaded data into DuckDB. Values travel as a CSV the app writes itself (numbers and
 * codes only, typed explicitly on load), through the same loader as the built-in tables.
 */
import type { Database } from '$lib/db/types';
import { uploadTableName, type UploadedDataset } from '$lib/model/uploads/dataset';
import { createTableFromCsv } from '$lib/queries/load';
import { aggregateSmallAreas, SMALL_AREA_STAGE, unmatchedSmallAreas } from '$lib/queries/uploads';
import { ident } from '$lib/queries/sql';
import type { BoundarySet } from '$lib/model/catalogue';

const encoder = new TextEncoder();

/** Internal CSV: keys are codes (no commas or quotes) and values are finite numbers or blank. */
function internalCsv(keyName: string, keys: string[], values: (number | null)[][]): Uint8Array {
	const header = [keyName, ...values.map((_, i) => `c${i}`)].join(',');
	const lines = keys.map((k, r) => [k.replace(/[",\r\n]/g, ''), ...values.map((col) => (col[r] === null || !Number.isFinite(col[r]!) ? '' : String(col[r])))].join(','));
	return encoder.encode([header, ...lines].join('\n') + '\n');
}

async function loadTable(db: Database, table: string, keyName: string, keys: string[], values: (number | null)[][]) {
	const file = `${table}.csv`;
	const path = await db.registerFile(file, internalCsv(keyName, keys, values));
	try {
		await db.exec(createTableFromCsv({ name: table, file: path, columns: [{ name: keyName, type: 'VARCHAR' }, ...values.map((_, i) => ({ name: `c${i}`, type: 'DOUBLE' }))] }));
	} finally {
		await db.dropFile(file);
	}
}

export async function loadDataset(db: Database, dataset: UploadedDataset): Promise<void> {
	await loadTable(db, uploadTableName(dataset), 'code', dataset.codes, dataset.values);
}

export async function dropDataset(db: Database, dataset: UploadedDataset): Promise<void> {
	await db.exec(`DROP TABLE IF EXISTS ${ident(uploadTableName(dataset))}`);
}

/** Aggregate small-area rows to seats in DuckDB; reports how many areas the lookup did not know. */
export async function aggregateSmallAreaRows(
	db: Database,
	set: BoundarySet,
	how: 'sum' | 'mean',
	areas: string[],
	values: (number | null)[][]
): Promise<{ codes: string[]; values: (number | null)[][]; unmatched: number; examples: string[] }> {
	await loadTable(db, SMALL_AREA_STAGE, 'area', areas, values);
	try {
		const columns = values.map((_, i) => `c${i}`);
		const rows = (await db.query(aggregateSmallAreas(set, how, columns))).rows;
		const missing = (await db.query(unmatchedSmallAreas(set))).rows;
		return {
			codes: rows.map((r) => String(r.code)),
			values: columns.map((c) => rows.map((r) => (typeof r[c] === 'number' ? (r[c] as number) : null))),
			unmatched: missing.length ? Number(missing[0].n) : 0,
			examples: missing.map((r) => String(r.area))
		};
	} finally {
		await db.exec(`DROP TABLE IF EXISTS ${ident(SMALL_AREA_STAGE)}`);
	}
}
