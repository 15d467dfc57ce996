/**
 * The seat-risk view's state: the base election (by default the lens's own), the national scenario
 * (a spec string, plus the editor's fields), and the latest run from the worker. Results arrive as
 * one replaced object (`$state.raw`), never mutated. A run starts when something first shows risk
 * (`activate`), then again, debounced, whenever the boundary set, the base or the scenario changes;
 * an invalid edit shows its message and leaves the last good result on screen.
 *
 * The priority ranks the eligible seats by P(loss) by default, so the model starts with the app
 * whenever that ranking is on, and the ranks are pending (every seat unranked, `rankingPending`)
 * until the first P(loss) for the lens's boundary set arrives: a view never shows the score-based
 * ranking in its place.
 */
import type { Database } from '$lib/db/types';
import { loadRiskHistories } from '$lib/data/risk-inputs';
import type { ScoredRow, ScoresState } from '$lib/features/scores/scores-state.svelte';
import { untrack } from 'svelte';
import { rankByPLoss, rankingWaitingText } from './risk-priority';
import type { RiskYear } from '$lib/model/risk/history';
import type { BoundarySet } from '$lib/model/catalogue';
import type { PlanJob, PlanOutcome } from '$lib/model/allocation/plan-job';
import { riskPartyOfWinner } from '$lib/model/risk/parties';
import { BASE_YEARS } from '$lib/model/risk/run';
import { parseScenario } from '$lib/model/risk/scenario';
import { headlineHolder } from './risk-format';
import { RiskRunner } from './risk-runner';
import { DEFAULT_SPEC, resultYears, type RiskSetting } from './risk-setting';
import type { RiskSummary } from '$lib/model/risk/transfer';
import { formFromSpec, specFromForm, type ScenarioForm } from './scenario-form';

export type RiskStatus = 'idle' | 'loading' | 'computing' | 'ready' | 'error';

const DEBOUNCE_MS = 80;

export class RiskState {
	readonly #db: Database;
	readonly #scores: ScoresState;
	/** The chosen base, or null for the lens's own election. */
	baseChoice = $state<RiskYear | null>(null);
	/** The last valid scenario spec (canonical form): what the results are for. */
	spec = $state(DEFAULT_SPEC);
	form = $state<ScenarioForm>(formFromSpec(DEFAULT_SPEC));
	/** The editor's problem, naming the field; the last good result stays on screen. */
	inputError = $state<string | null>(null);
	/** The priority ranks eligible seats by P(loss) (the default) rather than by the two scores. */
	rankPriority = $state(true);
	summary = $state.raw<RiskSummary | null>(null);
	status = $state<RiskStatus>('idle');
	error = $state<string | null>(null);

