/**
 * An uploaded layer's packed geometry and names as one binary blob, for MapLibre's worker to read
 * (layer-protocol.worker.ts). Why binary and not GeoJSON text: building and parsing ~200 MB of
 * text for a 5-million-position layer is seconds of work, and handing MapLibre a GeoJSON object
 * makes it walk every nested array on the page's thread. The page only copies five typed arrays
 * into a Blob; the nested GeoJSON is built inside MapLibre's worker, where it is needed.
 *
 * Layout (little-endian, as typed arrays are on every browser that runs the app):
 * 8 × uint32 header [MAGIC, features, parts, rings, positions, coords, name bytes, 0],
 * then coords (float64), parts, rings, positions (uint32), types (uint8), names (UTF-8 JSON).
 */
import type { FeatureCollection } from 'geojson';
import { geometryAt, type PackedGeometry } from '$lib/features/upload/read/geo-packed';

/** "HLG2": tells a layer blob from any other blob URL MapLibre might fetch. */
const MAGIC = 0x32474c48;
const HEADER_BYTES = 32;

export function layerBlob(geometry: PackedGeometry, names: readonly string[]): Blob {
	const { types, parts, rings, positions, coords } = geometry;
	const nameBytes = new TextEncoder().encode(JSON.stringify(names));
	const header = new Uint32Array([MAGIC, types.length, parts.length, rings.length, positions.length, coords.length, nameBytes.length, 0]);
	return new Blob([header, coords, parts, rings, positions, types, nameBytes] as BlobPart[], { type: 'application/octet-stream' });
}

/** The layer as a FeatureCollection with `name` properties, or null when `bytes` is not a layer blob. */
export function decodeLayerBlob(bytes: ArrayBuffer): FeatureCollection | null {
	if (bytes.byteLength < HEADER_BYTES) return null;
	const [magic, n, partsLength, ringsLength, positionsLength, coordsLength, nameLength] = new Uint32Array(bytes, 0, 8);
	if (magic !== MAGIC) return null;
	let at = HEADER_BYTES;
	const take = <T>(make: (offset: number) => T, byteLength: number): T => {
		const out = make(at);
		at += byteLength;
		return out;
	};
	const coords = take((o) => new Float64Array(bytes, o, coordsLength), coordsLength * 8);
	const parts = take((o) => new Uint32Array(bytes, o, partsLength), partsLength * 4);
	const rings = take((o) => new Uint32Array(bytes, o, ringsLength), ringsLength * 4);
	const positions = take((o) => new Uint32Array(bytes, o, positionsLength), positionsLength * 4);
	const types = take((o) => new Uint8Array(bytes, o, n), n);
	const names = JSON.parse(new TextDecoder().decode(new Uint8Array(bytes, at, nameLength))) as string[];
	const geometry: PackedGeometry = { types, parts, rings, positions, coords };
	return {
		type: 'FeatureCollection',
		features: names.map((name, i) => ({ type: 'Feature', properties: { name }, geometry: geometryAt(geometry, i) }))
	};
}
