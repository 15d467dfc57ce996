/**
 * Reading a GeoJSON upload: check every feature's geometry, keep only what the map needs, and
 * turn the features' properties into CSV text so key detection, matching and type inference are
 * the same code as for a CSV. Coordinates must be longitude/latitude (WGS 84, RFC 7946): a file
 * in British National Grid metres is refused with a message, never drawn in the wrong place.
 */
import { csvField } from '$lib/export/csv';
import { type UploadResult, type UploadWarning, fail, ok, quoteForMessage, uploadError } from '../types';
import { isObject } from '../../../model/uploads/record-checks';
import { GEOMETRY_TYPES, PackedBuilder, featureCount, type PackedGeometry, type UploadGeometry } from './geo-packed';

export type { UploadGeometry };

export interface GeoStage {
	/** The kept features' geometry, packed (geo-packed.ts): feature i is row i. */
	readonly geometry: PackedGeometry;
	/** Per kept feature, one value per property name (`properties`), as text; null when absent. */
	readonly rows: readonly (readonly (string | null)[])[];
	readonly properties: readonly string[];
	/** Feature count per geometry type, e.g. { MultiPolygon: 600, Polygon: 50 }. */
	readonly geometryTypes: Readonly<Record<string, number>>;
	readonly positions: number;
	/** [west, south, east, north] in degrees. */
	readonly bounds: readonly [number, number, number, number];
}

export interface GeoLimits {
	readonly maxFeatures: number;
	readonly maxPositions: number;
	readonly maxProperties: number;
}

export const GEO_LIMITS: GeoLimits = { maxFeatures: 50_000, maxPositions: 5_000_000, maxProperties: 2_000 };

/** The geometry types a layer may hold (a Set: `in` on an object would also accept "toString"). */
const KNOWN_TYPES = new Set<string>(GEOMETRY_TYPES);
/** Generous box around the UK and its waters, for a warning only. */
const UK_BOX = [-14, 48, 4, 62] as const;
/** Where British National Grid eastings and northings can lie, in metres: [minX, minY, maxX, maxY]. */
const BNG_EXTENT = [0, 0, 700_000, 1_300_000] as const;

const invalid = (message: string) => fail<GeoStage>(uploadError({ code: 'invalid-geojson', message }));

const PROJECTED_HINT =
	'GeoJSON coordinates must be longitude and latitude in degrees (WGS 84). This file looks projected, probably British National Grid in metres: re-save it as WGS 84 (EPSG:4326), for example with QGIS “Export › Save Features As” or `ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson`.';

/** Cheap sniff for a `.json` file: is this GeoJSON rather than some other JSON? */
export function looksLikeGeoJson(head: string): boolean {
	return /^\s*\{[\s\S]*"type"\s*:\s*"(FeatureCollection|Feature|Polygon|MultiPolygon)"/.test(head.slice(0, 4096));
}

class GeoError extends Error {}

type Counter = { positions: number; bounds: number[] };

/** Validate one position and keep [x, y] only (z and extra values would only cost memory). */
function addPosition(value: unknown, where: string, counter: Counter, limits: GeoLimits, out: PackedBuilder) {
	if (!Array.isArray(value)) throw new GeoError(`${where} has coordinates that are not an array.`);
	const [x, y] = value as unknown[];
	if (typeof x !== 'number' || typeof y !== 'number') throw new GeoError(`${where} has a position that is not two numbers.`);
	if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90)) {
		// Only a position inside the grid's own extent is taken for British National Grid.
		const onGrid = x >= BNG_EXTENT[0] && y >= BNG_EXTENT[1] && x <= BNG_EXTENT[2] && y <= BNG_EXTENT[3];
		if (onGrid) throw new GeoError(`${where} has the position (${x}, ${y}), which is not a longitude and latitude. ${PROJECTED_HINT}`);
		throw new GeoError(
			`${where} has the position (${x}, ${y}), which is not a valid coordinate: it is out of range for longitude and latitude (at most 180 and 90 degrees either way) and for British National Grid (eastings 0 to 700,000 m, northings 0 to 1,300,000 m). Fix or remove that geometry, or re-save the file as WGS 84 (EPSG:4326) if it uses another projection. Nothing was imported.`
		);
	}
	if (++counter.positions > limits.maxPositions) throw new GeoError(`This file has more than ${limits.maxPositions.toLocaleString('en-GB')} coordinate positions, more than a browser map can hold. Simplify it first (for example mapshaper “-simplify 10%”).`);
	const b = counter.bounds;
	if (x < b[0]) b[0] = x;
	if (y < b[1]) b[1] = y;
	if (x > b[2]) b[2] = x;
	if (y > b[3]) b[3] = y;
	out.position(x, y);
}

