/**
 * The indicator build with many uploaded columns (issue: two 200-column uploads once ran the
 * browser's engine out of memory). Each case loads the uploads once, then times rebuilding the
 * indicator tables with them, as start-up and every import do; DuckDB's memory use after the
 * build is reported beside the times.
 */
import type { Database } from '../src/lib/db/types';
import { dropDataset, loadDataset } from '../src/lib/data/dataset-db';
import { prepareIndicators } from '../src/lib/data/prepare-indicators';
import { datasetIndicators, MAX_DATASET_COLUMNS, type UploadedDataset } from '../src/lib/model/uploads/dataset';
import type { Engines } from './engines';
import { NATIVE } from './harness';
import { WASM_NODE } from './engines';
import type { Case } from './harness';

export const UPLOAD_COLUMN_COUNTS = [200, 1000, 2000];

function wideDatasets(codes: string[], columns: number): UploadedDataset[] {
	const datasets: UploadedDataset[] = [];
	for (let start = 0, n = 0; start < columns; start += MAX_DATASET_COLUMNS, n++) {
		const width = Math.min(MAX_DATASET_COLUMNS, columns - start);
		datasets.push({
			version: 1,
			id: `dbench${n}`,
			name: `Bench ${n}`,
			fileName: 'bench.csv',
			boundarySet: '2010',
			createdAt: '2026-01-01T00:00:00.000Z',
			aggregation: null,
			columns: Array.from({ length: width }, (_, i) => ({ id: `c${i}`, header: `h${i}`, label: `h${i}`, unit: '', direction: 1 as const })),
			codes,
			values: Array.from({ length: width }, (_, c) => codes.map((_, r) => (r * 31 + c) % 1000))
		});
	}
	return datasets;
}

const memoryMb = async (db: Database) => Number((await db.query('SELECT sum(memory_usage_bytes)::DOUBLE AS m FROM duckdb_memory()')).rows[0].m) / 1e6;

/** Cases for one column count, and a cleanup that drops the uploads and rebuilds the plain tables. */
export async function indicatorBuildCases(e: Engines, columns: number): Promise<{ cases: Case[]; memory: () => Promise<Record<string, string>>; cleanup: () => Promise<void> }> {
	const engines: [string, Database][] = [
		[NATIVE, e.native],
		[WASM_NODE, e.wasm]
	];
	const codes = (await e.native.query(`SELECT code FROM constituencies WHERE boundary_set = '2010' ORDER BY code`)).rows.map((r) => String(r.code));
	const datasets = wideDatasets(codes, columns);
	const extra = datasets.flatMap(datasetIndicators);
	for (const [, db] of engines) for (const d of datasets) await loadDataset(db, d);
	const cases = engines.map(([engine, db]) => ({
		engine,
		run: async () => {
			const start = performance.now();
			await prepareIndicators(db, extra);
			return performance.now() - start;
		}
	}));
	return {
		cases,
		memory: async () => Object.fromEntries(await Promise.all(engines.map(async ([engine, db]) => [engine, (await memoryMb(db)).toFixed(0)]))),
		cleanup: async () => {
			for (const [, db] of engines) {
				for (const d of datasets) await dropDataset(db, d);
				await prepareIndicators(db);
			}
		}
	};
}
