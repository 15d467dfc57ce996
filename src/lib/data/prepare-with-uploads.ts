/**
 * Start-up (and engine rebuild) with stored uploads, built so that no upload can stop the app from
 * starting. The fast path builds the indicator tables once with every upload. If that fails (an
 * upload too big for this browser's memory, say), the public data is built alone first, then the
 * uploads are added back one at a time; each one that fails is set aside with its reason, its
 * table is dropped, and it stays in storage so the user can delete it (or it loads on a visit
 * with more memory).
 */
import type { Database } from '$lib/db/types';
import { datasetIndicators, type UploadedDataset } from '$lib/model/uploads/dataset';
import { dropDataset, loadDataset } from './dataset-db';
import { prepareIndicators, type PreparedIndicators } from './prepare-indicators';

/** A stored upload that could not be loaded on this visit, and why. */
export interface SetAsideUpload {
	dataset: UploadedDataset;
	reason: string;
}

export interface PreparedWithUploads {
	prepared: PreparedIndicators;
	/** The uploads in the catalogue, in their stored order. */
	loaded: UploadedDataset[];
	setAside: SetAsideUpload[];
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function prepareWithUploads(db: Database, datasets: readonly UploadedDataset[]): Promise<PreparedWithUploads> {
	const setAside: SetAsideUpload[] = [];
	const tablesLoaded: UploadedDataset[] = [];
	for (const dataset of datasets) {
		try {
			await loadDataset(db, dataset);
			tablesLoaded.push(dataset);
		} catch (error) {
			setAside.push({ dataset, reason: reasonOf(error) });
			await dropDataset(db, dataset).catch(() => {});
		}
	}
	const build = (loaded: readonly UploadedDataset[]) => prepareIndicators(db, loaded.flatMap(datasetIndicators));
	if (tablesLoaded.length) {
		try {
			return { prepared: await build(tablesLoaded), loaded: tablesLoaded, setAside };
		} catch {
			// Fall through: find the upload(s) that break the build, one at a time.
		}
	}
	// The public data alone; if this fails the app cannot start, and the caller reports it.
	let prepared = await build([]);
	const loaded: UploadedDataset[] = [];
	let lastFailed = false;
	for (const dataset of tablesLoaded) {
		try {
			prepared = await build([...loaded, dataset]);
			loaded.push(dataset);
			lastFailed = false;
		} catch (error) {
			setAside.push({ dataset, reason: reasonOf(error) });
			await dropDataset(db, dataset).catch(() => {});
			lastFailed = true;
		}
	}
	// A failed build may have replaced one set's table half way: rebuild from what was accepted.
	if (lastFailed) prepared = await build(loaded);
	return { prepared, loaded, setAside };
}
