/**
 * Saved scenarios, persisted in the browser with the raw IndexedDB API (database "heartlands",
 * object store "scenarios", keyPath "id"), with an in-memory store of the same shape for tests and
 * for browsers without IndexedDB (private modes, locked-down profiles).
 *
 * Decisions:
 * - Records are re-validated on the way out: an old or damaged record (say, an indicator the
 *   catalogue no longer has) is left in the database but kept out of `list()` and reported by
 *   `quarantined()`, so one bad record never hides the others or crashes the page.
 * - Everything is copied through JSON on the way in: Svelte `$state` proxies cannot be stored by
 *   IndexedDB (DataCloneError), and the store must not share objects with the caller.
 * - Failures are `StorageError`s with a `kind` and a message meant for the user; a full disk
 *   ("QuotaExceededError") says so plainly.
 */
import type { Indicator } from '../scores/catalogue';
import type { FieldError } from '../scores/definition';
import { validateName, validateScenario, type Scenario } from './scenario';

export const SCENARIO_DB_NAME = 'heartlands';
export const SCENARIO_STORE_NAME = 'scenarios';
/** Bump with an upgrade step in `openDatabase` whenever the stored shape changes. */
export const SCENARIO_DB_VERSION = 1;

export type StorageErrorKind = 'quota' | 'unavailable' | 'not-found' | 'invalid' | 'failed';

export class StorageError extends Error {
	constructor(
		readonly kind: StorageErrorKind,
		message: string,
		options?: { cause?: unknown }
	) {
		super(message, options);
		this.name = 'StorageError';
	}
}

export type QuarantinedRecord = { id: string | null; errors: FieldError[]; record: unknown };

export interface ScenarioStore {
	/** False for the in-memory store: scenarios are lost when the page closes. */
	readonly persistent: boolean;
	/** Valid scenarios, most recently updated first. */
	list(): Promise<Scenario[]>;
	/** Stored records that failed validation (kept, not shown by `list`). */
	quarantined(): Promise<QuarantinedRecord[]>;
	/** Insert or replace by id, exactly as given (the caller sets the dates). */
	save(scenario: Scenario): Promise<void>;
	/** Rename and set `updatedAt` to now. */
	rename(id: string, name: string): Promise<void>;
	/** Delete by id (also removes a quarantined record); deleting a missing id does nothing. */
	remove(id: string): Promise<void>;
}

export interface StoreOptions {
	now?: () => Date;
}

/** The raw record operations each backend provides; validation lives above them, shared. */
interface Backend {
	getAll(): Promise<unknown[]>;
	get(id: string): Promise<unknown>;
	put(record: Scenario): Promise<void>;
	delete(id: string): Promise<void>;
}

/** A readable StorageError for whatever a browser storage call threw. */
export function toStorageError(error: unknown, action: string): StorageError {
	if (error instanceof StorageError) return error;
	const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
	if (name === 'QuotaExceededError') {
		return new StorageError('quota', `Could not ${action}: the browser has no storage left for this site. Delete some saved scenarios or free up disk space, then try again.`, { cause: error });
	}
	const detail = error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error) ? String((error as { message: unknown }).message) : String(error);
	return new StorageError('failed', `Could not ${action}: ${detail || name || 'the browser refused'}.`, { cause: error });
}

