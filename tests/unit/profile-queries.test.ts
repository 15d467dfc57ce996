/** The seat profile's SQL on the real data in native DuckDB: the boundary-set lookup and the indicator matrix. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/db/types';
import { prepareIndicators } from '../../src/lib/data/prepare-indicators';
import { profileIndicators, seatLookup } from '../../src/lib/queries/profile';
import { nearestSeats } from '../../src/lib/model/similarity';
import { openLoadedDatabase } from './helpers';

let db: Database;
beforeAll(async () => {
	({ db } = await openLoadedDatabase());
	await prepareIndicators(db);
}, 120_000);
afterAll(async () => db?.close());

describe('seatLookup', () => {
	it('finds the boundary set a code belongs to', async () => {
		expect((await db.query(seatLookup('E14000642'))).rows).toEqual([{ boundary_set: '2010', code: 'E14000642', name: 'Clacton', nation: 'England', region: 'East', seat_type: 'County' }]);
		expect((await db.query(seatLookup(' e14001174 '))).rows.map((r) => [r.boundary_set, r.name])).toEqual([['2024', 'Clacton']]);
	});

	it('lists both sets for a code used by both, and nothing for an unknown or hostile code', async () => {
		expect((await db.query(seatLookup('S14000021'))).rows.map((r) => r.boundary_set)).toEqual(['2010', '2024']);
		expect((await db.query(seatLookup('E14999999'))).rows).toEqual([]);
		expect((await db.query(seatLookup("x' OR '1'='1"))).rows).toEqual([]);
	});
});

describe('profileIndicators', () => {
	it('gives every seat of the set, by code, with raw values and NULL where missing', async () => {
		const { rows } = await db.query(profileIndicators('2010', ['referendum.leave', 'census.c11QualNone']));
		expect(rows).toHaveLength(650);
		expect(rows.map((r) => r.code)).toEqual([...rows.map((r) => r.code as string)].sort());
		const clacton = rows.find((r) => r.name === 'Clacton')!;
		expect(clacton.nation).toBe('England');
		expect(clacton['referendum.leave'] as number).toBeGreaterThan(65);
		// No Census 2011 rows for Northern Ireland in the GB-only source.
		const ni = rows.filter((r) => r.nation === 'Northern Ireland');
		expect(ni).toHaveLength(18);
		expect(ni.every((r) => r['census.c11QualNone'] === null)).toBe(true);
	});

	it("feeds the similarity model: Clacton's neighbours are English seats, never itself", async () => {
		const ids = ['census.mfg_mining', 'census.c11LongTermSick', 'census.routine', 'census.c11QualNone', 'deprivation.score', 'referendum.leave'];
		const { rows } = await db.query(profileIndicators('2010', ids));
		const near = nearestSeats(
			rows.map((r) => ({ code: r.code as string, values: ids.map((id) => r[id] as number | null) })),
			'E14000642',
			{ k: 10 }
		);
		expect(near.neighbours).toHaveLength(10);
		expect(near.neighbours.map((n) => n.code)).not.toContain('E14000642');
		expect(near.neighbours.every((n) => n.code.startsWith('E14'))).toBe(true);
	});
});
