/**
 * The database the views hold while the page paints from the build-time first view: every call
 * waits until the engine has started and the tables and indicator tables are in (`open`), then
 * runs in order. So a weight moved, an upload chosen or a console statement typed during start-up
 * is applied as soon as it can be, never lost and never run against half-loaded tables. Start-up
 * itself loads through the engine underneath, not through the gate.
 */
import type { Database, QueryResult } from '$lib/db/types';

export class EngineGate implements Database {
	/** True once the engine has the data: views show "engine starting" until then. */
	open = $state(false);
	readonly #inner: Database;
	#opened!: () => void;
	#failed!: (error: Error) => void;
	readonly #ready = new Promise<void>((resolve, reject) => {
		this.#opened = resolve;
		this.#failed = reject;
	});

	constructor(inner: Database) {
		this.#inner = inner;
		this.#ready.catch(() => {}); // observed by each waiting call
	}

	/** Let waiting and later calls through. */
	release() {
		this.open = true;
		this.#opened();
	}

	/** The engine could not start: every waiting and later call fails with this error. */
	fail(error: Error) {
		this.#failed(error);
	}

	query(sql: string, params?: number[]): Promise<QueryResult> {
		return this.#ready.then(() => this.#inner.query(sql, params));
	}
	exec(sql: string): Promise<void> {
		return this.#ready.then(() => this.#inner.exec(sql));
	}
	registerFile(name: string, bytes: Uint8Array): Promise<string> {
		return this.#ready.then(() => this.#inner.registerFile(name, bytes));
	}
	dropFile(name: string): Promise<void> {
		return this.#ready.then(() => this.#inner.dropFile(name));
	}
	close(): Promise<void> {
		return this.#inner.close();
	}
}
