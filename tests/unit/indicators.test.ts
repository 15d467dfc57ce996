import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/db/types';
import { buildCatalogue, type CodebookEntry, type Indicator } from '../../src/lib/model/catalogue';
import { CODEBOOK_QUERY, createIndicatorTable, indicatorCoverage } from '../../src/lib/queries/indicators';
import { openLoadedDatabase } from './helpers';

describe('indicator tables on the real data', () => {
	let db: Database;
	let catalogue: Indicator[];
	beforeAll(async () => {
		({ db } = await openLoadedDatabase());
		catalogue = buildCatalogue((await db.query(CODEBOOK_QUERY)).rows as unknown as CodebookEntry[]);
		await db.exec(createIndicatorTable('2010', catalogue));
		await db.exec(createIndicatorTable('2024', catalogue));
	});
	afterAll(() => db.close());

	const value = async (set: string, name: string, id: string) => {
		const { rows } = await db.query(`SELECT v."${id}" AS v FROM indicators_${set} v JOIN constituencies c ON c.code = v.code AND c.boundary_set = '${set}' WHERE c.name = '${name}'`);
		return rows[0].v as number | null;
	};

	it('has 650 rows per set and unique ids', async () => {
		for (const set of ['2010', '2024']) {
			const { rows } = await db.query(`SELECT count(*)::INTEGER AS n FROM indicators_${set}`);
			expect(rows[0].n).toBe(650);
		}
		const keys = catalogue.map((i) => `${i.boundarySet}/${i.id}`);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('computes the derived election measures', async () => {
		expect((await value('2010', 'Clacton', 'vote.ukip.2015'))!.toFixed(1)).toBe('44.4');
		expect((await value('2010', 'Clacton', 'change.ukip.2010_2015'))!.toFixed(1)).toBe('44.4');
		// UKIP won Clacton by 3,437 over the Conservatives: the gap is minus the majority.
		expect((await value('2010', 'Clacton', 'challenger.gap.2015'))!).toBeCloseTo((-100 * 3437) / 44207, 9);
		expect(await value('2010', 'Clacton', 'challenger.top2.2015')).toBe(1);
		expect(await value('2010', 'Clacton', 'challenger.second.2015')).toBe(0);
		// Hartlepool 2015: Labour won, UKIP second.
		expect(await value('2010', 'Hartlepool', 'challenger.second.2015')).toBe(1);
		expect((await value('2010', 'Hartlepool', 'majority.2015'))!).toBeGreaterThan(0);
	});

	it('measures the gap to an independent winner from the winner\'s own votes (HoC "Of which other winner")', async () => {
		// Blackburn 2024, from results/hoc_ge2024_results_by_constituency.csv: Adnan Hussain (Ind)
		// 10,518 ("Of which other winner"; all other candidates 18,078), Reform UK 4,844, valid votes 38,887.
		expect((await value('2024', 'Blackburn', 'challenger.gap.2024'))!).toBeCloseTo((100 * (10518 - 4844)) / 38887, 9);
		// North Down 2015: Sylvia Hermon (Ind) 17,689 = DUP 8,487 + majority 9,202; UKIP 1,482 of 35,947.
		expect((await value('2010', 'North Down', 'challenger.gap.2015'))!).toBeCloseTo((100 * (17689 - 1482)) / 35947, 9);
	});

	it("computes no challenger gap in the Speaker's seat", async () => {
		expect(await value('2024', 'Chorley', 'challenger.gap.2024')).toBeNull();
		expect(await value('2010', 'Chorley', 'challenger.gap.2019')).toBeNull();
		expect(await value('2010', 'Buckingham', 'challenger.gap.2015')).toBeNull();
		// Chorley was Labour's in 2015: an ordinary contest.
		expect(await value('2010', 'Chorley', 'challenger.gap.2015')).toBeCloseTo((100 * (23322 - 6995)) / 51712, 9);
	});

	it('carries the corrected NI Leave counts onto the 2024 boundaries', async () => {
		const leave = new Map((await db.query(`SELECT code, leave_pct FROM eu_ref`)).rows.map((r) => [r.code, r.leave_pct as number]));
		expect(leave.get('N06000014')).toBeCloseTo(50.6393, 4);
		const overlap = (await db.query(`SELECT o.from_code, o.to_code, o.overlap_pop FROM overlap o JOIN constituencies c ON c.code = o.from_code AND c.boundary_set = '2024' WHERE o.from_set = '2024' AND c.nation = 'Northern Ireland'`)).rows;
		const expected = new Map<string, [number, number]>();
		for (const o of overlap) {
			const [sum, pop] = expected.get(String(o.from_code)) ?? [0, 0];
			expected.set(String(o.from_code), [sum + (o.overlap_pop as number) * leave.get(String(o.to_code))!, pop + (o.overlap_pop as number)]);
		}
		expect(expected.size).toBe(18);
		const { rows } = await db.query(`SELECT code, "notional.referendum.leave" AS v FROM indicators_2024 WHERE code LIKE 'N%'`);
		for (const r of rows) {
			const [sum, pop] = expected.get(String(r.code))!;
			expect(r.v as number, String(r.code)).toBeCloseTo(sum / pop, 9);
		}
		expect((await value('2024', 'South Antrim', 'notional.referendum.leave'))!).toBeGreaterThan(50);
	});

	it('states coverage from the data: no Census 2011 in Northern Ireland', async () => {
		const { rows } = await db.query(indicatorCoverage('2010', ['census.mfg_mining', 'deprivation.score']));
		const ni = rows.find((r) => r.nation === 'Northern Ireland')!;
		expect(ni).toMatchObject({ seats: 18, 'census.mfg_mining': 0, 'deprivation.score': 18 });
		const england = rows.find((r) => r.nation === 'England')!;
		expect(england['census.mfg_mining']).toBe(533);
	});

	it('carries 2010-set values onto the 2024 set by population overlap (notional)', async () => {
		const { rows } = await db.query(`SELECT count("notional.census.mfg_mining")::INTEGER AS n, count("notional.referendum.leave")::INTEGER AS leave FROM indicators_2024`);
		expect(rows[0]).toEqual({ n: 632, leave: 650 });
		// Clacton's 2024 boundaries are nearly the same seat: notional Leave stays close to 2010-set Clacton.
		const notionalLeave = (await value('2024', 'Clacton', 'notional.referendum.leave'))!;
		const leave2010 = (await value('2010', 'Clacton', 'referendum.leave'))!;
		expect(Math.abs(notionalLeave - leave2010)).toBeLessThan(3);
		expect((await value('2024', 'Clacton', 'vote.reform.2024'))!.toFixed(1)).toBe('46.2');
	});
});