function partition(records: unknown[], catalogue: Indicator[]): { scenarios: Scenario[]; quarantined: QuarantinedRecord[] } {
	const scenarios: Scenario[] = [];
	const quarantined: QuarantinedRecord[] = [];
	for (const record of records) {
		const id = typeof record === 'object' && record !== null && typeof (record as { id?: unknown }).id === 'string' ? (record as { id: string }).id : null;
		try {
			const v = validateScenario(record, catalogue);
			if (v.ok) scenarios.push(v.scenario);
			else quarantined.push({ id, errors: v.errors, record });
		} catch (error) {
			// e.g. a cyclic value that the validator's message formatting cannot quote
			quarantined.push({ id, errors: [{ path: '(scenario)', message: `could not be read: ${String(error)}` }], record });
		}
	}
	scenarios.sort((a, b) => (a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
	return { scenarios, quarantined };
}

function checked(scenario: Scenario, catalogue: Indicator[]): Scenario {
	let copy: unknown;
	try {
		copy = JSON.parse(JSON.stringify(scenario));
	} catch (error) {
		throw new StorageError('invalid', 'Could not save the scenario: it is not plain data.', { cause: error });
	}
	const v = validateScenario(copy, catalogue);
	if (!v.ok) throw new StorageError('invalid', `Could not save the scenario: ${v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
	return v.scenario;
}

function storeOn(backend: Backend, catalogue: Indicator[], persistent: boolean, options: StoreOptions): ScenarioStore {
	const now = options.now ?? (() => new Date());
	return {
		persistent,
		list: async () => partition(await backend.getAll(), catalogue).scenarios,
		quarantined: async () => partition(await backend.getAll(), catalogue).quarantined,
		save: async (scenario) => backend.put(checked(scenario, catalogue)),
		rename: async (id, name) => {
			const n = validateName(name);
			if (!n.ok) throw new StorageError('invalid', `Could not rename the scenario: ${n.error.message}.`);
			const record = await backend.get(id);
			if (record === undefined) throw new StorageError('not-found', 'Could not rename the scenario: it no longer exists (it may have been deleted in another tab).');
			const v = validateScenario(record, catalogue);
			if (!v.ok) throw new StorageError('invalid', 'Could not rename the scenario: the saved copy is damaged. Delete it and save it again.');
			await backend.put({ ...v.scenario, name: n.name, updatedAt: now().toISOString() });
		},
		remove: async (id) => backend.delete(id)
	};
}

export interface MemoryStoreOptions extends StoreOptions {
	/** Records to start with, stored as given (including damaged ones, for tests). */
	records?: unknown[];
	/** Simulate a storage quota: a save that would take the JSON size above this fails as 'quota'. */
	quotaBytes?: number;
}

export function createMemoryScenarioStore(catalogue: Indicator[], options: MemoryStoreOptions = {}): ScenarioStore {
	const records = new Map<string, unknown>();
	(options.records ?? []).forEach((r, i) => {
		const id = typeof r === 'object' && r !== null && typeof (r as { id?: unknown }).id === 'string' ? (r as { id: string }).id : `(record ${i})`;
		records.set(id, structuredClone(r));
	});
	const size = () => [...records.values()].reduce((sum: number, r) => sum + JSON.stringify(r).length, 0);
	const backend: Backend = {
		getAll: async () => [...records.values()].map((r) => structuredClone(r)),
		get: async (id) => structuredClone(records.get(id)),
		put: async (record) => {
			const previous = records.get(record.id);
			records.set(record.id, structuredClone(record));
			if (options.quotaBytes !== undefined && size() > options.quotaBytes) {
				if (previous === undefined) records.delete(record.id);
				else records.set(record.id, previous);
				throw toStorageError(new DOMException('quota exceeded', 'QuotaExceededError'), 'save the scenario');
			}
		},
		delete: async (id) => {
			records.delete(id);
		}
	};
	return storeOn(backend, catalogue, false, options);
}

/** One request in its own transaction; resolves when the transaction commits (quota errors surface there). */
function inTransaction<T>(db: IDBDatabase, mode: IDBTransactionMode, action: string, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		let result: T;
		try {
			const tx = db.transaction(SCENARIO_STORE_NAME, mode);
			const request = run(tx.objectStore(SCENARIO_STORE_NAME));
			request.onsuccess = () => (result = request.result);
			tx.oncomplete = () => resolve(result);
			tx.onerror = () => reject(toStorageError(tx.error ?? request.error, action));
			tx.onabort = () => reject(toStorageError(tx.error ?? request.error, action));
		} catch (error) {
			reject(toStorageError(error, action));
		}
	});
}

export function createIndexedDbScenarioStore(db: IDBDatabase, catalogue: Indicator[], options: StoreOptions = {}): ScenarioStore {
	const backend: Backend = {
		getAll: () => inTransaction(db, 'readonly', 'read the saved scenarios', (s) => s.getAll()),
		get: (id) => inTransaction(db, 'readonly', 'read the scenario', (s) => s.get(id)),
		put: async (record) => {
			await inTransaction(db, 'readwrite', 'save the scenario', (s) => s.put(record));
		},
		delete: async (id) => {
			await inTransaction(db, 'readwrite', 'delete the scenario', (s) => s.delete(id));
		}
	};
	return storeOn(backend, catalogue, true, options);
}

function openDatabase(factory: IDBFactory, timeoutMs: number): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		// "blocked" (another tab holds an older version open) could otherwise wait forever.
		const timer = setTimeout(() => reject(new Error('the database did not open in time (is the app open in another tab?)')), timeoutMs);
		const done = (f: () => void) => {
			clearTimeout(timer);
			f();
		};
		let request: IDBOpenDBRequest;
		try {
			request = factory.open(SCENARIO_DB_NAME, SCENARIO_DB_VERSION);
		} catch (error) {
			// Some private modes throw here rather than fail the request.
			done(() => reject(error));
			return;
		}
		request.onupgradeneeded = () => {
			const db = request.result;
			if (!db.objectStoreNames.contains(SCENARIO_STORE_NAME)) db.createObjectStore(SCENARIO_STORE_NAME, { keyPath: 'id' });
		};
		request.onsuccess = () =>
			done(() => {
				const db = request.result;
				// Let a newer version of the app in another tab upgrade instead of blocking it.
				db.onversionchange = () => db.close();
				resolve(db);
			});
		request.onerror = () => done(() => reject(request.error ?? new Error('the database could not be opened')));
	});
}

export interface OpenedScenarioStore {
	store: ScenarioStore;
	persistent: boolean;
	/** Why persistence is off, for the UI to say; null when scenarios are saved in the browser. */
	reason: string | null;
}

/**
 * The browser's IndexedDB store, or the memory store when IndexedDB is missing or refuses to open.
 * Never rejects: a page without saved scenarios still works, and `reason` says why.
 */
export async function openScenarioStore(catalogue: Indicator[], options: StoreOptions & { indexedDB?: IDBFactory | null; timeoutMs?: number } = {}): Promise<OpenedScenarioStore> {
	const factory = options.indexedDB === undefined ? (globalThis as { indexedDB?: IDBFactory }).indexedDB : options.indexedDB;
	const memory = (reason: string): OpenedScenarioStore => ({ store: createMemoryScenarioStore(catalogue, options), persistent: false, reason });
	if (!factory) return memory("This browser doesn't offer storage for web apps (IndexedDB), so saved scenarios last only until the page is closed.");
	try {
		const db = await openDatabase(factory, options.timeoutMs ?? 5000);
		return { store: createIndexedDbScenarioStore(db, catalogue, options), persistent: true, reason: null };
	} catch (error) {
		const detail = error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error) ? String((error as { message: unknown }).message) : String(error);
		return memory(`Saved scenarios are off for this visit (the browser's storage could not be opened: ${detail}); they last only until the page is closed.`);
	}
}
