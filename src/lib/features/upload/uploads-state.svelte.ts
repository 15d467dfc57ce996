/**
 * The import wizard and the list of committed uploads. A file is staged (parsed, typed, matched)
 * without touching the database; only "Import" commits it: the seat-level table is built, loaded
 * into DuckDB, saved in the browser, and its columns join the indicator catalogue.
 */
import type { Database } from '$lib/db/types';
import { dropDataset, loadDataset } from '$lib/data/dataset-db';
import { buildSmallAreaDataset } from './small-area-dataset';
import { prepareIndicators } from '$lib/data/prepare-indicators';
import type { PreparedWithUploads, SetAsideUpload } from '$lib/data/prepare-with-uploads';
import type { RecordStore } from '$lib/storage/record-store';
import type { BoundarySet } from '$lib/model/catalogue';
import type { Catalogue } from '$lib/data/catalogue.svelte';
import { buildSeatDataset, defaultChoices, type ColumnChoice } from './build-dataset';
import { datasetIndicators, type UploadedDataset } from './dataset';
import { importDatasets, restoreUploads, UPLOADS_DB, UPLOADS_STORE, type RestoredUploads } from './restore-uploads';
import type { TextEncoding } from './decode';
import type { UploadFormat } from './formats';
import { StageCancelled, stageInWorker } from './stage-in-worker';
import { buildAreaLayer, buildBoundaryLayer, defaultLabelIndex, describeImportedLayer } from './geo-layer';
import type { GeoStage } from './geojson';
import { LayersState } from './layers-state.svelte';
import { profileColumn, type ColumnType } from './infer';
import type { KeyCandidate } from './keys';
import { acceptSuggestion, type MatchReport } from './match';
import { matchForKey, type PreparedUpload } from './prepare';
import type { Delimiter, ReferenceSeat, UploadWarning } from './types';
import { clipText, RECORD_LIMITS } from './limits';

export { restoreUploads, type RestoredUploads, UPLOADS_DB, UPLOADS_STORE };

export class ImportCancelled extends Error {
	constructor() {
		super('Import cancelled: nothing was imported, and your earlier uploads are as they were.');
		this.name = 'ImportCancelled';
	}
}

export class UploadsState {
	datasets = $state.raw<UploadedDataset[]>([]);
	quarantined = $state<string[]>([]);
	/** Stored uploads that could not be loaded on this visit: kept in storage, listed with a Delete. */
	setAside = $state.raw<SetAsideUpload[]>([]);
	persistent = $state(true);
	notice = $state<string | null>(null);
	error = $state<string | null>(null);
	/** An import is running (the file input is disabled until it ends). */
	committing = $state(false);
	message = $state<string | null>(null);

	// The wizard
	prepared = $state.raw<PreparedUpload | null>(null);
	warnings = $state.raw<readonly UploadWarning[]>([]);
	stageError = $state<string | null>(null);
	key = $state.raw<KeyCandidate | null>(null);
	report = $state.raw<MatchReport | null>(null);
	choices = $state<ColumnChoice[]>([]);
	name = $state('');
	duplicates = $state<'refuse' | 'sum' | 'mean'>('refuse');
	smallAreaHow = $state<'sum' | 'mean'>('sum');
	smallAreaSet = $state<BoundarySet>('2010');
	encoding = $state<TextEncoding | 'auto'>('auto');
	delimiter = $state<Delimiter | 'auto'>('auto');
	/** The staged file's format, and for a workbook its sheets and the one read. */
	format = $state<UploadFormat | null>(null);
	sheets = $state.raw<readonly string[]>([]);
	sheet = $state('');
	/** A GeoJSON file's features, and what to make of them: seat boundaries or an area layer. */
	geo = $state.raw<GeoStage | null>(null);
	geoUse = $state<'boundaries' | 'areas'>('areas');
	geoLabel = $state<number | null>(null);
	/** Also import a keyed GeoJSON's numeric properties as indicators. */
	geoIndicators = $state(false);
	readonly layers = new LayersState();
	#file: File | null = null;
	/**
	 * Bumped whenever the wizard is cleared for another file. An import that ends after the user
	 * has chosen another file must not clear that file's stage or put its own error on it: the
	 * last choice always wins.
	 */
	#stageGeneration = 0;

	#store: RecordStore | null = null;
	#commitAbort = $state.raw<AbortController | null>(null);
	#stageAbort = $state.raw<AbortController | null>(null);
	readonly #db: Database;
	readonly #catalogue: Catalogue;
	readonly #reference: ReferenceSeat[];
	readonly #ensureTable: (name: string) => Promise<void>;

	constructor(db: Database, catalogue: Catalogue, reference: ReferenceSeat[], ensureTable: (name: string) => Promise<void>) {
		this.#db = db;
		this.#catalogue = catalogue;
		this.#reference = reference;
		this.#ensureTable = ensureTable;
		void this.layers.restore();
	}

