/**
 * The guard's lexer checked against DuckDB itself (native, same PostgreSQL-derived lexer as the
 * wasm build): string values, quoted names and statement counts must agree, and nothing the guard
 * lets through may change a protected table or read a file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { openNodeDatabase } from '$lib/db/node';
import type { Database } from '$lib/db/types';
import { guardSql, splitTokens, tokenize } from './statement-guard';

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
	instance = await DuckDBInstance.create(':memory:');
	conn = await instance.connect();
	await conn.run('SET autoinstall_known_extensions = false');
	await conn.run('SET autoload_known_extensions = false');
});
afterAll(() => {
	conn?.closeSync();
	instance?.closeSync();
});

async function duckValue(sql: string): Promise<{ ok: true; value: unknown; column: string } | { ok: false }> {
	try {
		const reader = await conn.runAndReadAll(sql);
		return { ok: true, value: reader.getRowsJS()[0]?.[0], column: reader.columnNames()[0] };
	} catch {
		return { ok: false };
	}
}

async function duckCount(sql: string): Promise<number | null> {
	try {
		return (await conn.extractStatements(sql)).count;
	} catch {
		return null;
	}
}

const content = fc.string({ unit: fc.constantFrom('a', 'b', ';', "'", "''", '\\', '$', '$q$', '"', '-', '--', '/', '*', '/*', '*/', '\n', '\r', ' ', 'é', 'x', 'e'), maxLength: 12 });
const escE = (s: string) => s.replaceAll('\\', '\\\\').replaceAll("'", "\\'");
const escStd = (s: string) => s.replaceAll("'", "''");
const gap = fc.constantFrom('\n', ' \n ', '\n-- note ; \n', ' -- x\n\n', '\r\n');

const literal = fc.oneof(
	content.map((c) => `'${escStd(c)}'`),
	content.map((c) => `E'${escE(c)}'`),
	content.map((c) => `e'${escE(c)}'`),
	content.map((c) => {
		let tag = 'q';
		while (c.includes(`$${tag}$`) || (c + '$').includes(`$${tag}$`)) tag += 'q';
		return `$${tag}$${c}$${tag}$`;
	}),
	content.map((c) => `$$${c.replaceAll('$', '')}$$`),
	fc.tuple(content, gap, content).map(([a, g, b]) => `'${escStd(a)}'${g}'${escStd(b)}'`),
	fc.tuple(content, gap, content).map(([a, g, b]) => `E'${escE(a)}'${g}'${escE(b)}'`),
	// Deliberately unbalanced: whatever DuckDB makes of these, the guard must read the same.
	content.map((c) => `E'${c}'`),
	content.map((c) => `'${c}'`)
);

describe('the lexer agrees with DuckDB', () => {
	it('on the value of every string literal DuckDB accepts', async () => {
		await fc.assert(
			fc.asyncProperty(literal, async (lit) => {
				const sql = `SELECT ${lit} AS v`;
				const duck = await duckValue(sql);
				const mine = tokenize(sql);
				if (!duck.ok) return;
				expect(mine.ok, sql).toBe(true);
				if (!mine.ok) return;
				// An unbalanced literal may leave a comment that swallows `AS v`: then DuckDB names the
				// column otherwise, and the lexer must have seen the same.
				const kinds = mine.tokens.map((t) => t.kind);
				expect(kinds[1], sql).toBe('string');
				expect(mine.tokens[1].value, sql).toBe(duck.value);
				expect(kinds.length === 4 && kinds[3] === 'word', sql).toBe(duck.column === 'v');
			}),
			{ numRuns: 1500 }
		);
	});

	it('on quoted names', async () => {
		await fc.assert(
			fc.asyncProperty(
				content.filter((c) => c.length > 0),
				async (c) => {
					const sql = `SELECT 1 AS "${c.replaceAll('"', '""')}"`;
					const duck = await duckValue(sql);
					if (!duck.ok) return;
					const mine = tokenize(sql);
					expect(mine.ok && mine.tokens[3].kind === 'ident' && mine.tokens[3].value).toBe(duck.column);
				}
			),
			{ numRuns: 500 }
		);
	});

	it('on where statements end', async () => {
		const statement = fc.oneof(
			literal.map((l) => `SELECT ${l} AS v`),
			fc.constantFrom('SELECT 1', 'SELECT 1 AS x$a$', 'SELECT 1$a$;$a$', 'SELECT /* ; /* ; */ ; */ 2', 'SELECT 3 -- ;', 'SELECT 1e5', 'SELECT .5', "SELECT 1e'\\';'")
		);
		const junk = fc.constantFrom("'", '"', '$a$', 'E', "E'", '\\', '--', '/*', '*/', '\n', ';', ' ', 'x');
		const text = fc
			.array(fc.oneof({ weight: 4, arbitrary: statement }, { weight: 1, arbitrary: junk }), { minLength: 1, maxLength: 5 })
			.chain((parts) => fc.array(fc.constantFrom(';', ';\n', ' ; -- ;\n', '; /* ; */ '), { minLength: parts.length, maxLength: parts.length }).map((seps) => parts.map((p, i) => p + seps[i]).join('')));
		let compared = 0;
		await fc.assert(
			fc.asyncProperty(text, async (sql) => {
				const duck = await duckCount(sql);
				if (duck === null) return;
				const mine = tokenize(sql);
				expect(mine.ok, sql).toBe(true);
				if (mine.ok) expect(splitTokens(mine.tokens).length, sql).toBe(duck);
				compared++;
			}),
			{ numRuns: 1500 }
		);
		expect(compared).toBeGreaterThan(200);
	});
});

