/**
 * The import wizard. A file is staged (parsed, typed, matched) without touching the database; only
 * "Import" commits it: the seat-level table is built, loaded into DuckDB, saved in the browser, and
 * added to the library of uploads (`upload-library.svelte.ts`), whose columns join the indicator
 * catalogue. Errors and notices go on the library's line (see there).
 */
import type { Database } from '$lib/db/types';
import { dropDataset, loadDataset } from '$lib/data/dataset-db';
import type { BoundarySet } from '$lib/model/catalogue';
import { buildSmallAreaDataset } from './records/small-area-dataset';
import { buildSeatDataset, defaultChoices, type ColumnChoice } from './records/build-dataset';
import type { UploadedDataset } from '../../model/uploads/dataset';
import { buildAreaLayer, buildBoundaryLayer, defaultLabelIndex, describeImportedLayer } from './records/geo-layer';
import type { TextEncoding } from './read/decode';
import type { GeoStage } from './read/geojson';
import { profileColumn, type ColumnType } from './read/infer';
import type { KeyCandidate } from './match/keys';
import { acceptSuggestion, type MatchReport } from './match/match';
import type { UploadFormat } from './stage/formats';
import { matchForKey, type PreparedUpload } from './stage/prepare';
import { StageCancelled, stageInWorker } from './stage/stage-in-worker';
import type { Delimiter, ReferenceSeat, UploadWarning } from './types';
import { clipText, RECORD_LIMITS } from '../../model/uploads/limits';
import type { UploadLibrary } from './upload-library.svelte';

export class ImportCancelled extends Error {
	constructor() {
		super('Import cancelled: nothing was imported, and your earlier uploads are as they were.');
		this.name = 'ImportCancelled';
	}
}

export class ImportWizard {
	/** An import is running (the file input is disabled until it ends). */
	committing = $state(false);
	message = $state<string | null>(null);

	// The staged file and the choices made on it
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
	#file: File | null = null;
	/**
	 * Bumped whenever the wizard is cleared for another file. An import that ends after the user
	 * has chosen another file must not clear that file's stage or put its own error on it: the
	 * last choice always wins.
	 */
	#stageGeneration = 0;

	#commitAbort = $state.raw<AbortController | null>(null);
	#stageAbort = $state.raw<AbortController | null>(null);
	readonly #db: Database;
	readonly #library: UploadLibrary;
	/** The seats a key is matched against: read from the engine on the first file staged. */
	#reference: ReferenceSeat[] = [];
	readonly #loadReference: () => Promise<ReferenceSeat[]>;
	readonly #ensureTable: (name: string) => Promise<void>;

	constructor(db: Database, library: UploadLibrary, reference: () => Promise<ReferenceSeat[]>, ensureTable: (name: string) => Promise<void>) {
		this.#db = db;
		this.#library = library;
		this.#loadReference = reference;
		this.#ensureTable = ensureTable;
	}

	/** Keyed by seat (code or name), so a GeoJSON file can replace the seat boundaries. */
	get seatKeyed(): boolean {
		return !!this.report && this.key?.kind !== 'small-area';
	}

	/** Reading a file or importing one: Import and the sheet choice wait for either. */
	get busy(): boolean {
		return this.committing || this.reading;
	}

	/** An import's failure goes on its own stage, or in the notice if another file was chosen since. */
	#reportCommitError(generation: number, message: string) {
		if (generation === this.#stageGeneration) this.#library.error = message;
		else this.#library.notice = message;
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
				this.#reference = await this.#loadReference();
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
		this.#library.error = null;
		let dataset: UploadedDataset | null = null;
		let loaded = false;
		let saved = false;
		const checkpoint = () => {
			if (controller.signal.aborted) throw new ImportCancelled();
		};
		try {
			dataset = await this.#buildDataset(prepared, this.key, checkpoint);
			if (!dataset) return;
			checkpoint();
			await loadDataset(this.#db, dataset);
			loaded = true;
			checkpoint();
			saved = await this.#library.save(dataset);
			checkpoint();
			this.#commitAbort = null; // past here the catalogue changes: too late to cancel
			await this.#library.include(dataset);
			this.message = `Imported “${dataset.name}”: ${dataset.columns.length} indicator${dataset.columns.length > 1 ? 's' : ''} for ${dataset.codes.length} seats (${dataset.boundarySet} boundaries). Find ${dataset.columns.length > 1 ? 'them' : 'it'} under “Uploaded” when adding an indicator.`;
			if (generation === this.#stageGeneration) this.clearStage();
		} catch (error) {
			if (dataset && loaded && !this.#library.has(dataset.id)) await dropDataset(this.#db, dataset).catch(() => {});
			if (dataset && saved && !this.#library.has(dataset.id)) await this.#library.unsave(dataset.id);
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
		this.#library.error = null;
		try {
			const meta = { name: this.name, fileName: this.#file?.name ?? '' };
			const boundaries = this.geoUse === 'boundaries';
			if (boundaries && (!this.seatKeyed || !this.report)) {
				this.#library.error = 'Only a file keyed by constituency code or name can replace the seat boundaries. Import it as an area layer instead.';
				return;
			}
			const built = boundaries ? buildBoundaryLayer(geo, this.report!, meta) : buildAreaLayer(geo, this.geoLabel, meta);
			if (!built.ok) {
				this.#library.error = built.error;
				return;
			}
			const dataset = this.geoIndicators && this.prepared && this.key ? await this.#buildDataset(this.prepared, this.key) : null;
			if (this.geoIndicators && !dataset) return;
			await this.#library.layers.add(built.layer);
			if (dataset) {
				await loadDataset(this.#db, dataset);
				await this.#library.save(dataset);
				await this.#library.include(dataset);
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

	/**
	 * The dataset the staged file makes, or null with the reason in the error line. `checkpoint`
	 * throws once the import is cancelled; it runs between chunks of rows.
	 */
	async #buildDataset(prepared: PreparedUpload, key: KeyCandidate, checkpoint: () => void = () => {}): Promise<UploadedDataset | null> {
		const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0)).then(checkpoint);
		const built =
			key.kind === 'small-area'
				? await buildSmallAreaDataset(this.#db, this.#ensureTable, prepared, { keyColumn: key.columnIndex, choices: this.choices, name: this.name, set: this.smallAreaSet, how: this.smallAreaHow })
				: this.report && (await buildSeatDataset(prepared.table, prepared.columns, this.report, this.choices, { name: this.name, duplicates: this.duplicates, fileName: prepared.fileName, pause }));
		if (!built) return null;
		if (!built.ok) {
			this.#library.error = built.error;
			return null;
		}
		if ('notice' in built && built.notice) this.#library.notice = built.notice;
		return built.dataset;
	}
}
