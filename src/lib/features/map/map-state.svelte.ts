/**
 * The map's state: what is mapped and how it is classified, geo or hex, hover and the selected
 * bivariate cell, plus the geometry of the current boundary set.
 *
 * Everything the map draws is `$derived` from ScoresState.results, so a weight change flows
 * straight to new colours (and from there to feature-state); nothing here is copied by an effect.
 * The only async work is loading files and indicator columns, started by the view for the
 * current set and dropped when a newer request (or another set) has overtaken it.
 */
import { untrack } from 'svelte';
import type { FeatureCollection } from 'geojson';
import type { Highlight, SeatSelection } from '$lib/features/selection/seat-selection.svelte';
import type { DataManifest } from '$lib/data/manifest';
import type { Database } from '$lib/db/types';
import { mapIndicatorValues } from '$lib/queries/map';
import type { BoundarySet } from '$lib/model/catalogue';
import type { ScoredRow, ScoresState } from '$lib/features/scores/scores-state.svelte';
import type { AllocationState } from '$lib/features/allocation/allocation-state.svelte';
import { bivariateColour, ClassificationError, classColour, classify, classifyBivariate, DEFAULT_CLASSES, DEFAULT_SEQUENTIAL, parseCustomBreaks, seatsInCell, type CellId, type ClassificationMethod, type PaletteId } from './classify';
import { collectionBounds, groupBounds, type Bounds } from './bounds';
import { mapGeometry, type ForSet, type MapGeometry } from './map-geometry.svelte';
import { buildBivariateLegend, buildLegend, classColours, noDataReason, type NoDataContext } from './legend';
import { indicatorIdOf, P_LOSS_BREAKS, resolveVariable, type VariableId } from './map-variables';
import type { RiskState } from '$lib/features/risk/risk-state.svelte';
import { rankDescending } from './format';
import type { MapExportRow } from './map-export';
import { holderLabel } from '$lib/model/parties';
import { classText, summariseSeat, type SeatSummary } from './seat-summary';
import { cellLabel } from './legend';
import type { LayersState } from '$lib/features/upload/layers-state.svelte';
import type { UploadedLayer } from '$lib/features/upload/records/geo-layer';
import { layerCollection } from './overlay-data';

export type ViewMode = 'geo' | 'hex';
/** The seat shapes drawn: the built-in file, or an uploaded boundaries layer (`key` names which). */
export interface ShownBoundaries extends ForSet<FeatureCollection> {
	key: string;
	/** The uploaded layer, or null for the built-in shapes. */
	layer: UploadedLayer | null;
}

const NO_CODES: ReadonlySet<string> = new Set();

/** Whether a seat's value of a score variable is partial (not comparable with complete scores). */
function isPartial(r: ScoredRow, id: string): boolean {
	return (id === 'post_industrial' && r.post_industrial_partial) || (id === 'threat' && r.threat_partial);
}

export class MapState {
	readonly scores: ScoresState;
	readonly allocation: AllocationState | null;
	readonly risk: RiskState | null;
	readonly manifest: DataManifest;
	/** Uploaded GeoJSON layers: replacement seat boundaries and area overlays. */
	readonly layers: LayersState | null;
	readonly #db: Database;
	/** The seat selection every view shares. */
	readonly selection: SeatSelection;

	variable = $state<VariableId>('bivariate');
	method = $state<ClassificationMethod>('quantile');
	classes = $state(DEFAULT_CLASSES);
	customText = $state('');
	palette = $state<PaletteId>(DEFAULT_SEQUENTIAL);
	view = $state<ViewMode>('geo');
	/** Shared with every view, so a row hovered in a table is outlined on the map. */
	get hovered(): string | null {
		return this.selection.hovered;
	}
	set hovered(code: string | null) {
		this.selection.hovered = code;
	}
	selectedCell = $state<CellId | null>(null);
	/** 'uk', 'nation:<name>' or 'region:<name>'. */
	zoom = $state('uk');

	/** Outline, built-in boundaries and hex layout: shared with the map drawn while loading. */
	readonly geometry: MapGeometry;
	get boundaries() {
		return this.geometry.boundaries;
	}
	get outline() {
		return this.geometry.outline;
	}
	get hex() {
		return this.geometry.hex;
	}
	indicatorValues = $state.raw<{ set: BoundarySet; id: string; values: Map<string, number | null> } | null>(null);
	loadError = $state<string | null>(null);

