/**
 * Benchmark hooks, installed only when the page is opened with `?bench` (by `npm run bench`).
 * They time engine work inside the page, where the user's latency is, without going through the UI.
 */
import type { Database } from '$lib/db/types';
import { defaultDefinition } from '$lib/features/scores/lenses';
import { combineQuery, createStageTable, scoreQuery } from '$lib/queries/scoring';
import type { ScoresState } from '$lib/features/scores/scores-state.svelte';

export type RescoreMode = 'weight-change' | 'full';

export interface BenchHooks {
	/** Re-score 650 seats; returns milliseconds. `weight-change` reuses the normalised stage, as the app does. */
	rescore(mode: RescoreMode, weight: number): Promise<number>;
	/** Move a weight through the app's own state (as the slider does); returns performance.now() at the edit. */
	moveWeight(weight: number): number;
}

/** Shared by the in-page hook and the Node benchmark so both time exactly the same work. */
export async function timedRescore(db: Database, mode: RescoreMode, weight: number): Promise<number> {
	const definition = defaultDefinition('2015-ukip');
	definition.scores.threat[0].weight = weight;
	const { sql, params } = mode === 'full' ? scoreQuery(definition) : combineQuery(definition);
	const start = performance.now();
	const { rows } = await db.query(sql, params);
	const elapsed = performance.now() - start;
	if (rows.length !== 650) throw new Error(`expected 650 seats, got ${rows.length}`);
	return elapsed;
}

export async function prepareBench(db: Database) {
	await db.exec(createStageTable(defaultDefinition('2015-ukip')));
}

export async function installBenchHooks(db: Database, scores: ScoresState) {
	await prepareBench(db);
	const hooks: BenchHooks = {
		rescore: (mode, weight) => timedRescore(db, mode, weight),
		moveWeight(weight) {
			const start = performance.now();
			scores.update('threat', 0, { weight });
			return start;
		}
	};
	(globalThis as unknown as { __heartlandsBench: BenchHooks }).__heartlandsBench = hooks;
}