	/** Keyed by seat (code or name), so a GeoJSON file can replace the seat boundaries. */
	get seatKeyed(): boolean {
		return !!this.report && this.key?.kind !== 'small-area';
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

	/** Reading a file or importing one: Import and the sheet choice wait for either. */
	get busy(): boolean {
		return this.committing || this.reading;
	}

	/** An import's failure goes on its own stage, or in the notice if another file was chosen since. */
	#reportCommitError(generation: number, message: string) {
		if (generation === this.#stageGeneration) this.error = message;
		else this.notice = message;
	}

	clearStage() {
		this.prepared = null;
		this.report = null;
		this.key = null;
		this.stageError = null;
		this.warnings = [];
		this.format = null;
		this.sheets = [];
		this.geo = null;
		this.#file = null;
		this.#stageGeneration++;
	}

	/** Stage a file: nothing is written to DuckDB or storage until `commit`. */
	async stage(file: File) {
		this.sheet = '';
		await this.#read(file);
	}

	/** Re-read the staged file with another encoding, delimiter or sheet. */
	async restage() {
		if (this.#file) await this.#read(this.#file);
	}

	async #read(file: File) {
		const sheet = this.sheet;
		this.clearStage();
		this.message = null;
		this.#file = file;
		const controller = new AbortController();
		this.#stageAbort?.abort();
		this.#stageAbort = controller;
		try {
			let staged;
			try {
				staged = await stageInWorker(file, this.#reference, { encoding: this.encoding, delimiter: this.delimiter === 'auto' ? undefined : this.delimiter, sheet: sheet || undefined }, controller.signal);
			} catch (error) {
				if (this.#stageAbort !== controller) return; // a newer read took over
				this.clearStage();
				if (error instanceof StageCancelled) this.message = error.message;
				else this.stageError = (error as Error).message;
				return;
			}
			if (this.#stageAbort !== controller) return;
			// Kept even when the sheet fails, so another sheet can be chosen.
			this.format = staged.format;
			this.sheets = staged.sheets;
			this.sheet = staged.sheet ?? '';
			const result = staged.result;
			this.name = clipText(file.name.replace(/\.[^.]+$/, ''), RECORD_LIMITS.name);
			if (staged.geo) {
				this.geo = staged.geo;
				this.geoLabel = defaultLabelIndex(staged.geo);
				this.geoIndicators = false;
				this.warnings = staged.geoWarnings ?? [];
				// Without a seat key a GeoJSON file can still be an area layer.
				if (!result.ok && result.error.code === 'no-key-column') {
					this.geoUse = 'areas';
					return;
				}
			}
			if (!result.ok) {
				this.geo = null;
				this.stageError = result.error.message;
				return;
			}
			this.prepared = result.value;
			this.warnings = [...this.warnings, ...result.warnings];
			this.setKey(result.value.keys[0]);
			if (this.geo) this.geoUse = this.seatKeyed && (this.report?.matched.length ?? 0) > 0 ? 'boundaries' : 'areas';
		} finally {
			if (this.#stageAbort === controller) this.#stageAbort = null;
		}
	}

	/** Stop reading a file: the worker is terminated and nothing is staged. */
	cancelStage() {
		this.#stageAbort?.abort();
	}

	/** Whether a file is being read (and can be cancelled). */
	get reading(): boolean {
		return this.#stageAbort !== null;
	}

	setKey(key: KeyCandidate) {
		if (!this.prepared) return;
		this.key = key;
		// The reader already matched the first key, in its worker: matching again here took a second
		// on the main thread for a 2-million-row file.
		this.report = key === this.prepared.keys[0] && this.prepared.match ? this.prepared.match : matchForKey(this.prepared.table, key, this.#reference);
		if (key.kind === 'small-area') this.smallAreaSet = key.boundarySet ?? '2010';
		this.choices = defaultChoices(this.prepared.columns, key.columnIndex);
	}

	/** Override a column's inferred type (e.g. codes read as numbers); re-profiles that column only. */
	setType(index: number, type: ColumnType) {
		const p = this.prepared;
		if (!p) return;
		const columns = p.columns.map((c, i) => (i === index ? profileColumn(c.name, p.table.columns[i], type) : c));
		this.prepared = { ...p, columns };
		const numeric = type === 'integer' || type === 'number' || type === 'percent';
		this.choices = this.choices.map((c) => (c.index === index ? { ...c, include: numeric && index !== this.key?.columnIndex } : c));
	}

	accept(input: string, code: string) {
		if (this.report) this.report = acceptSuggestion(this.report, input, code, this.#reference);
	}

	/**
	 * Import the staged file. Cancellable until the catalogue is rebuilt: a cancel (or a failure)
	 * drops the DuckDB table and the stored record this call made, so nothing is half-imported.
	 */
	async commit() {
		if (this.geo) return this.#commitGeo(this.geo);
		const prepared = this.prepared;
		if (!prepared || !this.key) return;
		const controller = new AbortController();
		const generation = this.#stageGeneration;
		this.#commitAbort = controller;
		this.committing = true;
		this.error = null;
		let dataset: UploadedDataset | null = null;
		let loaded = false;
		let saved = false;
		const checkpoint = () => {
			if (controller.signal.aborted) throw new ImportCancelled();
		};
		try {
			dataset = this.key.kind === 'small-area' ? await this.#buildFromSmallAreas(prepared) : await this.#buildFromSeats(prepared, checkpoint);
			if (!dataset) return;
			checkpoint();
			await loadDataset(this.#db, dataset);
			loaded = true;
			checkpoint();
			const d = dataset;
			await this.#store?.put(d.id, d, `the upload “${d.name}”`).then(
				() => (saved = true),
				(error: Error) => (this.notice = `${error.message} The upload works for this visit but will not survive a reload.`)
			);
			checkpoint();
			this.#commitAbort = null; // past here the catalogue changes: too late to cancel
			await this.#setDatasets([...this.datasets, dataset]);
			this.message = `Imported “${dataset.name}”: ${dataset.columns.length} indicator${dataset.columns.length > 1 ? 's' : ''} for ${dataset.codes.length} seats (${dataset.boundarySet} boundaries). Find ${dataset.columns.length > 1 ? 'them' : 'it'} under “Uploaded” when adding an indicator.`;
			if (generation === this.#stageGeneration) this.clearStage();
		} catch (error) {
			if (dataset && loaded && !this.datasets.some((d) => d.id === dataset!.id)) await dropDataset(this.#db, dataset).catch(() => {});
			if (dataset && saved && !this.datasets.some((d) => d.id === dataset!.id)) await this.#store?.delete(dataset.id).catch(() => {});
			this.#reportCommitError(generation, error instanceof ImportCancelled ? error.message : `Nothing was imported: ${(error as Error).message}`);
		} finally {
			if (this.#commitAbort === controller) this.#commitAbort = null;
			this.committing = false;
		}
	}

	/** A GeoJSON file becomes a map layer, and optionally also a dataset of its numeric properties. */
	async #commitGeo(geo: GeoStage) {
		const generation = this.#stageGeneration;
		this.committing = true;
		this.error = null;
		try {
			const meta = { name: this.name, fileName: this.#file?.name ?? '' };
			const boundaries = this.geoUse === 'boundaries';
			if (boundaries && (!this.seatKeyed || !this.report)) {
				this.error = 'Only a file keyed by constituency code or name can replace the seat boundaries. Import it as an area layer instead.';
				return;
			}
			const built = boundaries ? buildBoundaryLayer(geo, this.report!, meta) : buildAreaLayer(geo, this.geoLabel, meta);
			if (!built.ok) {
				this.error = built.error;
				return;
			}
			const dataset = this.geoIndicators && this.prepared && this.key ? (this.key.kind === 'small-area' ? await this.#buildFromSmallAreas(this.prepared) : await this.#buildFromSeats(this.prepared)) : null;
			if (this.geoIndicators && !dataset) return;
			await this.layers.add(built.layer);
			if (dataset) {
				await loadDataset(this.#db, dataset);
				await this.#store?.put(dataset.id, dataset, `the upload “${dataset.name}”`).catch((error: Error) => (this.notice = `${error.message} The upload works for this visit but will not survive a reload.`));
				await this.#setDatasets([...this.datasets, dataset]);
			}
			this.message = describeImportedLayer(built, this.report?.seatsInSet ?? 0);
			if (dataset) this.message += ` Also ${dataset.columns.length} indicator${dataset.columns.length > 1 ? 's' : ''} under “Uploaded”.`;
			if (generation === this.#stageGeneration) this.clearStage();
		} catch (error) {
			this.#reportCommitError(generation, `Nothing was imported: ${(error as Error).message}`);
		} finally {
			this.committing = false;
		}
	}

	/** Stop an import in progress; true if there was one to stop. */
	cancelCommit(): boolean {
		if (!this.#commitAbort) return false;
		this.#commitAbort.abort();
		return true;
	}

	/** Whether an import can still be cancelled. */
	get importing(): boolean {
		return this.committing && this.#commitAbort !== null;
	}

	/** `checkpoint` throws once the import is cancelled; it runs between chunks of rows. */
	async #buildFromSeats(prepared: PreparedUpload, checkpoint: () => void = () => {}): Promise<UploadedDataset | null> {
		if (!this.report) return null;
		const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0)).then(checkpoint);
		const built = await buildSeatDataset(prepared.table, prepared.columns, this.report, this.choices, { name: this.name, duplicates: this.duplicates, fileName: prepared.fileName, pause });
		if (!built.ok) {
			this.error = built.error;
			return null;
		}
		return built.dataset;
	}

	async #buildFromSmallAreas(prepared: PreparedUpload): Promise<UploadedDataset | null> {
		const built = await buildSmallAreaDataset(this.#db, this.#ensureTable, prepared, {
			keyColumn: this.key!.columnIndex,
			choices: this.choices,
			name: this.name,
			set: this.smallAreaSet,
			how: this.smallAreaHow
		});
		if (!built.ok) {
			this.error = built.error;
			return null;
		}
		if (built.notice) this.notice = built.notice;
		return built.dataset;
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
