/**
 * Module worker entry: runs `runSensitivity` off the main thread so 650 seats × 1,000 draws never
 * freeze the page. Started by `run-in-worker.ts`; one run per worker, which the caller then
 * terminates (terminating is also how a run is cancelled, since the loop is synchronous).
 */
import { runSensitivity, type SensitivityInput, type SensitivityOptions, type SensitivityResult } from './sensitivity';

/** Main thread → worker. The AbortSignal stays behind: it cannot be cloned into a worker. */
export type SensitivityRequest = { type: 'run'; input: SensitivityInput; options: Omit<SensitivityOptions, 'signal'> };

/** Worker → main thread. */
export type SensitivityMessage = { type: 'progress'; done: number; total: number } | { type: 'result'; result: SensitivityResult } | { type: 'error'; message: string };

// The project's TypeScript lib is DOM, not WebWorker; describe just the part of the worker scope used.
interface WorkerScope {
	onmessage: ((event: MessageEvent<SensitivityRequest>) => void) | null;
	postMessage(message: SensitivityMessage): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
	const request = event.data;
	if (request?.type !== 'run') return;
	try {
		const result = runSensitivity(request.input, request.options, (done, total) => scope.postMessage({ type: 'progress', done, total }));
		scope.postMessage({ type: 'result', result });
	} catch (error) {
		scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
	}
};
