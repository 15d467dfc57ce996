/**
 * Module worker entry: runs the seat-risk backtest (five election pairs, two parties, 2,000 draws
 * each: seconds of arithmetic) off the main thread, reporting each base election as it is done.
 * Started by `run-in-worker.ts`; one run per worker, which the caller then terminates.
 */
import type { RiskHistories } from '$lib/model/risk/run';
import { computeBacktest, type BacktestPayload } from './compute';

export type BacktestRequest = { type: 'run'; histories: RiskHistories; draws: number; seed: number };
export type BacktestMessage = { type: 'progress'; done: number; total: number } | { type: 'result'; payload: BacktestPayload } | { type: 'error'; message: string };

// The project's TypeScript lib is DOM, not WebWorker; describe just the part of the worker scope used.
interface WorkerScope {
	onmessage: ((event: MessageEvent<BacktestRequest>) => void) | null;
	postMessage(message: BacktestMessage): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
	const request = event.data;
	if (request?.type !== 'run') return;
	try {
		const payload = computeBacktest(request.histories, { draws: request.draws, seed: request.seed }, (done, total) => scope.postMessage({ type: 'progress', done, total }));
		scope.postMessage({ type: 'result', payload });
	} catch (error) {
		scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
	}
};