describe('nothing the guard allows can change a protected table or read a file', () => {
	let db: Database;
	/** Where the engine put the registered sentinel file; the guard must refuse reading it by any name. */
	let sentinel = '';
	/** Names DuckDB joins with dots into the sentinel's path: `"/tmp/…/x".csv` reads `/tmp/…/x.csv`. */
	const qualifiedSentinel = () => {
		const stem = sentinel.slice(0, -'.csv'.length);
		return [`"${stem}".csv`, `"${stem}"."csv"`, `"${stem}".CSV`, `results, "${stem}".csv`, `(FROM "${stem}".csv)`];
	};
	const OPTIONS = { protectedTables: ['results'], protectedPrefixes: ['upload_'] };

	beforeAll(async () => {
		db = await openNodeDatabase();
		await db.exec(`CREATE TABLE results AS SELECT range AS n FROM range(3)`);
		sentinel = await db.registerFile('x.csv', new TextEncoder().encode('secret\nSENTINEL\n'));
	});
	afterAll(() => db?.close());

	it('under random mixes of hostile statements and fragments', async () => {
		// `*` shows a source's rows, so a file read past the guard shows its sentinel.
		const expr = fc.oneof(literal, fc.constantFrom('*', '1', 'x$a$', 'count(*)', 'n', "'results'", '$a$ x $a$'));
		const source = fc.constantFrom('results', `read_csv('${sentinel}')`, `'${sentinel}'`, `"${sentinel}"`, '(SELECT 1 AS n)', `(FROM '${sentinel}')`, `results, '${sentinel}'`, `LATERAL read_csv('${sentinel}')`, ...qualifiedSentinel());
		const select = fc.tuple(expr, fc.option(source, { nil: undefined })).map(([e, s]) => `SELECT ${e}${s ? ` FROM ${s}` : ''}`);
		const danger = fc.constantFrom(
			'DROP TABLE results',
			'DELETE FROM results',
			'CREATE OR REPLACE TABLE results AS SELECT 1',
			"COPY results TO 'y.csv'",
			'ALTER TABLE results RENAME TO r',
			'CREATE TEMP TABLE results AS SELECT 9 AS n',
			'CREATE TABLE mine AS SELECT 1',
			'UPDATE results SET n = 7'
		);
		const junk = fc.constantFrom("'", '"', '$a$', "E'", "\\'", '--', '/*', '*/', '\n', ' ');
		const part = fc.oneof({ weight: 5, arbitrary: select }, { weight: 2, arbitrary: danger }, { weight: 2, arbitrary: junk });
		const text = fc.array(fc.tuple(part, fc.constantFrom(';', ';\n', ' -- ;\n', ' ', '\n')), { minLength: 1, maxLength: 5 }).map((ps) => ps.map(([p, sep]) => p + sep).join(''));
		let ran = 0;
		await fc.assert(
			fc.asyncProperty(text, async (sql) => {
				const verdict = guardSql(sql, OPTIONS);
				if (!verdict.ok) return;
				for (const statement of verdict.statements) {
					let rows: string;
					try {
						rows = JSON.stringify((await db.query(statement, [])).rows);
					} catch {
						break; // syntax errors are fine
					}
					ran++;
					// Outside the try: a leak must fail the test, not pass as a syntax error.
					expect(rows, sql).not.toContain('SENTINEL');
				}
				const { rows } = await db.query('SELECT count(*) AS n, sum(n) AS s FROM results');
				expect(rows[0], sql).toEqual({ n: 3, s: 3 });
				await db.exec('DROP TABLE IF EXISTS mine');
			}),
			{ numRuns: 2500 }
		);
		expect(ran).toBeGreaterThan(50);
	});

	it('the sentinel file is really readable when not guarded (the test can see a leak)', async () => {
		const r = await db.query(`SELECT * FROM read_csv('${sentinel}')`);
		expect(JSON.stringify(r.rows)).toContain('SENTINEL');
	});
});
