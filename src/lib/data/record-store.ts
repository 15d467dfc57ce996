/**
 * A tiny IndexedDB key–value store of JSON records (uploaded datasets), with an in-memory
 * fallback when the browser offers no storage. Callers validate what they read back: stored
 * bytes are never trusted.
 */
export interface RecordStore {
	readonly persistent: boolean;
	/** Why records will not survive a reload, or null. */
	readonly reason: string | null;
	all(): Promise<unknown[]>;
	put(id: string, record: unknown): Promise<void>;
	delete(id: string): Promise<void>;
}

export class StorageFullError extends Error {
	constructor() {
		super("The browser's storage for this site is full, so this could not be saved. Delete some uploads or saved scenarios and try again.");
		this.name = 'StorageFullError';
	}
}

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

function memoryStore(reason: string): RecordStore {
	const records = new Map<string, unknown>();
	return {
		persistent: false,
		reason,
		all: async () => [...records.values()].map((r) => JSON.parse(JSON.stringify(r))),
		put: async (id, record) => void records.set(id, JSON.parse(JSON.stringify(record))),
		delete: async (id) => void records.delete(id)
	};
}

export async function openRecordStore(dbName: string, storeName: string): Promise<RecordStore> {
	const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
	if (!factory) return memoryStore("This browser offers no storage for web apps, so uploads last only until the page is closed.");
	let db: IDBDatabase;
	try {
		const open = factory.open(dbName, 1);
		open.onupgradeneeded = () => open.result.createObjectStore(storeName);
		db = await request(open);
	} catch (error) {
		return memoryStore(`Uploads cannot be saved in this browser for this visit (${(error as Error)?.message ?? 'storage refused'}); they last until the page is closed.`);
	}
	const tx = (mode: IDBTransactionMode) => db.transaction(storeName, mode).objectStore(storeName);
	return {
		persistent: true,
		reason: null,
		all: () => request(tx('readonly').getAll()),
		async put(id, record) {
			try {
				await request(tx('readwrite').put(JSON.parse(JSON.stringify(record)), id));
			} catch (error) {
				if ((error as DOMException)?.name === 'QuotaExceededError') throw new StorageFullError();
				throw error;
			}
		},
		delete: async (id) => void (await request(tx('readwrite').delete(id)))
	};
}
