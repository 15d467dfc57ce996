/**
 * Which geometry file to fetch for a boundary set (from the manifest, so file names live in one
 * place) and a light check of what came back: a broken file should say so, not draw nothing.
 */
import type { FeatureCollection } from 'geojson';
import type { DataManifest, ManifestGeo } from '$lib/data/manifest';

export function geoFile(manifest: DataManifest, kind: ManifestGeo['kind'], set: ManifestGeo['boundarySet']): ManifestGeo {
	const entry = manifest.geo.find((g) => g.kind === kind && (kind === 'outline' || g.boundarySet === set));
	if (!entry) throw new Error(`The data manifest lists no ${kind} file${kind === 'outline' ? '' : ` for the ${set} boundary set`}. Rebuild the data with \`npm run data\`.`);
	return entry;
}

/** Parse a GeoJSON FeatureCollection; with `needCodes`, every feature must carry properties.code. */
export function parseFeatureCollection(text: string, file: string, needCodes: boolean): FeatureCollection {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new Error(`${file} is not valid JSON.`);
	}
	const fc = value as Partial<FeatureCollection> | null;
	if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
		throw new Error(`${file} is not a GeoJSON FeatureCollection.`);
	}
	if (needCodes) {
		const bad = fc.features.findIndex((f) => typeof f?.properties?.code !== 'string');
		if (bad >= 0) throw new Error(`${file}: feature ${bad + 1} has no properties.code.`);
	}
	return fc as FeatureCollection;
}
