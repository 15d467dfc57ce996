/**
 * A large GeoJSON area layer for the frame-gap bench, from real shapes: the 650 detailed 2024
 * constituency boundaries in the shared data, each edge densified with evenly spaced points until
 * the file holds about 4.8 million positions (the importer's limit is 5 million). Densifying keeps
 * the shapes and the spread of the data real while reaching the size a user's ward file can have.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir } from '../scripts/data/sources';

type Ring = [number, number][];

const SOURCE = 'boundaries/wpc2024_uk_detailed_openinnovations.geojson';

function densify(ring: Ring, steps: number): string {
	const out: string[] = [];
	const at = (x: number, y: number) => out.push(`[${x.toFixed(6)},${y.toFixed(6)}]`);
	for (let i = 0; i + 1 < ring.length; i++) {
		const [x0, y0] = ring[i];
		const [x1, y1] = ring[i + 1];
		for (let s = 0; s < steps; s++) at(x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps);
	}
	const [x, y] = ring[ring.length - 1];
	at(x, y);
	return `[${out.join(',')}]`;
}

/** Write the file to `path`; returns its position count. `steps` points per original edge. */
export function writeGeoLayerFile(path: string, steps = 32): { positions: number; features: number } {
	const fc = JSON.parse(readFileSync(join(resolveDataDir(), SOURCE), 'utf8')) as { features: { properties: Record<string, string>; geometry: { type: string; coordinates: unknown } }[] };
	let positions = 0;
	const parts: string[] = [];
	for (const f of fc.features) {
		const polygons = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Ring[][];
		const text = polygons.map((p) => `[${p.map((r) => ((positions += (r.length - 1) * steps + 1), densify(r, steps))).join(',')}]`);
		// Named like a ward file, without a constituency code, so the wizard offers an area layer.
		parts.push(`{"type":"Feature","properties":{"ward":${JSON.stringify(`Zone ${f.properties.PCON24NM}`)}},"geometry":{"type":"MultiPolygon","coordinates":[${text.join(',')}]}}`);
	}
	writeFileSync(path, `{"type":"FeatureCollection","features":[${parts.join(',\n')}]}`);
	return { positions, features: fc.features.length };
}
