/**
 * The SQL console's state: the query being edited, the last result, the error or refusal, a short
 * history kept in localStorage, and the schema browser's tables.
 *
 * Every statement passes `guardSql` first (all of them, before any runs), then runs in order as
 * a prepared statement (`db.query(sql, [])`), so DuckDB itself also refuses a piece that holds
 * more than one statement. The first DuckDB error stops the run and is shown as text.
 *
 * A running query cannot be interrupted inside DuckDB-wasm (its worker answers one request at a
 * time), so Cancel, and the optional time limit, restart the engine through `interrupt`: the
 * supervisor rebuilds it with the public tables and uploads, and every view re-scores.
 *
 * The state is made once per page by the shell (src/lib/app/compose.ts), outside any component: a `$derived` created in a
 * component dies with it, and the next visit to the tab then showed the previous query's rows.
 */
import type { Database, QueryResult } from '$lib/db/types';
import { readLocal, writeLocal } from '$lib/storage/local-versioned';
import { storageNotices } from '$lib/storage/storage-notices.svelte';
import { guardSql, makeProtection, mayChangeSchema, type GuardOptions } from './statement-guard';
import { DISPLAY_ROW_CAP, SCHEMA_SQL, addToHistory, groupSchema, parseHistory, selectTableSql, shownRows, type SchemaTable } from './console-result';

export const HISTORY_KEY = 'heartlands:console-history';

export interface ConsoleResult extends QueryResult {
	/** Milliseconds from the first statement starting to the last one finishing. */
	elapsedMs: number;
	/** How many statements ran; the result is the last one's. */
	statementCount: number;
}

export interface ConsoleMessage {
	/** `refused`: the guard said no and nothing ran; `error`: DuckDB reported an error; `cancelled`: stopped by the user or the time limit. */
	kind: 'refused' | 'error' | 'cancelled';
	text: string;
	/** 1-based statement number when several were sent. */
	statement?: number;
}

/** localStorage, or null where there is none (tests, locked-down browsers). */
function defaultStorage(): Storage | null {
	try {
		return globalThis.localStorage ?? null;
	} catch {
		return null;
	}
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)) || 'DuckDB reported an error without a message.';

/** Time limits offered for a query, in seconds (null: none). */
export const TIME_LIMITS = [null, 10, 30, 60, 300] as const;
export type TimeLimit = (typeof TIME_LIMITS)[number];

export interface ConsoleOptions {
	rowCap?: number;
	storage?: Storage | null;
	/** Stop whatever the engine is running by restarting it; the reason is shown while it rebuilds. */
	interrupt?: (reason: string) => void;
}

export class ConsoleState {
	text = $state('');
	running = $state(false);
	/** Stop a query after this many seconds (restarting the engine); null for no limit. */
	timeLimit = $state<TimeLimit>(null);
	result = $state.raw<ConsoleResult | null>(null);
	message = $state.raw<ConsoleMessage | null>(null);
	history = $state.raw<string[]>([]);
	schema = $state.raw<SchemaTable[]>([]);
	schemaError = $state<string | null>(null);
	/** Set when history could not be saved; the console still works. */
	storageNotice = $state<string | null>(null);
	readonly rowCap: number = DISPLAY_ROW_CAP;
	/** The rows the table shows: at most `rowCap`. A getter, not a class `$derived` (see above). */
	get shown() {
		return this.result ? shownRows(this.result.rows, this.rowCap) : [];
	}

	/** Supplies the protected tables at run time (props can change). Not reactive on purpose. */
	guardOptions: () => GuardOptions;
	readonly #db: Database;
	readonly #storage: Storage | null;
	readonly #interrupt: ((reason: string) => void) | null;
	#schemaRequest = 0;
	/** Why the running query was stopped, once Cancel or the time limit has fired. */
	#stopped = $state<string | null>(null);

