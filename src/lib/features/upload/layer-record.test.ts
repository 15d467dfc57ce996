import { afterEach, describe, expect, it } from 'vitest';
import { fakeIndexedDB } from '../../../../tests/support/fake-idb';
import { plain } from '$lib/storage/record-store';
import { readWorkspace, workspaceFile } from '$lib/features/workspace/workspace';
import { geometryAt } from './geo-packed';
import { layerForFile, readLayerRecord } from './layer-record';
import { LAYERS_DB, LAYERS_STORE, LayersState } from './layers-state.svelte';

const square = (x: number, y: number) => [
	[
		[x, y],
		[x + 0.1, y],
		[x + 0.1, y + 0.1],
		[x, y + 0.1],
		[x, y]
	]
];

/** A layer exactly as version 1 of the app stored it and wrote it into workspace files. */
const v1Areas = {
	version: 1,
	id: 'l0123456789abcdef',
	name: 'Canvass zones',
	fileName: 'zones.geojson',
	createdAt: '2026-01-01T00:00:00.000Z',
	kind: 'areas',
	boundarySet: null,
	enabled: true,
	features: {
		type: 'FeatureCollection',
		features: [
			{ type: 'Feature', properties: { name: 'North' }, geometry: { type: 'Polygon', coordinates: square(-1.5, 53) } },
			{ type: 'Feature', properties: { name: 'Office' }, geometry: { type: 'Point', coordinates: [-1.4, 53.1] } }
		]
	}
};
const v1Boundaries = {
	...v1Areas,
	id: 'b0123456789abcdef',
	name: 'Fine seats',
	kind: 'boundaries',
	boundarySet: '2010',
	features: {
		type: 'FeatureCollection',
		features: [
			{ type: 'Feature', properties: { code: 'E14000733', name: 'Hartlepool' }, geometry: { type: 'MultiPolygon', coordinates: [square(-1.2, 54.6), square(-1.1, 54.7)] } },
			{ type: 'Feature', properties: { code: 'E14000642', name: 'Clacton' }, geometry: { type: 'Polygon', coordinates: square(1.1, 51.8) } }
		]
	}
};

type V1 = { features: { features: { properties: { name: string }; geometry: unknown }[] } } & Record<string, unknown>;

function expectUpgraded(layer: unknown, from: V1) {
	const { features: _, ...header } = from;
	expect(layer).toMatchObject({ ...header, version: 2, names: from.features.features.map((f) => f.properties.name) });
	const l = layer as { geometry: Parameters<typeof geometryAt>[0] };
	expect(from.features.features.map((_, i) => geometryAt(l.geometry, i))).toEqual(from.features.features.map((f) => f.geometry));
}

describe('reading a map layer', () => {
	it('upgrades a version-1 layer (GeoJSON features) to packed geometry, names and codes', () => {
		const areas = readLayerRecord(v1Areas);
		if (!areas.ok) throw new Error(areas.reason);
		expect(areas.migrated).toBe(true);
		expect(areas.layer.codes).toBeNull();
		expectUpgraded(areas.layer, v1Areas);
		const seats = readLayerRecord(v1Boundaries);
		if (!seats.ok) throw new Error(seats.reason);
		expect(seats.layer.codes).toEqual(['E14000733', 'E14000642']);
		expectUpgraded(seats.layer, v1Boundaries);
		// Reading the upgraded record again is no upgrade.
		expect(readLayerRecord(plain(seats.layer))).toMatchObject({ ok: true, migrated: false });
	});

	it('refuses a damaged version-1 layer and a newer one with a reason', () => {
		const broken = { ...v1Areas, features: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'A' }, geometry: { type: 'Polygon', coordinates: [[[0, 0]]] } }] } };
		expect(readLayerRecord(broken)).toMatchObject({ ok: false, reason: expect.stringMatching(/upgraded from format 1 \(its geometry is damaged/) });
		expect(readLayerRecord({ ...v1Areas, id: 'x;y' })).toEqual({ ok: false, reason: 'its id is malformed' });
		expect(readLayerRecord({ ...v1Areas, version: 3 })).toMatchObject({ ok: false, reason: expect.stringMatching(/newer version of Heartlands \(format 3/) });
		const nameless = { ...v1Areas, features: { ...v1Areas.features, features: [{ ...v1Areas.features.features[0], properties: {} }] } };
		expect(readLayerRecord(nameless)).toEqual({ ok: false, reason: 'a feature has no name' });
	});
});

describe('stored and imported layers', () => {
	const original = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
	afterEach(() => void ((globalThis as { indexedDB?: IDBFactory }).indexedDB = original));

	it('a version-1 layer in IndexedDB is restored and rewritten as version 2', async () => {
		const fake = fakeIndexedDB();
		await fake.create(LAYERS_DB, 2, { [LAYERS_STORE]: null, quarantine: null });
		await fake.seed(LAYERS_DB, LAYERS_STORE, v1Areas.id, v1Areas);
		(globalThis as { indexedDB?: IDBFactory }).indexedDB = fake.factory;
		const layers = new LayersState();
		await layers.restore();
		expect(layers.quarantined).toEqual([]);
		expect(layers.layers).toHaveLength(1);
		expectUpgraded(layers.layers[0], v1Areas);
		const stored = (await fake.records(LAYERS_DB, LAYERS_STORE)).get(v1Areas.id) as { version: number; geometry: { coords: unknown } };
		expect(stored.version).toBe(2);
		// Stored as typed arrays, not JSON: IndexedDB keeps them as single blocks.
		expect(stored.geometry.coords).toBeInstanceOf(Float64Array);
	});

	it('an old workspace file with version-1 layers still loads, and a new file round-trips', async () => {
		const old = JSON.stringify(workspaceFile([], [], new Date('2026-01-01T00:00:00Z'), [v1Areas, v1Boundaries]));
		const layers = new LayersState();
		expect(await layers.addLayers(readWorkspace(old).layers)).toEqual({ added: 2, refused: [] });
		expectUpgraded(layers.layers[0], v1Areas);
		expect(layers.layers[1]).toMatchObject({ kind: 'boundaries', enabled: false, codes: ['E14000733', 'E14000642'] });
		const written = JSON.stringify(workspaceFile([], [], new Date(), layers.layers.map(layerForFile)));
		const again = new LayersState();
		expect(await again.addLayers(readWorkspace(written).layers)).toEqual({ added: 2, refused: [] });
		expect(again.layers).toEqual(layers.layers);
	});
});

describe('plain (what the record store writes)', () => {
	it('copies like a JSON round trip, but keeps typed arrays', () => {
		const record = { a: 1, b: [1, undefined, NaN, () => 0], c: undefined, d: new Date(0), e: { f: 'x' }, g: new Float64Array([1.5, -2]) };
		const { g, ...rest } = record;
		expect(plain(record)).toEqual({ ...JSON.parse(JSON.stringify(rest)), g });
		expect((plain(record) as { g: Float64Array }).g).toBe(g);
		expect((plain(record, true) as { g: Float64Array }).g).not.toBe(g);
		expect(Object.hasOwn(plain(JSON.parse('{"__proto__": {"x": 1}}')) as object, '__proto__')).toBe(true);
	});
});
