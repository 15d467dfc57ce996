import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Row } from '../../src/lib/db/types';
import { prepareIndicators } from '../../src/lib/data/prepare-indicators';
import { LENS_IDS, NORMALISATIONS, NULL_POLICIES, type ScoreDefinition } from '../../src/lib/model/definition';
import { defaultDefinition } from '../../src/lib/model/lenses';
import { scoreSeats, type SeatInput } from '../../src/lib/model/reference';
import { combineQuery, createStageTable, READ_STAGE, scoreQuery, seatInputsQuery } from '../../src/lib/queries/scoring';
import { openLoadedDatabase } from './helpers';

/**
 * The browser runs DuckDB 1.4.3 (duckdb-wasm 1.32); `@duckdb/node-api` has no 1.4.3 build for
 * every platform in the registry, so native DuckDB here is a newer release. The SQL-vs-reference
 * parity therefore runs on both engines: DuckDB-wasm in Node is the browser's own engine.
 */
let db: Database;
let wasm: Database;
const engines: { name: 'native' | 'wasm'; db: () => Database }[] = [
	{ name: 'native', db: () => db },
	{ name: 'wasm', db: () => wasm }
];

beforeAll(async () => {
	({ db } = await openLoadedDatabase());
	await prepareIndicators(db); // creates the indicator tables the parity queries read
	const { openWasmNodeDatabase } = await import('../../src/lib/db/wasm-node');
	const { loadTables } = await import('../../src/lib/data/load-tables');
	const { readFileSync } = await import('node:fs');
	const { join } = await import('node:path');
	const { BUILT_DIR } = await import('./helpers');
	const manifest = JSON.parse(readFileSync(join(BUILT_DIR, 'manifest.json'), 'utf8'));
	wasm = await openWasmNodeDatabase();
	await loadTables(wasm, manifest, async (file) => new Uint8Array(readFileSync(join(BUILT_DIR, file))));
	await prepareIndicators(wasm);
});
afterAll(async () => {
	await db.close();
	await wasm.close();
});

async function bothWays(definition: ScoreDefinition, engine: Database = db) {
	const db = engine;
	const ids = [...definition.scores.postIndustrial, ...definition.scores.threat].map((s) => s.id);
	const inputs: SeatInput[] = (await db.query(seatInputsQuery(definition, ids))).rows.map((r: Row) => ({
		code: String(r.code),
		nation: String(r.nation),
		region: String(r.region),
		holder: r.holder === null ? null : String(r.holder),
		cityClass: r.city_class === null ? null : String(r.city_class),
		values: Object.fromEntries(ids.map((id) => [id, r[id] as number | null]))
	}));
	const reference = scoreSeats(inputs, definition);
	const query = scoreQuery(definition);
	const sql = (await db.query(query.sql, query.params)).rows;
	// The app's two-stage path (materialised normalised stage, then the weighted combine) must give
	// exactly the single-statement result.
	await db.exec(createStageTable(definition));
	const combine = combineQuery(definition);
	const stage = (await db.query(READ_STAGE)).rows;
	const combined = (await db.query(combine.sql, combine.params)).rows.map((r, i) => ({ ...stage[i], ...r }));
	expect(combined).toEqual(sql);
	return { reference, sql };
}

function expectClose(a: number | null, b: unknown, what: string) {
	if (a === null || b === null) {
		expect(b, what).toBe(a);
		return;
	}
	expect(Math.abs(a - (b as number)), what).toBeLessThanOrEqual(1e-9);
}

