/**
 * The one catalogue of indicators (built-in and uploaded) and their coverage, shared by scores,
 * scenarios and uploads. Uploads and an engine rebuild replace it; readers follow it reactively,
 * and states with work to do on a change (re-scoring, re-reading saved scenarios) subscribe.
 * Replaced whole, never mutated, so it is `$state.raw`.
 */
import type { BoundarySet, Indicator } from '$lib/model/catalogue';
import type { PreparedIndicators } from './prepare-indicators';

export class Catalogue {
	prepared = $state.raw<PreparedIndicators>(null as unknown as PreparedIndicators);
	/** Indicators per boundary set, by id. */
	readonly bySet = $derived.by((): Record<BoundarySet, ReadonlyMap<string, Indicator>> => {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and replaced whole, never mutated
		const of = (set: BoundarySet): ReadonlyMap<string, Indicator> => new Map(this.prepared.catalogue.filter((i) => i.boundarySet === set).map((i) => [i.id, i]));
		return { '2010': of('2010'), '2024': of('2024') };
	});
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- subscribers, never read by a view
	#listeners = new Set<(prepared: PreparedIndicators) => void>();

	constructor(prepared: PreparedIndicators) {
		this.prepared = prepared;
	}

	get indicators(): Indicator[] {
		return this.prepared.catalogue;
	}

	/** A new catalogue, after an upload was added, renamed or deleted, or the engine was rebuilt. */
	replace(prepared: PreparedIndicators) {
		this.prepared = prepared;
		for (const listener of this.#listeners) listener(prepared);
	}

	/** Called after every replace, in subscription order; returns the unsubscribe. */
	onChange(listener: (prepared: PreparedIndicators) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}
}
