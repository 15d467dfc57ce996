/**
 * What MapLibre is given for an uploaded layer. Area overlays go as a blob: URL of the packed layer
 * (layer-blob.ts), read inside MapLibre's workers by layer-protocol.worker.ts, so opening the Map
 * with a 5-million-position layer costs the page one copy of its typed arrays and no nested arrays.
 * Seat boundaries are decoded to GeoJSON here: the map reads their features for bounds, zoom and
 * highlighting. Both are cached per geometry, which outlives renames and on/off switches.
 */
import type { FeatureCollection } from 'geojson';
import type { UploadedLayer } from '$lib/features/upload/records/geo-layer';
import { geometryAt, type PackedGeometry } from '$lib/features/upload/read/geo-packed';
import protocolScript from './layer-protocol.worker.ts?worker&url';
import { layerBlob } from './layer-blob';

/** Load the protocol into MapLibre's workers; false when that failed (the map then gets GeoJSON objects). */
export async function installLayerProtocol(importScriptInWorkers: (url: string) => Promise<unknown>): Promise<boolean> {
	try {
		// Absolute: MapLibre's workers run from blob: URLs, against which a relative URL means nothing.
		await importScriptInWorkers(new URL(protocolScript, location.href).href);
		return true;
	} catch {
		return false;
	}
}

const urls = new Map<string, { geometry: PackedGeometry; url: string }>();

/** A blob: URL for an overlay layer, made once per layer while it is on the map. */
export function overlayUrl(layer: UploadedLayer): string {
	const cached = urls.get(layer.id);
	if (cached?.geometry === layer.geometry) return cached.url;
	if (cached) URL.revokeObjectURL(cached.url);
	const url = URL.createObjectURL(layerBlob(layer.geometry, layer.names));
	urls.set(layer.id, { geometry: layer.geometry, url });
	return url;
}

/** Free the blobs of layers no longer on the map (each holds a copy of the layer's geometry). */
export function releaseOverlayUrls(shown: ReadonlySet<string>) {
	for (const [id, { url }] of urls) {
		if (shown.has(id)) continue;
		URL.revokeObjectURL(url);
		urls.delete(id);
	}
}

const collections = new WeakMap<PackedGeometry, FeatureCollection>();

/** The layer as GeoJSON, with `name` (and `code` for boundaries) in each feature's properties. */
export function layerCollection(layer: UploadedLayer): FeatureCollection {
	let fc = collections.get(layer.geometry);
	if (!fc) {
		fc = {
			type: 'FeatureCollection',
			features: layer.names.map((name, i) => ({ type: 'Feature', properties: layer.codes ? { code: layer.codes[i], name } : { name }, geometry: geometryAt(layer.geometry, i) }))
		};
		collections.set(layer.geometry, fc);
	}
	return fc;
}
