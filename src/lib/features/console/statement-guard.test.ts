import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { guardSql, mayChangeSchema, splitTokens, tokenize, FILES_REASON, type GuardOptions } from './statement-guard';

const OPTIONS: GuardOptions = {
	protectedTables: ['constituencies', 'results', 'census2011', 'census2011_codebook', 'deprivation', 'eu_ref', 'overlap', 'indicators_2010', 'indicators_2024', 'score_stage'],
	protectedPrefixes: ['upload_']
};
const guard = (sql: string) => guardSql(sql, OPTIONS);
const allowed = (sql: string) => {
	const r = guard(sql);
	if (!r.ok) throw new Error(`expected "${sql}" to be allowed, got: ${r.reason}`);
	return r.statements;
};
const refused = (sql: string) => {
	const r = guard(sql);
	if (r.ok) throw new Error(`expected "${sql}" to be refused`);
	return r.reason;
};

describe('tokenize', () => {
	const kinds = (sql: string) => {
		const r = tokenize(sql);
		if (!r.ok) throw new Error(r.reason);
		return r.tokens.map((t) => `${t.kind}:${t.value}`);
	};

	it('drops comments, including nested block comments, and keeps strings and names whole', () => {
		expect(kinds(`SELECT /* a /* b */ 1; */ 'x;y' AS "a""b" -- ; DROP\n;`)).toEqual(['word:select', 'string:x;y', 'word:as', 'ident:a"b', 'semicolon:;']);
	});

	it("reads E'' strings with backslash escapes and plain strings without", () => {
		expect(kinds(`SELECT E'a\\'b', 'c\\'`)).toEqual(['word:select', "string:a'b", 'comma:,', 'string:c\\']);
		expect(kinds(`SELECT e'\\x41\\n'`)).toEqual(['word:select', 'string:A\n']);
	});

	it('continues a string across a line break (DuckDB joins them), keeping the E mode', () => {
		expect(kinds(`SELECT E'a'\n'b\\'c'`)).toEqual(['word:select', "string:ab'c"]);
		expect(kinds(`SELECT E'a' -- note\n'b\\'c'`)).toEqual(['word:select', "string:ab'c"]);
		// a block comment does not continue the string
		expect(kinds(`SELECT 'a' /* c */\n'b'`)).toEqual(['word:select', 'string:a', 'string:b']);
		// on one line the strings stay apart
		expect(kinds(`SELECT 'a' 'b'`)).toEqual(['word:select', 'string:a', 'string:b']);
	});

	it('reads dollar quotes to the first matching tag; identifiers may contain $', () => {
		expect(kinds(`SELECT $t$a$$b;$t$`)).toEqual(['word:select', 'string:a$$b;']);
		expect(kinds(`SELECT 1 AS x$a$`)).toEqual(['word:select', 'number:1', 'word:as', 'word:x$a$']);
		expect(kinds(`SELECT 1$a$;$a$`)).toEqual(['word:select', 'number:1', 'string:;']);
		expect(kinds(`SELECT $1, $name`)).toEqual(['word:select', 'param:$1', 'comma:,', 'param:$name']);
	});

	it('refuses what it cannot read exactly as DuckDB would', () => {
		for (const sql of [`SELECT 'open`, `SELECT "open`, `SELECT 1 /* open`, `SELECT /* /* */ 1`, `SELECT $a$ open`, `SELECT E'\\`, 'SELECT 1\u000bFROM t', 'SELECT\u00a01', 'SELECT 1 AS \ud800x']) expect(tokenize(sql).ok, sql).toBe(false);
	});

	it('splits on every semicolon outside strings, names and comments and drops empty statements', () => {
		const r = tokenize(`;; SELECT 1; ; SELECT ';' -- ;\n;`);
		expect(r.ok && splitTokens(r.tokens).length).toBe(2);
	});
});

