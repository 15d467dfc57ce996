/**
 * The library of committed uploads: the datasets loaded into DuckDB and saved in the browser (their
 * columns are in the indicator catalogue), the map layers, and stored uploads set aside on this
 * visit. The import wizard (`import-wizard.svelte.ts`) adds to it. It also holds the Upload tab's
 * notice and error line, which outlive any one staged file, so the wizard reports there too.
 */
import type { Database } from '$lib/db/types';
import { dropDataset } from '$lib/data/dataset-db';
import { prepareIndicators } from '$lib/data/prepare-indicators';
import type { PreparedWithUploads, SetAsideUpload } from '$lib/data/prepare-with-uploads';
import type { RecordStore } from '$lib/storage/record-store';
import type { Catalogue } from '$lib/data/catalogue.svelte';
import { datasetIndicators, type UploadedDataset } from '../../model/uploads/dataset';
import { importDatasets, type RestoredUploads } from './records/restore-uploads';
import { LayersState } from './layers-state.svelte';
import { clipText, RECORD_LIMITS } from '../../model/uploads/limits';

export class UploadLibrary {
	datasets = $state.raw<UploadedDataset[]>([]);
	quarantined = $state<string[]>([]);
	/** Stored uploads that could not be loaded on this visit: kept in storage, listed with a Delete. */
	setAside = $state.raw<SetAsideUpload[]>([]);
	persistent = $state(true);
	notice = $state<string | null>(null);
	error = $state<string | null>(null);
	readonly layers = new LayersState();

	#store: RecordStore | null = null;
	readonly #db: Database;
	readonly #catalogue: Catalogue;

	constructor(db: Database, catalogue: Catalogue) {
		this.#db = db;
		this.#catalogue = catalogue;
		void this.layers.restore();
	}

	/** Take over uploads restored and loaded before the catalogue was built (see `prepareWithUploads`). */
	adopt(restored: RestoredUploads, loaded: Pick<PreparedWithUploads, 'loaded' | 'setAside'>) {
		this.#store = restored.store;
		this.persistent = restored.store.persistent;
		this.notice = restored.store.reason;
		this.quarantined = restored.quarantined;
		this.datasets = loaded.loaded;
		this.setAside = loaded.setAside;
	}

	/** After an engine rebuild: uploads that no longer load leave the catalogue (they stay stored). */
	setAsideOnRebuild(rebuilt: Pick<PreparedWithUploads, 'loaded' | 'setAside'>) {
		if (!rebuilt.setAside.length) return;
		this.datasets = rebuilt.loaded;
		this.setAside = [...this.setAside, ...rebuilt.setAside];
	}

	/** Delete a set-aside upload from storage. */
	async deleteSetAside(id: string) {
		try {
			await this.#store?.delete(id);
			this.setAside = this.setAside.filter((s) => s.dataset.id !== id);
		} catch (error) {
			this.notice = `The upload could not be deleted: ${(error as Error).message}`;
		}
	}

	/**
	 * The list and the catalogue change together, after the indicator tables are built: showing the
	 * list first let the page look finished while the import was still running.
	 */
	async #setDatasets(datasets: UploadedDataset[]) {
		const prepared = await prepareIndicators(this.#db, datasets.flatMap(datasetIndicators));
		this.datasets = datasets;
		this.#catalogue.replace(prepared);
	}

	/** Add a dataset already loaded into DuckDB to the list and the catalogue. */
	async include(dataset: UploadedDataset) {
		await this.#setDatasets([...this.datasets, dataset]);
	}

	/** Whether the list (and so the catalogue) holds this dataset. */
	has(id: string): boolean {
		return this.datasets.some((d) => d.id === id);
	}

	/** Save a new dataset in the browser; when that fails it still works for this visit (said in the notice). */
	async save(dataset: UploadedDataset): Promise<boolean> {
		const saved = await this.#store?.put(dataset.id, dataset, `the upload “${dataset.name}”`).then(
			() => true,
			(error: Error) => {
				this.notice = `${error.message} The upload works for this visit but will not survive a reload.`;
				return false;
			}
		);
		return saved ?? false;
	}

	/** Undo `save` for an import that did not finish. */
	async unsave(id: string) {
		await this.#store?.delete(id).catch(() => {});
	}

	async rename(id: string, name: string) {
		const clean = clipText(name.trim(), RECORD_LIMITS.name);
		if (!clean) return;
		const datasets = this.datasets.map((d) => (d.id === id ? { ...d, name: clean } : d));
		const changed = datasets.find((d) => d.id === id);
		if (changed) await this.#store?.put(id, changed).catch((e: Error) => (this.error = e.message));
		await this.#setDatasets(datasets);
	}

	async remove(id: string) {
		const dataset = this.datasets.find((d) => d.id === id);
		if (!dataset) return;
		await this.#store?.delete(id).catch((e: Error) => (this.error = e.message));
		await this.#setDatasets(this.datasets.filter((d) => d.id !== id));
		await dropDataset(this.#db, dataset);
	}

	/** Add datasets from a workspace file, all or nothing (see `importDatasets`). */
	async addDatasets(records: unknown[]): Promise<{ added: number; refused: string[] }> {
		const { added, refused } = await importDatasets(this.#db, this.#store, this.datasets, records);
		if (added.length) await this.#setDatasets([...this.datasets, ...added]);
		return { added: added.length, refused };
	}
}
