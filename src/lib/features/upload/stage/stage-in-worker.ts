/**
 * Stage a file in a worker (`stage.worker.ts`) so it can be cancelled: the parse is synchronous,
 * so cancelling terminates the worker outright. Staging writes nothing (no DuckDB, no storage),
 * so a cancel leaves nothing behind. Without Worker support (Node tests) it stages in place.
 */
import type { StagedFile, StageOptions } from './formats';
import { unpackStaged } from './staged-transfer';
import type { StageMessage, StageRequest } from './stage.worker';
import type { ReferenceSeat } from '../types';

export class StageCancelled extends Error {
	constructor() {
		super('Reading cancelled: nothing was staged, and your uploads are as they were.');
		this.name = 'StageCancelled';
	}
}

/**
 * In place, where there is no Worker at all: Node, for the unit tests. Only there: `SSR` is a
 * build-time constant, false in the browser build, so the readers are not bundled a second time
 * for the page (they cost about 97 KB gzipped of the app's 700 KB budget, and every browser that
 * can run DuckDB-wasm runs module workers).
 */
const stageInPage: typeof import('./formats').stageFile | null = import.meta.env.SSR ? async (...args) => (await import('./formats')).stageFile(...args) : null;
const NO_WORKER = 'This browser cannot read files in the background (it has no module workers), so nothing was read. Use a current version of Chrome, Edge, Firefox or Safari.';

export function stageInWorker(file: File, reference: readonly ReferenceSeat[], options: StageOptions, signal: AbortSignal): Promise<StagedFile> {
	if (typeof Worker === 'undefined') return stageInPage ? stageInPage(file, reference, options) : Promise.reject(new Error(NO_WORKER));
	return new Promise((resolve, reject) => {
		if (signal.aborted) return reject(new StageCancelled());
		let worker: Worker;
		try {
			worker = new Worker(new URL('./stage.worker.ts', import.meta.url), { type: 'module' });
		} catch {
			reject(new Error(NO_WORKER));
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