	// Arrow forms: the fields read `scores`, which the constructor sets after field initialisers run.
	readonly set = $derived.by(() => this.scores.boundarySet);
	readonly info = $derived.by(() => resolveVariable(this.variable, this.scores.indicators));
	readonly rows = $derived.by(() => this.scores.results);
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and replaced whole, never mutated
	readonly indexByCode = $derived(new Map(this.rows.map((r, i) => [r.code, i])));
	readonly indicatorLoading = $derived.by(() => {
		const id = indicatorIdOf(this.info.id);
		return id !== null && !(this.indicatorValues?.set === this.set && this.indicatorValues.id === id);
	});

	/** The mapped value per row (null for bivariate, which maps both scores). */
	readonly values = $derived.by((): (number | null)[] => {
		const info = this.info;
		if (info.kind === 'bivariate') return this.rows.map(() => null);
		if (info.id === 'allocation') {
			// £ for eligible seats (0 when unfunded); ineligible seats have no amount at all.
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and replaced whole, never mutated
			const amounts = this.allocation?.allocation.ok ? this.allocation.amountByCode : new Map<string, number>();
			return this.rows.map((r) => amounts.get(r.code) ?? null);
		}
		if (info.id === 'p_loss_change') {
			// Only the expected-seats method changes P(loss); other methods leave the map empty.
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and replaced whole, never mutated
			const change = this.allocation?.pLossChangeByCode ?? new Map<string, number>();
			return this.rows.map((r) => change.get(r.code) ?? null);
		}
		if (info.id === 'p_loss') return this.rows.map((r) => this.risk?.current?.seats.get(r.code)?.pLoss ?? null);
		// A partial score is not comparable with the others, so it is not coloured on the same scale.
		if (info.kind === 'score') return this.rows.map((r) => (isPartial(r, info.id) ? null : r[info.id as 'post_industrial' | 'threat' | 'priority']));
		const loaded = this.indicatorLoading ? null : this.indicatorValues!.values;
		return this.rows.map((r) => loaded?.get(r.code) ?? null);
	});

	readonly custom = $derived.by((): { breaks: number[] | null; error: string | null } => {
		if (this.method !== 'custom') return { breaks: null, error: null };
		try {
			return { breaks: parseCustomBreaks(this.customText), error: null };
		} catch (e) {
			return { breaks: null, error: e instanceof ClassificationError ? e.message : String(e) };
		}
	});

	/** Single-variable classes. Bad custom breaks fall back to quantiles (and the error is shown). */
	readonly choropleth = $derived.by(() => {
		if (this.info.kind === 'bivariate') return null;
		const breaks = this.custom.breaks ?? (this.info.id === 'p_loss' ? P_LOSS_BREAKS : null);
		const classification = breaks ? classify(this.values, { method: 'custom', customBreaks: breaks }) : classify(this.values, { method: this.method === 'custom' ? 'quantile' : this.method, classes: this.classes });
		return { classification, colours: classColours(this.palette, classification.counts.length), fallback: this.method === 'custom' && !this.custom.breaks };
	});

	readonly bivariate = $derived(
		this.info.kind === 'bivariate'
			? classifyBivariate(
					this.rows.map((r) => (r.post_industrial_partial ? null : r.post_industrial)),
					this.rows.map((r) => (r.threat_partial ? null : r.threat))
				)
			: null
	);

	/** Seat code → fill colour: the one thing both maps and both exports draw from. */
	readonly colours = $derived.by((): ReadonlyMap<string, string> => {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and replaced whole, never mutated
		const out = new Map<string, string>();
		const { bivariate, choropleth } = this;
		this.rows.forEach((r, i) => {
			out.set(r.code, bivariate ? bivariateColour(bivariate.cells[i]) : classColour(choropleth!.classification.classOf[i], choropleth!.colours));
		});
		return out;
	});

