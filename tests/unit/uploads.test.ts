import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../src/lib/db/types';
import { loadTable } from '../../src/lib/data/load-tables';
import { prepareIndicators } from '../../src/lib/data/prepare-indicators';
import { aggregateSmallAreaRows, loadDataset } from '../../src/lib/data/dataset-db';
import { buildSeatDataset, defaultChoices } from '../../src/lib/features/upload/records/build-dataset';
import { datasetIndicators } from '../../src/lib/model/uploads/dataset';
import { prepareDelimitedUpload } from '../../src/lib/features/upload/stage/prepare';
import type { ReferenceSeat } from '../../src/lib/features/upload/types';
import { referenceSeatsFromRows } from '../../src/lib/features/upload/match/reference-seats';
import { REFERENCE_SEATS_QUERY } from '../../src/lib/queries/uploads';
import { defaultDefinition } from '../../src/lib/model/lenses';
import { validateDefinition } from '../../src/lib/model/definition';
import { scoreQuery } from '../../src/lib/queries/scoring';
import { BUILT_DIR, openLoadedDatabase } from './helpers';
import type { DataManifest } from '../../src/lib/data/manifest';

let db: Database;
let manifest: DataManifest;
let reference: ReferenceSeat[];
const encode = (s: string) => new TextEncoder().encode(s);

beforeAll(async () => {
	({ db, manifest } = await openLoadedDatabase());
	reference = referenceSeatsFromRows((await db.query(REFERENCE_SEATS_QUERY)).rows);
});
afterAll(() => db.close());

describe('official names', () => {
	it('shows "Stoke-on-Trent North", and matches an upload keyed either way', () => {
		expect(reference.find((s) => s.set === '2010' && s.code === 'E14000973')).toMatchObject({ name: 'Stoke-on-Trent North', altNames: ['Stoke-On-Trent North'] });
		for (const spelling of ['Stoke-On-Trent North', 'Stoke-on-Trent North', 'Isle Of Wight', 'Isle of Wight']) {
			const csv = `Constituency,Members\n${spelling},12\nHartlepool,5\nClacton,3\n`;
			const prepared = prepareDelimitedUpload(encode(csv), reference, { fileName: 'members.csv' });
			if (!prepared.ok) throw new Error(prepared.error.message);
			const match = prepared.value.match!;
			expect(match.unmatched, spelling).toEqual([]);
			const code = spelling.startsWith('Stoke') ? 'E14000973' : 'E14000762';
			expect(
				match.matched.find((m) => m.input === spelling),
				spelling
			).toMatchObject({ code, name: spelling.startsWith('Stoke') ? 'Stoke-on-Trent North' : 'Isle of Wight' });
			expect(match.rowCodes[0], spelling).toBe(code);
		}
	});
});

describe('an uploaded CSV becomes a usable indicator', () => {
	it('matches names, combines duplicates on request, loads into DuckDB and scores with the new column', async () => {
		const csv = 'Constituency,Members,Note\nHartlepool,"1,200",a\nClacton,300,b\nHull East,50,c\nHull East,25,d\nNowhere Town,9,e\n';
		const prepared = prepareDelimitedUpload(encode(csv), reference, { fileName: 'members.csv' });
		if (!prepared.ok) throw new Error(prepared.error.message);
		const p = prepared.value;
		const key = p.keys[0];
		expect(key.kind).toBe('constituency-name');
		const choices = defaultChoices(p.columns, key.columnIndex);
		expect(choices.filter((c) => c.include).map((c) => c.label)).toEqual(['Members']);
		const refused = await buildSeatDataset(p.table, p.columns, p.match!, choices, { name: 'Members', duplicates: 'refuse', fileName: 'members.csv' });
		expect(refused).toEqual({ ok: false, error: expect.stringContaining('Kingston upon Hull East') });
		const built = await buildSeatDataset(p.table, p.columns, p.match!, choices, { name: 'Members', duplicates: 'sum', fileName: 'members.csv' });
		if (!built.ok) throw new Error(built.error);
		expect(built.droppedRows).toBe(1);
		expect(built.dataset.codes).toHaveLength(3);
		await loadDataset(db, built.dataset);
		const indicators = datasetIndicators(built.dataset);
		const { catalogue } = await prepareIndicators(db, indicators);
		const id = indicators[0].id;
		const row = await db.query(`SELECT v."${id}" AS v FROM indicators_2010 v JOIN constituencies c ON c.code = v.code AND c.boundary_set = '2010' WHERE c.name = 'Kingston upon Hull East'`);
		expect(row.rows[0].v).toBe(75);
		const definition = defaultDefinition('2015-ukip');
		definition.scores.threat.push({ id, weight: 2, direction: 1, normalisation: 'zscore', nullPolicy: 'reweight' });
		const valid = validateDefinition(definition, catalogue);
		expect(valid.ok).toBe(true);
		const q = scoreQuery(definition);
		expect((await db.query(q.sql, q.params)).rows).toHaveLength(650);
	});

	it('aggregates small areas to seats by sum and by population-weighted mean', async () => {
		for (const name of ['smallarea_2010', 'smallarea_2024']) {
			const table = manifest.tables.find((t) => t.name === name)!;
			await loadTable(db, table, new Uint8Array(readFileSync(join(BUILT_DIR, table.file))));
		}
		const lookup = (await db.query(`SELECT area, code FROM smallarea_2010 WHERE code = 'E14000733' ORDER BY area LIMIT 3`)).rows;
		const areas = [...lookup.map((r) => String(r.area)), 'E0NOTREAL'];
		const sum = await aggregateSmallAreaRows(db, '2010', 'sum', areas, [[1, 2, 3, 100]]);
		expect(sum.codes).toEqual(['E14000733']);
		expect(sum.values[0]).toEqual([6]);
		expect(sum.unmatched).toBe(1);
		expect(sum.examples).toEqual(['E0NOTREAL']);
		const mean = await aggregateSmallAreaRows(db, '2010', 'mean', areas.slice(0, 3), [[10, 10, 10]]);
		expect(mean.values[0][0]).toBeCloseTo(10, 9);
		const pop = await db.query(`SELECT count(*)::INTEGER AS n FROM smallarea_2010 WHERE population IS NULL`);
		expect(pop.rows[0].n).toBe(0);
	});
});
