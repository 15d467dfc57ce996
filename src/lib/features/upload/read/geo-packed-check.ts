/**
 * Checking packed geometry read back from storage or from a workspace file, where it may be typed
 * arrays (IndexedDB) or plain number arrays (JSON). Stored bytes are never trusted: every offset
 * must stay inside its array and every position must be a longitude and latitude, so the map can
 * never be handed a shape that reads out of range. One pass over the arrays, no nested copies.
 */
import { GEOMETRY_TYPES, type PackedGeometry } from './geo-packed';
import type { GeoLimits } from './geojson';
import { isObject } from '../../../model/uploads/record-checks';

type Typed = Uint8Array | Uint32Array | Float64Array;
type TypedClass<T extends Typed> = { new (length: number): T; from(values: ArrayLike<number>): T };

/** The array as `Kind`, or null. Plain arrays (a workspace file) must hold only allowed numbers. */
function asTyped<T extends Typed>(value: unknown, Kind: TypedClass<T>, integer: boolean): T | null {
	if (value instanceof Kind) return value;
	if (!Array.isArray(value)) return null;
	for (const v of value) if (typeof v !== 'number' || (integer ? !Number.isInteger(v) || v < 0 || v > 0xffffffff : !Number.isFinite(v))) return null;
	return Kind.from(value);
}

/** Offsets: `count` + 1 of them, from 0, never going down. */
function offsetsProblem(offsets: Uint32Array, count: number, what: string): string | null {
	let ok = offsets.length === count + 1 && offsets[0] === 0;
	for (let i = 1; ok && i < offsets.length; i++) ok = offsets[i] >= offsets[i - 1];
	return ok ? null : `its ${what} offsets are malformed`;
}

/** A readable reason, or the geometry with typed arrays. */
export function readPackedGeometry(raw: unknown, limits: GeoLimits): { ok: true; geometry: PackedGeometry } | { ok: false; reason: string } {
	const bad = (reason: string) => ({ ok: false as const, reason });
	if (!isObject(raw)) return bad('its geometry is missing');
	const types = asTyped(raw.types, Uint8Array, true);
	const parts = asTyped(raw.parts, Uint32Array, true);
	const rings = asTyped(raw.rings, Uint32Array, true);
	const positions = asTyped(raw.positions, Uint32Array, true);
	const coords = asTyped(raw.coords, Float64Array, false);
	if (!types || !parts || !rings || !positions || !coords) return bad('its geometry arrays are malformed');
	const n = types.length;
	if (n === 0 || n > limits.maxFeatures) return bad(`it has ${n} features (from 1 to ${limits.maxFeatures} are allowed)`);
	const problem = offsetsProblem(parts, n, 'feature') ?? offsetsProblem(rings, parts[n], 'part') ?? offsetsProblem(positions, rings[rings.length - 1], 'ring');
	if (problem) return bad(problem);
	const positionCount = positions[positions.length - 1];
	if (positionCount > limits.maxPositions) return bad(`it has more than ${limits.maxPositions} positions`);
	if (coords.length !== 2 * positionCount) return bad('its coordinates do not match its rings');
	for (let i = 0; i < coords.length; i += 2) {
		if (!(Math.abs(coords[i]) <= 180 && Math.abs(coords[i + 1]) <= 90)) return bad(`position ${i / 2 + 1} is not a longitude and latitude`);
	}
	for (let i = 0; i < n; i++) {
		const t = types[i];
		if (t >= GEOMETRY_TYPES.length) return bad(`feature ${i + 1} has an unknown geometry type`);
		// Per type (GEOMETRY_TYPES order): Point is 1 part, 1 ring, 1 position; MultiPoint and
		// LineString 1 part of 1 ring; MultiLineString and Polygon 1 part; MultiPolygon any.
		const first = parts[i];
		const ring = rings[first];
		const malformed = (t < 5 && parts[i + 1] - first !== 1) || (t < 3 && rings[first + 1] - ring !== 1) || (t === 0 && positions[ring + 1] - positions[ring] !== 1);
		if (malformed) return bad(`feature ${i + 1} (${GEOMETRY_TYPES[t]}) is malformed`);
		// Polygons: every part has a ring, and every ring closes (at least 4 positions).
		for (let j = first; t > 3 && j < parts[i + 1]; j++) {
			if (rings[j + 1] === rings[j]) return bad(`feature ${i + 1} has a polygon with no rings`);
			for (let k = rings[j]; k < rings[j + 1]; k++) if (positions[k + 1] - positions[k] < 4) return bad(`feature ${i + 1} has a polygon ring with fewer than 4 positions`);
		}
	}
	return { ok: true, geometry: { types, parts, rings, positions, coords } };
}

/** The geometry as plain number arrays, for a JSON file (typed arrays would become objects). */
export function packedToJson(g: PackedGeometry): Record<keyof PackedGeometry, number[]> {
	return { types: Array.from(g.types), parts: Array.from(g.parts), rings: Array.from(g.rings), positions: Array.from(g.positions), coords: Array.from(g.coords) };
}
