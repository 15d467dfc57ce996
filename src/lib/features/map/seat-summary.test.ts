import { describe, expect, it } from 'vitest';
import type { ScoredRow } from '$lib/features/scores/scores-state.svelte';
import { classText, summariseSeat } from './seat-summary';
import { describeVariable } from './map-variables';
import { geoFile, parseFeatureCollection } from './geo-files';
import type { DataManifest } from '$lib/data/manifest';

const row = {
	code: 'E14000733',
	name: 'Hartlepool',
	nation: 'England',
	region: 'North East',
	holder: 'lab',
	post_industrial: 1.23456,
	threat: 0.5,
	post_industrial_pct: 0.9,
	threat_pct: 0.8,
	priority: 0.85,
	eligible: true,
	post_industrial_rank: 12,
	threat_rank: 40,
	priority_rank: 3
} as ScoredRow;
const none = new Map();

describe('summariseSeat', () => {
	it('gives value with unit and rank for one variable', () => {
		const s = summariseSeat(row, { info: describeVariable('post_industrial', none)!, value: 1.23456, rank: 12, ranked: 650, noDataReason: null });
		expect(s).toEqual({ code: 'E14000733', name: 'Hartlepool', nation: 'England', lines: ['Post-industrial score: 1.23 (score)', 'Rank 12 of 650'] });
	});

	it('says why a value is missing', () => {
		const s = summariseSeat(row, { info: describeVariable('priority', none)!, value: null, rank: null, ranked: 232, noDataReason: 'not eligible under the priority rules' });
		expect(s.lines).toEqual(['Priority: no data (not eligible under the priority rules)']);
	});

	it('gives both scores and the cell for the bivariate view', () => {
		const s = summariseSeat(row, { info: describeVariable('bivariate', none)!, value: null, rank: null, ranked: 0, cell: { x: 2, y: 1 }, noDataReason: null });
		expect(s.lines).toEqual(['Post-industrial 1.23 (rank 12)', 'Threat 0.500 (rank 40)', 'post-industrial high / threat middle']);
	});

	it('labels classes', () => {
		const classes = [{ index: 0, colour: '#fff', min: 1, max: 2, from: null, to: 2, count: 3 }];
		expect(classText(0, classes)).toBe('class 1 of 1: 1.00–2.00');
		expect(classText(null, classes)).toBe('no data');
	});
});

describe('geo files', () => {
	const manifest = {
		geo: [
			{ name: 'b10', file: 'boundaries-2010.geojson', kind: 'boundaries', boundarySet: '2010' },
			{ name: 'o', file: 'outline.geojson', kind: 'outline', boundarySet: 'none' }
		]
	} as unknown as DataManifest;

	it('finds files by kind and set, and says when one is missing', () => {
		expect(geoFile(manifest, 'boundaries', '2010').file).toBe('boundaries-2010.geojson');
		expect(geoFile(manifest, 'outline', 'none').file).toBe('outline.geojson');
		expect(() => geoFile(manifest, 'hexjson', '2024')).toThrow(/no hexjson file for the 2024 boundary set/);
	});

	it('checks GeoJSON and seat codes', () => {
		expect(parseFeatureCollection('{"type":"FeatureCollection","features":[]}', 'x', true).features).toEqual([]);
		expect(() => parseFeatureCollection('nope', 'x.geojson', false)).toThrow('x.geojson is not valid JSON.');
		expect(() => parseFeatureCollection('{"type":"Feature"}', 'x', false)).toThrow(/not a GeoJSON FeatureCollection/);
		expect(() => parseFeatureCollection('{"type":"FeatureCollection","features":[{"properties":{}}]}', 'x', true)).toThrow(/feature 1 has no properties.code/);
	});
});
