import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openNodeDatabase } from '$lib/db/node';
import type { Database } from '$lib/db/types';
import { ConsoleState, HISTORY_KEY } from './console-state.svelte';
import { protectedTablesFor, PROTECTED_PREFIXES } from './protected-tables';

class MemoryStorage implements Storage {
	data = new Map<string, string>();
	failWrites = false;
	get length() {
		return this.data.size;
	}
	clear() {
		this.data.clear();
	}
	getItem(key: string) {
		return this.data.get(key) ?? null;
	}
	key(i: number) {
		return [...this.data.keys()][i] ?? null;
	}
	removeItem(key: string) {
		this.data.delete(key);
	}
	setItem(key: string, value: string) {
		if (this.failWrites) throw new DOMException('full', 'QuotaExceededError');
		this.data.set(key, value);
	}
}

const OPTIONS = () => ({ protectedTables: protectedTablesFor({ tables: [{ name: 'results' }, { name: 'constituencies' }] }), protectedPrefixes: [...PROTECTED_PREFIXES] });

let db: Database;
let calls: string[];
let storage: MemoryStorage;

beforeEach(async () => {
	const inner = await openNodeDatabase();
	await inner.exec(`CREATE TABLE results AS SELECT range AS n, 'seat ' || range AS name FROM range(3250)`);
	await inner.exec(`CREATE TABLE constituencies AS SELECT 'Aberavon' AS name, 'Wales' AS nation`);
	calls = [];
	db = { ...inner, query: (sql, params) => (calls.push(sql), inner.query(sql, params)), close: () => inner.close() };
	storage = new MemoryStorage();
});
afterEach(() => db.close());

const make = (rowCap?: number) => new ConsoleState(db, OPTIONS, { storage, rowCap });
const count = async () => (await db.query('SELECT count(*) AS n FROM results')).rows[0].n;

