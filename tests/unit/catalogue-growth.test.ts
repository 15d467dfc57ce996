/**
 * Catalogue growth: out-of-work benefits 2017, rural share 2011 and mid-2018 population and age,
 * each read back from the raw source file and compared with the indicator the app scores on.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Row } from '../../src/lib/db/types';
import { openNodeDatabase } from '../../src/lib/db/node';
import { prepareIndicators, type PreparedIndicators } from '../../src/lib/data/prepare-indicators';
import { geographyText, indicatorsFor } from '../../src/lib/model/catalogue';
import { DATA_DIR, openLoadedDatabase } from './helpers';

let db: Database;
let raw: Database;
let prepared: PreparedIndicators;
beforeAll(async () => {
	({ db } = await openLoadedDatabase());
	prepared = await prepareIndicators(db);
	raw = await openNodeDatabase({ directories: [DATA_DIR] });
});
afterAll(async () => {
	await db.close();
	await raw.close();
});

const readRaw = async (file: string, select: string) => (await raw.query(`SELECT ${select} FROM read_csv('${join(DATA_DIR, file)}', header = true)`)).rows;
const indicator = async (set: '2010' | '2024', id: string) => new Map((await db.query(`SELECT code, "${id}" AS v FROM indicators_${set}`)).rows.map((r: Row) => [String(r.code), r.v as number | null]));

describe('benefits, rurality and population come from their source files', () => {
	it("gives every GB seat the benefits file's % on benefits, and Aldershot its ESA share hand-computed from the file", async () => {
		const rows = await readRaw('economy/odileeds_out_of_work_benefits_2017_by_constituency.csv', 'id, "% on benefits" AS pct, "ESA (000s)" AS esa, Population AS pop');
		expect(rows).toHaveLength(632);
		const built = await indicator('2010', 'profile.out_of_work_benefits_2017');
		for (const r of rows) expect(built.get(String(r.id)), String(r.id)).toBe(r.pct);
		const aldershot = rows.find((r) => r.id === 'E14000530')!;
		expect(aldershot).toMatchObject({ pct: 3.602082454, esa: 0.65, pop: 106605 });
		expect((await indicator('2010', 'profile.esa_claimants_2017')).get('E14000530')).toBeCloseTo((100 * 650) / 106605, 10);
	});

	it("gives every English seat the rural file's 2011 share, and no other seat a value", async () => {
		const rows = await readRaw('census/odileeds_rural_pct_2011_by_constituency_england.csv', 'PCON11CD AS code, "Rural % 2011" AS pct');
		expect(rows).toHaveLength(533);
		const built = await indicator('2010', 'profile.rural_2011');
		for (const r of rows) expect(built.get(String(r.code)), String(r.code)).toBe(r.pct);
		expect(built.get('E14000530')).toBe(1.55); // Aldershot, as printed in the file
		expect([...built.values()].filter((v) => v !== null)).toHaveLength(533);
		expect(prepared.coverage['2010']['profile.rural_2011']).toEqual({
			England: { values: 533, seats: 533 },
			Wales: { values: 0, seats: 40 },
			Scotland: { values: 0, seats: 59 },
			'Northern Ireland': { values: 0, seats: 18 }
		});
	});

	it("gives all 650 seats, Northern Ireland included, the mid-2018 population and adult age shares from Rae's file", async () => {
		const rows = await readRaw('census/rae_pop_mid2018_age_area_by_constituency_uk.csv', 'ons_id AS code, pop_mid2018 AS pop, area_sq_km AS area, pct_65plus AS old, pct_18_24 AS young');
		expect(rows).toHaveLength(650);
		const [pop, old, young, density] = await Promise.all(['profile.population_2018', 'profile.adults_65_plus_2018', 'profile.adults_18_24_2018', 'profile.density_2018'].map((id) => indicator('2010', id)));
		for (const r of rows) {
			const code = String(r.code);
			expect(pop.get(code), code).toBe(Number(r.pop));
			expect(old.get(code), code).toBe(r.old);
			expect(young.get(code), code).toBe(r.young);
			expect(density.get(code), code).toBeCloseTo(Number(r.pop) / Number(r.area), 9);
		}
		expect(pop.get('E14000530')).toBe(105601); // Aldershot
		expect(prepared.coverage['2010']['profile.population_2018']['Northern Ireland']).toEqual({ values: 18, seats: 18 });
	});
});

describe('the new indicators in the catalogue', () => {
	it('are offered on the 2010 seats, direct, with their year, and carried to the 2024 seats only where a rate can be averaged', () => {
		const own = indicatorsFor(prepared.catalogue, '2010').filter((i) => i.id.startsWith('profile.'));
		expect(own.map((i) => [i.id, i.year])).toEqual([
			['profile.out_of_work_benefits_2017', '2017'],
			['profile.esa_claimants_2017', '2017'],
			['profile.rural_2011', '2011'],
			['profile.population_2018', '2018'],
			['profile.density_2018', '2018'],
			['profile.adults_18_24_2018', '2018'],
			['profile.adults_25_49_2018', '2018'],
			['profile.adults_50_64_2018', '2018'],
			['profile.adults_65_plus_2018', '2018']
		]);
		for (const i of own) expect(geographyText(i)).toBe('direct on the 2010 seats');
		const carried = indicatorsFor(prepared.catalogue, '2024')
			.filter((i) => i.id.startsWith('notional.profile.'))
			.map((i) => i.id);
		expect(carried).toContain('notional.profile.out_of_work_benefits_2017');
		expect(carried).toContain('notional.profile.rural_2011');
		expect(carried).not.toContain('notional.profile.population_2018');
		expect(carried).not.toContain('notional.profile.density_2018');
		const rural24 = prepared.catalogue.find((i) => i.id === 'notional.profile.rural_2011')!;
		expect(geographyText(rural24)).toMatch(/^notional/);
	});

	it('carries the rural share to the 2024 seats by population overlap: England only, a weighted mean of the 2010 values', async () => {
		const coverage = prepared.coverage['2024']['notional.profile.rural_2011'];
		expect(coverage.England).toEqual({ values: 543, seats: 543 });
		expect(coverage.Scotland.values).toBe(0);
		expect(coverage['Northern Ireland'].values).toBe(0);
		// A 2024 seat that is one whole 2010 seat keeps its value: check by hand against the overlap file.
		const { rows } = await db.query(`SELECT from_code AS code, any_value(to_code) AS old FROM overlap WHERE from_set = '2024' GROUP BY from_code HAVING count(*) = 1 AND any_value(from_code) LIKE 'E%' ORDER BY code LIMIT 1`);
		expect(rows).toHaveLength(1);
		const [old, now] = [await indicator('2010', 'profile.rural_2011'), await indicator('2024', 'notional.profile.rural_2011')];
		expect(now.get(String(rows[0].code))).toBeCloseTo(old.get(String(rows[0].old))!, 9);
	});
});