describe('guardSql: allowed', () => {
	it.each([
		`SELECT name, nation FROM constituencies WHERE boundary_set = '2010' ORDER BY name LIMIT 5`,
		`select * from RESULTS`,
		`WITH x AS (SELECT * FROM results) SELECT count(*) FROM x`,
		`WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT * FROM t`,
		`VALUES (1, 'a'), (2, 'b')`,
		`TABLE results`,
		`FROM results LIMIT 3`,
		`FROM results SELECT code`,
		`(SELECT 1) UNION (SELECT 2)`,
		`DESCRIBE results`,
		`DESCRIBE SELECT * FROM results`,
		`SHOW TABLES`,
		`SHOW ALL TABLES`,
		`SUMMARIZE results`,
		`SUMMARIZE SELECT * FROM constituencies`,
		`EXPLAIN SELECT * FROM results`,
		`EXPLAIN ANALYZE SELECT 1`,
		`PRAGMA table_info('results')`,
		`PRAGMA show_tables`,
		`PRAGMA database_size`,
		`PIVOT results ON party USING sum(votes)`,
		`SELECT * FROM duckdb_tables()`,
		`SELECT * FROM information_schema.columns`,
		`SELECT * FROM memory.main.results`,
		`SELECT * FROM "main"."results" r JOIN main.constituencies c USING (code)`,
		`SELECT * FROM pragma_table_info('main.results')`,
		`SELECT * FROM range(10) t(x), generate_series(1, 3)`,
		`SELECT 'a,b', 'c.csv' AS file_name FROM results`,
		`SELECT * FROM results r JOIN constituencies c USING (code) WHERE c.name IN ('a.csv', 'b')`,
		`CREATE TABLE mine AS SELECT 1 AS x`,
		`CREATE TEMP TABLE mine AS SELECT * FROM results`,
		`CREATE OR REPLACE VIEW my_view AS SELECT * FROM results`,
		`CREATE TABLE IF NOT EXISTS mine (x INTEGER, y VARCHAR)`,
		`DROP TABLE mine`,
		`DROP VIEW IF EXISTS my_view`,
		`INSERT INTO mine SELECT * FROM results`,
		`INSERT OR REPLACE INTO mine VALUES (1)`,
		`WITH s AS (SELECT 1 AS x) INSERT INTO mine SELECT * FROM s`,
		`UPDATE mine SET x = 2 FROM results WHERE mine.x = 1`,
		`DELETE FROM mine WHERE x = 1`,
		`TRUNCATE mine`,
		`ALTER TABLE mine RENAME TO mine2`,
		`ALTER TABLE mine RENAME COLUMN x TO results`,
		`EXPLAIN CREATE TABLE mine AS SELECT 1`,
		`SELECT 1 AS e, 1e5 AS big, .5 AS half, 1_000 AS thousand`
	])('%s', (sql) => {
		expect(allowed(sql)).toHaveLength(1);
	});

	it('returns each statement as typed, without surrounding comments', () => {
		expect(allowed(`-- first\nSELECT 1 /* keep */ AS a; /* x */ SELECT ';' AS b -- end`)).toEqual(['SELECT 1 /* keep */ AS a', "SELECT ';' AS b"]);
	});

	it('ignores protected names and dangerous words inside strings, names and comments', () => {
		for (const sql of [
			`SELECT 'DROP TABLE results' AS s`,
			`SELECT 1 AS "DROP TABLE results"`,
			`SELECT 1 -- DROP TABLE results`,
			`SELECT /* ; DROP TABLE results; */ 1`,
			`SELECT $$; DROP TABLE results; $$`,
			`SELECT E'\\'; DROP TABLE results; --'`,
			`SELECT 'read_csv(''x.csv'')' AS s`
		])
			expect(allowed(sql), sql).toHaveLength(1);
	});
});

