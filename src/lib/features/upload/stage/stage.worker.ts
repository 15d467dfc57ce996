/**
 * Module worker entry: reads and stages an upload (decode, parse, types, keys, match) off the
 * main thread, so a large file neither freezes the page nor blocks its Cancel button. Started by
 * `stage-in-worker.ts`; one file per worker, which the caller terminates (also how it cancels).
 */
import { stageFile, type StageOptions } from './formats';
import { packStaged, type PackedStaged } from './staged-transfer';
import type { ReferenceSeat } from '../types';

export type StageRequest = { type: 'stage'; file: File; reference: readonly ReferenceSeat[]; options: StageOptions };
export type StageMessage = { type: 'result'; packed: PackedStaged } | { type: 'error'; message: string };

// The project's TypeScript lib is DOM, not WebWorker; describe just the part of the worker scope used.
interface WorkerScope {
	onmessage: ((event: MessageEvent<StageRequest>) => void) | null;
	postMessage(message: StageMessage, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = async (event) => {
	const request = event.data;
	if (request?.type !== 'stage') return;
	try {
		const { message, transfer } = packStaged(await stageFile(request.file, request.reference, request.options));
		scope.postMessage({ type: 'result', packed: message }, transfer);
	} catch (error) {
		scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
	}
};
