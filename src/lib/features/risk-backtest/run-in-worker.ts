/**
 * Runs the backtest in a module worker, so the page stays responsive while it computes. It is the
 * Risk tab's worker file (`risk/risk.worker.ts`), started as its own instance: one chunk, so the
 * model is in the app's JavaScript once. There is no in-page fallback for the same reason, and
 * every browser the app supports has module workers (DuckDB needs workers too).
 */
import type { RiskHistories } from '$lib/model/risk/run';
import type { BacktestPayload } from './compute';

export type BacktestRequest = { type: 'backtest'; histories: RiskHistories; draws: number; seed: number };
export type BacktestMessage = { type: 'progress'; done: number; total: number } | { type: 'backtest-result'; payload: BacktestPayload } | { type: 'backtest-error'; message: string };

export type Progress = (done: number, total: number) => void;

export function runBacktestInWorker(histories: RiskHistories, draws: number, seed: number, onProgress?: Progress): Promise<BacktestPayload> {
	return new Promise((resolve, reject) => {
		let worker: Worker;
		try {
			worker = new Worker(new URL('../risk/risk.worker.ts', import.meta.url), { type: 'module' });
		} catch (error) {
			reject(new Error(`Could not start the backtest worker: ${error instanceof Error ? error.message : String(error)}`));
			return;
		}
		worker.onmessage = (event: MessageEvent<BacktestMessage>) => {
			const message = event.data;
			if (message.type === 'progress') return onProgress?.(message.done, message.total);
			worker.terminate();
			if (message.type === 'backtest-result') resolve(message.payload);
			else reject(new Error(`The backtest failed: ${message.message}`));
		};
		worker.onerror = (event: ErrorEvent) => {
			worker.terminate();
			reject(new Error(`The backtest worker stopped: ${event.message || 'unknown error'}`));
		};
		const request: BacktestRequest = { type: 'backtest', histories, draws, seed };
		worker.postMessage(request);
	});
}
