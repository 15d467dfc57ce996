/**
 * Runs the sensitivity analysis in a module worker (Vite bundles `sensitivity.worker.ts` from the
 * `new URL(…, import.meta.url)` below). Cancelling terminates the worker outright: the analysis
 * loop is synchronous, so a message asking it to stop would only be read after it had finished.
 */
import { SensitivityCancelled, type ProgressCallback, type SensitivityInput, type SensitivityOptions, type SensitivityResult } from './sensitivity';
import type { SensitivityMessage, SensitivityRequest } from './sensitivity.worker';

export function runSensitivityInWorker(input: SensitivityInput, options: Omit<SensitivityOptions, 'signal'>, onProgress?: ProgressCallback, signal?: AbortSignal): Promise<SensitivityResult> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) {
			reject(new SensitivityCancelled());
			return;
		}
		let worker: Worker;
		try {
			worker = new Worker(new URL('./sensitivity.worker.ts', import.meta.url), { type: 'module' });
		} catch (error) {
			reject(new Error(`Could not start the sensitivity worker: ${error instanceof Error ? error.message : String(error)}`));
			return;
		}
		const finish = () => {
			worker.terminate();
			signal?.removeEventListener('abort', abort);
		};
		const abort = () => {
			finish();
			reject(new SensitivityCancelled());
		};
		signal?.addEventListener('abort', abort, { once: true });
		worker.onmessage = (event: MessageEvent<SensitivityMessage>) => {
			const message = event.data;
			if (message.type === 'progress') {
				onProgress?.(message.done, message.total);
				return;
			}
			finish();
			if (message.type === 'result') resolve(message.result);
			else reject(new Error(`The sensitivity analysis failed: ${message.message}`));
		};
		worker.onerror = (event: ErrorEvent) => {
			finish();
			reject(new Error(`The sensitivity worker failed: ${event.message || 'unknown error'}`));
		};
		worker.onmessageerror = () => {
			finish();
			reject(new Error('The sensitivity worker sent a message that could not be read.'));
		};
		// Strip the signal (not cloneable) and any Svelte $state proxies (DataCloneError) with a JSON copy.
		const plain = JSON.parse(JSON.stringify(input)) as SensitivityInput;
		const { draws, mode, jitter, concentration, seed } = options;
		const request: SensitivityRequest = { type: 'run', input: plain, options: { draws, mode, jitter, concentration, seed } };
		worker.postMessage(request);
	});
}
