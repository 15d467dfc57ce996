/**
 * The one entry to the in-page benchmark code, installed only when the page is opened with `?bench`
 * (by `npm run bench`). The app imports it dynamically and nothing else in src/ imports this
 * folder, so none of it is in the bundle a user downloads. The hooks time work inside the page,
 * where the user's latency is, without going through the UI.
 */
import type { Database } from '$lib/db/types';
import type { ScoresState } from '$lib/features/scores/scores-state.svelte';
import { DEFAULT_BUDGET_RULE } from '$lib/features/allocation/budget';
import { runSensitivityInWorker } from '$lib/features/sensitivity/run-in-worker';
import { DEFAULT_SENSITIVITY_OPTIONS, stageSeatsFromRows } from '$lib/features/sensitivity/sensitivity';
import { timeRecolourIn, type RecolourMode } from './map-bench';
import { prepareBench, syntheticCsv, timedIngest, timedRescore, type RescoreMode } from './workloads';

export interface BenchHooks {
	/** Re-score 650 seats; returns milliseconds. `weight-change` reuses the normalised stage, as the app does. */
	rescore(mode: RescoreMode, weight: number): Promise<number>;
	/** Move a weight through the app's own state (as the slider does); returns performance.now() at the edit. */
	moveWeight(weight: number): number;
	/** Ingest a synthetic CSV of `rows` × 10 columns into DuckDB; returns { ms, bytes }. */
	ingestCsv(rows: number): Promise<{ ms: number; bytes: number }>;
	/** The Monte Carlo sensitivity run as the panel starts it (worker start included); returns milliseconds. */
	sensitivity(draws: number): Promise<number>;
	/** Recolour every seat of the map in `selector` (see map-bench.ts); returns milliseconds. */
	timeRecolour(selector: string, mode: RecolourMode, round: number): Promise<number>;
}

export async function installBench(db: Database, scores: ScoresState) {
	await prepareBench(db);
	const hooks: BenchHooks = {
		rescore: (mode, weight) => timedRescore(db, mode, weight),
		moveWeight(weight) {
			const start = performance.now();
			scores.update('threat', 0, { weight });
			return start;
		},
		async ingestCsv(rows) {
			const bytes = syntheticCsv(rows);
			const size = bytes.byteLength; // read first: DuckDB-wasm transfers (detaches) the buffer
			return { ms: await timedIngest(db, bytes), bytes: size };
		},
		async sensitivity(draws) {
			const definition = scores.scoredDefinition!;
			const input = { seats: stageSeatsFromRows(scores.results, definition), definition, budget: DEFAULT_BUDGET_RULE };
			const start = performance.now();
			await runSensitivityInWorker(input, { ...DEFAULT_SENSITIVITY_OPTIONS, draws });
			return performance.now() - start;
		},
		timeRecolour: timeRecolourIn
	};
	(globalThis as unknown as { __heartlandsBench: BenchHooks }).__heartlandsBench = hooks;
}
