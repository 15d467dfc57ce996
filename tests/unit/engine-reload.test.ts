import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openNodeDatabase } from '../../src/lib/db/node';
import { reloadEngine } from '../../src/lib/engine/engine-reload';
import type { UploadedDataset } from '../../src/lib/features/upload/dataset';
import { defaultDefinition } from '../../src/lib/model/lenses';
import { scoreQuery } from '../../src/lib/queries/scoring';
import { BUILT_DIR, openLoadedDatabase } from './helpers';

const dataset: UploadedDataset = {
	version: 1,
	id: 'd0011223344556677',
	name: 'Members',
	fileName: 'members.csv',
	boundarySet: '2010',
	createdAt: '2026-01-01T00:00:00.000Z',
	aggregation: null,
	columns: [{ id: 'c0', header: 'members', label: 'Members', unit: 'people', direction: 1 }],
	codes: ['E14000733', 'E14000642'],
	values: [[100, 50]]
};

describe('reloading a fresh engine after a crash', () => {
	it('gives the same tables, the session’s uploads and a catalogue that scores with them', async () => {
		const { db: first, manifest } = await openLoadedDatabase();
		const tables = async (db: typeof first) => (await db.query(`SELECT table_name FROM duckdb_tables() ORDER BY 1`)).rows.map((r) => r.table_name);
		await first.close();
		const fresh = await openNodeDatabase();
		try {
			const { prepared } = await reloadEngine(fresh, manifest, async (file) => new Uint8Array(readFileSync(join(BUILT_DIR, file))), [dataset]);
			expect(await tables(fresh)).toEqual(expect.arrayContaining(manifest.tables.filter((t) => !t.lazy).map((t) => t.name)));
			expect(await tables(fresh)).toContain('upload_d0011223344556677');
			const id = 'upload.d0011223344556677.c0';
			expect(prepared.catalogue.some((i) => i.id === id)).toBe(true);
			const definition = defaultDefinition('2015-ukip');
			definition.scores.threat.push({ id, weight: 1, direction: 1, normalisation: 'zscore', nullPolicy: 'impute-nation-median' });
			const q = scoreQuery(definition);
			expect((await fresh.query(q.sql, q.params)).rows).toHaveLength(650);
		} finally {
			await fresh.close();
		}
	});
});
