import { describe, expect, it } from 'vitest';
import type { Database, QueryResult } from '$lib/db/types';
import { classifyEngineError, EngineStoppedError, SupervisedDatabase, type EngineHealth } from './engine-recovery';

const result = (sql: string): QueryResult => ({ columns: ['sql'], types: ['VARCHAR'], rows: [{ sql }] });

/** A scripted engine: `behave` decides what each statement does (answer, throw, or never answer). */
function fakeEngine(id: number, behave: (sql: string) => 'ok' | 'hang' | Error = () => 'ok') {
	const seen: string[] = [];
	const run = (sql: string) => {
		seen.push(sql);
		const b = behave(sql);
		if (b === 'hang') return new Promise<never>(() => {});
		if (b instanceof Error) return Promise.reject(b);
		return Promise.resolve(result(`${id}:${sql}`));
	};
	const db: Database = {
		query: (sql) => run(sql),
		exec: async (sql) => void (await run(sql)),
		registerFile: async (name: string) => `/test/${name}`,
		dropFile: async () => {},
		close: async () => {}
	};
	return { db, seen };
}

function supervise(engines: ReturnType<typeof fakeEngine>[], rebuildable = true, rebuild?: (db: Database) => Promise<void>) {
	const health: EngineHealth[] = [];
	let started = 0;
	let discarded = 0;
	const rebuilt: Database[] = [];
	const supervised = new SupervisedDatabase({
		start: async () => engines[started++].db,
		discard: () => void discarded++,
		rebuild: () => (rebuildable ? (rebuild ?? (async (db) => void rebuilt.push(db))) : null),
		onHealth: (h) => void health.push(h),
		healthTimeoutMs: 20
	});
	return { supervised, health, rebuilt, counts: () => ({ started, discarded }) };
}

const rowsOf = async (p: Promise<QueryResult>) => (await p).rows[0].sql;

describe('classifyEngineError', () => {
	it('tells wasm traps and dead workers from out-of-memory and ordinary SQL errors', () => {
		const trap = new Error('memory access out of bounds');
		trap.name = 'RuntimeError';
		expect(classifyEngineError(trap)).toBe('fatal');
		expect(classifyEngineError(new Error('RuntimeError: unreachable executed'))).toBe('fatal');
		expect(classifyEngineError(new Error('Aborted(). Build with -sASSERTIONS for more info.'))).toBe('fatal');
		expect(classifyEngineError(new Error('Out of Memory Error: failed to allocate data of size 1.0 GiB'))).toBe('suspect');
		expect(classifyEngineError(new Error('Catalog Error: Table with name x does not exist!'))).toBe('ok');
		expect(classifyEngineError(new EngineStoppedError('x'))).toBe('ok');
		expect(classifyEngineError('a string')).toBe('ok');
	});
});

describe('SupervisedDatabase', () => {
	it('forwards calls to one engine, started once', async () => {
		const { supervised, counts } = supervise([fakeEngine(1)]);
		expect(await rowsOf(supervised.query('a'))).toBe('1:a');
		expect(await rowsOf(supervised.query('b'))).toBe('1:b');
		expect(counts()).toEqual({ started: 1, discarded: 0 });
	});

	it('passes ordinary SQL errors through without a rebuild', async () => {
		const { supervised, health } = supervise([fakeEngine(1, (sql) => (sql === 'bad' ? new Error('Parser Error') : 'ok'))]);
		await expect(supervised.query('bad')).rejects.toThrow('Parser Error');
		expect(await rowsOf(supervised.query('good'))).toBe('1:good');
		expect(health).toEqual([]);
	});

	it('rebuilds a fresh engine after a wasm trap, before new calls run', async () => {
		const trap = Object.assign(new Error('memory access out of bounds'), { name: 'RuntimeError' });
		const second = fakeEngine(2);
		const { supervised, health, rebuilt, counts } = supervise([fakeEngine(1, (sql) => (sql === 'big' ? trap : 'ok')), second]);
		await expect(supervised.query('big')).rejects.toBe(trap);
		expect(await rowsOf(supervised.query('after'))).toBe('2:after');
		expect(rebuilt).toEqual([second.db]);
		expect(health.map((h) => h.state)).toEqual(['rebuilding', 'recovered']);
		expect(counts()).toEqual({ started: 2, discarded: 1 });
	});

	it('rejects calls waiting on a dead worker at once, instead of waiting forever', async () => {
		const { supervised, health } = supervise([fakeEngine(1, () => 'hang'), fakeEngine(2)]);
		await supervised.ready();
		const waiting = supervised.query('never answered');
		supervised.engineDied('its worker was terminated');
		await expect(waiting).rejects.toBeInstanceOf(EngineStoppedError);
		await expect(waiting).rejects.toThrow('The data engine stopped (its worker was terminated)');
		expect(await rowsOf(supervised.query('next'))).toBe('2:next');
		expect(health).toEqual([
			{ state: 'rebuilding', reason: 'its worker was terminated' },
			{ state: 'recovered', reason: 'its worker was terminated' }
		]);
	});

	it('after an out-of-memory error, rebuilds only if the health check fails', async () => {
		const oom = new Error('Out of Memory Error: could not allocate block');
		const alive = supervise([fakeEngine(1, (sql) => (sql === 'big' ? oom : 'ok')), fakeEngine(2)]);
		await expect(alive.supervised.query('big')).rejects.toBe(oom);
		expect(await rowsOf(alive.supervised.query('x'))).toBe('1:x');
		expect(alive.health).toEqual([]);

		const dead = supervise([fakeEngine(1, (sql) => (sql === 'big' ? oom : sql === 'SELECT 1 AS ok' ? 'hang' : 'ok')), fakeEngine(2)]);
		await expect(dead.supervised.query('big')).rejects.toBe(oom);
		expect(await rowsOf(dead.supervised.query('x'))).toBe('2:x');
		expect(dead.health.map((h) => h.state)).toEqual(['rebuilding', 'recovered']);
	});

	it('does not rebuild while the first load is running; the next call starts afresh', async () => {
		const { supervised, health, counts } = supervise([fakeEngine(1), fakeEngine(2)], false);
		await supervised.ready();
		supervised.engineDied('crashed');
		expect(health).toEqual([]);
		expect(await rowsOf(supervised.query('x'))).toBe('2:x');
		expect(counts()).toEqual({ started: 2, discarded: 1 });
	});

	it('reports a rebuild that fails, and reset() stops without rebuilding', async () => {
		const failing = supervise([fakeEngine(1), fakeEngine(2), fakeEngine(3)], true, async () => {
			throw new Error('tables missing');
		});
		await failing.supervised.ready();
		failing.supervised.engineDied('crashed');
		await expect(failing.supervised.query('x')).resolves.toBeTruthy(); // waits for the failed rebuild, then starts engine 3
		expect(failing.health.at(-1)).toEqual({ state: 'failed', reason: 'crashed', error: 'tables missing' });

		const stopped = supervise([fakeEngine(1, () => 'hang'), fakeEngine(2)]);
		await stopped.supervised.ready();
		const waiting = stopped.supervised.query('slow');
		stopped.supervised.reset();
		await expect(waiting).rejects.toThrow('loading was stopped');
		expect(stopped.health).toEqual([]);
		expect(await rowsOf(stopped.supervised.query('y'))).toBe('2:y');
	});
});
