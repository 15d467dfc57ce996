/**
 * A seat-level dataset from small-area rows (LSOA, data zone, NI SOA): the rows are added up (or
 * population-weighted) to seats in DuckDB through the lookup table, which is loaded on first use.
 */
import type { Database } from '$lib/db/types';
import { aggregateSmallAreaRows } from '$lib/data/dataset-db';
import type { BoundarySet } from '$lib/model/catalogue';
import { numericColumnsOf, type ColumnChoice } from './build-dataset';
import { columnCountProblem, datasetColumns, datasetNames, newDatasetId, type UploadedDataset } from '../../../model/uploads/dataset';
import { convertColumn } from '../read/infer';
import type { PreparedUpload } from '../stage/prepare';

export interface SmallAreaChoices {
	keyColumn: number;
	choices: ColumnChoice[];
	name: string;
	set: BoundarySet;
	how: 'sum' | 'mean';
}

export type SmallAreaBuild = { ok: true; dataset: UploadedDataset; notice: string | null } | { ok: false; error: string };

export async function buildSmallAreaDataset(db: Database, ensureTable: (name: string) => Promise<void>, prepared: PreparedUpload, o: SmallAreaChoices): Promise<SmallAreaBuild> {
	const chosen = numericColumnsOf(prepared.columns, o.choices);
	if (!chosen.length) return { ok: false, error: 'Choose at least one numeric column to import.' };
	const tooMany = columnCountProblem(chosen.length);
	if (tooMany) return { ok: false, error: tooMany };
	if (!o.name.trim()) return { ok: false, error: 'Give the dataset a name.' };
	await ensureTable(`smallarea_${o.set}`);
	const areas = Array.from({ length: prepared.table.rowCount }, (_, r) => (prepared.table.columns[o.keyColumn].at(r) ?? '').trim());
	const values = chosen.map((c) => convertColumn(prepared.table.columns[c.index], prepared.columns[c.index].type).map((v) => (typeof v === 'number' ? v : null)));
	const result = await aggregateSmallAreaRows(db, o.set, o.how, areas, values);
	if (!result.codes.length) return { ok: false, error: `None of the ${areas.length} small-area codes is in the lookup for the ${o.set} boundaries (e.g. ${result.examples.join(', ')}).` };
	const notice = result.unmatched ? `${result.unmatched} small-area rows were not in the lookup and were left out (e.g. ${result.examples.join(', ')}).` : null;
	const dataset: UploadedDataset = {
		version: 1,
		id: newDatasetId(),
		...datasetNames(o.name, prepared.fileName),
		boundarySet: o.set,
		createdAt: new Date().toISOString(),
		aggregation: o.how,
		columns: datasetColumns(
			prepared.columns.map((c) => c.name),
			chosen
		),
		codes: result.codes,
		values: result.values
	};
	return { ok: true, dataset, notice };
}
