/**
 * The seat selection every view shares: the selected seat, the seat under the pointer (or keyboard
 * focus), and a set of seats picked together (a scatter brush, a bivariate legend cell).
 *
 * A selection belongs to the scope it was made in (the lens): when the scope changes, the selected
 * seat and the highlight read as nothing, with no one having to clear them, so a seat picked under
 * one lens never lingers under another whose seats differ.
 */
export interface Highlight {
	codes: ReadonlySet<string>;
	label: string;
}

export class SeatSelection {
	#scope: () => string;
	#selected = $state.raw<{ code: string; scope: string } | null>(null);
	#highlight = $state.raw<{ value: Highlight; scope: string } | null>(null);
	/** The seat under the pointer (or keyboard focus) in any table or map: shown on the map too. */
	hovered = $state<string | null>(null);

	constructor(scope: () => string = () => '') {
		this.#scope = scope;
	}

	get selected(): string | null {
		const s = this.#selected;
		return s && s.scope === this.#scope() ? s.code : null;
	}
	set selected(code: string | null) {
		this.#selected = code === null ? null : { code, scope: this.#scope() };
	}

	/** `null` means nothing is highlighted. The same object is returned until the highlight changes. */
	get highlight(): Highlight | null {
		const h = this.#highlight;
		return h && h.scope === this.#scope() ? h.value : null;
	}

	setHighlight(codes: Iterable<string> | null, label = '') {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and replaced whole, never mutated
		this.#highlight = codes === null ? null : { value: { codes: new Set(codes), label }, scope: this.#scope() };
	}
}