describe('guardSql: refused', () => {
	it.each([
		['DROP TABLE results', 'results'],
		['drop table "Results"', 'Results'],
		['DROP TABLE main.results', 'results'],
		['DROP TABLE "main"."RESULTS"', 'RESULTS'],
		['DROP TABLE memory.main.results', 'results'],
		['DROP TABLE IF EXISTS mine, results', 'results'],
		['DROP VIEW constituencies', 'constituencies'],
		['ALTER TABLE results ADD COLUMN x INT', 'results'],
		['ALTER TABLE mine RENAME TO results', 'results'],
		['INSERT INTO results SELECT * FROM results', 'results'],
		['UPDATE results SET votes = 0', 'results'],
		['DELETE FROM eu_ref', 'eu_ref'],
		['TRUNCATE TABLE overlap', 'overlap'],
		['CREATE OR REPLACE TABLE results AS SELECT 1', 'results'],
		['CREATE TEMP TABLE results AS SELECT 1', 'results'],
		['CREATE VIEW deprivation AS SELECT 1', 'deprivation'],
		['CREATE TABLE upload_mine AS SELECT 1', 'upload_mine'],
		['DROP TABLE UPLOAD_abc', 'upload_abc'],
		['COMMENT ON TABLE results IS $$x$$', 'results'],
		['COMMENT ON COLUMN results.votes IS $$x$$', 'results'],
		['WITH x AS (SELECT 1) DELETE FROM results', 'results'],
		['EXPLAIN ANALYZE DROP TABLE results', 'results'],
		['SELECT 1; DROP TABLE results', 'results']
	])('%s names the table', (sql, name) => {
		expect(refused(sql)).toContain(`"${name}"`);
	});

	it.each([
		[`SELECT * FROM read_csv('http://example.com/x.csv')`, 'read_csv'],
		[`SELECT * FROM read_parquet('x.parquet')`, 'read_parquet'],
		[`SELECT * FROM main.read_json('x')`, 'read_json'],
		[`SELECT * FROM "READ_TEXT"('x')`, 'read_text'],
		[`SELECT * FROM read_blob('x')`, 'read_blob'],
		[`SELECT * FROM glob('*')`, 'glob'],
		[`SELECT * FROM parquet_scan('x')`, 'parquet_scan'],
		[`SELECT * FROM sniff_csv('x')`, 'sniff_csv'],
		[`SELECT * FROM query('SELECT 1')`, 'query'],
		[`SELECT * FROM query_table('results')`, 'query_table'],
		[`SELECT * FROM 'http://example.com/x.csv'`, 'http://example.com/x.csv'],
		[`SELECT * FROM 's3://bucket/x.parquet'`, 's3://bucket/x.parquet'],
		[`FROM 'x.csv'`, 'x.csv'],
		[`SELECT * FROM results, 'data.csv'`, 'data.csv'],
		[`SELECT * FROM results JOIN 'x.parquet' USING (code)`, 'x.parquet'],
		[`SELECT * FROM results r JOIN constituencies c ON r.code = c.code, 'x.csv'`, 'x.csv'],
		[`SELECT * FROM "https://example.com/x.csv"`, 'https://example.com/x.csv'],
		[`SELECT * FROM "data.parquet"`, 'data.parquet'],
		[`SELECT * FROM (FROM 'x.csv')`, 'x.csv'],
		[`SELECT * FROM LATERAL 'x.csv'`, 'x.csv'],
		[`SUMMARIZE 'x.csv'`, 'x.csv'],
		[`DESCRIBE 'x.csv'`, 'x.csv'],
		[`SELECT * FROM pragma_table_info('data/x.csv')`, 'data/x.csv'],
		[`PRAGMA table_info('x.csv')`, 'x.csv'],
		[`SELECT * FROM 'htt'\n'p://x'`, 'http://x'],
		[`SELECT * FROM E'\\x68ttp://x'`, 'http://x'],
		[`SELECT 'https://example.com' AS link`, 'https://example.com'],
		// Qualified names: DuckDB joins the parts with dots and reads the result as a path or URL.
		[`SELECT * FROM "http://127.0.0.1:8000/x".csv`, 'http://127.0.0.1:8000/x.csv'],
		[`SELECT * FROM "https://example.com/data"."parquet"`, 'https://example.com/data.parquet'],
		[`SELECT * FROM data.csv`, 'data.csv'],
		[`SELECT * FROM "/tmp/members".CSV`, '/tmp/members.csv'],
		[`SELECT * FROM main."x.csv"`, 'main.x.csv'],
		[`SELECT * FROM memory.main."x.parquet"`, 'memory.main.x.parquet'],
		[`SELECT * FROM results, "http://x/y".csv`, 'http://x/y.csv'],
		[`SELECT * FROM results JOIN "s3://b/k".parquet USING (code)`, 's3://b/k.parquet'],
		[`SELECT * FROM (FROM "http://x/y".csv)`, 'http://x/y.csv'],
		[`DESCRIBE "http://x/y".csv`, 'http://x/y.csv'],
		[`SUMMARIZE "http://x/y".csv`, 'http://x/y.csv'],
		[`TABLE "http://x/y".csv`, 'http://x/y.csv'],
		[`INSERT INTO mine SELECT * FROM "http://x/y".csv`, 'http://x/y.csv'],
		[`CREATE TABLE mine AS FROM "http://x/y".csv`, 'http://x/y.csv']
	])('%s is refused as reading files or URLs', (sql, named) => {
		const reason = refused(sql);
		expect(reason).toContain(FILES_REASON);
		expect(reason).toContain(named);
	});

	it.each([
		['ATTACH $$x.db$$ AS x', 'ATTACH'],
		['DETACH x', 'DETACH'],
		['INSTALL httpfs', 'Extensions'],
		['LOAD httpfs', 'Extensions'],
		['FORCE INSTALL httpfs', 'Extensions'],
		['UPDATE EXTENSIONS', 'Extensions'],
		['SET autoload_known_extensions = true', 'Settings'],
		['RESET autoload_known_extensions', 'Settings'],
		['SET VARIABLE x = 1', 'Settings'],
		['PRAGMA enable_profiling', 'Settings'],
		['PRAGMA autoinstall_known_extensions = 1', 'Settings'],
		['PRAGMA table_info = 1', 'Settings'],
		["COPY results TO 'x.csv'", 'COPY'],
		["COPY mine FROM 'x.csv'", 'COPY'],
		["EXPORT DATABASE 'dir'", 'EXPORT'],
		["IMPORT DATABASE 'dir'", 'IMPORT'],
		['CHECKPOINT', 'CHECKPOINT'],
		['FORCE CHECKPOINT', 'CHECKPOINT'],
		['CALL checkpoint()', 'CALL'],
		['SELECT * FROM checkpoint()', 'checkpoint'],
		['BEGIN TRANSACTION', 'Transactions'],
		['COMMIT', 'Transactions'],
		['USE temp', 'USE'],
		['PREPARE p AS SELECT 1', 'PREPARE'],
		['CREATE MACRO m() AS 1', 'MACRO'],
		['CREATE SCHEMA s', 'SCHEMA'],
		['CREATE SECRET (TYPE s3)', 'SECRET'],
		['DROP SCHEMA main CASCADE', 'SCHEMA'],
		['SELECT * FROM (DELETE FROM mine RETURNING *)', 'DELETE'],
		['DESCRIBE DROP TABLE mine', 'DROP'],
		['SUMMARIZE WITH x AS (SELECT 1) INSERT INTO mine SELECT * FROM x', 'INSERT'],
		['SELEC 1', 'SELEC'],
		["'just a string'", 'string'],
		['', 'no SQL'],
		['  -- only a comment\n', 'no SQL'],
		["SELECT 'unterminated", 'never closed']
	])('%s', (sql, mention) => {
		expect(refused(sql)).toContain(mention);
	});

	it('refuses the whole batch when any statement is refused, and says which', () => {
		expect(refused('SELECT 1; CREATE TABLE mine AS SELECT 2; DROP TABLE results')).toMatch(/^Statement 3: /);
	});

	it('refuses over-long text without lexing it', () => {
		expect(refused(`SELECT ${'1+'.repeat(100_001)}1`)).toContain('longer than');
	});
});

