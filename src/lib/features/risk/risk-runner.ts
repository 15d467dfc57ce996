/**
 * Runs the risk model in one long-lived module worker (Vite bundles `risk.worker.ts` from the
 * `new URL(…, import.meta.url)` below; it is served from the page's own origin, which the CSP's
 * `worker-src 'self'` allows). At most one run is in flight and one waits: a newer request
 * replaces the waiting one, and a result for anything but the newest request is dropped, so a
 * dragged slider costs one run at a time and the screen only ever shows the latest scenario.
 */
import type { BoundarySet } from '$lib/model/catalogue';
import type { RiskYear } from '$lib/model/risk/history';
import type { RiskHistories } from '$lib/model/risk/run';
import { unpackRun, type RiskSummary } from './risk-transfer';
import type { RiskMessage, RiskRequest } from './risk.worker';

export interface RiskJob {
	set: BoundarySet;
	baseYear: RiskYear;
	spec: string;
}

type Outcome = { ok: true; summary: RiskSummary } | { ok: false; error: string };

export class RiskRunner {
	#worker: Worker | null = null;
	#histories: RiskHistories;
	#latest = 0;
	#busy = false;
	#waiting: { id: number; job: RiskJob } | null = null;
	readonly #onOutcome: (outcome: Outcome) => void;

	constructor(histories: RiskHistories, onOutcome: (outcome: Outcome) => void) {
		this.#histories = histories;
		this.#onOutcome = onOutcome;
	}

	#start(): Worker | null {
		if (this.#worker || typeof Worker === 'undefined') return this.#worker;
		try {
			const worker = new Worker(new URL('./risk.worker.ts', import.meta.url), { type: 'module' });
			worker.onmessage = (event: MessageEvent<RiskMessage>) => {
				const m = event.data;
				this.#finish(m.id, m.type === 'result' ? { ok: true, summary: unpackRun(m.packed) } : { ok: false, error: m.message });
			};
			worker.onerror = (event: ErrorEvent) => {
				// A crashed worker is replaced on the next request.
				worker.terminate();
				this.#worker = null;
				this.#finish(this.#latest, { ok: false, error: `The risk model stopped: ${event.message || 'unknown error'}` });
			};
			worker.postMessage({ type: 'histories', histories: this.#histories } satisfies RiskRequest);
			this.#worker = worker;
		} catch {
			this.#worker = null;
		}
		return this.#worker;
	}

	/** Ask for a run; only the newest request's outcome is ever reported. */
	request(job: RiskJob) {
		const id = ++this.#latest;
		if (this.#busy) this.#waiting = { id, job };
		else this.#send(id, job);
	}

	#send(id: number, job: RiskJob) {
		this.#busy = true;
		const worker = this.#start();
		if (worker) {
			worker.postMessage({ type: 'run', id, ...job } satisfies RiskRequest);
			return;
		}
		// No fallback in the page on purpose: it would ship the model twice (worker and page chunk).
		queueMicrotask(() => this.#finish(id, { ok: false, error: 'This browser cannot start the risk model (module workers are not available).' }));
	}

	#finish(id: number, outcome: Outcome) {
		this.#busy = false;
		if (id === this.#latest) this.#onOutcome(outcome);
		const next = this.#waiting;
		this.#waiting = null;
		if (next) this.#send(next.id, next.job);
	}

	dispose() {
		this.#worker?.terminate();
		this.#worker = null;
		this.#waiting = null;
	}
}
