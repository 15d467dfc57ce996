/**
 * The scores screen's state: lens, the definition being edited, and the latest results. The seat
 * selection the views share is SeatSelection's (features/selection), the indicators the
 * Catalogue's (data/catalogue).
 * Every edit re-scores in DuckDB, debounced, and a result that arrives after a newer request was
 * made is dropped, so the table never shows scores for weights the user has already moved past.
 */
import type { Database, Row } from '$lib/db/types';
import type { PreparedIndicators } from '$lib/data/prepare-indicators';
import type { Catalogue } from '$lib/data/catalogue.svelte';
import { combineQuery, createStageTable, READ_STAGE, stageKey } from '$lib/queries/scoring';
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

const DEBOUNCE_MS = 40;

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
	#timer: ReturnType<typeof setTimeout> | null = null;

	constructor(db: Database, catalogue: Catalogue) {
		this.#db = db;
		this.#catalogue = catalogue;
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
		this.rescore(true);
	}

	indicator(id: string): Indicator | undefined {
		return this.indicators.get(id);
	}

	setRerank(rerank: ((rows: ScoredRow[]) => ScoredRow[]) | null) {
		this.#rerank = rerank;
	}

	/** A new lens drops the shared selection too: SeatSelection is scoped to the lens. */
	setLens(id: LensId) {
		this.definition = defaultDefinition(id);
		this.rescore(true);
	}

	/** Apply a validated definition (from a file, a link or a scenario). */
	load(definition: ScoreDefinition) {
		this.definition = definition;
		this.rescore(true);
	}

	reset() {
		this.definition = defaultDefinition(this.definition.lens);
		this.rescore(true);
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

	/** Validate, then score in DuckDB. Invalid edits keep the last good results on screen. */
	rescore(immediate = false) {
		if (this.#timer) clearTimeout(this.#timer);
		const validation = validateDefinition($state.snapshot(this.definition), this.prepared.catalogue);
		this.errors = validation.ok ? [] : validation.errors;
		if (!validation.ok) return;
		const request = ++this.#request;
		this.pending = true;
		const run = async () => {
			try {
				// Stage 1 (normalised inputs) only when its shape changed; weights only re-run stage 2.
				const key = stageKey(validation.definition);
				if (key !== this.#stage?.key) {
					this.#stage = null;
					await this.#db.exec(createStageTable(validation.definition));
					this.#stage = { key, rows: (await this.#db.query(READ_STAGE)).rows };
				}
				const stage = this.#stage;
				if (request !== this.#request || !stage) return;
				const query = combineQuery(validation.definition);
				// Both are ordered by code: merge seat facts and normalised inputs with the new scores.
				const rows = (await this.#db.query(query.sql, query.params)).rows.map((r, i) => ({ ...stage.rows[i], ...r }));
				if (request !== this.#request) return; // a newer edit is on its way
				this.#scored = rows as unknown as ScoredRow[];
				this.scoredDefinition = validation.definition;
				this.queryError = null;
			} catch (error) {
				if (request === this.#request) this.queryError = (error as Error).message;
			} finally {
				if (request === this.#request) this.pending = false;
			}
		};
		if (immediate) void run();
		else this.#timer = setTimeout(run, DEBOUNCE_MS);
	}
}
