/**
 * Parquet fixtures are written by native DuckDB (which has Parquet built in) and read back with
 * hyparquet, the JS decoder the browser uses. hyparquet cannot write files.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_FIXTURE as REF } from '../../../../../tests/fixtures/upload';
import { detectUploadFormat, stageFile } from '../stage/formats';
import { cellText, parquetToCsv } from './parquet';
import type { UploadErrorCode, UploadResult } from '../types';

let dir: string;
let db: DuckDBInstance;
let con: DuckDBConnection;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'heartlands-parquet-'));
	db = await DuckDBInstance.create(':memory:');
	con = await db.connect();
});
afterAll(() => {
	con?.closeSync();
	rmSync(dir, { recursive: true, force: true });
});

async function parquet(select: string, options = ''): Promise<Uint8Array> {
	const path = join(dir, `f${Math.random().toString(36).slice(2)}.parquet`);
	await con.run(`COPY (${select}) TO '${path}' (FORMAT parquet${options ? `, ${options}` : ''})`);
	return new Uint8Array(readFileSync(path));
}

const value = <T>(r: UploadResult<T>): T => {
	if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
	return r.value;
};
const refused = <T>(r: UploadResult<T>, code: UploadErrorCode, message: RegExp) => {
	expect(r.ok).toBe(false);
	expect(r).not.toHaveProperty('value');
	if (r.ok) return;
	expect(r.error.kind).toBe('upload-error');
	expect(r.error.code).toBe(code);
	expect(r.error.message).toMatch(message);
};
const asFile = (name: string, bytes: Uint8Array) => ({ name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer });

const ROWS = `
	SELECT * FROM (VALUES
		('E14000733', 9007199254740993::BIGINT, DATE '2024-07-04', 12::INTEGER, 'Smith, "Jo"', 1.5::DOUBLE, 0.1::FLOAT, TRUE, [1, 2], {'a': 1, 'b': 'x'}, TIMESTAMP '2024-01-02 03:04:05', '0123', -42::HUGEINT),
		('E14000642', -3::BIGINT, DATE '1999-12-31', NULL::INTEGER, NULL, NULL, NULL, FALSE, NULL, NULL, NULL, NULL, NULL)
	) t(code, big, day, n, name, x, f, b, l, st, ts, zero, huge)`;

const EXPECTED = ['code,big,day,n,name,x,f,b,l,st,ts,zero,huge', 'E14000733,9007199254740993,2024-07-04,12,"Smith, ""Jo""",1.5,0.1,true,"[1,2]","{""a"":1,""b"":""x""}",2024-01-02T03:04:05.000Z,0123,-42', 'E14000642,-3,1999-12-31,,,,,false,,,,,', ''].join('\n');

describe('parquetToCsv', () => {
	it('converts BIGINT exactly, DATE to ISO, NULL to empty, and quotes commas and quotes', async () => {
		expect(value(await parquetToCsv(await parquet(ROWS)))).toBe(EXPECTED);
	});

	it.each(['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4', 'lz4_raw'])('reads %s pages', async (codec) => {
		expect(value(await parquetToCsv(await parquet(ROWS, `COMPRESSION ${codec}`)))).toBe(EXPECTED);
	});

	it('reads every row group in order', async () => {
		const bytes = await parquet('SELECT range AS i, range * 2 AS twice FROM range(25000)', 'ROW_GROUP_SIZE 2048');
		const lines = value(await parquetToCsv(bytes))
			.trimEnd()
			.split('\n');
		expect(lines).toHaveLength(25001);
		expect(lines[1]).toBe('0,0');
		expect(lines[25000]).toBe('24999,49998');
	});

	it('refuses too many rows or columns', async () => {
		const bytes = await parquet('SELECT range AS i, range AS j, range AS k FROM range(50)');
		refused(await parquetToCsv(bytes, { maxRows: 49 }), 'too-many-rows', /50 rows; the upload limit is 49/);
		refused(await parquetToCsv(bytes, { maxColumns: 2 }), 'too-many-columns', /3 columns; the limit is 2/);
		refused(await parquetToCsv(bytes, { maxTextChars: 100 }), 'too-large', /too big to convert/);
	});

	it('refuses a file that is not Parquet, or is damaged, with a typed error', async () => {
		refused(await parquetToCsv(new TextEncoder().encode('code,value\nE14000733,1\n')), 'binary', /not a Parquet file/);
		refused(await parquetToCsv(new Uint8Array()), 'binary', /not a Parquet file.*empty/);
		const good = await parquet(ROWS);
		refused(await parquetToCsv(good.subarray(0, good.length - 10)), 'binary', /not a Parquet file/);
		// The signature at both ends, garbage in between.
		const junk = new Uint8Array(200).map((_, i) => (i * 37) & 0xff);
		junk.set([0x50, 0x41, 0x52, 0x31], 0);
		junk.set([0x50, 0x41, 0x52, 0x31], 196);
		refused(await parquetToCsv(junk), 'binary', /not a Parquet file, or it is damaged/);
		// A damaged data page behind a good footer.
		const broken = good.slice();
		for (let i = 4; i < 120; i++) broken[i] = 0xff;
		const result = await parquetToCsv(broken);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.message).toMatch(/Parquet/);
	});

	it('writes values as text', () => {
		expect(cellText(2n ** 70n)).toBe('1180591620717411303424');
		expect(cellText(new Date(Date.UTC(2024, 6, 4)))).toBe('2024-07-04');
		expect(cellText(new Date(NaN))).toBe('');
		expect(cellText(Math.fround(0.1), true)).toBe('0.1');
		expect(cellText(Math.fround(16777217), true)).toBe('16777216');
		expect(cellText({ a: [1n, null], b: new Uint8Array([1, 2]) })).toBe('{"a":["1",null],"b":[1,2]}');
		expect(cellText(undefined)).toBe('');
	});
});

describe('a Parquet upload goes through the existing pipeline', () => {
	it('is recognised by its signature or its name, and matched by code', async () => {
		const bytes = await parquet(ROWS);
		expect(detectUploadFormat('x.csv', bytes.subarray(0, 8))).toBe('parquet');
		expect(detectUploadFormat('x.parquet', new Uint8Array([1, 2, 3]))).toBe('parquet');
		const staged = await stageFile(asFile('members.parquet', bytes), REF);
		expect(staged.format).toBe('parquet');
		const prepared = value(staged.result);
		expect(prepared.table.header[0]).toBe('code');
		expect(prepared.keys[0]).toMatchObject({ column: 'code', kind: 'gss-2010' });
		expect(prepared.match?.matched).toHaveLength(2);
		expect(prepared.columns.find((c) => c.name === 'zero')?.type).toBe('text');
		expect(prepared.columns.find((c) => c.name === 'n')?.type).toBe('integer');
	});

	it('a .parquet file that is not one gets a clear message', async () => {
		refused((await stageFile(asFile('members.parquet', new TextEncoder().encode('a,b\n1,2\n')), REF)).result, 'binary', /not a Parquet file/);
	});
});

describe('the decoders respect the page’s Content Security Policy', () => {
	it('use no eval, no new Function and no WebAssembly', () => {
		const require = createRequire(import.meta.url);
		// Each package's directory, from its entry point (hyparquet's exports hide package.json).
		const root = (pkg: string, depth: number) => Array.from({ length: depth }).reduce<string>((d) => dirname(d), require.resolve(pkg));
		const files = [
			...['index.js', 'read.js', 'metadata.js', 'column.js', 'datapage.js', 'snappy.js', 'convert.js', 'thrift.js', 'plain.js', 'encoding.js', 'utils.js', 'assemble.js', 'rowgroup.js', 'scan.js', 'plan.js'].map((f) => join(root('hyparquet', 2), 'src', f)),
			...['gzip.js', 'gzip.huffman.js', 'brotli.js', 'lz4.js'].map((f) => join(root('hyparquet-compressors', 2), 'src', f)),
			join(root('fzstd', 2), 'esm', 'index.mjs')
		];
		for (const file of files) {
			const source = readFileSync(file, 'utf8');
			expect(source, file).not.toMatch(/new Function|\beval\(|WebAssembly\./);
		}
		// parquet.ts must not import the package index, which compiles a wasm snappy decoder on load.
		const own = readFileSync(new URL('./parquet.ts', import.meta.url), 'utf8');
		expect(own).not.toMatch(/from 'hyparquet-compressors'/);
	});
});