/** Check a geometry's coordinates and append them to `out` as one packed feature (see geo-packed.ts). */
function packGeometry(type: UploadGeometry['type'], coordinates: unknown, where: string, counter: Counter, limits: GeoLimits, out: PackedBuilder) {
	const list = (value: unknown): unknown[] => {
		if (!Array.isArray(value)) throw new GeoError(`${where} has coordinates that are not an array.`);
		return value;
	};
	const polygon = type === 'Polygon' || type === 'MultiPolygon';
	const ring = (value: unknown) => {
		for (const p of list(value)) addPosition(p, where, counter, limits, out);
		const size = out.endRing();
		if (polygon && size < 4) throw new GeoError(`${where} has a polygon ring with ${size} positions; a closed ring needs at least 4.`);
	};
	const part = (value: unknown) => {
		for (const r of list(value)) ring(r);
		if (out.endPart() === 0 && polygon) throw new GeoError(`${where} has a polygon with no rings.`);
	};
	if (type === 'Point') {
		addPosition(coordinates, where, counter, limits, out);
		out.endRing();
		out.endPart();
	} else if (type === 'MultiPoint' || type === 'LineString') {
		ring(coordinates);
		out.endPart();
	} else if (type === 'MultiPolygon') for (const p of list(coordinates)) part(p);
	else part(coordinates);
	out.endFeature(type);
}

/** "an object", "a string", "null"…: what a JSON value is, for a message. */
function describeJson(value: unknown): string {
	if (value === null) return 'null';
	if (isObject(value)) return 'an object';
	if (typeof value === 'string') return 'a string';
	if (typeof value === 'number') return 'a number';
	if (typeof value === 'boolean') return `${value}`;
	return typeof value;
}

function propertyText(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	// Nested values stay readable as JSON; they are labels at most, never numbers.
	return JSON.stringify(value).slice(0, 1000);
}

/** Parse and check GeoJSON text. Any failure names the feature, and nothing is half-read. */
export function readGeoJson(text: string, limits: GeoLimits = GEO_LIMITS): UploadResult<GeoStage> {
	let root: unknown;
	try {
		root = JSON.parse(text);
	} catch (error) {
		return invalid(`This is not valid JSON (${(error as Error).message.slice(0, 120)}).`);
	}
	return checkGeoJson(root, limits);
}

