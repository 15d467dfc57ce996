/**
 * Keeps the app working when the DuckDB engine dies (its worker crashes, is killed, or wasm runs
 * out of memory and traps).
 *
 * `SupervisedDatabase` is the `Database` every part of the app holds. It forwards each call to the
 * current engine, and watches for death three ways:
 * - the worker reports it (see `onBrowserEngineDeath` in `$lib/db/browser`);
 * - a call fails with a wasm trap (RuntimeError, "memory access out of bounds", "Aborted()"),
 *   after which that engine's state cannot be trusted;
 * - a call fails with an out-of-memory error, and a health check (`SELECT 1`) then fails or does
 *   not answer in time.
 *
 * On death, calls waiting on the dead engine are rejected at once (a dead worker never answers,
 * and duckdb-wasm forgets pending requests without rejecting them), a fresh engine is started,
 * and `rebuild` reloads it (built-in tables, uploads, indicator tables) before any new call runs.
 * The objects holding the database (scores, console, uploads) never see a different reference.
 */
import type { Database, QueryResult } from '$lib/db/types';

export type EngineHealth = { state: 'ok' } | { state: 'rebuilding'; reason: string } | { state: 'recovered'; reason: string } | { state: 'failed'; reason: string; error: string };

export class EngineStoppedError extends Error {
	constructor(reason: string) {
		super(`The data engine stopped (${reason}) before this finished; it is being rebuilt. Try again in a moment.`);
		this.name = 'EngineStoppedError';
	}
}

/** 'fatal': the engine is broken; 'suspect': check its health; 'ok': an ordinary SQL error. */
export function classifyEngineError(error: unknown): 'fatal' | 'suspect' | 'ok' {
	if (error instanceof EngineStoppedError) return 'ok'; // already handled
	const name = typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name ?? '') : '';
	const message = error instanceof Error ? error.message : String(error);
	if (name === 'RuntimeError' || /memory access out of bounds|RuntimeError|Aborted\(|unreachable (code )?executed|table index is out of bounds|worker (was )?terminated/i.test(message)) return 'fatal';
	if (/out of memory|failed to allocate|Cannot enlarge memory|could not allocate/i.test(message)) return 'suspect';
	return 'ok';
}

export interface SupervisorOptions {
	/** Start (or return) an engine. */
	start: () => Promise<Database>;
	/** Forget a dead engine so that `start` gives a fresh one. */
	discard: () => void;
	/** Reload a fresh engine; null while there is nothing to rebuild (the first load is running). */
	rebuild: () => ((db: Database) => Promise<void>) | null;
	onHealth: (health: EngineHealth) => void;
	/** How long a health check may take before the engine is declared dead. */
	healthTimeoutMs?: number;
}

export class SupervisedDatabase implements Database {
	#engine: Promise<Database> | null = null;
	#recovering: Promise<void> | null = null;
	#generation = 0;
	/** Rejects when the current engine dies; every call races against it. */
	#death!: Promise<never>;
	#kill!: (error: Error) => void;
	readonly #options: SupervisorOptions;

	constructor(options: SupervisorOptions) {
		this.#options = options;
		this.#arm();
	}

	#arm() {
		this.#death = new Promise<never>((_, reject) => (this.#kill = reject));
		this.#death.catch(() => {}); // observed per call; never an unhandled rejection
	}

	/** The engine to use now, starting one if needed. */
	#current(): Promise<Database> {
		this.#engine ??= this.#options.start().catch((error: unknown) => {
			this.#engine = null;
			throw error;
		});
		return this.#engine;
	}

	async #call<T>(run: (db: Database) => Promise<T>): Promise<T> {
		if (this.#recovering) await this.#recovering;
		const generation = this.#generation;
		const death = this.#death;
		const db = await Promise.race([this.#current(), death]);
		try {
			return await Promise.race([run(db), death]);
		} catch (error) {
			if (generation === this.#generation) await this.#inspect(error, db, generation);
			throw error;
		}
	}

	async #inspect(error: unknown, db: Database, generation: number) {
		const kind = classifyEngineError(error);
		if (kind === 'fatal') this.engineDied(`${error instanceof Error ? error.message : String(error)}`.slice(0, 160));
		else if (kind === 'suspect' && !(await this.#healthy(db)) && generation === this.#generation) this.engineDied('it ran out of memory');
	}

	async #healthy(db: Database): Promise<boolean> {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.#options.healthTimeoutMs ?? 5000)));
		try {
			return await Promise.race([
				db.query('SELECT 1 AS ok').then(
					() => true,
					() => false
				),
				timeout
			]);
		} finally {
			clearTimeout(timer);
		}
	}

	/** Declare the current engine dead: reject its waiting calls, start and rebuild a new one. */
	engineDied(reason: string) {
		this.#generation++;
		this.#kill(new EngineStoppedError(reason));
		this.#arm();
		this.#options.discard();
		this.#engine = null;
		const rebuild = this.#options.rebuild();
		if (!rebuild) return; // nothing loaded yet: the next call starts afresh, and loading reports the error
		this.#options.onHealth({ state: 'rebuilding', reason });
		const generation = this.#generation;
		const recovering = (async () => {
			try {
				const db = await Promise.race([this.#current(), this.#death]);
				await Promise.race([rebuild(db), this.#death]);
				this.#options.onHealth({ state: 'recovered', reason });
			} catch (error) {
				if (generation === this.#generation) {
					this.#engine = null;
					this.#options.onHealth({ state: 'failed', reason, error: error instanceof Error ? error.message : String(error) });
				}
			}
		})();
		this.#recovering = recovering;
		void recovering.then(() => {
			if (this.#recovering === recovering) this.#recovering = null;
		});
	}

	/** Resolves with this database once an engine has started. */
	async ready(): Promise<Database> {
		await Promise.race([this.#current(), this.#death]);
		return this;
	}

	/** Stop using the current engine without rebuilding (loading was stopped). */
	reset() {
		this.#generation++;
		this.#kill(new EngineStoppedError('loading was stopped'));
		this.#arm();
		this.#options.discard();
		this.#engine = null;
	}

	query(sql: string, params?: number[]): Promise<QueryResult> {
		return this.#call((db) => db.query(sql, params));
	}
	exec(sql: string): Promise<void> {
		return this.#call((db) => db.exec(sql));
	}
	registerFile(name: string, bytes: Uint8Array): Promise<string> {
		return this.#call((db) => db.registerFile(name, bytes));
	}
	dropFile(name: string): Promise<void> {
		return this.#call((db) => db.dropFile(name));
	}
	async close(): Promise<void> {
		const engine = this.#engine;
		this.#engine = null;
		if (engine) await (await engine).close();
	}
}