describe('mayChangeSchema', () => {
	it('is true for CREATE, DROP and ALTER, false for queries and row changes', () => {
		expect(mayChangeSchema('CREATE TABLE mine AS SELECT 1')).toBe(true);
		expect(mayChangeSchema('drop view v')).toBe(true);
		expect(mayChangeSchema('ALTER TABLE mine RENAME TO m2')).toBe(true);
		expect(mayChangeSchema("SELECT 'create' AS s")).toBe(false);
		expect(mayChangeSchema('INSERT INTO mine VALUES (1)')).toBe(false);
	});
});

// ---------------------------------------------------------------------------------------------
// Properties

const PROTECTED = OPTIONS.protectedTables;
const separator = fc.constantFrom(' ', '\n', '\t', '  ', ' /* c */ ', '/**/', ' /* a /* nested */ b */ ', ' -- c\n', '\n-- c\n');
const mixedCase = (word: string) => fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((up) => [...word].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(''));
const quotedName = (name: string) => fc.tuple(mixedCase(name), fc.boolean()).map(([n, quoted]) => (quoted ? `"${n}"` : n));
const qualified = (name: string) => fc.tuple(fc.constantFrom('', 'main.', '"main".', 'memory.main.', 'MAIN . '), quotedName(name)).map(([q, n]) => q + n);

