/**
 * A small LRU of prepared statements keyed by SQL text. Interactive re-scoring sends the same
 * query shape with new parameters many times a second; preparing once saves the planning cost.
 */
export class StatementCache<S> {
	readonly #entries = new Map<string, Promise<S>>();
	readonly #limit: number;
	readonly #dispose: (statement: S) => void | Promise<void>;

	constructor(limit: number, dispose: (statement: S) => void | Promise<void>) {
		this.#limit = limit;
		this.#dispose = dispose;
	}

	get(sql: string, prepare: () => Promise<S>): Promise<S> {
		let entry = this.#entries.get(sql);
		if (entry) {
			this.#entries.delete(sql); // re-insert as most recently used
		} else {
			entry = prepare();
			entry.catch(() => this.#entries.delete(sql));
		}
		this.#entries.set(sql, entry);
		while (this.#entries.size > this.#limit) {
			const [oldest, statement] = this.#entries.entries().next().value!;
			this.#entries.delete(oldest);
			statement.then(this.#dispose, () => {});
		}
		return entry;
	}

	async clear() {
		const all = [...this.#entries.values()];
		this.#entries.clear();
		for (const s of all) await s.then(this.#dispose, () => {});
	}
}
