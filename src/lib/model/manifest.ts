/**
 * The shape of `data/manifest.json`, written by `npm run data` and read by the app and tests.
 * It lists every table the app loads (with DuckDB column types, so loading never guesses), every
 * geometry file, and the attribution each source requires. Types only: queries build SQL from
 * them, and `data/manifest.ts` parses the file.
 */
export interface ManifestColumn {
	name: string;
	type: string;
}

export interface ManifestTable {
	name: string;
	description: string;
	file: string;
	rows: number;
	bytes: number;
	sha256: string;
	columns: ManifestColumn[];
	sources: string[];
	/** Not loaded at start-up; fetched on first use. */
	lazy?: boolean;
}

export interface ManifestGeo {
	name: string;
	file: string;
	kind: 'boundaries' | 'outline' | 'hexjson';
	boundarySet: '2010' | '2024' | 'none';
	features: number;
	bytes: number;
	sha256: string;
	sources: string[];
}

export interface ManifestSource {
	id: string;
	file: string;
	publisher: string;
	licence: string;
	attribution: string;
}

/** The build-time first view (`data/first-view.ts`): the page uses it only if its hash matches. */
export interface ManifestFirstView {
	file: string;
	bytes: number;
	sha256: string;
}

export interface DataManifest {
	version: 1;
	/** Hash of the source manifest, source contents and build code: unchanged means nothing to do. */
	inputsHash: string;
	tables: ManifestTable[];
	geo: ManifestGeo[];
	sources: ManifestSource[];
	/** Absent when the data was built without one (the page then computes live). */
	firstView?: ManifestFirstView;
}
