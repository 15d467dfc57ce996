/** Reads `data/manifest.json` (its shape is in `model/manifest.ts`, so queries can use it too). */
import type { DataManifest } from '../model/manifest';

export type { DataManifest, ManifestColumn, ManifestGeo, ManifestSource, ManifestTable } from '../model/manifest';

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
