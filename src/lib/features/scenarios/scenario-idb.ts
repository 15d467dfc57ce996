/**
 * The IndexedDB backend for saved scenarios (database "heartlands"): object store "scenarios"
 * (keyPath "id") and, from database version 2, "quarantine" (auto-numbered) for records this
 * version cannot read. Raw IndexedDB, no wrapper library: the app needs five operations.
 *
 * Every operation is one transaction that resolves on `complete`, so a quota failure (which
 * surfaces as an abort) rejects the promise and leaves the stored data as it was.
 */
import { inTransaction, readEntries } from '$lib/storage/idb';
import { QUARANTINE_STORE } from '$lib/storage/quarantine';
import { createMemoryScenarioStore, storeOn, type ScenarioBackend, type ScenarioStore, type StoreOptions, type CatalogueSource } from './scenario-store';

export const SCENARIO_DB_NAME = 'heartlands';
export const SCENARIO_STORE_NAME = 'scenarios';
/** 1: scenarios. 2: adds the quarantine store. Bump with an upgrade step below. */
export const SCENARIO_DB_VERSION = 2;

export function createIndexedDbScenarioStore(db: IDBDatabase, catalogue: CatalogueSource, options: StoreOptions = {}): ScenarioStore {
	const backend: ScenarioBackend = {
		entries: () => readEntries(db, SCENARIO_STORE_NAME),
		change: (id, decide) =>
			inTransaction<void>(db, [SCENARIO_STORE_NAME], 'readwrite', (tx, _done, fail) => {
				const store = tx.objectStore(SCENARIO_STORE_NAME);
				const read = store.get(id);
				read.onsuccess = () => {
					try {
						store.put(decide(read.result));
					} catch (error) {
						fail(error);
					}
				};
			}),
		delete: (id) =>
			inTransaction<void>(db, [SCENARIO_STORE_NAME], 'readwrite', (tx) => {
				tx.objectStore(SCENARIO_STORE_NAME).delete(id);
			}),
		quarantine: (key, entry) =>
			inTransaction<void>(db, [SCENARIO_STORE_NAME, QUARANTINE_STORE], 'readwrite', (tx) => {
				tx.objectStore(QUARANTINE_STORE).add(entry);
				tx.objectStore(SCENARIO_STORE_NAME).delete(key);
			})
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
			if (!db.objectStoreNames.contains(QUARANTINE_STORE)) db.createObjectStore(QUARANTINE_STORE, { autoIncrement: true });
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
export async function openScenarioStore(catalogue: CatalogueSource, options: StoreOptions & { indexedDB?: IDBFactory | null; timeoutMs?: number } = {}): Promise<OpenedScenarioStore> {
	const factory = options.indexedDB === undefined ? (globalThis as { indexedDB?: IDBFactory }).indexedDB : options.indexedDB;
	const memory = (reason: string): OpenedScenarioStore => ({ store: createMemoryScenarioStore(catalogue, options), persistent: false, reason });
	if (!factory) return memory("This browser doesn't offer storage for web apps (IndexedDB), so saved scenarios last only until the page is closed.");
	try {
		const db = await openDatabase(factory, options.timeoutMs ?? 5000);
		return { store: createIndexedDbScenarioStore(db, catalogue, options), persistent: true, reason: null };
	} catch (error) {
		const detail = error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error) ? String((error as { message: unknown }).message) : String(error);
		const newer = (error as { name?: unknown })?.name === 'VersionError' ? ' A newer version of Heartlands has used this browser; its scenarios are kept as they are.' : '';
		return memory(`Saved scenarios are off for this visit (the browser's storage could not be opened: ${detail}).${newer} They last only until the page is closed.`);
	}
}
