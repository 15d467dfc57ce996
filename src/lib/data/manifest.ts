/**
 * The shape of `data/manifest.json`, written by `npm run data` and read by the app and tests.
 * It lists every table the app loads (with DuckDB column types, so loading never guesses), every
 * geometry file, and the attribution each source requires.
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

export interface DataManifest {
	version: 1;
	/** Hash of the source manifest, source contents and build code: unchanged means nothing to do. */
	inputsHash: string;
	tables: ManifestTable[];
	geo: ManifestGeo[];
	sources: ManifestSource[];
}

/** Parse and sanity-check a manifest fetched from the network; throws a readable error. */
export function parseManifest(text: string): DataManifest {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new Error('The data manifest is not valid JSON. Rebuild the data with `npm run data`.');
	}
	const m = value as Partial<DataManifest>;
	if (m?.version !== 1 || !Array.isArray(m.tables) || !Array.isArray(m.geo) || !Array.isArray(m.sources)) {
		throw new Error('The data manifest has an unknown format. Rebuild the data with `npm run data`.');
	}
	for (const t of m.tables) {
		if (typeof t.name !== 'string' || typeof t.file !== 'string' || !Array.isArray(t.columns)) {
			throw new Error(`The data manifest lists a malformed table entry (${JSON.stringify(t).slice(0, 80)}).`);
		}
	}
	return m as DataManifest;
}
