/**
 * Reading a map layer back from IndexedDB or from a workspace file, and writing one to a file.
 *
 * - Format 1: the features as a GeoJSON FeatureCollection, `name` (and `code`) in each feature's
 *   properties. Copying millions of small arrays froze the page for seconds, so format 2 replaced it;
 *   old records and files are upgraded when read (and the stored record is rewritten).
 * - Format 2: `UploadedLayer`: packed geometry (geo-packed.ts) plus `names` and `codes`. In a
 *   workspace file its typed arrays are written as plain number arrays.
 */
import { migrateRecord, type PlainRecord, type RecordSchema } from '$lib/storage/schema-migrate';
import { LAYER_VERSION, type UploadedLayer } from './geo-layer';
import { featureCount, GEOMETRY_TYPES } from './geo-packed';
import { packedToJson, readPackedGeometry } from './geo-packed-check';
import { checkGeoJson, GEO_LIMITS } from './geojson';
import { boundedText, isObject, recordHeaderProblem } from './record-checks';

/** Format 1 → 2: pack the GeoJSON (checking it on the way) and lift names and codes out of it. */
function fromGeoJson(record: PlainRecord): PlainRecord {
	const checked = checkGeoJson(record.features);
	if (!checked.ok) throw new Error(`its geometry is damaged (${checked.error.message})`);
	const features = (record.features as { features: { properties?: unknown }[] }).features;
	if (checked.value.rows.length !== features.length) throw new Error('some of its features have no geometry');
	const property = (key: 'name' | 'code') => features.map((f) => (isObject(f.properties) ? f.properties[key] : undefined));
	const { features: _features, ...rest } = record;
	return { ...rest, names: property('name'), codes: record.kind === 'boundaries' ? property('code') : null, geometry: checked.value.geometry };
}

export const LAYER_SCHEMA: RecordSchema = {
	label: 'map layer',
	field: 'version',
	current: LAYER_VERSION,
	steps: { 1: fromGeoJson }
};

export type ReadLayer = { ok: true; layer: UploadedLayer; migrated: boolean } | { ok: false; reason: string };

/** Migrate, then check; returns a readable reason instead of trusting the bytes. Never throws. */
export function readLayerRecord(raw: unknown): ReadLayer {
	const migrated = migrateRecord(LAYER_SCHEMA, raw);
	if (!migrated.ok) return { ok: false, reason: migrated.reason };
	const v = validateLayer(migrated.record);
	return v.ok ? { ...v, migrated: migrated.from < LAYER_VERSION } : v;
}

/** Check a current-format layer. */
export function validateLayer(raw: unknown): { ok: true; layer: UploadedLayer } | { ok: false; reason: string } {
	const problem = recordHeaderProblem(raw, 'map layer', LAYER_VERSION);
	if (problem || !isObject(raw)) return { ok: false, reason: problem ?? 'not an object' };
	if (raw.kind !== 'boundaries' && raw.kind !== 'areas') return { ok: false, reason: 'its kind must be boundaries or areas' };
	if (raw.kind === 'boundaries' ? raw.boundarySet !== '2010' && raw.boundarySet !== '2024' : raw.boundarySet !== null) return { ok: false, reason: 'its boundary set is malformed' };
	if (typeof raw.enabled !== 'boolean') return { ok: false, reason: 'its on/off flag is malformed' };
	const read = readPackedGeometry(raw.geometry, GEO_LIMITS);
	if (!read.ok) return { ok: false, reason: `its geometry is damaged (${read.reason})` };
	const geometry = read.geometry;
	const n = featureCount(geometry);
	const names = raw.names;
	if (!Array.isArray(names) || names.length !== n) return { ok: false, reason: 'its list of names does not match its features' };
	if (!names.every((name) => boundedText(name))) return { ok: false, reason: 'a feature has no name' };
	let codes: string[] | null = null;
	if (raw.kind === 'boundaries') {
		if (!Array.isArray(raw.codes) || raw.codes.length !== n) return { ok: false, reason: 'its list of seat codes does not match its features' };
		const seen = new Set<string>();
		for (const [i, code] of raw.codes.entries()) {
			if (typeof code !== 'string' || !/^[EWSN]\d{8}$/.test(code) || seen.has(code)) return { ok: false, reason: 'a seat code is malformed or repeated' };
			if (!/Polygon$/.test(GEOMETRY_TYPES[geometry.types[i]])) return { ok: false, reason: 'a seat shape is not a polygon' };
			seen.add(code);
		}
		codes = raw.codes as string[];
	} else if (raw.codes !== null) return { ok: false, reason: 'an area layer has seat codes' };
	const layer = { ...(raw as unknown as UploadedLayer), names: names as string[], codes, geometry };
	return { ok: true, layer };
}

/** A layer for a workspace file (JSON): the typed arrays become number arrays. */
export function layerForFile(layer: UploadedLayer): unknown {
	return { ...layer, geometry: packedToJson(layer.geometry) };
}
