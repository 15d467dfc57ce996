import { describe, expect, it } from 'vitest';
import { attributionLines, exportFileName, mapCsv, type MapExportRow } from './map-export';

const row = (over: Partial<MapExportRow> = {}): MapExportRow => ({
	code: 'E14000733',
	name: 'Hartlepool',
	nation: 'England',
	region: 'North East',
	holder: 'Labour',
	post_industrial: 1.5,
	threat: 1.2,
	value: 1.5,
	classLabel: 'class 5 of 5: 0.9–2.1',
	colour: '#440154',
	...over
});
const ctx = { variable: 'post_industrial' as const, variableLabel: 'Post-industrial score', unit: 'score', lensLabel: '2015 / UKIP', boundarySet: '2010', notional: false, date: '2024-07-05' };

describe('mapCsv', () => {
	it('writes one row per seat with lens and boundary set, then attribution rows', () => {
		const csv = mapCsv([row(), row({ code: 'N06000001', name: 'Belfast East', value: null, classLabel: 'no data', colour: '#d0d0d0' })], ctx, ['Line A', 'Line B']);
		const lines = csv.trimEnd().split('\n');
		expect(lines[0]).toBe('code,name,nation,region,holder,variable,unit,value,class,colour,post_industrial,threat,lens,boundary_set,notional');
		expect(lines[1]).toBe('E14000733,Hartlepool,England,North East,Labour,Post-industrial score,score,1.5,class 5 of 5: 0.9–2.1,#440154,1.5,1.2,2015 / UKIP,2010,false');
		expect(lines[2]).toContain('Belfast East');
		expect(lines[2]).toContain(',,no data,');
		expect(lines[3]).toBe('');
		expect(lines[4]).toContain('# Heartlands map export, 2024-07-05');
		expect(lines.slice(-2)).toEqual(['# Line A', '# Line B']);
	});

	it('neutralises formula-like seat names', () => {
		const csv = mapCsv([row({ name: '=HYPERLINK("x")' })], ctx, []);
		expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
	});
});

describe('export helpers', () => {
	it('deduplicates attribution lines in order', () => {
		expect(attributionLines([{ attribution: 'A' }, { attribution: 'B ' }, { attribution: 'A' }, { attribution: '' }])).toEqual(['A', 'B']);
	});

	it('names files after the variable and date', () => {
		expect(exportFileName('bivariate', '2024-07-05', 'png')).toBe('heartlands-map-bivariate-2024-07-05.png');
		expect(exportFileName('indicator:census.mfg_mining', '2024-07-05', 'csv')).toBe('heartlands-map-census-mfg-mining-2024-07-05.csv');
		expect(exportFileName('indicator:../../', '2024-07-05', 'csv')).toBe('heartlands-map-map-2024-07-05.csv');
	});
});
