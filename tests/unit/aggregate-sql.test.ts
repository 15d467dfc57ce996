/**
 * The aggregate's pure parts: the dialect layer, the SQL builder in both renderings, the option
 * checks (the friendly --where guard included) and the one-line input errors.
 */
import { describe, expect, it } from 'vitest';
import { DUCKDB, SPARK } from '../../src/lib/queries/dialect';
import { columnKind, keyKindQuery, outputColumns, resultQuery, stageStatement, unmatchedSampleQuery, type AggregatePlan } from '../../src/lib/queries/aggregate';
import { csvCheckSql, inputViewSql } from '../../src/lib/queries/aggregate-io';
import { formatOf, parseAggregateArgs, whereProblem } from '../../scripts/aggregate/options';
import { inputErrorLine } from '../../scripts/aggregate/errors';

const plan: AggregatePlan = {
	key: 'pcon',
	group: 'ward',
	columns: [
		{ name: 'votes', kind: 'number' },
		{ name: 'contacted', kind: 'boolean' }
	],
	keyKind: { kind: 'seat', set: '2024' },
	where: "intention = 'lab'"
};

describe('dialects', () => {
	it('quote names and text each in their own way', () => {
		expect(DUCKDB.ident('a"b`c')).toBe('"a""b`c"');
		expect(SPARK.ident('a"b`c')).toBe('`a"b``c`');
		expect(DUCKDB.literal("it's \\ here")).toBe("'it''s \\ here'");
		expect(SPARK.literal("it's \\ here")).toBe("'it\\'s \\\\ here'");
		expect(() => SPARK.literal('a\u0000')).toThrow(/NUL/);
		expect(DUCKDB.materialise('t', 'SELECT 1')).toBe('CREATE OR REPLACE TEMP TABLE "t" AS SELECT 1');
		expect(SPARK.materialise('t', 'SELECT 1')).toBe('CACHE TABLE `t` AS SELECT 1');
	});
});

