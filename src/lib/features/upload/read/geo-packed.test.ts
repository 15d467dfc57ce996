import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLayerBlob, layerBlob } from '$lib/features/map/layer-blob';
import { geometryAt } from './geo-packed';
import { packedToJson, readPackedGeometry } from './geo-packed-check';
import { checkGeoJson, GEO_LIMITS, type UploadGeometry } from './geojson';

// `+ 0` turns -0 into 0: JSON (a workspace file, in any format) cannot write -0.
const lon = fc.double({ min: -180, max: 180, noNaN: true }).map((v) => v + 0);
const lat = fc.double({ min: -90, max: 90, noNaN: true }).map((v) => v + 0);
/** A position, sometimes with a height or more, which the importer drops. */
const position = fc.tuple(lon, lat, fc.array(fc.double({ noNaN: true }), { maxLength: 2 })).map(([x, y, rest]) => [x, y, ...rest]);
const line = fc.array(position, { maxLength: 6 });
const ring = fc.array(position, { minLength: 4, maxLength: 7 });
const polygon = fc.array(ring, { minLength: 1, maxLength: 3 });
const geometry = fc.oneof(
	position.map((coordinates) => ({ type: 'Point', coordinates })),
	line.map((coordinates) => ({ type: 'MultiPoint', coordinates })),
	line.map((coordinates) => ({ type: 'LineString', coordinates })),
	fc.array(line, { maxLength: 3 }).map((coordinates) => ({ type: 'MultiLineString', coordinates })),
	polygon.map((coordinates) => ({ type: 'Polygon', coordinates })),
	fc.array(polygon, { maxLength: 3 }).map((coordinates) => ({ type: 'MultiPolygon', coordinates }))
);
const features = fc.array(geometry, { minLength: 1, maxLength: 8 });

/** What the importer keeps of a geometry: every position as [x, y]. */
function kept(g: { type: string; coordinates: unknown }): UploadGeometry {
	const strip = (v: unknown): unknown => (Array.isArray(v) && typeof v[0] === 'number' ? [v[0], v[1]] : (v as unknown[]).map(strip));
	return { type: g.type, coordinates: strip(g.coordinates) } as UploadGeometry;
}

const pack = (geometries: { type: string; coordinates: unknown }[]) => {
	const r = checkGeoJson({ type: 'FeatureCollection', features: geometries.map((geometry) => ({ type: 'Feature', properties: {}, geometry })) });
	if (!r.ok) throw new Error(r.error.message);
	return r.value.geometry;
};

describe('packed geometry', () => {
	it('decodes every feature to exactly the geometry the importer keeps', () => {
		fc.assert(
			fc.property(features, (geometries) => {
				const packed = pack(geometries);
				expect(geometries.map((_, i) => geometryAt(packed, i))).toEqual(geometries.map(kept));
			}),
			{ numRuns: 300 }
		);
	});

	it('survives a JSON file and a layer blob unchanged, and passes its own check', async () => {
		await fc.assert(
			fc.asyncProperty(features, async (geometries) => {
				const packed = pack(geometries);
				const fromFile = readPackedGeometry(JSON.parse(JSON.stringify(packedToJson(packed))), GEO_LIMITS);
				expect(fromFile).toEqual({ ok: true, geometry: packed });
				const names = geometries.map((_, i) => `Area ${i + 1}`);
				const fc2 = decodeLayerBlob(await layerBlob(packed, names).arrayBuffer());
				expect(fc2?.features.map((f) => [f.properties?.name, f.geometry])).toEqual(geometries.map((g, i) => [names[i], kept(g)]));
			}),
			{ numRuns: 100 }
		);
	});

	it('refuses offsets that point outside the arrays, and never throws on junk', () => {
		const good = packedToJson(
			pack([
				{
					type: 'Polygon',
					coordinates: [
						[
							[0, 52],
							[1, 52],
							[1, 53],
							[0, 52]
						]
					]
				}
			])
		);
		const reason = (g: unknown) => {
			const r = readPackedGeometry(g, GEO_LIMITS);
			return r.ok ? 'ok' : r.reason;
		};
		expect(reason(good)).toBe('ok');
		expect(reason({ ...good, rings: [0, 2] })).toMatch(/ring offsets are malformed/);
		expect(reason({ ...good, positions: [0, 9] })).toMatch(/coordinates do not match/);
		expect(reason({ ...good, positions: [0, 3], coords: good.coords.slice(0, 6) })).toMatch(/fewer than 4 positions/);
		expect(reason({ ...good, types: [9] })).toMatch(/unknown geometry type/);
		expect(reason({ ...good, parts: [0, -1] })).toMatch(/arrays are malformed/);
		fc.assert(
			fc.property(fc.anything(), (junk) => readPackedGeometry(junk, GEO_LIMITS).ok === false),
			{ numRuns: 300 }
		);
	});
});