async function expectParity(definition: ScoreDefinition, engine: Database = db) {
	const { reference, sql } = await bothWays(definition, engine);
	expect(sql).toHaveLength(650);
	expect(reference).toHaveLength(650);
	for (const [i, ref] of reference.entries()) {
		const row = sql[i];
		expect(row.code).toBe(ref.code);
		const at = `${definition.lens} ${ref.code}`;
		expectClose(ref.postIndustrial, row.post_industrial, `${at} post_industrial`);
		expectClose(ref.threat, row.threat, `${at} threat`);
		expectClose(ref.postIndustrialPct, row.post_industrial_pct, `${at} post pct`);
		expectClose(ref.threatPct, row.threat_pct, `${at} threat pct`);
		expectClose(ref.priority, row.priority, `${at} priority`);
		expect(row.eligible, `${at} eligible`).toBe(ref.eligible);
		expect(row.post_industrial_partial, `${at} post partial`).toBe(ref.postIndustrialPartial);
		expect(row.threat_partial, `${at} threat partial`).toBe(ref.threatPartial);
		expect(row.post_industrial_rank, `${at} post rank`).toBe(ref.postIndustrialRank);
		expect(row.threat_rank, `${at} threat rank`).toBe(ref.threatRank);
		expect(row.priority_rank, `${at} priority rank`).toBe(ref.priorityRank);
		ref.normalised.postIndustrial.forEach((v, j) => expectClose(v, row[`p${j}`], `${at} p${j}`));
		ref.normalised.threat.forEach((v, j) => expectClose(v, row[`t${j}`], `${at} t${j}`));
	}
	return { reference, sql };
}

describe('the engines', () => {
	it('DuckDB-wasm in the tests is the browser’s DuckDB 1.4.3', async () => {
		const version = async (d: Database) => String((await d.query('SELECT version() AS v')).rows[0].v);
		expect(await version(wasm)).toBe('v1.4.3');
		console.log(`native DuckDB ${await version(db)}, DuckDB-wasm ${await version(wasm)}`);
	});
});

for (const engine of engines) {
	describe(`SQL scorer equals the TS reference on the real data (${engine.name} DuckDB)`, () => {
		for (const lens of LENS_IDS) {
			it(`default definition, lens ${lens}`, async () => {
				const { sql } = await expectParity(defaultDefinition(lens), engine.db());
				expect(sql.filter((r) => r.threat === null)).toHaveLength(0);
			});
		}

		for (const normalisation of NORMALISATIONS) {
			for (const nullPolicy of NULL_POLICIES) {
				it(`every lens with ${normalisation} and ${nullPolicy}, mixed weights and directions`, async () => {
					for (const lens of LENS_IDS) {
						const d = defaultDefinition(lens);
						for (const key of ['postIndustrial', 'threat'] as const) {
							d.scores[key] = d.scores[key].map((s, j) => ({ ...s, normalisation, nullPolicy, weight: [1, 2.5, 0, 0.75, 3][j % 5], direction: j % 2 ? -1 : 1 }));
						}
						d.priority.method = nullPolicy === 'exclude' ? 'min' : 'mean';
						d.priority.eligibility = { holders: ['lab', 'con'], nations: ['England', 'Wales'], regions: [], minPostIndustrialPercentile: 10, minThreatPercentile: 5 };
						await expectParity(d, engine.db());
					}
				});
			}
		}
	});
}

