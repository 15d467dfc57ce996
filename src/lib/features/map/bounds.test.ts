import { describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection } from 'geojson';
import { collectionBounds, geometryBounds, groupBounds, unionBounds } from './bounds';

const square = (code: string, x: number, y: number, size = 1): Feature => ({
	type: 'Feature',
	properties: { code },
	geometry: {
		type: 'Polygon',
		coordinates: [
			[
				[x, y],
				[x + size, y],
				[x + size, y + size],
				[x, y + size],
				[x, y]
			]
		]
	}
});

describe('bounds', () => {
	it('scans polygons and multipolygons', () => {
		expect(geometryBounds(square('a', -2, 50).geometry)).toEqual([
			[-2, 50],
			[-1, 51]
		]);
		expect(
			geometryBounds({
				type: 'MultiPolygon',
				coordinates: [
					[
						[
							[0, 0],
							[1, 0],
							[1, 1],
							[0, 0]
						]
					],
					[
						[
							[-5, 55],
							[-4, 58],
							[-5, 57],
							[-5, 55]
						]
					]
				]
			})
		).toEqual([
			[-5, 0],
			[1, 58]
		]);
		expect(geometryBounds(null)).toBeNull();
		expect(
			geometryBounds({
				type: 'GeometryCollection',
				geometries: [
					{ type: 'Point', coordinates: [3, 4] },
					{ type: 'Point', coordinates: [-1, 9] }
				]
			})
		).toEqual([
			[-1, 4],
			[3, 9]
		]);
	});

	it('unions, treating null as empty', () => {
		expect(unionBounds(null, null)).toBeNull();
		expect(
			unionBounds(
				[
					[0, 0],
					[1, 1]
				],
				null
			)
		).toEqual([
			[0, 0],
			[1, 1]
		]);
		expect(
			unionBounds(
				[
					[0, 0],
					[1, 1]
				],
				[
					[-1, 2],
					[0.5, 3]
				]
			)
		).toEqual([
			[-1, 0],
			[1, 3]
		]);
	});

	it('groups seats by nation and region and skips seats with no group', () => {
		const features = [square('E1', -2, 52), square('E2', 0, 51), square('S1', -4, 56), square('X', 10, 10)];
		const meta: Record<string, string[]> = { E1: ['nation:England', 'region:West'], E2: ['nation:England', 'region:East'], S1: ['nation:Scotland'] };
		const groups = groupBounds(features, (code) => meta[code] ?? []);
		expect(groups.get('nation:England')).toEqual([
			[-2, 51],
			[1, 53]
		]);
		expect(groups.get('region:East')).toEqual([
			[0, 51],
			[1, 52]
		]);
		expect(groups.get('nation:Scotland')).toEqual([
			[-4, 56],
			[-3, 57]
		]);
		expect([...groups.keys()].sort()).toEqual(['nation:England', 'nation:Scotland', 'region:East', 'region:West']);
		const fc: FeatureCollection = { type: 'FeatureCollection', features };
		expect(collectionBounds(fc)).toEqual([
			[-4, 10],
			[11, 57]
		]);
	});
});
