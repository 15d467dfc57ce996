/**
 * The stored form of an upload and how older forms are read.
 *
 * - Format 0: a dataset record without a `version` field. The app never wrote one, but a
 *   hand-edited workspace file or an early build might hold one; it is the same shape, so the
 *   step only stamps the version.
 * - Format 1: `UploadedDataset` (`version: 1`), what the app writes today.
 */
import { migrateRecord, recordName, type RecordSchema } from '$lib/storage/schema-migrate';
import { validateDataset, type UploadedDataset } from './dataset';

export const DATASET_SCHEMA_VERSION = 1;

export const DATASET_SCHEMA: RecordSchema = {
	label: 'upload',
	field: 'version',
	current: DATASET_SCHEMA_VERSION,
	steps: { 0: (r) => r }
};

export type ReadDataset = { ok: true; dataset: UploadedDataset; migrated: boolean } | { ok: false; name: string; reason: string };

/** Migrate, then validate. Never throws. */
export function readDatasetRecord(raw: unknown): ReadDataset {
	const name = recordName(raw, 'without a name');
	const migrated = migrateRecord(DATASET_SCHEMA, raw);
	if (!migrated.ok) return { ok: false, name, reason: migrated.reason };
	const v = validateDataset(migrated.record);
	if (!v.ok) return { ok: false, name, reason: `it is damaged (${v.reason})` };
	return { ok: true, dataset: v.dataset, migrated: migrated.from < DATASET_SCHEMA_VERSION };
}
