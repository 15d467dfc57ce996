/**
 * DuckDB-wasm in a Web Worker. The wasm and worker files are self-hosted through Vite `?url`
 * imports (content-hashed, same origin); nothing is fetched from a CDN and no extension is ever
 * loaded. The database is started lazily, once, by the first caller of `getBrowserDatabase()`.
 *
 * Two locks keep SQL from reaching the network (see SECURITY.md): the worker runs under the
 * page's Content Security Policy (`policyWorker`), and DuckDB itself is locked to the files the
 * app registers (`lock.ts`) before any data is loaded.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { arrowToResult } from './arrow-rows';
import { StatementCache } from './statement-cache';
import { lockEngineSql, registeredPath, WASM_FILES_DIR } from './lock';
import type { Database, QueryResult } from './types';

/**
 * Only the `eh` build (wasm exception handling) ships: every browser the app supports has it
 * (Chrome and Edge 95, Firefox 100, Safari 15.2), and carrying the 39 MB `mvp` fallback too only
 * doubled the deployed engine. A browser without it is told so instead of getting a broken engine.
 */
const BUNDLE = { mainModule: ehWasm, mainWorker: ehWorker, pthreadWorker: null };
export const NO_WASM_EXCEPTIONS = 'This browser cannot run the DuckDB engine: its WebAssembly lacks exception handling. Use a current Chrome, Edge, Firefox or Safari.';

/** URLs of the files the browser engine will need, so the page can start fetching them early. */
export const ENGINE_ASSET_URLS = { wasm: ehWasm, worker: ehWorker };

let started: Promise<Database> | null = null;
/** The worker of the engine `started` refers to (null until it exists). */
let current: Worker | null = null;
const deathListeners = new Set<(reason: string) => void>();

export function getBrowserDatabase(): Promise<Database> {
	started ??= startDatabase().catch((error) => {
		started = null; // allow a retry after a failed start
		throw error;
	});
	return started;
}

/**
 * The page fetches the wasm itself and hands the worker an object URL. The page's fetch is the
 * one the prerendered `<link rel="preload">` started while the HTML was parsing; a worker cannot
 * use the page's preloads, so fetching it there would download all 34 MB a second time.
 */
async function wasmObjectUrl(url: string): Promise<string> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`);
	return URL.createObjectURL(new Blob([await response.arrayBuffer()], { type: 'application/wasm' }));
}

/**
 * Be told when the engine's worker dies (an uncaught error, a message that cannot be read, or
 * `killBrowserEngine`). A terminated or crashed worker never answers again: queries sent to it
 * would wait forever, so whoever holds the engine must stop waiting and start a new one.
 */
export function onBrowserEngineDeath(listener: (reason: string) => void): () => void {
	deathListeners.add(listener);
	return () => deathListeners.delete(listener);
}

function died(worker: Worker, reason: string) {
	if (worker !== current) return; // an engine already replaced
	for (const listener of deathListeners) listener(reason);
}

/**
 * Forget the current engine and terminate its worker, so the next `getBrowserDatabase()` starts a
 * fresh one. Used after a crash (the old worker may still be alive but broken) and when loading is
 * stopped (a half-loaded engine must not be reused).
 */
export function discardBrowserDatabase(): void {
	current?.terminate();
	current = null;
	started = null;
}

/** Test hook (only installed with `?debug` or `?bench`): kill the worker as a crash would. */
export function killBrowserEngine(): boolean {
	const worker = current;
	if (!worker) return false;
	worker.terminate();
	died(worker, 'its worker was terminated');
	return true;
}

/** The engine worker's name (`self.name` inside it): tests/e2e/engine-lock.spec.ts finds it by this. */
const ENGINE_WORKER_NAME = 'heartlands-duckdb';

/**
 * A worker loaded from its own URL takes its Content Security Policy from its own response, so
 * the page's `connect-src 'self'` would not bind it. A worker created from a blob: URL inherits
 * the page's policy instead; its one line loads the self-hosted worker script (same origin, so
 * `script-src 'self'` allows it). The blob URL is revoked once the engine has started.
 */
function policyWorker(scriptUrl: string): { worker: Worker; blobUrl: string } {
	const absolute = new URL(scriptUrl, location.href).href;
	const blobUrl = URL.createObjectURL(new Blob([`importScripts(${JSON.stringify(absolute)});`], { type: 'text/javascript' }));
	return { worker: new Worker(blobUrl, { name: ENGINE_WORKER_NAME }), blobUrl };
}

async function startDatabase(): Promise<Database> {
	if (!(await duckdb.getPlatformFeatures()).wasmExceptions) throw new Error(NO_WASM_EXCEPTIONS);
	const bundle = BUNDLE;
	const wasm = wasmObjectUrl(bundle.mainModule);
	const { worker, blobUrl } = policyWorker(bundle.mainWorker!);
	current = worker;
	worker.addEventListener('error', (event) => died(worker, `its worker failed: ${event.message || 'unknown error'}`));
	worker.addEventListener('messageerror', () => died(worker, 'its worker sent a message that could not be read'));
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	try {
		const wasmUrl = await wasm;
		try {
			await db.instantiate(wasmUrl, bundle.pthreadWorker);
		} finally {
			URL.revokeObjectURL(wasmUrl);
		}
	} finally {
		URL.revokeObjectURL(blobUrl);
	}
	await db.open({
		query: { castBigIntToDouble: true, castDecimalToDouble: true, castTimestampToDate: false }
	});
	const connection = await db.connect();
	for (const sql of lockEngineSql([WASM_FILES_DIR])) await connection.query(sql);
	const statements = new StatementCache<duckdb.AsyncPreparedStatement>(16, (s) => s.close());

	return {
		async query(sql: string, params?: number[]): Promise<QueryResult> {
			if (!params) return arrowToResult(await connection.query(sql));
			const statement = await statements.get(sql, () => connection.prepare(sql));
			return arrowToResult(await statement.query(...params));
		},
		async exec(sql: string) {
			await connection.query(sql);
		},
		async registerFile(name: string, bytes: Uint8Array) {
			const path = registeredPath(WASM_FILES_DIR, name);
			await db.registerFileBuffer(path, bytes);
			return path;
		},
		async dropFile(name: string) {
			await db.dropFile(registeredPath(WASM_FILES_DIR, name));
		},
		async close() {
			await statements.clear();
			await connection.close();
			await db.terminate();
			if (current === worker) {
				current = null;
				started = null;
			}
		}
	};
}
