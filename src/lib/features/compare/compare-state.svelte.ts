/**
 * Pinned seats for the compare board (2–8), kept per boundary set in localStorage so they
 * survive a reload, plus the data the board needs that the scores do not carry: vote history
 * and each indicator's raw value and national percentile.
 */
import type { Database, Row } from '$lib/db/types';
import type { BoundarySet } from '$lib/model/catalogue';
import type { ScoresState } from '$lib/features/scores/scores-state.svelte';
import { percentRank } from '$lib/model/reference';
import { voteHistory } from '$lib/queries/history';
import { seatInputsQuery } from '$lib/queries/scoring';
import { readLocal, writeLocal } from '$lib/storage/local-versioned';
import { storageNotices } from '$lib/storage/storage-notices.svelte';
import { isQuotaError, storageFullMessage } from '$lib/storage/storage-errors';

export const MAX_PINS = 8;
const storageKey = (set: BoundarySet) => `heartlands:pins:${set}`;

const localStore = (): Storage | null => {
	try {
		return globalThis.localStorage ?? null;
	} catch {
		return null;
	}
};

/** Unreadable storage never blocks the app; a damaged or newer value is set aside and named. */
function readPins(set: BoundarySet): string[] {
	const read = (value: unknown) => (Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string' && /^[EWSN]\d{8}$/.test(c)).slice(0, MAX_PINS) : []);
	const stored = readLocal(localStore(), storageKey(set), `pinned seats (${set} boundaries)`, read, []);
	if (stored.setAside) storageNotices.add([stored.setAside]);
	return stored.value;
}

export interface IndicatorCell {
	value: number | null;
	/** 0–100: share of seats with a lower value. */
	percentile: number | null;
}

export class CompareState {
	pinsBySet = $state<Record<BoundarySet, string[]>>({ '2010': readPins('2010'), '2024': readPins('2024') });
	history = $state.raw<Row[]>([]);
	/** indicator id → seat code → cell */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and replaced whole, never mutated
	indicators = $state.raw<Map<string, Map<string, IndicatorCell>>>(new Map());
	error = $state<string | null>(null);
	readonly #db: Database;
	readonly #scores: ScoresState;
	#request = 0;

	constructor(db: Database, scores: ScoresState) {
		this.#db = db;
		this.#scores = scores;
	}

	get pins(): string[] {
		return this.pinsBySet[this.#scores.boundarySet];
	}

	isPinned(code: string) {
		return this.pins.includes(code);
	}

	toggle(code: string) {
		const set = this.#scores.boundarySet;
		const current = this.pinsBySet[set];
		const next = current.includes(code) ? current.filter((c) => c !== code) : current.length < MAX_PINS ? [...current, code] : current;
		this.pinsBySet = { ...this.pinsBySet, [set]: next };
		try {
			writeLocal(localStore(), storageKey(set), next);
		} catch (error) {
			this.error = isQuotaError(error) ? `${storageFullMessage('the pinned seats')} They will last until you close the page.` : 'Pins could not be saved in this browser (storage is disabled); they will last until you close the page.';
		}
	}

	/** Reload history and indicator percentiles for the current pins and definition. */
	async refresh() {
		const request = ++this.#request;
		const definition = this.#scores.definition;
		const ids = [...definition.scores.postIndustrial, ...definition.scores.threat].map((s) => s.id);
		try {
			const [history, inputs] = await Promise.all([this.#db.query(voteHistory(this.#scores.boundarySet, this.pins)), this.#db.query(seatInputsQuery(definition, ids))]);
			if (request !== this.#request) return;
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and replaced whole, never mutated
			const indicators = new Map<string, Map<string, IndicatorCell>>();
			for (const id of ids) {
				const values = inputs.rows.map((r) => (typeof r[id] === 'number' ? (r[id] as number) : null));
				const pct = percentRank(values);
				// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and replaced whole, never mutated
				indicators.set(id, new Map(inputs.rows.map((r, i) => [String(r.code), { value: values[i], percentile: pct[i] === null ? null : pct[i]! * 100 }])));
			}
			this.history = history.rows;
			this.indicators = indicators;
			this.error = null;
		} catch (error) {
			if (request === this.#request) this.error = `The comparison could not be loaded: ${(error as Error).message}`;
		}
	}
}
