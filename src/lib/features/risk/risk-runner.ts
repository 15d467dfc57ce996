/**
 * Runs the risk model in one long-lived module worker (Vite bundles `risk.worker.ts` from the
 * `new URL(…, import.meta.url)` below; it is served from the page's own origin, which the CSP's
 * `worker-src 'self'` allows). Two lanes share the worker: scenario runs (the Risk tab) and
 * allocation plans (the marginal method). In each lane at most one request is in flight and one
 * waits: a newer request replaces the waiting one, and a result for anything but the lane's
 * newest request is dropped, so a dragged slider costs one run at a time and the screen only ever
 * shows the latest scenario or rule.
 *
 * Side runs (`requestSide`) are one-offs beside the lanes: each is answered, in order, to its own
 * caller (a saved scenario's P(loss) ranking for a diff), and never replaces a scenario run.
 */
import type { BoundarySet } from '$lib/model/catalogue';
import type { RiskYear } from '$lib/model/risk/history';
import type { RiskHistories } from '$lib/model/risk/run';
import type { PlanJob, PlanOutcome } from '$lib/model/allocation/plan-job';
import { unpackRun, type RiskSummary } from '$lib/model/risk/transfer';
import type { RiskMessage, RiskRequest } from './risk.worker';

export interface RiskJob {
	set: BoundarySet;
	baseYear: RiskYear;
	spec: string;
}

type Outcome = { ok: true; summary: RiskSummary } | { ok: false; error: string };

/** Newest-wins bookkeeping for one kind of request. */
class Lane<Job, Result> {
	latest = 0;
	busy = false;
	waiting: { id: number; job: Job } | null = null;
	constructor(
		readonly send: (id: number, job: Job) => boolean,
		public report: (result: Result) => void
	) {}
	request(job: Job, unavailable: Result) {
		const id = ++this.latest;
		if (this.busy) this.waiting = { id, job };
		else this.#send(id, job, unavailable);
	}
	#send(id: number, job: Job, unavailable: Result) {
		this.busy = true;
		// No fallback in the page on purpose: it would ship the model twice (worker and page chunk).
		if (!this.send(id, job)) queueMicrotask(() => this.finish(id, unavailable, unavailable));
	}
	finish(id: number, result: Result, unavailable: Result) {
		this.busy = false;
		if (id === this.latest) this.report(result);
		const next = this.waiting;
		this.waiting = null;
		if (next) this.#send(next.id, next.job, unavailable);
	}
}

const NO_WORKER = 'This browser cannot start the risk model (module workers are not available).';

export class RiskRunner {
	#worker: Worker | null = null;
	#histories: RiskHistories;
	readonly #runs: Lane<RiskJob, Outcome>;
	readonly #plans: Lane<PlanJob, PlanOutcome>;
	readonly #side = new Map<number, (outcome: Outcome) => void>();
	#sideId = 0;

	constructor(histories: RiskHistories, onOutcome: (outcome: Outcome) => void) {
		this.#histories = histories;
		this.#runs = new Lane((id, job) => this.#post({ type: 'run', id, ...job }), onOutcome);
		this.#plans = new Lane(
			(id, job) => this.#post({ type: 'plan', id, job }),
			() => {}
		);
	}

	#post(message: RiskRequest): boolean {
		const worker = this.#start();
		if (!worker) return false;
		worker.postMessage(message);
		return true;
	}

	#start(): Worker | null {
		if (this.#worker || typeof Worker === 'undefined') return this.#worker;
		try {
			const worker = new Worker(new URL('./risk.worker.ts', import.meta.url), { type: 'module' });
			worker.onmessage = (event: MessageEvent<RiskMessage>) => {
				const m = event.data;
				if (m.type === 'plan-result') this.#plans.finish(m.id, m.outcome, { ok: false, error: NO_WORKER });
				else if (m.side) this.#answerSide(m.id, m.type === 'result' ? { ok: true, summary: unpackRun(m.packed) } : { ok: false, error: m.message });
				else this.#runs.finish(m.id, m.type === 'result' ? { ok: true, summary: unpackRun(m.packed) } : { ok: false, error: m.message }, { ok: false, error: NO_WORKER });
			};
			worker.onerror = (event: ErrorEvent) => {
				// A crashed worker is replaced on the next request; both lanes hear why.
				worker.terminate();
				this.#worker = null;
				const error = `The risk model stopped: ${event.message || 'unknown error'}`;
				if (this.#runs.busy) this.#runs.finish(this.#runs.latest, { ok: false, error }, { ok: false, error: NO_WORKER });
				if (this.#plans.busy) this.#plans.finish(this.#plans.latest, { ok: false, error }, { ok: false, error: NO_WORKER });
				for (const id of [...this.#side.keys()]) this.#answerSide(id, { ok: false, error });
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
		this.#runs.request(job, { ok: false, error: NO_WORKER });
	}

	/** A one-off run, answered to `onOutcome` whatever else is asked meanwhile. */
	requestSide(job: RiskJob, onOutcome: (outcome: Outcome) => void) {
		const id = ++this.#sideId;
		this.#side.set(id, onOutcome);
		if (!this.#post({ type: 'run', id, ...job, side: true })) queueMicrotask(() => this.#answerSide(id, { ok: false, error: NO_WORKER }));
	}

	#answerSide(id: number, outcome: Outcome) {
		const answer = this.#side.get(id);
		this.#side.delete(id);
		answer?.(outcome);
	}

	/** Ask for an allocation plan; only the newest request's outcome reaches `onPlan`. */
	requestPlan(job: PlanJob, onPlan: (outcome: PlanOutcome) => void) {
		this.#plans.report = onPlan;
		this.#plans.request(job, { ok: false, error: NO_WORKER });
	}

	dispose() {
		this.#worker?.terminate();
		this.#worker = null;
		this.#runs.waiting = null;
		this.#plans.waiting = null;
		for (const id of [...this.#side.keys()]) this.#answerSide(id, { ok: false, error: 'The risk model was stopped.' });
	}
}
