/**
 * A committed upload: one row per seat of one boundary set, numeric columns only, each with a
 * label, unit and direction. This is what is stored in the browser, exported in a workspace file,
 * loaded into DuckDB as `upload_<id>` and offered as indicators everywhere.
 */
import type { BoundarySet, Indicator } from '$lib/model/catalogue';
import { boundedText, isObject, recordHeaderProblem } from './record-checks';
import { clipText, RECORD_LIMITS } from './limits';

export interface DatasetColumn {
	/** Internal column name in DuckDB (`c0`, `c1`…): never the user's header, which is only a label. */
	id: string;
	header: string;
	label: string;
	unit: string;
	direction: 1 | -1;
}

export interface UploadedDataset {
	version: 1;
	id: string;
	name: string;
	fileName: string;
	boundarySet: BoundarySet;
	createdAt: string;
	/** How several input rows for one seat (or small areas) were combined, if they were. */
	aggregation: 'sum' | 'mean' | null;
	columns: DatasetColumn[];
	codes: string[];
	/** values[column][row], aligned with `codes`. */
	values: (number | null)[][];
}

export const uploadTableName = (dataset: Pick<UploadedDataset, 'id'>) => `upload_${dataset.id}`;
export const MAX_DATASET_COLUMNS = RECORD_LIMITS.columns;

/** The chosen columns as stored: text clipped to the stored limits, so an import always reloads. */
export function datasetColumns(headers: readonly string[], chosen: readonly { index: number; label: string; unit: string; direction: 1 | -1 }[]): DatasetColumn[] {
	return chosen.map((c, i) => {
		const header = clipText(headers[c.index], RECORD_LIMITS.header);
		return { id: `c${i}`, header, label: clipText(c.label.trim() || header, RECORD_LIMITS.label), unit: clipText(c.unit, RECORD_LIMITS.unit), direction: c.direction };
	});
}

/** A dataset's name and file name as stored. */
export const datasetNames = (name: string, fileName: string) => ({ name: clipText(name.trim(), RECORD_LIMITS.name), fileName: clipText(fileName, RECORD_LIMITS.fileName) });

/** Why these columns cannot be imported as one dataset, or null. */
export function columnCountProblem(count: number): string | null {
	return count > MAX_DATASET_COLUMNS ? `${count.toLocaleString('en-GB')} columns are chosen; one upload can hold at most ${MAX_DATASET_COLUMNS.toLocaleString('en-GB')}. Untick some, or split the file.` : null;
}

export function datasetIndicators(dataset: UploadedDataset): Indicator[] {
	return dataset.columns.map((c) => ({
		id: `upload.${dataset.id}.${c.id}`,
		label: `${c.label} (${dataset.name})`,
		description: `Uploaded by you from “${dataset.fileName}”, column “${c.header}”${dataset.aggregation ? `, combined per seat by ${dataset.aggregation === 'sum' ? 'summing' : 'a population-weighted mean'}` : ''}. Kept only in this browser.`,
		group: 'Uploaded',
		source: `Your upload: ${dataset.name}`,
		year: dataset.createdAt.slice(0, 10),
		unit: c.unit || 'value',
		boundarySet: dataset.boundarySet,
		naturalDirection: c.direction,
		notional: false,
		geography: 'direct' as const,
		formula: { kind: 'upload', table: uploadTableName(dataset), column: c.id }
	}));
}

/** Check a stored or imported dataset; returns a readable reason instead of trusting the bytes. */
export function validateDataset(raw: unknown): { ok: true; dataset: UploadedDataset } | { ok: false; reason: string } {
	const problem = recordHeaderProblem(raw, 'dataset');
	if (problem || !isObject(raw)) return { ok: false, reason: problem ?? 'not an object' };
	if (raw.boundarySet !== '2010' && raw.boundarySet !== '2024') return { ok: false, reason: 'its boundary set must be 2010 or 2024' };
	if (raw.aggregation !== null && raw.aggregation !== 'sum' && raw.aggregation !== 'mean') return { ok: false, reason: 'its aggregation is unknown' };
	const columns = raw.columns;
	if (!Array.isArray(columns) || columns.length === 0 || columns.length > MAX_DATASET_COLUMNS) return { ok: false, reason: `it must have 1–${MAX_DATASET_COLUMNS} columns` };
	for (const [i, c] of columns.entries()) {
		if (!isObject(c) || c.id !== `c${i}` || !boundedText(c.header, RECORD_LIMITS.header) || !boundedText(c.label, RECORD_LIMITS.label) || !boundedText(c.unit, RECORD_LIMITS.unit) || (c.direction !== 1 && c.direction !== -1)) {
			return { ok: false, reason: `column ${i + 1} is malformed` };
		}
	}
	const codes = raw.codes;
	if (!Array.isArray(codes) || codes.length > 650 || codes.some((c) => typeof c !== 'string' || !/^[EWSN]\d{8}$/.test(c))) return { ok: false, reason: 'its seat codes are malformed' };
	if (new Set(codes).size !== codes.length) return { ok: false, reason: 'it lists a seat twice' };
	const values = raw.values;
	if (!Array.isArray(values) || values.length !== columns.length || values.some((col) => !Array.isArray(col) || col.length !== codes.length || col.some((v) => v !== null && (typeof v !== 'number' || !Number.isFinite(v))))) {
		return { ok: false, reason: 'its values do not line up with its seats and columns' };
	}
	return { ok: true, dataset: raw as unknown as UploadedDataset };
}

export function newDatasetId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(8));
	return 'd' + [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
