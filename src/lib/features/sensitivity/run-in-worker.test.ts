/**
 * Vitest runs in Node, which has no Web Workers, so these tests check the message protocol: a
 * stand-in Worker delivers messages to the real worker module's handler in the same thread.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IndicatorSetting, ScoreDefinition } from '$lib/model/definition';
import { runSensitivityInWorker } from './run-in-worker';
import { runSensitivity, SensitivityCancelled, type SensitivityInput, type StageSeat } from './sensitivity';

type Handler = ((event: { data: unknown }) => void) | null;
const scope: { onmessage: Handler; postMessage: (m: unknown) => void } = { onmessage: null, postMessage: () => {} };

class LoopbackWorker {
	static last: LoopbackWorker | null = null;
	static silent = false;
	onmessage: Handler = null;
	onerror: Handler = null;
	onmessageerror: Handler = null;
	terminated = false;
	constructor(
		readonly url: URL,
		readonly options: WorkerOptions
	) {
		LoopbackWorker.last = this;
	}
	postMessage(data: unknown) {
		if (LoopbackWorker.silent) return;
		scope.postMessage = (m) => !this.terminated && this.onmessage?.({ data: structuredClone(m) });
		setTimeout(() => scope.onmessage!({ data: structuredClone(data) }), 0);
	}
	terminate() {
		this.terminated = true;
	}
}

beforeAll(async () => {
	vi.stubGlobal('self', scope);
	vi.stubGlobal('Worker', LoopbackWorker);
	await import('./sensitivity.worker');
});
afterEach(() => {
	LoopbackWorker.silent = false;
});

const setting = (id: string): IndicatorSetting => ({ id, weight: 1, direction: 1, normalisation: 'minmax', nullPolicy: 'reweight' });
const definition: ScoreDefinition = {
	version: 1,
	lens: '2015-ukip',
	scores: { postIndustrial: [setting('a'), setting('b')], threat: [setting('c'), setting('d')] },
	priority: { method: 'geometric', eligibility: { holders: [], nations: [], regions: [], minPostIndustrialPercentile: 0, minThreatPercentile: 0 } }
};
const seats: StageSeat[] = Array.from({ length: 30 }, (_, i) => ({ code: `S${i}`, nation: 'England', region: 'R', holder: 'lab', p: [i / 29, ((i * 7) % 30) / 29], t: [((i * 11) % 30) / 29, 1 - i / 29] }));
const input: SensitivityInput = { seats, definition, budget: { budget: 100_000, method: { kind: 'topn', n: 5 } } };
const options = { draws: 120, mode: 'jitter' as const, jitter: 0.3, concentration: 50, seed: 4 };

describe('runSensitivityInWorker', () => {
	it('starts a module worker, forwards progress and resolves with the same result as a direct run', async () => {
		const progress: number[] = [];
		const result = await runSensitivityInWorker(input, options, (done) => progress.push(done));
		expect(LoopbackWorker.last!.options).toEqual({ type: 'module' });
		expect(LoopbackWorker.last!.url.pathname).toMatch(/sensitivity\.worker\.ts$/);
		expect(LoopbackWorker.last!.terminated).toBe(true);
		expect(progress).toEqual([50, 100, 120]);
		expect(result).toEqual(runSensitivity(input, options));
	});

	it('rejects with the worker’s error message', async () => {
		await expect(runSensitivityInWorker(input, { ...options, draws: -1 })).rejects.toThrow(/The sensitivity analysis failed: draws must be/);
	});

	it('terminates the worker and rejects with SensitivityCancelled on abort', async () => {
		LoopbackWorker.silent = true;
		const controller = new AbortController();
		const running = runSensitivityInWorker(input, options, undefined, controller.signal);
		controller.abort();
		await expect(running).rejects.toBeInstanceOf(SensitivityCancelled);
		expect(LoopbackWorker.last!.terminated).toBe(true);
		await expect(runSensitivityInWorker(input, options, undefined, controller.signal)).rejects.toBeInstanceOf(SensitivityCancelled);
	});
});
