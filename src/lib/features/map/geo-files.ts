/**
 * Which geometry file to fetch for a boundary set (from the manifest, so file names live in one
 * place) and a light check of what came back: a broken file should say so, not draw nothing.
 */
import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { DataManifest, ManifestGeo } from '$lib/data/manifest';

/** The data build writes boundaries and the outline as TopoJSON with one object of this name. */
export const TOPOJSON_OBJECT = 'features';
/** Grid of the quantised coordinates: 1e5 steps across the UK's extent, about 10 m. */
export const TOPOJSON_QUANTIZATION = 1e5;

export function geoFile(manifest: DataManifest, kind: ManifestGeo['kind'], set: ManifestGeo['boundarySet']): ManifestGeo {
	const entry = manifest.geo.find((g) => g.kind === kind && (kind === 'outline' || g.boundarySet === set));
	if (!entry) throw new Error(`The data manifest lists no ${kind} file${kind === 'outline' ? '' : ` for the ${set} boundary set`}. Rebuild the data with \`npm run data\`.`);
	return entry;
}

/**
 * Parse a geometry file (TopoJSON from the data build, or GeoJSON) into a GeoJSON
 * FeatureCollection; with `needCodes`, every feature must carry properties.code.
 */
export function parseFeatureCollection(text: string, file: string, needCodes: boolean): FeatureCollection {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new Error(`${file} is not valid JSON.`);
	}
	if ((value as { type?: unknown } | null)?.type === 'Topology') {
		const topo = value as Topology;
		const object = topo.objects?.[TOPOJSON_OBJECT];
		if (!object) throw new Error(`${file} is TopoJSON without a "${TOPOJSON_OBJECT}" object.`);
		value = feature(topo, object);
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
