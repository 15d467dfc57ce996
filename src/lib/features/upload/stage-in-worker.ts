/**
 * Stage a file in a worker (`stage.worker.ts`) so it can be cancelled: the parse is synchronous,
 * so cancelling terminates the worker outright. Staging writes nothing (no DuckDB, no storage),
 * so a cancel leaves nothing behind. Without Worker support (Node tests) it stages in place.
 */
import type { StagedFile, StageOptions } from './formats';
import { unpackStaged } from './staged-transfer';
import type { StageMessage, StageRequest } from './stage.worker';
import type { ReferenceSeat } from './types';

export class StageCancelled extends Error {
	constructor() {
		super('Reading cancelled: nothing was staged, and your uploads are as they were.');
		this.name = 'StageCancelled';
	}
}

/** In the page: loaded only when there is no worker, so the readers stay out of the page's bundle. */
const stageInPage: typeof import('./formats').stageFile = async (...args) => (await import('./formats')).stageFile(...args);

export function stageInWorker(file: File, reference: readonly ReferenceSeat[], options: StageOptions, signal: AbortSignal): Promise<StagedFile> {
	if (typeof Worker === 'undefined') return stageInPage(file, reference, options);
	return new Promise((resolve, reject) => {
		if (signal.aborted) return reject(new StageCancelled());
		let worker: Worker;
		try {
			worker = new Worker(new URL('./stage.worker.ts', import.meta.url), { type: 'module' });
		} catch {
			// No module workers here: stage in the page (not cancellable, but it works).
			stageInPage(file, reference, options).then(resolve, reject);
			return;
		}
		const finish = () => {
			worker.terminate();
			signal.removeEventListener('abort', abort);
		};
		const abort = () => {
			finish();
			reject(new StageCancelled());
		};
		signal.addEventListener('abort', abort, { once: true });
		worker.onmessage = (event: MessageEvent<StageMessage>) => {
			finish();
			if (event.data.type === 'result') resolve(unpackStaged(event.data.packed));
			else reject(new Error(`Reading the file failed: ${event.data.message}`));
		};
		worker.onerror = (event: ErrorEvent) => {
			finish();
			reject(new Error(`The file reader stopped: ${event.message || 'unknown error'}`));
		};
		const request: StageRequest = { type: 'stage', file, reference: JSON.parse(JSON.stringify(reference)) as ReferenceSeat[], options: JSON.parse(JSON.stringify(options)) as StageOptions };
		worker.postMessage(request);
	});
}
