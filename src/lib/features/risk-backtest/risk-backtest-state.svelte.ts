/**
 * The seat-risk backtest's state, shared by the Scores panel and the Method tab. Nothing is computed
 * until one of them is opened; then the model's inputs are read through the database door and the
 * backtest runs in a worker, once per session (the inputs are the published results, which uploads
 * never change).
 */
import type { Database } from '$lib/db/types';
import { loadRiskHistories } from '$lib/data/risk-inputs';
import { DEFAULT_DRAWS, DEFAULT_SEED } from '$lib/model/risk/run';
import type { BacktestPayload } from './compute';
import { runBacktestInWorker } from './run-in-worker';

export type BacktestStatus = 'idle' | 'reading' | 'computing' | 'ready' | 'failed';

export class RiskBacktestState {
	status = $state<BacktestStatus>('idle');
	progress = $state<{ done: number; total: number } | null>(null);
	result = $state.raw<BacktestPayload | null>(null);
	error = $state<string | null>(null);
	readonly draws: number;
	readonly seed: number;
	readonly #db: () => Database | null;

	constructor(db: () => Database | null, options: { draws?: number; seed?: number } = {}) {
		this.#db = db;
		this.draws = options.draws ?? DEFAULT_DRAWS;
		this.seed = options.seed ?? DEFAULT_SEED;
	}

	/** Start the run if it has not started (or start again after a failure). */
	async start(): Promise<void> {
		if (this.status === 'reading' || this.status === 'computing' || this.status === 'ready') return;
		const db = this.#db();
		if (!db) {
			this.status = 'failed';
			this.error = 'The data has not loaded yet.';
			return;
		}
		this.error = null;
		this.progress = null;
		this.status = 'reading';
		try {
			const histories = await loadRiskHistories(db);
			this.status = 'computing';
			this.result = await runBacktestInWorker(histories, this.draws, this.seed, (done, total) => (this.progress = { done, total }));
			this.status = 'ready';
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
			this.status = 'failed';
		}
	}
}
