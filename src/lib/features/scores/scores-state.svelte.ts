/**
 * The scores screen's state: lens, the definition being edited, and the latest results. The seat
 * selection the views share is SeatSelection's (features/selection), the indicators the
 * Catalogue's (data/catalogue).
 * Every edit re-scores in DuckDB at once when nothing is running; while a run is in flight only the
 * newest edit waits behind it (a dragged slider costs one run at a time). No fixed debounce: the
 * combine step takes about 18 ms, so a timer would only add latency. A result that arrives after a
 * newer request was made is dropped, so the table never shows weights the user has moved past.
 */
import type { Database, Row } from '$lib/db/types';
import type { PreparedIndicators } from '$lib/data/prepare-indicators';
import type { Catalogue } from '$lib/data/catalogue.svelte';
import { stageKey } from '$lib/queries/scoring';
import { runCombine, runStage } from '$lib/data/score-run';
import type { Indicator } from '$lib/model/catalogue';
import { LENS_BOUNDARY_SET, validateDefinition, type FieldError, type IndicatorSetting, type LensId, type ScoreDefinition, type ScoreKey } from '$lib/model/definition';
import { DEFAULT_LENS, defaultDefinition, lensById } from '$lib/model/lenses';

export interface ScoredRow {
	code: string;
	name: string;
	nation: string;
	region: string;
	holder: string | null;
	post_industrial: number | null;
	threat: number | null;
	post_industrial_pct: number | null;
	threat_pct: number | null;
	priority: number | null;
	eligible: boolean;
	/** Scored without a `partial` indicator it lacks (e.g. NI without Census 2011): not ranked. */
	post_industrial_partial: boolean;
	threat_partial: boolean;
	post_industrial_rank: number | null;
	threat_rank: number | null;
	priority_rank: number | null;
	[normalised: string]: number | string | boolean | null;
}

