/**
 * Module worker entry: the seat-risk model (fit, projection, Monte Carlo) off the main thread, so
 * the page stays responsive while a user drags a scenario. Started once by `risk-runner.ts`; the
 * histories arrive once, then each `run` message gets one `result` (or `error`) with its id. The
 * fits, the slow part, are cached per base year inside `runRisk`, so they live as long as this
 * worker does.
 *
 * A `plan` message gets one `plan-result` with its id: the allocation's marginal-value plan.
 *
 * The backtest panel (`risk-backtest/run-in-worker.ts`) starts its own instance of this same file
 * and sends one `backtest` message: one worker chunk, so the model is bundled once.
 */
import type { BoundarySet } from '$lib/model/catalogue';
import type { RiskYear } from '$lib/model/risk/history';
import { runRisk, type RiskHistories } from '$lib/model/risk/run';
import { parseScenario } from '$lib/model/risk/scenario';
import { packRun, type PackedRun } from '$lib/model/risk/transfer';
import { computePlan, type PlanJob, type PlanOutcome } from '$lib/model/allocation/plan-job';
import { computeBacktest } from '$lib/features/risk-backtest/compute';
import type { BacktestMessage, BacktestRequest } from '$lib/features/risk-backtest/run-in-worker';

/** `side`: a one-off run beside the scenario runs (a saved scenario's ranking), echoed back so it is routed apart. */
export type RiskRequest = { type: 'histories'; histories: RiskHistories } | { type: 'run'; id: number; set: BoundarySet; baseYear: RiskYear; spec: string; draws?: number; seed?: number; side?: boolean } | { type: 'plan'; id: number; job: PlanJob } | BacktestRequest;
export type RiskMessage = { type: 'result'; id: number; packed: PackedRun; side?: boolean } | { type: 'error'; id: number; message: string; side?: boolean } | { type: 'plan-result'; id: number; outcome: PlanOutcome };

// The project's TypeScript lib is DOM, not WebWorker; describe just the part of the worker scope used.
interface WorkerScope {
	onmessage: ((event: MessageEvent<RiskRequest>) => void) | null;
	postMessage(message: RiskMessage | BacktestMessage, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;
let histories: RiskHistories | null = null;

scope.onmessage = (event) => {
	const request = event.data;
	if (request?.type === 'histories') {
		histories = request.histories;
		return;
	}
	if (request?.type === 'backtest') {
		try {
			const payload = computeBacktest(request.histories, { draws: request.draws, seed: request.seed }, (done, total) => scope.postMessage({ type: 'progress', done, total }));
			scope.postMessage({ type: 'backtest-result', payload });
		} catch (error) {
			scope.postMessage({ type: 'backtest-error', message: error instanceof Error ? error.message : String(error) });
		}
		return;
	}
	if (request?.type === 'plan') {
		// The allocation's marginal plan: the model with every joint draw kept, then the plan and its
		// β sensitivity (model/allocation/plan-job.ts). Fits are shared with the runs above.
		let outcome: PlanOutcome;
		try {
			outcome = histories ? computePlan(histories, request.job) : { ok: false, error: 'The election results have not reached the risk model yet.' };
		} catch (error) {
			outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
		}
		scope.postMessage({ type: 'plan-result', id: request.id, outcome });
		return;
	}
	if (request?.type !== 'run') return;
	try {
		if (!histories) throw new Error('The election results have not reached the risk model yet.');
		const parsed = parseScenario(request.spec);
		if (!parsed.ok) throw new Error(parsed.error);
		const run = runRisk(histories, request.set, request.baseYear, parsed.value, { draws: request.draws, seed: request.seed });
		const { packed, transfer } = packRun(run, request.spec);
		scope.postMessage({ type: 'result', id: request.id, packed, side: request.side }, transfer);
	} catch (error) {
		scope.postMessage({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error), side: request.side });
	}
};