describe('properties', () => {
	it('never throws, whatever the text', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
				const r = guard(s);
				expect(typeof r.ok).toBe('boolean');
			}),
			{ numRuns: 2000 }
		);
		const fragment = fc.constantFrom("'", "''", '"', '$$', '$a$', '$1', 'E', "E'", '\\', '--', '/*', '*/', '\n', ';', ' ', '(', ')', ',', '.', 'SELECT', 'FROM', 'DROP TABLE results', 'read_csv(', 'x', '1', 'WITH', 'AS', 'e');
		fc.assert(
			fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => {
				const r = guard(parts.join(''));
				expect(typeof r.ok).toBe('boolean');
			}),
			{ numRuns: 3000 }
		);
	});

	it('a protected name inside a string literal or comment does not refuse an allowed SELECT', () => {
		const danger = fc.tuple(fc.constantFrom(...PROTECTED), mixedCase('drop table'), fc.constantFrom('', ';', '; --', "'", '"', '*/', '$$')).map(([name, drop, tail]) => `${drop} ${name}${tail}`);
		const wrapped = fc.tuple(danger, fc.integer({ min: 0, max: 5 })).map(([text, how]) => {
			switch (how) {
				case 0:
					return `'${text.replaceAll("'", "''")}'`;
				case 1:
					return `E'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
				case 2:
					return `$q$${text}$q$`;
				case 3:
					return `1 -- ${text}\n`;
				case 4:
					return `1 /* ${text.replaceAll('*/', '').replaceAll('/*', '')} */`;
				default:
					return `1 AS "${text.replaceAll('"', '""')}"`;
			}
		});
		fc.assert(
			fc.property(wrapped, fc.constantFrom(...PROTECTED), (expr, table) => {
				const r = guard(`SELECT ${expr} FROM ${table}`);
				expect(r.ok).toBe(true);
			}),
			{ numRuns: 1000 }
		);
	});

	it('DROP TABLE results is refused in any casing, quoting, qualification and with comments', () => {
		const drop = fc
			.tuple(
				fc.constantFrom('', 'SELECT 1;', "SELECT ';';", '-- hi\n', '/* ; */'),
				mixedCase('drop'),
				separator,
				mixedCase('table'),
				separator,
				fc.option(
					fc.tuple(mixedCase('if exists'), separator).map(([a, b]) => a + b),
					{ nil: '' }
				),
				qualified('results'),
				fc.constantFrom('', ';', ' CASCADE', ' -- bye', ' /* x */;', '; SELECT 1')
			)
			.map((parts) => parts.join(''));
		fc.assert(
			fc.property(drop, (sql) => {
				const r = guard(sql);
				expect(r.ok).toBe(false);
				if (!r.ok) expect(r.reason.toLowerCase()).toContain('"results"');
			}),
			{ numRuns: 1500 }
		);
	});

	it('any change to any protected table is refused', () => {
		const statement = fc
			.tuple(fc.constantFrom(...PROTECTED, 'upload_x1'), fc.integer({ min: 0, max: 9 }))
			.chain(([name, how]) =>
				qualified(name).map(
					(q) =>
						[
							`DROP TABLE ${q}`,
							`DROP VIEW ${q}`,
							`ALTER TABLE ${q} RENAME TO x`,
							`INSERT INTO ${q} SELECT 1`,
							`UPDATE ${q} SET a = 1`,
							`DELETE FROM ${q}`,
							`TRUNCATE ${q}`,
							`CREATE OR REPLACE TABLE ${q} AS SELECT 1`,
							`CREATE TEMP VIEW ${q} AS SELECT 1`,
							`ALTER VIEW mine RENAME TO ${q}`
						][how]
				)
			);
		fc.assert(
			fc.property(statement, (sql) => {
				expect(guard(sql).ok).toBe(false);
			}),
			{ numRuns: 1000 }
		);
	});
});
