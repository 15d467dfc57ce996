/**
 * Runs the backtest in a module worker (Vite bundles `backtest.worker.ts` from the
 * `new URL(…, import.meta.url)` below), so the page stays responsive while it computes. There is
 * no in-page fallback: it would put a second copy of the model in the app's JavaScript (the budget
 * counts it), and every browser the app supports has module workers (DuckDB needs workers too).
 */
import type { RiskHistories } from '$lib/model/risk/run';
import type { BacktestPayload } from './compute';
import type { BacktestMessage, BacktestRequest } from './backtest.worker';

export type Progress = (done: number, total: number) => void;

export function runBacktestInWorker(histories: RiskHistories, draws: number, seed: number, onProgress?: Progress): Promise<BacktestPayload> {
	return new Promise((resolve, reject) => {
		let worker: Worker;
		try {
			worker = new Worker(new URL('./backtest.worker.ts', import.meta.url), { type: 'module' });
		} catch (error) {
			reject(new Error(`Could not start the backtest worker: ${error instanceof Error ? error.message : String(error)}`));
			return;
		}
		worker.onmessage = (event: MessageEvent<BacktestMessage>) => {
			const message = event.data;
			if (message.type === 'progress') return onProgress?.(message.done, message.total);
			worker.terminate();
			if (message.type === 'result') resolve(message.payload);
			else reject(new Error(`The backtest failed: ${message.message}`));
		};
		worker.onerror = (event: ErrorEvent) => {
			worker.terminate();
			reject(new Error(`The backtest worker stopped: ${event.message || 'unknown error'}`));
		};
		const request: BacktestRequest = { type: 'run', histories, draws, seed };
		worker.postMessage(request);
	});
}
