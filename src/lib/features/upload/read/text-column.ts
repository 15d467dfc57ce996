/**
 * A column of cell strings that is cheap to hold. The parser keeps each cell as a range of the
 * decoded text and slices it on read: a million short-lived slices cost the garbage collector
 * almost nothing, while a million retained strings cost seconds and hundreds of megabytes.
 *
 * `Cells` is the read interface every step uses. A plain `string[]` satisfies it too, so the
 * pure functions can be called (and tested) with ordinary arrays.
 */
export interface Cells {
	readonly length: number;
	at(index: number): string | undefined;
}

/** A column's ranges as typed arrays, to send to another thread; the text goes once, beside them. */
export interface PackedColumn {
	starts: Uint32Array;
	ends: Uint32Array;
	unescaped: Map<number, string>;
}

export class TextColumn implements Cells {
	readonly #text: string;
	/** Arrays while the parser appends; typed arrays once unpacked from a worker (never copied again). */
	#starts: number[] | Uint32Array = [];
	#ends: number[] | Uint32Array = [];
	/** Cells that are not a plain range of the text (unescaped quotes), by row. */
	readonly #unescaped = new Map<number, string>();

	constructor(text: string) {
		this.#text = text;
	}

	get length(): number {
		return this.#starts.length;
	}

	/** Parser use: append a cell as a range, or as its own string when it had to be unescaped. */
	push(start: number, end: number, value?: string): void {
		if (!Array.isArray(this.#starts) || !Array.isArray(this.#ends)) throw new Error('An unpacked column is read-only.');
		if (value !== undefined) this.#unescaped.set(this.#starts.length, value);
		this.#starts.push(start);
		this.#ends.push(end);
	}

	/** The decoded text this column's ranges point into (shared by a table's columns). */
	get text(): string {
		return this.#text;
	}

	pack(): PackedColumn {
		return { starts: Uint32Array.from(this.#starts), ends: Uint32Array.from(this.#ends), unescaped: new Map(this.#unescaped) };
	}

	static unpack(text: string, packed: PackedColumn): TextColumn {
		const column = new TextColumn(text);
		column.#starts = packed.starts;
		column.#ends = packed.ends;
		for (const [row, value] of packed.unescaped) column.#unescaped.set(row, value);
		return column;
	}

	at(index: number): string | undefined {
		const i = index < 0 ? index + this.#starts.length : index;
		if (i < 0 || i >= this.#starts.length) return undefined;
		if (this.#unescaped.size) {
			const value = this.#unescaped.get(i);
			if (value !== undefined) return value;
		}
		return this.#text.slice(this.#starts[i], this.#ends[i]);
	}
}

/** Materialise a column (for one Arrow vector at a time, or a test's toEqual). */
export function cellsToArray(cells: Cells): string[] {
	const out = new Array<string>(cells.length);
	for (let i = 0; i < cells.length; i++) out[i] = cells.at(i) ?? '';
	return out;
}