describe('default 2015 / UKIP lens on the real data', () => {
	it('puts Clacton first on threat', async () => {
		const { sql } = await bothWays(defaultDefinition('2015-ukip'));
		expect(sql.find((r) => r.name === 'Clacton')!.threat_rank).toBe(1);
	});

	it('by default scores Northern Ireland on deprivation alone, marked partial and left out of the GB ranks', async () => {
		const { sql } = await bothWays(defaultDefinition('2015-ukip'));
		const ni = sql.filter((r) => r.nation === 'Northern Ireland');
		const gb = sql.filter((r) => r.nation !== 'Northern Ireland');
		expect(ni).toHaveLength(18);
		// No imputed census value: the four census inputs stay empty; deprivation (p4) is there.
		for (const r of ni) {
			expect([r.p0, r.p1, r.p2, r.p3], String(r.name)).toEqual([null, null, null, null]);
			expect(r.p4).not.toBeNull();
			expect(r.post_industrial).toBeCloseTo(r.p4 as number, 12);
			expect(r).toMatchObject({ post_industrial_partial: true, post_industrial_pct: null, post_industrial_rank: null, priority: null, eligible: false });
		}
		expect(gb.every((r) => r.post_industrial_partial === false && r.post_industrial_pct !== null)).toBe(true);
		// GB seats are ranked among the 632 GB seats only: ranks 1…632, the top at percentile 1.
		expect(Math.max(...gb.map((r) => r.post_industrial_rank as number))).toBe(632);
		expect(Math.max(...gb.map((r) => r.post_industrial_pct as number))).toBe(1);
	});

	it('imputes Northern Ireland only when asked, and says so', async () => {
		const { imputationCaveats } = await import('../../src/lib/data/prepare-indicators');
		const { coverage } = await prepareIndicators(db);
		const d = defaultDefinition('2015-ukip');
		expect(imputationCaveats(d.scores.postIndustrial, coverage['2010'], (id) => id)).toEqual([]);
		d.scores.postIndustrial = d.scores.postIndustrial.map((s) => ({ ...s, nullPolicy: 'impute-nation-median' }));
		const { sql } = await expectParity(d);
		const ni = sql.filter((r) => r.nation === 'Northern Ireland');
		expect(ni.every((r) => r.p0 !== null && r.post_industrial_partial === false && r.post_industrial_pct !== null)).toBe(true);
		const caveats = imputationCaveats(d.scores.postIndustrial, coverage['2010'], (id) => id);
		expect(caveats).toHaveLength(4);
		expect(caveats[0]).toBe("census.mfg_mining: Northern Ireland has no values in this source, so its 18 seats take the UK median. These are imputed, not measured, and Northern Ireland's ranks rest on them.");
	});

	it('ranks recognisable Labour-held targets near the top (a sanity check, not a tuning target)', async () => {
		const { sql } = await bothWays(defaultDefinition('2015-ukip'));
		const top = sql.filter((r) => r.priority_rank !== null && (r.priority_rank as number) <= 30).map((r) => String(r.name));
		const expected = ['Rotherham', 'Heywood and Middleton', 'Hartlepool', 'Great Grimsby', 'Stoke-on-Trent North', 'Stoke-on-Trent Central'];
		expect(expected.filter((n) => top.includes(n)).length).toBeGreaterThanOrEqual(4);
		expect(sql.filter((r) => r.eligible).every((r) => r.holder === 'lab')).toBe(true);
	});
});

describe("the Speaker's seat", () => {
	it('is never eligible, even when any holder is allowed, in the SQL and the reference alike', async () => {
		for (const [lens, engine] of [
			['2019-brexit', db],
			['2024-reform', db],
			['2024-reform', wasm]
		] as const) {
			const d = defaultDefinition(lens);
			d.priority.eligibility.holders = [];
			const { reference, sql } = await expectParity(d, engine);
			const chorley = sql.find((r) => r.name === 'Chorley')!;
			expect(chorley.holder).toBe('speaker');
			expect(chorley.eligible).toBe(false);
			expect(chorley.priority).toBeNull();
			expect(reference.find((r) => r.code === chorley.code)!.eligible).toBe(false);
			expect(sql.filter((r) => r.eligible).length).toBeGreaterThan(600);
		}
	});
});

describe('the Centre for Cities class filter', () => {
	it('leaves only seats of the ticked classes eligible, in the SQL and the reference alike', async () => {
		const d = defaultDefinition('2024-reform');
		d.priority.eligibility = { ...d.priority.eligibility, holders: [], cityClasses: ['Hinterland', 'Deep rural'] };
		const { sql } = await expectParity(d);
		const classes = new Map((await db.query(`SELECT code, city_class FROM direct2024`)).rows.map((r) => [String(r.code), r.city_class]));
		const eligible = sql.filter((r) => r.eligible);
		expect(eligible.length).toBeGreaterThan(50);
		for (const r of eligible) expect(['Hinterland', 'Deep rural'], String(r.name)).toContain(classes.get(String(r.code)));
		expect(sql.filter((r) => r.nation === 'Scotland' && r.eligible)).toHaveLength(0);
		// Every Hinterland or Deep rural seat with both percentiles, except the Speaker's, is eligible.
		const expected = sql.filter((r) => ['Hinterland', 'Deep rural'].includes(String(classes.get(String(r.code)))) && r.post_industrial_pct !== null && r.threat_pct !== null && r.holder !== 'speaker');
		expect(eligible.map((r) => r.code)).toEqual(expected.map((r) => r.code));
		// The filter never changes a seat's score.
		const { sql: unfiltered } = await bothWays(defaultDefinition('2024-reform'));
		expect(sql.map((r) => r.post_industrial)).toEqual(unfiltered.map((r) => r.post_industrial));
	});
});

