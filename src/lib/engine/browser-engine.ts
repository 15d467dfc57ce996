/**
 * The app's engine: DuckDB-wasm in its worker (`$lib/db/browser`), supervised so that a crash is
 * rebuilt rather than fatal (`engine-recovery.ts`); `engine-reload.ts` says how it is reloaded.
 */
import { discardBrowserDatabase, getBrowserDatabase, killBrowserEngine, onBrowserEngineDeath } from '$lib/db/browser';
import { SupervisedDatabase, type SupervisorOptions } from './engine-recovery';

export { reloadEngine } from './engine-reload';

export interface DebugHooks {
	/** Terminate the engine's worker, as a crash would; true if there was one. */
	killEngine(): boolean;
	/**
	 * Send SQL straight through the db door, past the console's guard, and answer the rows or
	 * DuckDB's error message: the engine lock is tested with what the guard would refuse.
	 */
	query(sql: string): Promise<{ rows: unknown[] } | { error: string }>;
}

export function superviseBrowserEngine(options: Pick<SupervisorOptions, 'rebuild' | 'onHealth'>): SupervisedDatabase {
	const supervised = new SupervisedDatabase({ start: getBrowserDatabase, discard: discardBrowserDatabase, ...options });
	onBrowserEngineDeath((reason) => supervised.engineDied(reason));
	// Only for tests and benchmarks, which open the page with ?debug or ?bench.
	const params = new URLSearchParams(globalThis.location?.search ?? '');
	if (params.has('debug') || params.has('bench')) {
		(globalThis as unknown as { __heartlandsDebug: DebugHooks }).__heartlandsDebug = {
			killEngine: killBrowserEngine,
			query: (sql) =>
				supervised.query(sql).then(
					(r) => ({ rows: r.rows }),
					(error: Error) => ({ error: error.message })
				)
		};
	}
	return supervised;
}
