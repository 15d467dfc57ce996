/**
 * Bounding boxes for "zoom to nation / region", found by scanning coordinates. A plain scan is
 * right here: UK seats never cross the antimeridian, and d3's spherical geoBounds would cost a
 * lot more for the same answer.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

/** [[west, south], [east, north]], the shape MapLibre's fitBounds takes. */
export type Bounds = [[number, number], [number, number]];

function extend(b: Bounds | null, p: Position): Bounds {
	const [x, y] = p;
	if (!b)
		return [
			[x, y],
			[x, y]
		];
	return [
		[Math.min(b[0][0], x), Math.min(b[0][1], y)],
		[Math.max(b[1][0], x), Math.max(b[1][1], y)]
	];
}

function scan(coords: unknown, b: Bounds | null): Bounds | null {
	if (!Array.isArray(coords)) return b;
	if (typeof coords[0] === 'number') {
		const [x, y] = coords as number[];
		return Number.isFinite(x) && Number.isFinite(y) ? extend(b, [x, y]) : b;
	}
	for (const c of coords) b = scan(c, b);
	return b;
}

export function geometryBounds(geometry: Geometry | null): Bounds | null {
	if (!geometry) return null;
	if (geometry.type === 'GeometryCollection') {
		return geometry.geometries.reduce<Bounds | null>((b, g) => unionBounds(b, geometryBounds(g)), null);
	}
	return scan(geometry.coordinates, null);
}

export function unionBounds(a: Bounds | null, b: Bounds | null): Bounds | null {
	if (!a) return b;
	if (!b) return a;
	return extend(extend(a, b[0]), b[1]);
}

/**
 * Bounds per group, where `groupsOf(code)` names the groups a seat belongs to (its nation and
 * its region, say). Seats with no group (codes missing from the scores) are skipped.
 */
export function groupBounds(features: readonly Feature[], groupsOf: (code: string) => readonly string[]): Map<string, Bounds> {
	const out = new Map<string, Bounds>();
	for (const f of features) {
		const code = f.properties?.code;
		if (typeof code !== 'string') continue;
		const fb = geometryBounds(f.geometry);
		if (!fb) continue;
		for (const g of groupsOf(code)) out.set(g, unionBounds(out.get(g) ?? null, fb)!);
	}
	return out;
}

export function collectionBounds(fc: FeatureCollection): Bounds | null {
	return fc.features.reduce<Bounds | null>((b, f) => unionBounds(b, geometryBounds(f.geometry)), null);
}
