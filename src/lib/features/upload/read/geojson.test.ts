import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REFERENCE_FIXTURE as REF, utf8 } from '../../../../../tests/fixtures/upload';
import { detectUploadFormat, stageFile } from '../stage/formats';
import { buildAreaLayer, buildBoundaryLayer, defaultLabelIndex } from '../records/geo-layer';
import { geometryAt } from './geo-packed';
import { layerForFile, validateLayer } from '../records/layer-record';
import { checkGeoJson, propertiesCsv, readGeoJson, type GeoStage } from './geojson';
import type { UploadResult } from '../types';

const square = (x: number, y: number, d = 0.1) => [
	[
		[x, y],
		[x + d, y],
		[x + d, y + d],
		[x, y + d],
		[x, y]
	]
];
const feature = (properties: Record<string, unknown> | null, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const poly = (x: number, y: number) => ({ type: 'Polygon', coordinates: square(x, y) });
const file = (name: string, text: string) => {
	const bytes = utf8(text);
	return { name, size: bytes.length, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
};
const value = <T>(r: UploadResult<T>): T => {
	if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
	return r.value;
};
const message = <T>(r: UploadResult<T>) => (r.ok ? '' : r.error.message);

/** Three seats of the fixture, one of them in two pieces, and a feature that is no seat. */
const SEATS = collection(
	feature({ PCON10CD: 'E14000642', PCON10NM: 'Clacton', members: '1,204' }, poly(1.1, 51.8)),
	feature({ PCON10CD: 'E14000733', PCON10NM: 'Hartlepool', members: '980' }, poly(-1.2, 54.6)),
	feature({ PCON10CD: 'E14000733', PCON10NM: 'Hartlepool (islet)', members: '3' }, poly(-1.1, 54.7)),
	feature({ PCON10CD: 'E14000904', PCON10NM: 'Rotherham', members: '1500' }, { type: 'MultiPolygon', coordinates: [square(-1.4, 53.4), square(-1.3, 53.45)] }),
	feature({ PCON10CD: 'X99999999', PCON10NM: 'Atlantis', members: '0' }, poly(-20, 40))
);

describe('readGeoJson', () => {
	it('keeps the geometry as [x, y] and the properties as text, by name', () => {
		const stage = value(readGeoJson(collection(feature({ name: 'A', n: 3, ok: true, nested: { a: 1 } }, { type: 'Point', coordinates: [-1.5, 53.1, 120] }))));
		expect(stage.properties).toEqual(['name', 'n', 'ok', 'nested']);
		expect(geometryAt(stage.geometry, 0)).toEqual({ type: 'Point', coordinates: [-1.5, 53.1] });
		expect(stage.rows[0]).toEqual(['A', '3', 'true', '{"a":1}']);
		expect(stage.bounds).toEqual([-1.5, 53.1, -1.5, 53.1]);
		expect(stage.geometryTypes).toEqual({ Point: 1 });
	});

	it('accepts a bare Feature or a bare geometry as a one-feature layer', () => {
		expect(value(readGeoJson(JSON.stringify(feature({ name: 'x' }, poly(0, 52))))).rows).toHaveLength(1);
		expect(value(readGeoJson(JSON.stringify(poly(0, 52)))).properties).toEqual([]);
	});

	it('refuses British National Grid coordinates, saying how to re-save the file', () => {
		const bng = collection(feature({ name: 'x' }, { type: 'Point', coordinates: [523400, 180200] }));
		expect(message(readGeoJson(bng))).toMatch(/Feature 1 .*523400, 180200.*not a longitude and latitude.*EPSG:4326/);
		const declared = JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::27700' } }, features: [] });
		expect(message(readGeoJson(declared))).toMatch(/British National Grid/);
	});

	it('refuses a FeatureCollection whose "features" is not an array, saying what it is instead', async () => {
		const said = (features: unknown) => message(readGeoJson(JSON.stringify({ type: 'FeatureCollection', features })));
		const rest = 'It must be an array of Feature objects, [ … ]. Nothing was imported.';
		expect(said({ '0': feature({ name: 'x' }, poly(0, 52)) })).toBe(`This GeoJSON FeatureCollection cannot be read: its "features" member is an object, not an array. ${rest}`);
		expect(said('none')).toBe(`This GeoJSON FeatureCollection cannot be read: its "features" member is a string, not an array. ${rest}`);
		expect(said(null)).toBe(`This GeoJSON FeatureCollection cannot be read: its "features" member is null, not an array. ${rest}`);
		expect(message(readGeoJson('{"type": "FeatureCollection"}'))).toBe(`This GeoJSON FeatureCollection cannot be read: its "features" member is missing. ${rest}`);
		// An empty array is still "no features".
		expect(said([])).toBe('This GeoJSON file has no features.');
		const staged = await stageFile(file('areas.geojson', JSON.stringify({ type: 'FeatureCollection', features: { a: feature({ name: 'x' }, poly(0, 52)) } })), REF);
		expect(staged.result.ok).toBe(false);
		expect(message(staged.result)).toMatch(/^This GeoJSON FeatureCollection cannot be read: its "features" member is an object, not an array\./);
	});

	it('refuses positions out of any range (1e308, Infinity) as invalid, not as British National Grid', () => {
		const at = (coordinates: string) => message(readGeoJson(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":${coordinates}}}]}`));
		const why =
			'which is not a valid coordinate: it is out of range for longitude and latitude (at most 180 and 90 degrees either way) and for British National Grid (eastings 0 to 700,000 m, northings 0 to 1,300,000 m). Fix or remove that geometry, or re-save the file as WGS 84 (EPSG:4326) if it uses another projection. Nothing was imported.';
		expect(at('[1e308, 1e308]')).toBe(`Feature 1 has the position (1e+308, 1e+308), ${why}`);
		expect(at('[1e400, 52]')).toBe(`Feature 1 has the position (Infinity, 52), ${why}`);
		expect(at('[-523400, 180200]')).toBe(`Feature 1 has the position (-523400, 180200), ${why}`);
		expect(at('[523400, 1e9]')).toBe(`Feature 1 has the position (523400, 1000000000), ${why}`);
		for (const text of [at('[1e308, 1e308]'), at('[1e400, 52]')]) expect(text).not.toMatch(/looks projected/);
		// Inside the grid's extent it is still taken for British National Grid.
		expect(at('[700000, 1300000]')).toMatch(/^Feature 1 has the position \(700000, 1300000\), which is not a longitude and latitude\. .*probably British National Grid/);
	});

	it.each([
		['not JSON', '{"type": "FeatureCollection", ', /not valid JSON/],
		['JSON but not GeoJSON', '{"type": "Topology", "objects": {}}', /not GeoJSON.*"Topology"/],
		['an array', '[1, 2]', /not a GeoJSON object/],
		['no features', collection(), /no features/],
		['a GeometryCollection', collection(feature({}, { type: 'GeometryCollection', geometries: [] })), /Feature 1 is a GeometryCollection/],
		['an unknown geometry', collection(feature({}, { type: 'Circle', coordinates: [0, 0] })), /unknown geometry type "Circle"/],
		[
			'a short ring',
			collection(
				feature({}, poly(0, 52)),
				feature(
					{},
					{
						type: 'Polygon',
						coordinates: [
							[
								[0, 0],
								[1, 1],
								[0, 0]
							]
						]
					}
				)
			),
			/Feature 2 .*ring with 3 positions/
		],
		['a position of text', collection(feature({}, { type: 'Point', coordinates: ['0', '52'] })), /Feature 1 has a position that is not two numbers/],
		['coordinates too shallow', collection(feature({}, { type: 'Polygon', coordinates: [0, 52] })), /Feature 1 has coordinates that are not an array/],
		['only null geometries', collection(feature({ a: 1 }, null)), /None of the features .* has a geometry/]
	])('refuses %s with a message', (_, text, expected) => {
		const result = readGeoJson(text);
		expect(result.ok).toBe(false);
		expect(message(result)).toMatch(expected);
	});

	it('skips features without geometry with a warning, and warns when nothing is near the UK', () => {
		const result = readGeoJson(collection(feature({}, null), feature({}, poly(100, 10))));
		expect(result.ok && result.warnings.map((w) => w.code)).toEqual(['features-skipped', 'outside-uk']);
	});

	it('stops at the limits with the limit stated', () => {
		const many = collection(...Array.from({ length: 11 }, (_, i) => feature({}, poly(i / 100, 52))));
		expect(message(readGeoJson(many, { maxFeatures: 10, maxPositions: 1e6, maxProperties: 10 }))).toMatch(/11 features; the limit is 10/);
		expect(message(readGeoJson(many, { maxFeatures: 100, maxPositions: 20, maxProperties: 10 }))).toMatch(/more than 20 coordinate positions/);
	});

	it('keeps hostile property names and values as plain data', () => {
		const hostile = '"><img src=x onerror=alert(1)>';
		const stage = value(readGeoJson(collection(feature({ [hostile]: 'x"; DROP TABLE results; --', __proto__: 'p' }, poly(0, 52)))));
		expect(stage.properties).toContain(hostile);
		expect(propertiesCsv(stage).split('\r\n')[0]).toContain('"""><img src=x onerror=alert(1)>"');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('never throws on arbitrary JSON: a stage or a typed error', () => {
		fc.assert(
			fc.property(fc.jsonValue(), (json) => {
				const r = checkGeoJson(json);
				expect(r.ok || (r.error.kind === 'upload-error' && r.error.message.length > 0)).toBe(true);
			}),
			{ numRuns: 2000 }
		);
		const geometry = fc.record({ type: fc.constantFrom('Point', 'LineString', 'Polygon', 'MultiPolygon', 'Bogus'), coordinates: fc.anything() });
		fc.assert(
			fc.property(fc.array(fc.record({ type: fc.constant('Feature'), properties: fc.anything(), geometry })), (features) => {
				const r = checkGeoJson({ type: 'FeatureCollection', features });
				expect(typeof r.ok).toBe('boolean');
			}),
			{ numRuns: 1000 }
		);
	});
});

describe('GeoJSON through the upload wizard', () => {
	it('is recognised by extension or by content', () => {
		expect(detectUploadFormat('areas.geojson', utf8('x'))).toBe('geojson');
		expect(detectUploadFormat('areas.json', utf8(SEATS))).toBe('geojson');
		expect(detectUploadFormat('export.txt', utf8(`\ufeff  ${SEATS}`))).toBe('geojson');
		expect(detectUploadFormat('config.json', utf8('{"a": 1}'))).toBe('delimited');
	});

	it('matches a code property, builds seat boundaries and merges a seat in two pieces', async () => {
		const staged = await stageFile(file('seats.geojson', SEATS), REF);
		expect(staged.format).toBe('geojson');
		const prepared = value(staged.result);
		expect(prepared.keys[0]).toMatchObject({ column: 'PCON10CD', kind: 'gss-2010' });
		const built = buildBoundaryLayer(staged.geo!, prepared.match!, { name: 'Fine seats', fileName: 'seats.geojson' });
		if (!built.ok) throw new Error(built.error);
		expect(built).toMatchObject({ seats: 3, dropped: 1 });
		expect(built.layer).toMatchObject({ kind: 'boundaries', boundarySet: '2010', enabled: true });
		const { codes, names, geometry } = built.layer;
		const byCode = new Map(codes!.map((code, i) => [code, { name: names[i], geometry: geometryAt(geometry, i) }]));
		expect(byCode.get('E14000733')?.geometry).toEqual({ type: 'MultiPolygon', coordinates: [square(-1.2, 54.6), square(-1.1, 54.7)] });
		expect(byCode.get('E14000904')?.geometry.type).toBe('MultiPolygon');
		expect(byCode.get('E14000642')).toMatchObject({ name: 'Clacton', geometry: { type: 'Polygon' } });
		expect(validateLayer(built.layer).ok).toBe(true);
		expect(validateLayer(JSON.parse(JSON.stringify(layerForFile(built.layer)))).ok).toBe(true);
	});

	it('refuses lines or points as boundaries', async () => {
		const staged = await stageFile(
			file(
				'x.geojson',
				collection(
					feature(
						{ code: 'E14000642' },
						{
							type: 'LineString',
							coordinates: [
								[1, 51],
								[1.1, 51.1]
							]
						}
					)
				)
			),
			REF
		);
		const built = buildBoundaryLayer(staged.geo!, value(staged.result).match!, { name: 'x', fileName: 'x' });
		expect(built.ok ? '' : built.error).toMatch(/feature 1 is a LineString.*area layer/);
	});

	it('a file with no key column is still staged, as an area layer labelled by its name property', async () => {
		const text = collection(feature({ ward_id: 'W1', WD22NM: 'Central' }, poly(-1.5, 53)), feature({ ward_id: 'W2' }, { type: 'Point', coordinates: [-1.4, 53.1] }));
		const staged = await stageFile(file('wards.geojson', text), REF);
		expect(staged.result.ok ? 'ok' : staged.result.error.code).toBe('no-key-column');
		const stage = staged.geo as GeoStage;
		expect(defaultLabelIndex(stage)).toBe(1);
		const built = buildAreaLayer(stage, defaultLabelIndex(stage), { name: 'Wards', fileName: 'wards.geojson' });
		if (!built.ok) throw new Error(built.error);
		expect(built.layer.names).toEqual(['Central', 'Area 2']);
		expect(built.layer).toMatchObject({ kind: 'areas', boundarySet: null });
		expect(validateLayer(built.layer).ok).toBe(true);
	});

	it('refuses a GeoJSON file that is not UTF-8', async () => {
		const bytes = new Uint8Array([...utf8('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"n":"'), 0xe9, ...utf8('"},"geometry":null}]}')]);
		const staged = await stageFile({ name: 'x.geojson', size: bytes.length, arrayBuffer: async () => bytes.buffer as ArrayBuffer }, REF);
		expect(message(staged.result)).toMatch(/not valid UTF-8/);
	});
});

describe('validateLayer', () => {
	const good = () => {
		const built = buildAreaLayer(value(readGeoJson(collection(feature({ name: 'A' }, poly(0, 52))))), 0, { name: 'L', fileName: 'f' });
		if (!built.ok) throw new Error(built.error);
		return JSON.parse(JSON.stringify(layerForFile(built.layer)));
	};
	it.each([
		['a wrong version', (l: Record<string, unknown>) => ({ ...l, version: 1 }), /version 2/],
		['a bad id', (l: Record<string, unknown>) => ({ ...l, id: 'x;drop' }), /id/],
		['a bad kind', (l: Record<string, unknown>) => ({ ...l, kind: 'tiles' }), /kind/],
		['broken geometry', (l: Record<string, unknown>) => ({ ...l, geometry: { ...(l.geometry as object), positions: [0, 3] } }), /geometry is damaged/],
		['a position off the globe', (l: Record<string, unknown>) => ({ ...l, geometry: { ...(l.geometry as object), coords: [500000, 100000, 1, 1, 1, 2, 0, 0, 500000, 100000] } }), /not a longitude and latitude/],
		['a name per feature missing', (l: Record<string, unknown>) => ({ ...l, names: [] }), /names/],
		['boundaries without codes', (l: Record<string, unknown>) => ({ ...l, kind: 'boundaries', boundarySet: '2010' }), /seat codes/]
	])('refuses %s', (_, damage, reason) => {
		const v = validateLayer(damage(good()));
		expect(v.ok ? '' : v.reason).toMatch(reason);
	});
	it('accepts a good layer and never throws on junk', () => {
		expect(validateLayer(good()).ok).toBe(true);
		fc.assert(
			fc.property(fc.anything(), (junk) => validateLayer(junk).ok === false),
			{ numRuns: 500 }
		);
	});
});