/** Check parsed GeoJSON (a file just read, or a layer read back from storage). */
export function checkGeoJson(root: unknown, limits: GeoLimits = GEO_LIMITS): UploadResult<GeoStage> {
	if (!isObject(root)) return invalid('This JSON is not a GeoJSON object.');
	const crs = JSON.stringify(root.crs ?? '');
	if (/27700|OSGB|British National Grid/i.test(crs)) return invalid(PROJECTED_HINT);
	if (root.type === 'FeatureCollection' && !Array.isArray(root.features)) {
		const what = !('features' in root) ? 'missing' : `${describeJson(root.features)}, not an array`;
		return invalid(`This GeoJSON FeatureCollection cannot be read: its "features" member is ${what}. It must be an array of Feature objects, [ … ]. Nothing was imported.`);
	}
	const rawFeatures: unknown[] = root.type === 'FeatureCollection' ? (root.features as unknown[]) : root.type === 'Feature' ? [root] : typeof root.type === 'string' && KNOWN_TYPES.has(root.type) ? [{ type: 'Feature', geometry: root, properties: {} }] : [];
	if (root.type !== 'FeatureCollection' && rawFeatures.length === 0) return invalid(`This JSON is not GeoJSON: its "type" is ${quoteForMessage(String(root.type ?? 'missing'))}, not FeatureCollection, Feature or a geometry.`);
	if (rawFeatures.length === 0) return fail(uploadError({ code: 'empty-file', message: 'This GeoJSON file has no features.' }));
	if (rawFeatures.length > limits.maxFeatures) return invalid(`This file has ${rawFeatures.length.toLocaleString('en-GB')} features; the limit is ${limits.maxFeatures.toLocaleString('en-GB')}.`);

	const names = new Map<string, number>();
	const counter = { positions: 0, bounds: [Infinity, Infinity, -Infinity, -Infinity] };
	const packed = new PackedBuilder();
	const kept: Record<string, unknown>[] = [];
	const types: Record<string, number> = {};
	let withoutGeometry = 0;
	try {
		rawFeatures.forEach((raw, i) => {
			const where = `Feature ${i + 1}`;
			if (!isObject(raw) || raw.type !== 'Feature') throw new GeoError(`${where} is not a GeoJSON Feature.`);
			const props = isObject(raw.properties) ? raw.properties : {};
			for (const name of Object.keys(props)) {
				if (!names.has(name)) {
					if (names.size >= limits.maxProperties) throw new GeoError(`The features have more than ${limits.maxProperties} different properties.`);
					names.set(name, names.size);
				}
			}
			if (raw.geometry === null || raw.geometry === undefined) {
				withoutGeometry++;
				return;
			}
			const g = raw.geometry;
			if (!isObject(g) || typeof g.type !== 'string') throw new GeoError(`${where} has a geometry without a type.`);
			if (g.type === 'GeometryCollection') throw new GeoError(`${where} is a GeometryCollection; split it into separate features first.`);
			if (!KNOWN_TYPES.has(g.type)) throw new GeoError(`${where} has the unknown geometry type ${quoteForMessage(g.type)}.`);
			const type = g.type as UploadGeometry['type'];
			packGeometry(type, g.coordinates, where, counter, limits, packed);
			types[type] = (types[type] ?? 0) + 1;
			kept.push(props);
		});
	} catch (error) {
		if (error instanceof GeoError) return invalid(error.message);
		throw error;
	}
	if (!kept.length) return fail(uploadError({ code: 'empty-file', message: 'None of the features in this GeoJSON file has a geometry.' }));

	const properties = [...names.keys()];
	const rows = kept.map((props) => properties.map((p) => (Object.hasOwn(props, p) ? propertyText(props[p]) : null)));
	const [w, s, e, n] = counter.bounds;
	const warnings: UploadWarning[] = [];
	if (withoutGeometry) warnings.push({ code: 'features-skipped', message: `${withoutGeometry} feature${withoutGeometry > 1 ? 's have' : ' has'} no geometry and ${withoutGeometry > 1 ? 'were' : 'was'} left out.` });
	if (e < UK_BOX[0] || w > UK_BOX[2] || n < UK_BOX[1] || s > UK_BOX[3]) {
		warnings.push({ code: 'outside-uk', message: `None of the features lies in or near the UK (they span longitude ${w.toFixed(2)} to ${e.toFixed(2)}, latitude ${s.toFixed(2)} to ${n.toFixed(2)}). Check the coordinates are longitude first.` });
	}
	return ok({ geometry: packed.build(), rows, properties, geometryTypes: types, positions: counter.positions, bounds: [w, s, e, n] }, warnings);
}

/** The properties as CSV text (a header and one row per kept feature) for the delimited pipeline. */
export function propertiesCsv(stage: GeoStage): string {
	const lines = [stage.properties.map(csvField).join(',')];
	for (const row of stage.rows) lines.push(row.map((v) => csvField(v ?? '')).join(','));
	return lines.join('\r\n');
}

/** "650 features (600 MultiPolygon, 50 Polygon)". */
export function describeGeoStage(stage: GeoStage): string {
	const parts = Object.entries(stage.geometryTypes).map(([t, n]) => `${n.toLocaleString('en-GB')} ${t}`);
	return `${featureCount(stage.geometry).toLocaleString('en-GB')} features (${parts.join(', ')}), ${stage.positions.toLocaleString('en-GB')} positions`;
}
