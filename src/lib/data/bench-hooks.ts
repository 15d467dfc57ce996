/**
 * Benchmark hooks, installed only when the page is opened with `?bench` (by `npm run bench`).
 * They time engine work inside the page, where the user's latency is, without going through the UI.
 */
import type { Database } from '$lib/db/types';
import { defaultDefinition } from '$lib/features/scores/lenses';
import { scoreQuery } from '$lib/queries/scoring';

export interface BenchHooks {
	/** Score 650 seats after a weight change; returns milliseconds. */
	rescore(weight: number): Promise<number>;
}

export function installBenchHooks(db: Database) {
	const hooks: BenchHooks = {
		async rescore(weight: number) {
			const definition = defaultDefinition('2015-ukip');
			definition.scores.threat[0].weight = weight;
			const sql = scoreQuery(definition);
			const start = performance.now();
			const { rows } = await db.query(sql);
			const elapsed = performance.now() - start;
			if (rows.length !== 650) throw new Error(`expected 650 seats, got ${rows.length}`);
			return elapsed;
		}
	};
	(globalThis as unknown as { __heartlandsBench: BenchHooks }).__heartlandsBench = hooks;
}