export class ScoresState {
	readonly #db: Database;
	readonly #catalogue: Catalogue;
	definition = $state<ScoreDefinition>(defaultDefinition(DEFAULT_LENS));
	/** The rows as DuckDB scored them. */
	#scored = $state.raw<ScoredRow[]>([]);
	/** Replaces the priority and its ranks (the "rank by P(loss)" option), or null for the SQL's own. */
	#rerank = $state.raw<((rows: ScoredRow[]) => ScoredRow[]) | null>(null);
	readonly results = $derived.by(() => (this.#rerank ? this.#rerank(this.#scored) : this.#scored));
	/** The rows with the SQL's own priority (the two scores), whatever ranks `results`. */
	get scored(): ScoredRow[] {
		return this.#scored;
	}
	/** The definition the shown results were computed from (the breakdown must match the table). */
	scoredDefinition = $state.raw<ScoreDefinition | null>(null);
	errors = $state.raw<FieldError[]>([]);
	queryError = $state<string | null>(null);
	pending = $state(false);

	readonly lens = $derived(lensById(this.definition.lens));
	readonly boundarySet = $derived(LENS_BOUNDARY_SET[this.definition.lens]);
	/** The catalogue and coverage (the shared Catalogue's). */
	get prepared(): PreparedIndicators {
		return this.#catalogue.prepared;
	}
	/** Indicators of the lens's boundary set, by id. */
	get indicators(): ReadonlyMap<string, Indicator> {
		return this.#catalogue.bySet[this.boundarySet];
	}

	#request = 0;
	#stage: { key: string; rows: Row[] } | null = null;
	/** A run is in flight; `#next` is the newest run waiting behind it (older waiting ones are dropped). */
	#inFlight = false;
	#next: (() => Promise<void>) | null = null;

	/** The engine is still starting: the rows shown are the build-time first view's, and edits wait. */
	readonly starting: boolean;
	/** An edit was made while the engine was starting; it is applied when the engine is ready. */
	editWaiting = $state(false);

	constructor(db: Database, catalogue: Catalogue, starting: () => boolean = () => false) {
		this.#db = db;
		this.#catalogue = catalogue;
		this.starting = $derived(starting());
		catalogue.onChange(() => this.#catalogueChanged());
	}

	/**
	 * A new catalogue (after an upload was added, renamed or deleted). Settings that name an
	 * indicator that no longer exists are dropped, and the normalised stage is rebuilt.
	 */
	#catalogueChanged() {
		const known = this.#catalogue.bySet[LENS_BOUNDARY_SET[this.definition.lens]];
		const keep = (list: IndicatorSetting[]) => list.filter((s) => known.has(s.id));
		const { postIndustrial, threat } = this.definition.scores;
		if (keep(postIndustrial).length !== postIndustrial.length || keep(threat).length !== threat.length) {
			this.definition = { ...this.definition, scores: { postIndustrial: keep(postIndustrial), threat: keep(threat) } };
		}
		this.#stage = null;
		this.rescore('load');
	}

	indicator(id: string): Indicator | undefined {
		return this.indicators.get(id);
	}

	/**
	 * Rows computed elsewhere for `definition` (the build-time first view, same SQL in native
	 * DuckDB), shown until this engine's own arrive; the re-score that follows replaces them.
	 */
	seed(rows: ScoredRow[], definition: ScoreDefinition) {
		this.#scored = rows;
		this.scoredDefinition = definition;
	}

	setRerank(rerank: ((rows: ScoredRow[]) => ScoredRow[]) | null) {
		this.#rerank = rerank;
	}

	/** A new lens drops the shared selection too: SeatSelection is scoped to the lens. */
	setLens(id: LensId) {
		this.definition = defaultDefinition(id);
		this.rescore('load');
	}

	/** Apply a validated definition (from a file, a link or a scenario). */
	load(definition: ScoreDefinition) {
		this.definition = definition;
		this.rescore('load');
	}

	reset() {
		this.definition = defaultDefinition(this.definition.lens);
		this.rescore('load');
	}

	update(key: ScoreKey, index: number, patch: Partial<IndicatorSetting>) {
		const list = this.definition.scores[key].map((s, i) => (i === index ? { ...s, ...patch } : s));
		this.definition = { ...this.definition, scores: { ...this.definition.scores, [key]: list } };
		this.rescore();
	}

	add(key: ScoreKey, id: string) {
		const indicator = this.indicator(id);
		if (!indicator || this.definition.scores[key].some((s) => s.id === id)) return;
		const setting: IndicatorSetting = { id, weight: 1, direction: indicator.naturalDirection, normalisation: 'zscore', nullPolicy: 'impute-nation-median' };
		this.definition = { ...this.definition, scores: { ...this.definition.scores, [key]: [...this.definition.scores[key], setting] } };
		this.rescore();
	}

	remove(key: ScoreKey, index: number) {
		const list = this.definition.scores[key].filter((_, i) => i !== index);
		this.definition = { ...this.definition, scores: { ...this.definition.scores, [key]: list } };
		this.rescore();
	}

	setPriority(patch: Partial<ScoreDefinition['priority']>) {
		this.definition = { ...this.definition, priority: { ...this.definition.priority, ...patch } };
		this.rescore();
	}

	/**
	 * Validate, then score in DuckDB. Invalid edits keep the last good results on screen. `edit`: a
	 * user's change (rather than a load, a lens or a catalogue change), which the engine-starting
	 * notice reports as kept.
	 */
	rescore(cause: 'edit' | 'load' = 'edit') {
		const validation = validateDefinition($state.snapshot(this.definition), this.prepared.catalogue);
		this.errors = validation.ok ? [] : validation.errors;
		if (!validation.ok) return;
		if (this.starting && cause === 'edit') this.editWaiting = true;
		const request = ++this.#request;
		this.pending = true;
		const run = async () => {
			try {
				// Stage 1 (normalised inputs) only when its shape changed; weights only re-run stage 2.
				const key = stageKey(validation.definition);
				if (key !== this.#stage?.key) {
					this.#stage = null;
					this.#stage = { key, rows: await runStage(this.#db, validation.definition) };
				}
				const stage = this.#stage;
				if (request !== this.#request || !stage) return;
				const rows = await runCombine(this.#db, validation.definition, stage.rows);
				if (request !== this.#request) return; // a newer edit is on its way
				this.#scored = rows as unknown as ScoredRow[];
				this.scoredDefinition = validation.definition;
				this.queryError = null;
				this.editWaiting = false;
			} catch (error) {
				if (request === this.#request) this.queryError = (error as Error).message;
			} finally {
				if (request === this.#request) this.pending = false;
			}
		};
		this.#schedule(run);
	}

	#schedule(run: () => Promise<void>) {
		if (this.#inFlight) {
			this.#next = run;
			return;
		}
		this.#inFlight = true;
		void run().finally(() => {
			this.#inFlight = false;
			const next = this.#next;
			this.#next = null;
			if (next) this.#schedule(next);
		});
	}
}