	constructor(db: Database, guardOptions: () => GuardOptions, options: ConsoleOptions = {}) {
		this.#db = db;
		this.guardOptions = guardOptions;
		this.#interrupt = options.interrupt ?? null;
		this.rowCap = options.rowCap ?? DISPLAY_ROW_CAP;
		this.#storage = options.storage === undefined ? defaultStorage() : options.storage;
		// Unreadable storage never blocks the console; a damaged or newer value is set aside, named.
		const stored = readLocal(this.#storage, HISTORY_KEY, 'SQL console history', (value) => parseHistory(JSON.stringify(value ?? null)), []);
		this.history = stored.value;
		if (stored.setAside) storageNotices.add([stored.setAside]);
	}

	/** Guard, then run each statement in order; stops at the first error. */
	async run(sql: string = this.text): Promise<void> {
		if (this.running) return;
		if (!sql.trim()) {
			this.message = { kind: 'refused', text: 'Type a query first.' };
			return;
		}
		this.#remember(sql);
		this.result = null;
		this.message = null;
		const verdict = guardSql(sql, this.guardOptions());
		if (!verdict.ok) {
			this.message = { kind: 'refused', text: verdict.reason };
			return;
		}
		this.running = true;
		this.#stopped = null;
		let schemaChanged = false;
		const started = performance.now();
		const limit = this.timeLimit;
		const timer = limit && this.#interrupt ? setTimeout(() => this.#stop(`it ran longer than the ${limit} s limit`), limit * 1000) : undefined;
		try {
			let last: QueryResult | null = null;
			for (const [index, statement] of verdict.statements.entries()) {
				try {
					last = await this.#db.query(statement, []);
				} catch (error) {
					this.message = this.#stopped
						? { kind: 'cancelled', text: `Stopped: ${this.#stopped}. The data engine was restarted to stop it; the public tables, your uploads and the scores are being reloaded. Tables made in the console are gone.` }
						: { kind: 'error', text: errorText(error), statement: verdict.statements.length > 1 ? index + 1 : undefined };
					return;
				}
				if (mayChangeSchema(statement)) schemaChanged = true;
			}
			if (last) this.result = { ...last, elapsedMs: performance.now() - started, statementCount: verdict.statements.length };
		} finally {
			clearTimeout(timer);
			this.running = false;
			if (schemaChanged || this.#stopped) await this.refreshSchema();
		}
	}

	/** Whether a running query can be stopped here. */
	get cancellable(): boolean {
		return this.running && this.#interrupt !== null && this.#stopped === null;
	}

	/** Stop the running query (the engine restarts; see the module note). */
	cancel() {
		this.#stop('you cancelled it');
	}

	#stop(reason: string) {
		if (!this.cancellable) return;
		this.#stopped = reason;
		this.#interrupt!(`a console query was stopped: ${reason}`);
	}

	/** Re-reads the tables and their columns for the schema browser. */
	async refreshSchema(): Promise<void> {
		const request = ++this.#schemaRequest;
		try {
			const { rows } = await this.#db.query(SCHEMA_SQL);
			if (request !== this.#schemaRequest) return;
			this.schema = groupSchema(rows, makeProtection(this.guardOptions()));
			this.schemaError = null;
		} catch (error) {
			if (request === this.#schemaRequest) this.schemaError = `The list of tables could not be read: ${errorText(error)}`;
		}
	}

	/** Puts `SELECT * FROM "table" LIMIT 100` in the editor. */
	showTable(name: string) {
		this.text = selectTableSql(name);
	}

	recall(index: number) {
		const entry = this.history[index];
		if (entry !== undefined) this.text = entry;
	}

	clearHistory() {
		this.history = [];
		this.#save();
	}

	#remember(sql: string) {
		this.history = addToHistory(this.history, sql);
		this.#save();
	}

	#save() {
		try {
			if (this.history.length) writeLocal(this.#storage, HISTORY_KEY, this.history);
			else this.#storage?.removeItem(HISTORY_KEY);
			this.storageNotice = null;
		} catch {
			this.storageNotice = 'Recent queries could not be saved in this browser (storage is full or disabled); they will last until you close the page.';
		}
	}
}
