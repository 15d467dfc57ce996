import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/db/types';
import { challengerTotals, constituencyOverview, LEAVE_CORRECTIONS_QUERY, partyNationalTotal, type OverviewRow } from '../../src/lib/queries/overview';
import { PUBLISHED_TOTALS, totalNote } from '../../src/lib/app/about/national-totals';
import { ident, literal } from '../../src/lib/queries/sql';
import { openNodeDatabase } from '../../src/lib/db/node';
import { openLoadedDatabase } from './helpers';

describe('SQL through the Node database door, on the real data', () => {
	let db: Database;
	beforeAll(async () => {
		({ db } = await openLoadedDatabase());
	});
	afterAll(() => db.close());

	it("gives Clacton's UKIP share in 2015 as 44.4%", async () => {
		const rows = (await db.query(constituencyOverview())).rows as unknown as OverviewRow[];
		expect(rows).toHaveLength(650);
		const clacton = rows.find((r) => r.name === 'Clacton')!;
		expect(clacton.ukipShare2015!.toFixed(1)).toBe('44.4');
		expect(clacton.winner2015).toBe('UKIP');
		expect(clacton.majority2015).toBe(3437);
	});

	it('gives UKIP 3,881,099 votes nationally in 2015', async () => {
		const { rows } = await db.query(partyNationalTotal('ukip', 2015));
		expect(rows[0].votes).toBe(3_881_099);
	});

	it("shows Reform UK 2024 as the file's 4,117,620 and notes the published 4,117,610; the other totals equal theirs", async () => {
		const { rows } = await db.query(challengerTotals(PUBLISHED_TOTALS));
		const notes = PUBLISHED_TOTALS.map((t) => [t.year, rows.find((r) => r.year === t.year && r.party === t.party)!.votes, totalNote(t, rows.find((r) => r.year === t.year)!.votes as number)]);
		expect(notes).toEqual([
			[2010, 919_471, null],
			[2015, 3_881_099, null],
			[2017, 594_068, null],
			[2019, 644_257, null],
			[2024, 4_117_620, "The constituency file sums to 4,117,620, 10 votes more than the published 4,117,610; the app uses the file's figures."]
		]);
	});

	it('lists the two NI Leave corrections with their counts for the Method tab', async () => {
		const { rows } = await db.query(LEAVE_CORRECTIONS_QUERY);
		expect(rows.map((r) => [r.name, r.leave_votes, r.remain_votes, r.leave_pct_as_compiled])).toEqual([
			['Belfast East', 21918, 20728, 51.9433],
			['South Antrim', 22055, 21498, 41.1835]
		]);
	});

	it('has no Census 2011 for Northern Ireland but deprivation and Leave for every seat', async () => {
		const rows = (await db.query(constituencyOverview())).rows as unknown as OverviewRow[];
		expect(rows.filter((r) => r.deprivationScore === null)).toEqual([]);
		expect(rows.filter((r) => r.leave2016 === null)).toEqual([]);
		const census = await db.query(`SELECT count(*)::INTEGER AS n FROM census2011 WHERE code LIKE 'N%'`);
		expect(census.rows[0].n).toBe(0);
	});

	it('never loads an extension: autoload and autoinstall are off', async () => {
		const { rows } = await db.query(`SELECT name, value FROM duckdb_settings() WHERE name IN ('autoload_known_extensions', 'autoinstall_known_extensions') ORDER BY name`);
		expect(rows).toEqual([
			{ name: 'autoinstall_known_extensions', value: 'false' },
			{ name: 'autoload_known_extensions', value: 'false' }
		]);
	});
});

describe('identifier quoting', () => {
	it('round-trips a hostile column name as a column name', async () => {
		const db = await openNodeDatabase();
		try {
			const hostile = 'a"; DROP TABLE x; --';
			await db.exec('CREATE TABLE x (id INTEGER)');
			await db.exec(`CREATE TABLE t AS SELECT 42 AS ${ident(hostile)}`);
			const described = await db.query(`DESCRIBE t`);
			expect(described.rows.map((r) => r.column_name)).toEqual([hostile]);
			const { rows, columns } = await db.query(`SELECT ${ident(hostile)} FROM t`);
			expect(columns).toEqual([hostile]);
			expect(rows[0][hostile]).toBe(42);
			// The would-be injected statement did not run.
			expect((await db.query(`SELECT count(*)::INTEGER AS n FROM x`)).rows[0].n).toBe(0);
		} finally {
			await db.close();
		}
	});

	it('quotes literals and refuses NUL characters', async () => {
		expect(literal("O'Brien")).toBe("'O''Brien'");
		expect(ident('plain')).toBe('"plain"');
		expect(() => ident('a\u0000b')).toThrow(/NUL/);
		const db = await openNodeDatabase();
		try {
			const { rows } = await db.query(`SELECT ${literal("'); DROP TABLE y; --")} AS v`);
			expect(rows[0].v).toBe("'); DROP TABLE y; --");
		} finally {
			await db.close();
		}
	});
});