	readonly set = $derived.by(() => this.#scores.boundarySet);
	readonly lensYear = $derived.by(() => this.#scores.lens.year as RiskYear);
	readonly baseYears = $derived(BASE_YEARS[this.set]);
	readonly baseYear = $derived(this.baseChoice !== null && this.baseYears.includes(this.baseChoice) ? this.baseChoice : this.lensYear);
	readonly resultYears = $derived(resultYears(this.set, this.baseYear));
	/** What a link or saved scenario stores. */
	readonly setting = $derived<RiskSetting>({ base: this.baseYear, spec: this.#validSpec(), ...(this.rankPriority ? {} : { priority: 'scores' as const }) });
	/** The shown result, only while it is for the table's boundary set (seat codes must match). */
	readonly current = $derived(this.summary && this.summary.set === this.set ? this.summary : null);
	/**
	 * The priority ranks by P(loss) and there is none yet for these seats: every view shows the
	 * ranking as waiting for the model (or, on `status === 'error'`, as unavailable).
	 */
	readonly rankingPending = $derived(this.rankPriority && !this.current);
	/** What ranks the eligible seats, for the method's words (`describePriority`): null when the two scores do. */
	readonly ranking = $derived(this.rankPriority ? { baseYear: this.baseYear, spec: this.setting.spec, notional: this.set === '2024' && this.baseYear === 2019 } : null);
	/** What the views say in place of the ranking while it is pending; null when there is one. */
	readonly rankingNotice = $derived(this.rankingPending ? rankingWaitingText(this.status === 'error' ? (this.error ?? 'the model stopped.') : null) : null);
	/** The holder whose expected losses head the page: the lens's eligible holders first. */
	readonly headline = $derived.by(() => {
		const holders = this.#scores.definition.priority.eligibility.holders.map(riskPartyOfWinner);
		return this.current ? headlineHolder(this.current.losses, holders) : null;
	});

	#runner: RiskRunner | null = null;
	/** The seeded run, until the first job is asked for (see `#activate`). */
	#seeded: RiskSummary | null = null;
	#activated = false;
	#activation: Promise<void> | null = null;

	constructor(db: Database, scores: ScoresState) {
		this.#db = db;
		this.#scores = scores;
		// Built once by the composition root, outside any effect: these live as long as the app.
		$effect.root(() => {
			// The default ranking needs the model from the start, not only when a view shows risk.
			$effect(() => {
				if (this.rankPriority) void this.activate();
			});
			// Until P(loss) arrives every eligible seat is unranked (rankByPLoss with no values).
			$effect(() => {
				const seats = this.current?.seats;
				const rerank = this.rankPriority ? (rows: ScoredRow[]) => rankByPLoss(rows, (code) => seats?.get(code)?.pLoss ?? null) : null;
				untrack(() => this.#scores.setRerank(rerank));
			});
		});
	}

	/** A run computed at build time for the default setting (the first view), shown until the worker's own. */
	seed(summary: RiskSummary) {
		this.summary = summary;
		this.#seeded = summary;
		this.status = 'ready';
	}

	/** Load the results once and follow the scenario from now on; later calls wait for the first. */
	activate(): Promise<void> {
		return (this.#activation ??= this.#activate());
	}

	/**
	 * An allocation plan for the current base and scenario, in the same worker as the runs (the
	 * fits are shared); only the newest request's outcome reaches `onPlan`.
	 */
	async requestPlan(job: Omit<PlanJob, 'set' | 'baseYear' | 'spec'>, onPlan: (outcome: PlanOutcome) => void): Promise<void> {
		await this.activate();
		if (!this.#runner) return onPlan({ ok: false, error: this.error ?? 'The seat-risk model could not start.' });
		this.#runner.requestPlan({ ...job, set: this.set, baseYear: this.baseYear, spec: this.#validSpec() }, onPlan);
	}

	/**
	 * P(loss) per seat for a setting other than the one shown (a saved scenario's, for a diff): the
	 * shown run when it is the same, else a one-off run in the worker beside the scenario runs.
	 */
	async pLossFor(set: BoundarySet, setting: Pick<RiskSetting, 'base' | 'spec'>): Promise<ReadonlyMap<string, number | null>> {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a value handed back, not state
		const byCode = (summary: RiskSummary) => new Map([...summary.seats].map(([code, seat]) => [code, seat.pLoss]));
		const shown = this.summary;
		if (shown && shown.set === set && shown.baseYear === setting.base && shown.spec === setting.spec) return byCode(shown);
		await this.activate();
		const runner = this.#runner;
		if (!runner) throw new Error(this.error ?? 'The seat-risk model could not start.');
		return new Promise((resolve, reject) => runner.requestSide({ set, baseYear: setting.base, spec: setting.spec }, (outcome) => (outcome.ok ? resolve(byCode(outcome.summary)) : reject(new Error(outcome.error)))));
	}

	async #activate(): Promise<void> {
		if (this.#activated) return;
		this.#activated = true;
		if (!this.summary) this.status = 'loading'; // a seeded result stays on screen meanwhile
		try {
			const histories = await loadRiskHistories(this.#db);
			this.#runner = new RiskRunner(histories, (outcome) => {
				if (outcome.ok) {
					this.summary = outcome.summary;
					this.error = null;
					this.status = 'ready';
				} else {
					this.error = outcome.error;
					this.status = 'error';
				}
			});
		} catch (error) {
			this.error = `The election results for the risk model could not be read: ${(error as Error).message}`;
			this.status = 'error';
			return;
		}
		let timer: ReturnType<typeof setTimeout> | undefined;
		$effect.root(() => {
			$effect(() => {
				const job = { set: this.set, baseYear: this.baseYear, spec: this.#validSpec() };
				// The first view's run is this job's, made by the same seeded code: running it again would only repeat it.
				const seeded = this.#seeded;
				this.#seeded = null;
				if (seeded && seeded.set === job.set && seeded.baseYear === job.baseYear && seeded.spec === job.spec) return;
				this.status = 'computing';
				clearTimeout(timer);
				timer = setTimeout(() => this.#runner?.request(job), DEBOUNCE_MS);
			});
		});
	}

	/** The spec, or "no change" when it names a result that is not a later election of this set. */
	#validSpec(): string {
		const parsed = parseScenario(this.spec);
		if (parsed.ok && parsed.value.kind === 'result' && !this.resultYears.includes(parsed.value.year)) return DEFAULT_SPEC;
		return this.spec;
	}

	setBase(year: RiskYear) {
		this.baseChoice = year;
		if (this.#validSpec() !== this.spec) this.apply({ ...this.setting, base: year, spec: DEFAULT_SPEC });
	}

	/** An edit in the scenario editor. */
	setForm(form: ScenarioForm) {
		this.form = form;
		const spec = specFromForm(form);
		if (!spec.ok) {
			this.inputError = spec.error;
			return;
		}
		this.inputError = null;
		this.spec = spec.value;
	}

	/** A setting from a link or a saved scenario (already validated); undefined means the defaults. */
	apply(setting: RiskSetting | undefined) {
		this.baseChoice = setting?.base ?? null;
		this.spec = setting?.spec ?? DEFAULT_SPEC;
		this.rankPriority = setting?.priority !== 'scores';
		this.form = formFromSpec(this.spec);
		this.inputError = null;
	}

	dispose() {
		this.#runner?.dispose();
	}
}