describe('backtest of the default 2015 lens on the real data', () => {
	it('judges the 231 Labour-held seats (Chorley, the Speaker’s from 2019, left out) against 46 losses in 2019', async () => {
		const { backtestOutcomes, backtestOutcomeSpecs } = await import('../../src/lib/queries/backtest');
		const { runBacktest } = await import('../../src/lib/model/backtest');
		const { lensById } = await import('../../src/lib/model/lenses');
		const lens = lensById('2015-ukip');
		const query = scoreQuery(defaultDefinition('2015-ukip'));
		const scored = (await db.query(query.sql, query.params)).rows as never[];
		const outcomes = (await db.query(backtestOutcomes(lens))).rows;
		expect(outcomes).toHaveLength(650);
		const lines = runBacktest(scored, outcomes, backtestOutcomeSpecs(lens));
		const lost2019 = lines.find((l) => l.outcome.column === 'lost_2019' && l.score === 'priority')!;
		// Labour won 232 seats in 2015; Chorley went to the Speaker in 2019, which no party lost.
		expect(lost2019.seats).toBe(231);
		expect(lost2019.positives).toBe(46);
		const chorley = outcomes.find((o) => o.code === 'E14000637')!;
		expect(chorley.lost_2019).toBeNull();
		expect(chorley.lost_2017).toBe(0);
		const lostCodes = outcomes.filter((o) => o.lost_2019 === 1).map((o) => o.code);
		expect(lostCodes).not.toContain('E14000637');
		// Buckingham: the Speaker's in 2015, a Conservative seat in 2019; not a loss by any party.
		expect(outcomes.find((o) => o.code === 'E14000608')!.lost_2019).toBeNull();
		expect(lost2019.value).toBeGreaterThan(0);
		expect(lost2019.value).toBeLessThan(1);
		const notional = lines.find((l) => l.outcome.column === 'share_2024')!;
		expect(notional.outcome.notional).toBe(true);
		expect(notional.seats).toBe(650);
		for (const l of lines) console.log(`${l.outcome.label} | ${l.score} | ${l.statistic} ${l.value?.toFixed(3)} | n=${l.seats} positives=${l.positives}`);
	});
});

describe('DuckDB-wasm, the engine the app runs, agrees with native DuckDB', () => {
	it('gives the same scores, ranks and nulls for every lens (staged and single-statement paths)', async () => {
		for (const lens of LENS_IDS) {
			const d = defaultDefinition(lens);
			d.scores.postIndustrial[0].nullPolicy = 'exclude'; // exercise nulls through Arrow
			const q = scoreQuery(d);
			const native = (await db.query(q.sql, q.params)).rows;
			const inWasm = (await wasm.query(q.sql, q.params)).rows;
			expect(inWasm).toHaveLength(650);
			for (const [i, row] of native.entries()) {
				for (const [key, value] of Object.entries(row)) {
					if (typeof value === 'number') expectClose(value, inWasm[i][key], `${lens} ${row.code} ${key}`);
					else expect(inWasm[i][key], `${lens} ${row.code} ${key}`).toBe(value);
				}
			}
			await wasm.exec(createStageTable(d));
			const combine = combineQuery(d);
			const staged = (await wasm.query(combine.sql, combine.params)).rows;
			staged.forEach((r, i) => expectClose(native[i].priority as number | null, r.priority, `${lens} staged priority`));
		}
	});
});
