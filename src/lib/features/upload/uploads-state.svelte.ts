/**
 * The Upload tab's state: the import wizard (`import-wizard.svelte.ts`: staging a file, the column
 * choices, import and cancel) and the library of committed uploads it adds to
 * (`upload-library.svelte.ts`: the list, restored uploads, rename, delete, set-aside). The views
 * use the two parts directly; the rest of the app needs only the members below.
 */
import type { Database } from '$lib/db/types';
import type { PreparedWithUploads } from '$lib/data/prepare-with-uploads';
import type { Catalogue } from '$lib/data/catalogue.svelte';
import { restoreUploads, UPLOADS_DB, UPLOADS_STORE, type RestoredUploads } from './records/restore-uploads';
import { ImportCancelled, ImportWizard } from './import-wizard.svelte';
import type { ReferenceSeat } from './types';
import { UploadLibrary } from './upload-library.svelte';

export { ImportCancelled, restoreUploads, type RestoredUploads, UPLOADS_DB, UPLOADS_STORE };

export class UploadsState {
	readonly library: UploadLibrary;
	readonly wizard: ImportWizard;

	constructor(db: Database, catalogue: Catalogue, reference: () => Promise<ReferenceSeat[]>, ensureTable: (name: string) => Promise<void>) {
		this.library = new UploadLibrary(db, catalogue);
		this.wizard = new ImportWizard(db, this.library, reference, ensureTable);
	}

	// The library's members the rest of the app uses (app data, the workspace panel, the map).
	get datasets() {
		return this.library.datasets;
	}

	get setAside() {
		return this.library.setAside;
	}

	get layers() {
		return this.library.layers;
	}

	/** The tab's error line (the app puts a failed restore there). */
	get error() {
		return this.library.error;
	}

	set error(message: string | null) {
		this.library.error = message;
	}

	adopt(restored: RestoredUploads, loaded: Pick<PreparedWithUploads, 'loaded' | 'setAside'>) {
		this.library.adopt(restored, loaded);
	}

	setAsideOnRebuild(rebuilt: Pick<PreparedWithUploads, 'loaded' | 'setAside'>) {
		this.library.setAsideOnRebuild(rebuilt);
	}

	addDatasets(records: unknown[]): Promise<{ added: number; refused: string[] }> {
		return this.library.addDatasets(records);
	}
}