	readonly noDataReason = $derived.by(() => {
		const info = this.info;
		const bivariate = info.kind === 'bivariate';
		const present = bivariate ? this.rows.map((r) => (r.post_industrial !== null && r.threat !== null && !isPartial(r, 'post_industrial') && !isPartial(r, 'threat') ? 1 : null)) : this.values;
		const partial = this.rows.some((r) => (bivariate ? isPartial(r, 'post_industrial') || isPartial(r, 'threat') : isPartial(r, info.id)));
		const context: NoDataContext =
			info.id === 'p_loss'
				? { kind: 'risk', computing: !this.risk?.current }
				: info.kind === 'indicator'
					? { kind: 'indicator', group: info.indicator!.group }
					: info.id === 'priority' || info.id === 'allocation'
						? { kind: 'priority', waiting: !!this.risk?.rankingPending }
						: { kind: 'score', partial };
		return noDataReason(this.rows, present, context);
	});

	readonly legend = $derived(this.choropleth ? buildLegend(this.choropleth.classification, this.choropleth.colours, this.noDataReason) : null);
	readonly bivariateLegend = $derived(this.bivariate ? buildBivariateLegend(this.bivariate, this.noDataReason) : null);

	/**
	 * Highlighted seats are shared app-wide through ScoresState, so a legend cell, a scatter brush
	 * and the table all show the same set. A legend cell stays "pressed" only while the shared
	 * highlight is still the one it set.
	 */
	#cellHighlight = $state.raw<Highlight | null>(null);
	readonly activeCell = $derived.by((): CellId | null => (this.selectedCell && this.selection.highlight === this.#cellHighlight ? this.selectedCell : null));
	readonly highlighted = $derived.by((): ReadonlySet<string> => this.selection.highlight?.codes ?? NO_CODES);

	/** The quadrant table shows the selected cell, or high/high (the seats the fund is about). */
	readonly quadrantCell = $derived<CellId>(this.activeCell ?? '2-2');
	readonly quadrantRows = $derived.by(() => {
		if (!this.bivariate) return [];
		const rows = seatsInCell(this.bivariate.cells, this.quadrantCell).map((i) => this.rows[i]);
		const both = (r: (typeof rows)[number]) => (r.post_industrial_pct ?? 0) + (r.threat_pct ?? 0);
		return rows.sort((a, b) => both(b) - both(a) || a.name.localeCompare(b.name));
	});

	/** Rank per row (1 = highest): the table's SQL ranks for scores, computed here for indicators. */
	readonly ranks = $derived.by((): (number | null)[] => {
		const info = this.info;
		if (info.id === 'allocation' || info.id === 'p_loss') return rankDescending(this.values);
		if (info.kind === 'score') return this.rows.map((r) => r[`${info.id}_rank` as 'priority_rank']);
		return info.kind === 'indicator' ? rankDescending(this.values) : this.rows.map(() => null);
	});
	readonly ranked = $derived(this.values.filter((v) => v !== null).length);

	/** Uploaded seat boundaries for the current set win over the built-in ones while switched on. */
	readonly shownBoundaries = $derived.by((): ShownBoundaries | null => {
		const layer = this.layers?.boundariesFor(this.set) ?? null;
		if (layer) return { set: this.set, value: layerCollection(layer), key: `${this.set}-${layer.id}`, layer };
		return this.boundaries ? { ...this.boundaries, key: this.boundaries.set, layer: null } : null;
	});
	/** Seats the uploaded boundaries leave out: they have a colour but no shape on the map. */
	readonly unshapedSeats = $derived.by((): number => {
		const layer = this.shownBoundaries?.layer;
		if (!layer) return 0;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a temporary value, not state
		const shaped = new Set(layer.codes);
		return this.rows.filter((r) => !shaped.has(r.code)).length;
	});
	readonly overlays = $derived.by(() => this.layers?.overlays ?? []);

	readonly ukBounds = $derived.by((): Bounds | null => (this.shownBoundaries ? collectionBounds(this.shownBoundaries.value) : null));
	readonly zoomAreas = $derived.by((): Map<string, Bounds> => {
		const shown = this.shownBoundaries;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and replaced whole, never mutated
		if (!shown || shown.set !== this.set) return new Map();
		return groupBounds(shown.value.features, (code) => {
			const r = this.rows[this.indexByCode.get(code) ?? -1];
			return r ? [`nation:${r.nation}`, `region:${r.region}`] : [];
		});
	});
	readonly zoomBounds = $derived(this.zoomAreas.get(this.zoom) ?? this.ukBounds);

	#indicatorRequest = 0;

	/**
	 * Built once per loaded app by the shell (src/lib/app), so map settings survive switching tabs
	 * (the tab unmounts). It is made after the shell's awaits, outside any effect, on purpose:
	 * Svelte ties a $derived to the effect running when it is created, and one made during the Map
	 * tab's setup would stop following the lens after the first tab switch.
	 */
	constructor(scores: ScoresState, selection: SeatSelection, db: Database, manifest: DataManifest, allocation: AllocationState | null = null, layers: LayersState | null = null, risk: RiskState | null = null) {
		this.scores = scores;
		this.selection = selection;
		this.allocation = allocation;
		this.risk = risk;
		this.layers = layers;
		this.#db = db;
		this.manifest = manifest;
		this.geometry = mapGeometry(manifest);
	}

	/** Boundaries, outline and hex layout for a set; a result for a set no longer shown is dropped. */
	ensureGeo(set: BoundarySet): Promise<void> {
		return this.geometry.ensure(set);
	}

	/** The indicator column for the current set, from DuckDB; stale answers are ignored. */
	async ensureIndicator(set: BoundarySet, id: string): Promise<void> {
		if (untrack(() => this.indicatorValues?.set === set && this.indicatorValues.id === id)) return;
		const request = ++this.#indicatorRequest;
		try {
			const { rows } = await this.#db.query(mapIndicatorValues(set, id));
			if (request !== this.#indicatorRequest) return;
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and replaced whole, never mutated
			this.indicatorValues = { set, id, values: new Map(rows.map((r) => [String(r.code), typeof r.value === 'number' ? r.value : null])) };
			this.loadError = null;
		} catch (e) {
			if (request === this.#indicatorRequest) this.loadError = `The indicator could not be read: ${(e as Error).message}`;
		}
	}

	summary(code: string | null): SeatSummary | null {
		const i = code === null ? undefined : this.indexByCode.get(code);
		if (i === undefined) return null;
		return summariseSeat(this.rows[i], {
			info: this.info,
			value: this.values[i],
			rank: this.ranks[i],
			ranked: this.ranked,
			cell: this.bivariate ? this.bivariate.cells[i] : undefined,
			noDataReason: this.noDataReason
		});
	}

	/** The current view as rows for the CSV, with the same colours and classes as the map. */
	exportRows(): MapExportRow[] {
		return this.rows.map((r, i) => {
			const cell = this.bivariate?.cells[i];
			const classLabel = this.bivariate ? (cell ? cellLabel(`${cell.x}-${cell.y}`) : 'no data') : classText(this.choropleth!.classification.classOf[i], this.legend!.classes);
			return {
				code: r.code,
				name: r.name,
				nation: r.nation,
				region: r.region,
				holder: holderLabel(r.holder),
				post_industrial: r.post_industrial,
				threat: r.threat,
				value: this.bivariate ? null : this.values[i],
				classLabel,
				colour: this.colours.get(r.code) ?? ''
			};
		});
	}

	setVariable(id: VariableId) {
		this.variable = id;
		if (this.activeCell) this.selection.setHighlight(null);
		this.selectedCell = null;
	}

	/** Switching to custom starts from the breaks on screen, so the user edits rather than types from nothing. */
	setMethod(method: ClassificationMethod) {
		if (method === 'custom' && !this.customText.trim() && this.choropleth) {
			this.customText = this.choropleth.classification.breaks.map((b) => String(Number(b.toPrecision(4)))).join(', ');
		}
		this.method = method;
	}

	toggleCell(id: CellId) {
		if (this.activeCell === id || !this.bivariate) {
			this.selectedCell = null;
			this.selection.setHighlight(null);
			return;
		}
		this.selectedCell = id;
		this.selection.setHighlight(
			seatsInCell(this.bivariate.cells, id).map((i) => this.rows[i].code),
			`the ${cellLabel(id)} cell of the bivariate map`
		);
		this.#cellHighlight = this.selection.highlight;
	}
}