describe('ConsoleState', () => {
	it('runs a query and keeps the whole result, showing at most the row cap', async () => {
		const state = make(1000);
		state.text = 'SELECT * FROM results ORDER BY n';
		await state.run();
		expect(state.message).toBeNull();
		expect(state.result?.columns).toEqual(['n', 'name']);
		expect(state.result?.rows).toHaveLength(3250);
		expect(state.shown).toHaveLength(1000);
		expect(state.result?.elapsedMs).toBeGreaterThanOrEqual(0);
		expect(state.running).toBe(false);
	});

	it('refuses DROP TABLE results without running anything, naming the table', async () => {
		const state = make();
		await state.run('DROP TABLE results');
		expect(state.message?.kind).toBe('refused');
		expect(state.message?.text).toContain('"results"');
		expect(calls.filter((c) => /drop/i.test(c))).toEqual([]);
		expect(await count()).toBe(3250);
	});

	it('refuses reading a URL, saying nothing leaves the browser', async () => {
		const state = make();
		await state.run(`SELECT * FROM read_csv('http://example.com/x.csv')`);
		expect(state.message?.kind).toBe('refused');
		expect(state.message?.text).toContain('nothing leaves the browser');
	});

	it("shows DuckDB's own message for a syntax error", async () => {
		const state = make();
		await state.run('SELECT * FROM results WHERE');
		expect(state.message?.kind).toBe('error');
		expect(state.message?.text).toMatch(/Parser Error: syntax error/);
		expect(state.result).toBeNull();
	});

	it('runs statements in order and stops at the first error, saying which', async () => {
		const state = make();
		await state.run('CREATE TABLE a AS SELECT 1 AS x; SELECT * FROM missing_table; CREATE TABLE b AS SELECT 2 AS y');
		expect(state.message).toMatchObject({ kind: 'error', statement: 2 });
		expect(state.message?.text).toContain('missing_table');
		const tables = (await db.query(`SELECT table_name FROM information_schema.tables ORDER BY 1`)).rows.map((r) => r.table_name);
		expect(tables).toContain('a');
		expect(tables).not.toContain('b');
		// the schema browser was refreshed because a table was created before the error
		expect(state.schema.map((t) => t.name)).toContain('a');
	});

	it('shows the last statement’s result and refreshes the schema after CREATE and DROP', async () => {
		const state = make();
		await state.refreshSchema();
		expect(state.schema.map((t) => [t.name, t.builtIn])).toEqual([
			['constituencies', true],
			['results', true]
		]);
		await state.run('CREATE TABLE mine AS SELECT 1 AS x; INSERT INTO mine VALUES (2); SELECT * FROM mine ORDER BY x');
		expect(state.result?.rows).toEqual([{ x: 1 }, { x: 2 }]);
		expect(state.result?.statementCount).toBe(3);
		expect(state.schema[0]).toMatchObject({ name: 'mine', builtIn: false, columns: [{ name: 'x', type: 'INTEGER' }] });
		await state.run('DROP TABLE mine');
		expect(state.schema.map((t) => t.name)).not.toContain('mine');
	});

	it('cannot create a temporary table that would hide a built-in one', async () => {
		const state = make();
		await state.run('CREATE TEMP TABLE results AS SELECT 1 AS n');
		expect(state.message?.kind).toBe('refused');
		expect(await count()).toBe(3250);
	});

	it('puts a table query in the editor', () => {
		const state = make();
		state.showTable('results');
		expect(state.text).toBe('SELECT * FROM "results" LIMIT 100');
	});

	it('keeps a history of 20 in storage, survives corrupt storage and failed writes', async () => {
		storage.setItem(HISTORY_KEY, '{not json');
		const state = make();
		expect(state.history).toEqual([]);
		expect(storage.getItem(`heartlands:quarantine:${HISTORY_KEY}`)).toBe('{not json'); // set aside, not deleted
		storage.setItem(HISTORY_KEY, JSON.stringify(['SELECT 0 AS old'])); // format 0: a bare list
		expect(make().history).toEqual(['SELECT 0 AS old']);
		for (let i = 0; i < 22; i++) await state.run(`SELECT ${i} AS i`);
		await state.run('DROP TABLE results'); // refused queries are remembered too, to fix them
		expect(state.history).toHaveLength(20);
		expect(state.history[0]).toBe('DROP TABLE results');
		expect(JSON.parse(storage.getItem(HISTORY_KEY)!)).toEqual({ schemaVersion: 1, value: state.history });
		expect(make().history).toEqual(state.history);
		state.recall(1);
		expect(state.text).toBe('SELECT 21 AS i');

		storage.failWrites = true;
		await state.run('SELECT 99 AS i');
		expect(state.storageNotice).toMatch(/could not be saved/);
		expect(state.history[0]).toBe('SELECT 99 AS i');
		storage.failWrites = false;
		state.clearHistory();
		expect(storage.getItem(HISTORY_KEY)).toBeNull();

		const throwing = {
			getItem: () => {
				throw new Error('denied');
			}
		} as unknown as Storage;
		expect(new ConsoleState(db, OPTIONS, { storage: throwing }).history).toEqual([]);
		expect(new ConsoleState(db, OPTIONS, { storage: null }).history).toEqual([]);
	});

	it('ignores a second run while one is in progress', async () => {
		const state = make();
		const first = state.run('SELECT 1 AS a');
		const second = state.run('SELECT 2 AS b');
		await Promise.all([first, second]);
		expect(state.result?.columns).toEqual(['a']);
	});

	it('asks for a query when the editor is empty', async () => {
		const state = make();
		await state.run('   ');
		expect(state.message?.kind).toBe('refused');
		expect(calls).toEqual([]);
	});

	it('cancels a running query through the interrupt, and says so', async () => {
		let release!: (error: Error) => void;
		const hanging: Database = { ...db, query: (sql, params) => (sql.includes('recursive') ? new Promise((_, reject) => (release = reject)) : db.query(sql, params)) };
		const reasons: string[] = [];
		const state = new ConsoleState(hanging, OPTIONS, { storage, interrupt: (reason) => (reasons.push(reason), release(new Error('engine stopped'))) });
		expect(state.cancellable).toBe(false);
		const run = state.run('SELECT 1 AS recursive');
		expect(state.running).toBe(true);
		expect(state.cancellable).toBe(true);
		state.cancel();
		await run;
		expect(reasons).toEqual(['a console query was stopped: you cancelled it']);
		expect(state.running).toBe(false);
		expect(state.message?.kind).toBe('cancelled');
		expect(state.message?.text).toMatch(/^Stopped: you cancelled it\. The data engine was restarted/);
		await state.run('SELECT 2 AS b');
		expect(state.result?.rows).toEqual([{ b: 2 }]);
	});

	it('stops a query at the time limit', async () => {
		vi.useFakeTimers();
		try {
			let release!: (error: Error) => void;
			const hanging: Database = { ...db, query: (sql, params) => (sql === 'SELECT 1' ? new Promise((_, reject) => (release = reject)) : db.query(sql, params)) };
			const reasons: string[] = [];
			const state = new ConsoleState(hanging, OPTIONS, { storage, interrupt: (reason) => (reasons.push(reason), release(new Error('engine stopped'))) });
			state.timeLimit = 10;
			const run = state.run('SELECT 1');
			await vi.advanceTimersByTimeAsync(9_000);
			expect(reasons).toEqual([]);
			await vi.advanceTimersByTimeAsync(1_500);
			await run;
			expect(reasons).toEqual(['a console query was stopped: it ran longer than the 10 s limit']);
			expect(state.message?.kind).toBe('cancelled');
		} finally {
			vi.useRealTimers();
		}
	});
});

describe('protectedTablesFor', () => {
	it('covers the manifest tables and the tables the app derives', () => {
		const tables = protectedTablesFor({ tables: [{ name: 'results' }, { name: 'smallarea_2010' }] });
		expect(tables).toEqual(expect.arrayContaining(['results', 'smallarea_2010', 'indicators_2010', 'indicators_2024', 'score_stage']));
		expect(protectedTablesFor(null)).toEqual(['indicators_2010', 'indicators_2024', 'score_stage']);
	});
});
