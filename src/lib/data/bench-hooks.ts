/**
 * Benchmark hooks, installed only when the page is opened with `?bench` (by `npm run bench`).
 * They time engine work inside the page, where the user's latency is, without going through the UI.
 */
import type { Database } from '$lib/db/types';
import { defaultDefinition } from '$lib/model/lenses';
import { combineQuery, createStageTable, scoreQuery } from '$lib/queries/scoring';
import { literal } from '$lib/queries/sql';
import type { ScoresState } from '$lib/features/scores/scores-state.svelte';
import { DEFAULT_BUDGET_RULE } from '$lib/features/allocation/budget';
import { runSensitivityInWorker } from '$lib/features/sensitivity/run-in-worker';
import { DEFAULT_SENSITIVITY_OPTIONS, stageSeatsFromRows } from '$lib/features/sensitivity/sensitivity';

export type RescoreMode = 'weight-change' | 'full';

export interface BenchHooks {
	/** Re-score 650 seats; returns milliseconds. `weight-change` reuses the normalised stage, as the app does. */
	rescore(mode: RescoreMode, weight: number): Promise<number>;
	/** Move a weight through the app's own state (as the slider does); returns performance.now() at the edit. */
	moveWeight(weight: number): number;
	/** Ingest a synthetic CSV of `rows` × 10 columns into DuckDB; returns { ms, bytes }. */
	ingestCsv(rows: number): Promise<{ ms: number; bytes: number }>;
	/** The Monte Carlo sensitivity run as the panel starts it (worker start included); returns milliseconds. */
	sensitivity(draws: number): Promise<number>;
}

/** The same synthetic file in Node and in the page: a key and nine numbers per row. */
export function syntheticCsv(rows: number): Uint8Array {
	const lines = ['key,c1,c2,c3,c4,c5,c6,c7,c8,c9'];
	for (let r = 0; r < rows; r++) {
		const x = (r * 2654435761) % 1000003;
		lines.push(`E${String(r % 650).padStart(8, '0')},${r},${x},${(x % 997) / 7},${r % 13},${(r * 31) % 101},${x % 65536},${(r % 1000) / 10},${x % 7},${(r * 7) % 1009}`);
	}
	return new TextEncoder().encode(lines.join('\n') + '\n');
}

/** Load bytes as a table via DuckDB's CSV reader (auto-detected), timing only the ingest. */
export async function timedIngest(db: Database, bytes: Uint8Array): Promise<number> {
	const path = await db.registerFile('bench_ingest.csv', bytes);
	const start = performance.now();
	await db.exec(`CREATE OR REPLACE TABLE bench_ingest AS SELECT * FROM read_csv(${literal(path)}, header = true)`);
	const ms = performance.now() - start;
	await db.exec('DROP TABLE bench_ingest');
	await db.dropFile('bench_ingest.csv');
	return ms;
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
		}
	};
	(globalThis as unknown as { __heartlandsBench: BenchHooks }).__heartlandsBench = hooks;
}