describe('the aggregation builder', () => {
	it('renders the same stage in DuckDB and Spark SQL, differing only in quoting and text type', () => {
		const duck = stageStatement(plan, DUCKDB);
		const spark = stageStatement(plan, SPARK);
		expect(duck).toContain('trim(CAST("pcon" AS VARCHAR)) AS agg_key');
		expect(spark).toContain('trim(CAST(`pcon` AS STRING)) AS agg_key');
		expect(spark).toContain('sum(CAST(`contacted` AS INTEGER)) AS c1_sum, count(CAST(`contacted` AS INTEGER)) AS c1_n');
		expect(spark).toContain("WHERE (intention = 'lab')");
		expect(spark).toMatch(/^CACHE TABLE `agg_keys` AS SELECT/);
		// Swap the quoting back and the two renderings are one statement.
		const neutral = (sql: string) =>
			sql
				.replace(/^CACHE TABLE `agg_keys`|^CREATE OR REPLACE TEMP TABLE "agg_keys"/, 'T')
				.replace(/[`"]/g, '')
				.replaceAll('STRING', 'VARCHAR');
		expect(neutral(spark)).toBe(neutral(duck));
	});

	it('keeps seat rows of the chosen set, with means over the values present', () => {
		const sql = resultQuery(plan, DUCKDB);
		expect(sql).toContain(`c.boundary_set = '2024' AND c.code = k.agg_key`);
		expect(sql).toContain('CAST(k.c0_sum AS DOUBLE) / nullif(k.c0_n, 0) AS "votes_mean"');
		expect(sql).toContain('ORDER BY "code", "ward" NULLS LAST');
	});

	it('weights small areas as the app does: 1 on the 2010 lookup, the population share on 2024', () => {
		const on2010 = resultQuery({ ...plan, keyKind: { kind: 'area', set: '2010' } }, SPARK);
		expect(on2010).toContain('JOIN `smallarea_2010` l ON l.area = k.agg_key');
		expect(on2010).not.toContain('share');
		const on2024 = resultQuery({ ...plan, keyKind: { kind: 'area', set: '2024' } }, SPARK);
		expect(on2024).toContain('sum(k.agg_rows * l.share) AS `rows`');
		expect(on2024).toContain('sum(CAST(k.c0_sum AS DOUBLE) * l.share) / nullif(sum(k.c0_n * l.share), 0) AS `votes_mean`');
	});

	it('names the output columns and finds the kinds of key and column', () => {
		expect(outputColumns(plan)).toEqual(['code', 'ward', 'rows', 'votes_sum', 'votes_mean', 'contacted_sum', 'contacted_mean']);
		expect(unmatchedSampleQuery(plan, SPARK, 3)).toMatch(/LIMIT 3$/);
		expect(keyKindQuery('pcon', SPARK)).toContain("boundary_set = '2010'");
		for (const t of ['BIGINT', 'DOUBLE', 'DECIMAL(9,2)', 'bigint', 'int', 'decimal(38,0)', 'float', 'UHUGEINT']) expect(columnKind(t), t).toBe('number');
		expect(columnKind('boolean')).toBe('boolean');
		for (const t of ['VARCHAR', 'string', 'DATE', 'timestamp', 'BLOB']) expect(columnKind(t), t).toBeNull();
	});

	it('reads files by name only, with fixed delimiters and checked types', () => {
		expect(inputViewSql(['/d/a.csv', "/d/it's.csv"], 'csv', { pcon: 'VARCHAR' })).toBe(`CREATE OR REPLACE VIEW "agg_input" AS SELECT * FROM read_csv(['/d/a.csv', '/d/it''s.csv'], header = true, skip = 0, delim = ',', types = {'pcon': 'VARCHAR'})`);
		expect(inputViewSql(['/d/a.tsv'], 'csv')).toContain("delim = '\t'");
		expect(() => inputViewSql(['/d/a.csv'], 'csv', { x: "VARCHAR'); DROP" })).toThrow(/Unsupported type/);
		expect(csvCheckSql('/d/a.csv', ['a', 'b'])).toContain("columns = {'a': 'VARCHAR', 'b': 'VARCHAR'}");
	});
});

describe('options', () => {
	const base = ['--input', 'in.csv', '--key', 'pcon', '--out', 'out.csv'];
	it('reads the formats from the names and passes settings through', () => {
		expect(formatOf('a/b.CSV')).toBe('csv');
		expect(formatOf('x.csv.gz')).toBe('csv');
		expect(formatOf('x.parquet')).toBe('parquet');
		expect(formatOf('x.json')).toBeNull();
		const o = parseAggregateArgs([...base, '--memory-limit', '4 GB', '--threads', '2', '--key-type', 'area-2024'], { SPARK_MASTER: 'spark://h:7077' })!;
		expect(o).toMatchObject({ outFormat: 'csv', memoryLimit: '4GB', threads: 2, engine: 'duckdb', keyKind: { kind: 'area', set: '2024' }, sparkMaster: 'spark://h:7077' });
		expect(parseAggregateArgs(['--help'])).toBeNull();
	});

	it('refuses bad options with one line naming the option', () => {
		expect(() => parseAggregateArgs(['--input', 'x.csv'])).toThrow(/--key is required/);
		expect(() => parseAggregateArgs([...base.slice(0, 4), '--out', 'o.xlsx'])).toThrow(/--out must end in .csv or .parquet/);
		expect(() => parseAggregateArgs([...base, '--memory-limit', 'lots'])).toThrow(/--memory-limit/);
		expect(() => parseAggregateArgs([...base, '--threads', '0'])).toThrow(/--threads/);
		expect(() => parseAggregateArgs([...base, '--engine', 'hive'])).toThrow(/--engine must be duckdb or spark/);
		expect(() => parseAggregateArgs([...base, '--key-type', 'ward'])).toThrow(/--key-type/);
		expect(() => parseAggregateArgs([...base, '--group', 'pcon'])).toThrow(/--group/);
	});

	it('lets a row filter through and refuses one that reads files, runs statements or hides in comments', () => {
		for (const ok of ["intention = 'lab' AND age_band IN ('18-24', '25-34')", 'turnout_2019 AND NOT moved', '"select" > 2', "ward LIKE 'Ab%'"]) expect(whereProblem(ok), ok).toBeNull();
		const refused: [string, RegExp][] = [
			["(SELECT count(*) FROM read_csv('/etc/passwd')) > 0", /SELECT/],
			["read_text('/etc/passwd') IS NOT NULL", /read_text/],
			["x IN (FROM 'secret.csv')", /secret\.csv/],
			["'https://example.org/x' = ward", /web address/],
			["1 = 1; COPY t TO '/tmp/x'", /";"/],
			['1 = 1) OR (1 = 1', /"\)" without/],
			['x = 1 -- ; DROP', null as unknown as RegExp],
			["glob('/home/*') IS NULL", /glob/],
			['`a` = 1', /backticks/]
		];
		for (const [text, why] of refused) {
			if (why === null) expect(whereProblem(text), text).toBeNull();
			else expect(whereProblem(text), text).toMatch(why);
		}
		expect(() => parseAggregateArgs([...base, '--where', "read_csv('x.csv') IS NULL"])).toThrow(/cannot read files/);
	});
});

describe('input errors', () => {
	it('become one line with the file, the line and the column', () => {
		const duck = `Conversion Error: CSV Error on Line: 30002\nOriginal Line: E14000531,abc\nError when converting column "x". Could not convert string "abc" to 'DOUBLE'\n\nColumn x is being converted as type DOUBLE\n  file = /d/bad.csv\n  delimiter = ,`;
		expect(inputErrorLine(duck, ['/d/a.csv', '/d/bad.csv'])).toBe(`Bad input in /d/bad.csv, line 30002, column "x": Could not convert string "abc" to 'DOUBLE'.`);
		const ragged = `Invalid Input Error: CSV Error on Line: 4\nOriginal Line: E1,1,9\nExpected Number of Columns: 2 Found: 3\n  file = /d/a.csv`;
		expect(inputErrorLine(ragged, ['/d/a.csv'])).toBe('Bad input in /d/a.csv, line 4: Expected Number of Columns: 2 Found: 3.');
		expect(inputErrorLine('IO Error: No magic bytes found at end of file', ['/d/x.parquet'])).toBe('Bad input in /d/x.parquet: No magic bytes found at end of file.');
	});
});
