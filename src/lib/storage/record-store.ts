/**
 * A tiny IndexedDB key–value store of JSON records (uploaded datasets), with an in-memory
 * fallback when the browser offers no storage. Callers validate what they read back: stored
 * bytes are never trusted. From database version 2 each database also has a `quarantine` store
 * for records this version cannot read (see quarantine.ts).
 */
import { inTransaction, readEntries } from './idb';
import { QUARANTINE_STORE, type QuarantineEntry } from './quarantine';
import { isQuotaError, storageFullMessage } from './storage-errors';

export interface RecordStore {
	readonly persistent: boolean;
	/** Why records will not survive a reload, or null. */
	readonly reason: string | null;
	entries(): Promise<{ key: string; value: unknown }[]>;
	/** `what` names the record in a "storage is full" message, e.g. "the upload “Members”". */
	put(id: string, record: unknown, what?: string): Promise<void>;
	delete(id: string): Promise<void>;
	/** In one transaction: keep the entry in the quarantine store and delete `key`. */
	quarantine(key: string, entry: QuarantineEntry): Promise<void>;
}

export class StorageFullError extends Error {
	constructor(what = 'the change') {
		super(storageFullMessage(what));
		this.name = 'StorageFullError';
	}
}

/** 1: the records store. 2: adds the quarantine store. */
export const RECORD_DB_VERSION = 2;

/**
 * A copy of plain data, as a JSON round trip would give (Svelte's state proxies cannot be stored:
 * IndexedDB's structured clone refuses them), except that typed arrays are kept as they are.
 * Why not JSON: a map layer's geometry is millions of numbers in typed arrays, which IndexedDB
 * clones as single blocks, while JSON would turn each into an object of numbered keys, slowly.
 * `copyBinary` copies them too, for the in-memory store that has no clone step of its own.
 */
export function plain(value: unknown, copyBinary = false): unknown {
	if (ArrayBuffer.isView(value)) return copyBinary && !(value instanceof DataView) ? (value as Uint8Array).slice() : value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (value === null || typeof value !== 'object') return value;
	const json = (value as { toJSON?: unknown }).toJSON;
	if (typeof json === 'function') return plain(json.call(value), copyBinary);
	const kept = (v: unknown) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
	if (Array.isArray(value)) return value.map((v) => (kept(v) ? plain(v, copyBinary) : null));
	// fromEntries defines own properties, so a "__proto__" key stays a plain key, as in JSON.parse.
	return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (kept(v) ? [[k, plain(v, copyBinary)]] : [])));
}

function memoryStore(reason: string): RecordStore {
	const records = new Map<string, unknown>();
	return {
		persistent: false,
		reason,
		entries: async () => [...records.entries()].map(([key, value]) => ({ key, value: plain(value, true) })),
		put: async (id, record) => void records.set(id, plain(record, true)),
		delete: async (id) => void records.delete(id),
		quarantine: async (key) => void records.delete(key)
	};
}

export async function openRecordStore(dbName: string, storeName: string, timeoutMs = 5000): Promise<RecordStore> {
	const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
	if (!factory) return memoryStore('This browser offers no storage for web apps, so uploads last only until the page is closed.');
	let db: IDBDatabase;
	try {
		const open = factory.open(dbName, RECORD_DB_VERSION);
		open.onupgradeneeded = () => {
			if (!open.result.objectStoreNames.contains(storeName)) open.result.createObjectStore(storeName);
			if (!open.result.objectStoreNames.contains(QUARANTINE_STORE)) open.result.createObjectStore(QUARANTINE_STORE, { autoIncrement: true });
		};
		db = await new Promise<IDBDatabase>((resolve, reject) => {
			// An older tab that does not give way to the upgrade would block the open forever.
			let late = false;
			const timer = setTimeout(() => {
				late = true;
				reject(new Error('another Heartlands tab is holding the storage; close other Heartlands tabs and reload'));
			}, timeoutMs);
			open.onsuccess = () => {
				clearTimeout(timer);
				if (late) open.result.close();
				else resolve(open.result);
			};
			open.onerror = () => {
				clearTimeout(timer);
				reject(open.error);
			};
		});
		db.onversionchange = () => db.close();
	} catch (error) {
		return memoryStore(`Uploads cannot be saved in this browser for this visit (${(error as Error)?.message ?? 'storage refused'}); they last until the page is closed.`);
	}
	return {
		persistent: true,
		reason: null,
		entries: () => readEntries(db, storeName),
		async put(id, record, what) {
			try {
				await inTransaction<void>(db, [storeName], 'readwrite', (tx) => void tx.objectStore(storeName).put(plain(record), id));
			} catch (error) {
				if (isQuotaError(error)) throw new StorageFullError(what);
				throw error;
			}
		},
		delete: (id) => inTransaction<void>(db, [storeName], 'readwrite', (tx) => void tx.objectStore(storeName).delete(id)),
		quarantine: (key, entry) =>
			inTransaction<void>(db, [storeName, QUARANTINE_STORE], 'readwrite', (tx) => {
				tx.objectStore(QUARANTINE_STORE).add(entry);
				tx.objectStore(storeName).delete(key);
			})
	};
}
