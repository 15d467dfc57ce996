/**
 * Layer geometry in a compact form: every coordinate in one Float64Array and three offset arrays,
 * instead of millions of small nested arrays. Why: a 5-million-position layer as nested arrays
 * cost seconds on the page's thread each time it was copied (worker → page, IndexedDB, MapLibre)
 * and in garbage collection; typed arrays are transferred between threads and stored by
 * IndexedDB as single blocks of bytes.
 *
 * Every geometry is parts of rings of positions, whatever its type:
 * Point: 1 part, 1 ring, 1 position · MultiPoint and LineString: 1 part, 1 ring ·
 * MultiLineString and Polygon: 1 part of rings · MultiPolygon: parts (polygons) of rings.
 */
import type { Geometry } from 'geojson';

/** The geometry kinds an uploaded layer may contain (GeometryCollection is refused). */
export type UploadGeometry = Exclude<Geometry, { type: 'GeometryCollection' }>;

export const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const satisfies readonly UploadGeometry['type'][];
export type GeometryType = (typeof GEOMETRY_TYPES)[number];

export interface PackedGeometry {
	/** Per feature, its index in GEOMETRY_TYPES. */
	readonly types: Uint8Array;
	/** Feature i's parts are parts[i] to parts[i + 1] - 1 (so features + 1 entries, from 0). */
	readonly parts: Uint32Array;
	/** Part j's rings are rings[j] to rings[j + 1] - 1. */
	readonly rings: Uint32Array;
	/** Ring k's positions are positions[k] to positions[k + 1] - 1. */
	readonly positions: Uint32Array;
	/** x, y of each position, in order. */
	readonly coords: Float64Array;
}

export const featureCount = (g: PackedGeometry) => g.types.length;

/** Appends geometry position by position; `build` returns the packed arrays. */
export class PackedBuilder {
	#types: number[] = [];
	#parts = [0];
	#rings = [0];
	#positions = [0];
	#coords: number[] = [];

	position(x: number, y: number) {
		this.#coords.push(x, y);
	}
	/** Close the ring; returns how many positions it has. */
	endRing(): number {
		const end = this.#coords.length / 2;
		this.#positions.push(end);
		return end - this.#positions[this.#positions.length - 2];
	}
	/** Close the part; returns how many rings it has. */
	endPart(): number {
		const end = this.#positions.length - 1;
		this.#rings.push(end);
		return end - this.#rings[this.#rings.length - 2];
	}
	endFeature(type: GeometryType) {
		this.#types.push(GEOMETRY_TYPES.indexOf(type));
		this.#parts.push(this.#rings.length - 1);
	}
	/** Copy part `j` of `g` (its rings and positions) as the next part. */
	copyPart(g: PackedGeometry, j: number) {
		for (let k = g.rings[j]; k < g.rings[j + 1]; k++) {
			for (let p = g.positions[k]; p < g.positions[k + 1]; p++) this.position(g.coords[2 * p], g.coords[2 * p + 1]);
			this.endRing();
		}
		this.endPart();
	}
	build(): PackedGeometry {
		return {
			types: Uint8Array.from(this.#types),
			parts: Uint32Array.from(this.#parts),
			rings: Uint32Array.from(this.#rings),
			positions: Uint32Array.from(this.#positions),
			coords: Float64Array.from(this.#coords)
		};
	}
}

/** Feature i's geometry as GeoJSON (nested arrays: for a preview or a test, not for a whole layer). */
export function geometryAt(g: PackedGeometry, i: number): UploadGeometry {
	const type = GEOMETRY_TYPES[g.types[i]];
	const ring = (k: number) => {
		const out: [number, number][] = [];
		for (let p = g.positions[k]; p < g.positions[k + 1]; p++) out.push([g.coords[2 * p], g.coords[2 * p + 1]]);
		return out;
	};
	const part = (j: number) => {
		const out: [number, number][][] = [];
		for (let k = g.rings[j]; k < g.rings[j + 1]; k++) out.push(ring(k));
		return out;
	};
	const first = g.parts[i];
	switch (type) {
		case 'Point': {
			const p = g.positions[g.rings[first]];
			return { type, coordinates: [g.coords[2 * p], g.coords[2 * p + 1]] };
		}
		case 'MultiPoint':
		case 'LineString':
			return { type, coordinates: ring(g.rings[first]) };
		case 'MultiLineString':
		case 'Polygon':
			return { type, coordinates: part(first) };
		case 'MultiPolygon': {
			const polygons: [number, number][][][] = [];
			for (let j = first; j < g.parts[i + 1]; j++) polygons.push(part(j));
			return { type, coordinates: polygons };
		}
	}
}

/** The typed arrays' buffers, to transfer with a message. */
export function packedBuffers(g: PackedGeometry): ArrayBuffer[] {
	return [g.types, g.parts, g.rings, g.positions, g.coords].map((a) => a.buffer as ArrayBuffer);
}
