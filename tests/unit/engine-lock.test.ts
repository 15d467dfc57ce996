/**
 * Defence in depth: statements sent straight through the db door, past the console's guard, to
 * a locked engine. A local HTTP server on a second port counts every request; whatever the
 * statement, the count stays 0 and DuckDB itself says why it refused.
 *
 * Both Node engines are checked: native DuckDB (tests, CLI, data build, benchmarks) and
 * DuckDB-wasm in Node, which is the browser's DuckDB version (1.4.3). DuckDB-wasm's Node runtime
 * has no HTTP client at all, so for it the count proves little; what shows the lock there is the
 * error, a Permission Error raised before any file system is asked. The same statements run in
 * Chromium, where the wasm engine does have HTTP, in tests/e2e/engine-lock.spec.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openNodeDatabase } from '../../src/lib/db/node';
import { openWasmNodeDatabase } from '../../src/lib/db/wasm-node';
import type { Database } from '../../src/lib/db/types';

let server: Server;
let requests: string[] = [];
let origin = '';

beforeAll(async () => {
	server = createServer((req, res) => {
		requests.push(`${req.method} ${req.url}`);
		res.writeHead(200, { 'Content-Type': 'text/csv' }).end('secret\nLEAKED\n');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
	requests = [];
});

async function refusal(db: Database, sql: string): Promise<string> {
	try {
		await db.query(sql);
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error(`DuckDB ran: ${sql}`);
}

const DISABLED = /Permission Error: Cannot access (file|directory) ".*" - file system operations are disabled by configuration/;
const LOCKED = /Cannot change configuration option "[a-z_]+" - the configuration has been locked/;
const NO_EXTENSIONS = /Permission Error: Loading external extensions is disabled through configuration/;

it('the counting server really counts (the test could see a request)', async () => {
	expect(await (await fetch(`${origin}/control.csv`)).text()).toContain('LEAKED');
	expect(requests).toEqual(['GET /control.csv']);
});

describe.each([
	['native DuckDB', () => openNodeDatabase()],
	['DuckDB-wasm in Node', () => openWasmNodeDatabase()]
] as const)('%s, locked at start', (engine, open) => {
	let db: Database;
	const wasm = engine.startsWith('DuckDB-wasm');
	beforeAll(async () => {
		db = await open();
	});
	afterAll(() => db?.close());

	it('reports itself locked, with only its own folder allowed', async () => {
		const { rows } = await db.query(`SELECT current_setting('enable_external_access') AS external, current_setting('lock_configuration') AS locked, current_setting('allowed_directories')::VARCHAR AS dirs`);
		expect(rows[0].external).toBe(false);
		expect(rows[0].locked).toBe(true);
		expect(String(rows[0].dirs)).toContain(wasm ? '/heartlands/' : '/heartlands-db-');
	});

	it('still reads the files the app registers, also after the lock (uploads)', async () => {
		const path = await db.registerFile('upload_check.csv', new TextEncoder().encode('code,value\nE14000733,-3.5\n'));
		const { rows } = await db.query(`SELECT code, value FROM read_csv('${path}', header = true)`);
		expect(rows).toEqual([{ code: 'E14000733', value: -3.5 }]);
		await db.dropFile('upload_check.csv');
	});

	it('refuses to read a URL, however it is named', async () => {
		for (const sql of [
			`SELECT * FROM read_csv('${origin}/a.csv')`,
			`SELECT * FROM '${origin}/b.csv'`,
			`SELECT * FROM "${origin}/c.csv"`,
			// a qualified name: DuckDB joins the parts into "<origin>/d.csv"
			`SELECT * FROM "${origin}/d".csv`,
			`SELECT * FROM read_text('${origin}/e.txt')`
		])
			expect(await refusal(db, sql), sql).toMatch(DISABLED);
		expect(requests).toEqual([]);
	});

	it('refuses SET enable_external_access = true, and still refuses the URL after it', async () => {
		expect(await refusal(db, 'SET enable_external_access = true')).toMatch(LOCKED);
		expect(await refusal(db, 'SET lock_configuration = false')).toMatch(LOCKED);
		expect(await refusal(db, "SET allowed_directories = ['/']")).toMatch(LOCKED);
		expect(await refusal(db, `SET custom_extension_repository = '${origin}'`)).toMatch(LOCKED);
		expect(await refusal(db, `SELECT * FROM read_csv('${origin}/after-set.csv')`)).toMatch(DISABLED);
		expect(requests).toEqual([]);
	});

	it('refuses to INSTALL and LOAD extensions', async () => {
		for (const sql of ['LOAD httpfs', 'LOAD spatial', `LOAD '${origin}/x.duckdb_extension.wasm'`]) expect(await refusal(db, sql), sql).toMatch(NO_EXTENSIONS);
		for (const sql of ['INSTALL httpfs', `INSTALL httpfs FROM '${origin}'`]) {
			if (wasm) {
				// DuckDB-wasm's INSTALL only records the name (its extensions are fetched by LOAD, which
				// is refused above); it must not fetch anything.
				await db.exec(sql);
			} else {
				expect(await refusal(db, sql), sql).toMatch(DISABLED);
			}
		}
		expect(requests).toEqual([]);
	});

	it('refuses to ATTACH a URL', async () => {
		for (const sql of [`ATTACH '${origin}/x.db' AS remote`, `ATTACH '${origin}/y.db' AS remote (READ_ONLY)`]) {
			// Native DuckDB needs httpfs for a URL and may not load it; DuckDB-wasm refuses the file.
			expect(await refusal(db, sql), sql).toMatch(wasm ? DISABLED : /requires the extension httpfs to be loaded/);
		}
		expect(await refusal(db, 'LOAD httpfs')).toMatch(NO_EXTENSIONS);
		expect(requests).toEqual([]);
	});

	it('refuses local files outside its folder, and climbing out of it', async () => {
		const own = await db.registerFile('inside.csv', new TextEncoder().encode('a\n1\n'));
		for (const sql of [`SELECT * FROM read_text('/etc/hostname')`, `SELECT * FROM read_csv('${own.replace('inside.csv', '../inside.csv')}')`, `COPY (SELECT 1) TO '/tmp/heartlands-escape.csv'`]) expect(await refusal(db, sql), sql).toMatch(DISABLED);
		await db.dropFile('inside.csv');
	});
});
