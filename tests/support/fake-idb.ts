/**
 * IndexedDB for the stores' unit tests: `fake-indexeddb` (a full implementation that sorts keys
 * and ends transactions as browsers do), plus the two failures a test needs to force:
 * - `open: 'throw' | 'error'`: opening throws at once, or fails with an error event (private
 *   windows, a blocked profile);
 * - `quota: true`: every put or add fails as on a full disk, so the transaction aborts and
 *   nothing is written.
 * Helpers read and seed raw records the way a browser's storage inspector would.
 */
import { IDBFactory as FakeFactory } from 'fake-indexeddb';

export interface FakeIdbOptions {
	open?: 'throw' | 'error';
	/** Every put and add fails as the browser does when the disk is full: the transaction aborts. */
	quota?: boolean;
}

const request = <T>(r: IDBRequest<T>) =>
	new Promise<T>((resolve, reject) => {
		r.onsuccess = () => resolve(r.result);
		r.onerror = () => reject(r.error);
	});

function failingOpen(): IDBOpenDBRequest {
	const r = { error: new DOMException('Access denied', 'UnknownError') } as unknown as IDBOpenDBRequest & { onerror: (() => void) | null };
	setTimeout(() => r.onerror?.(), 0);
	return r;
}

/** Put and add on every store of `db` throw a QuotaExceededError, as a full disk does. */
function withQuota(db: IDBDatabase) {
	const transaction = db.transaction.bind(db);
	db.transaction = ((...args: Parameters<IDBDatabase['transaction']>) => {
		const tx = transaction(...args);
		const objectStore = tx.objectStore.bind(tx);
		tx.objectStore = (name: string) => {
			const store = objectStore(name);
			const full = () => {
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			};
			return Object.assign(store, { put: full, add: full });
		};
		return tx;
	}) as IDBDatabase['transaction'];
}

export function fakeIndexedDB(options: FakeIdbOptions = {}) {
	const real = new FakeFactory();

	const factory = {
		open(name: string, version?: number): IDBOpenDBRequest {
			if (options.open === 'throw') throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
			if (options.open === 'error') return failingOpen();
			const opening = real.open(name, version);
			// Registered before the caller's onsuccess, so the caller only ever sees the patched connection.
			if (options.quota) opening.addEventListener('success', () => withQuota(opening.result));
			return opening;
		},
		deleteDatabase: (name: string) => real.deleteDatabase(name),
		databases: () => real.databases(),
		cmp: (a: unknown, b: unknown) => real.cmp(a, b)
	} as unknown as IDBFactory;

	/** Run `body` on one store of an existing database, in its own connection, then close it. */
	async function onStore<T>(db: string, store: string, mode: IDBTransactionMode, body: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
		const connection = await request(real.open(db));
		try {
			const tx = connection.transaction(store, mode);
			const result = await request(body(tx.objectStore(store)));
			await new Promise<void>((resolve, reject) => {
				tx.oncomplete = () => resolve();
				tx.onabort = () => reject(tx.error);
			});
			return result;
		} finally {
			connection.close();
		}
	}

	return {
		factory,
		/** The raw stored records of one store, by key. */
		async records(db: string, store: string): Promise<Map<IDBValidKey, unknown>> {
			const keys = await onStore(db, store, 'readonly', (s) => s.getAllKeys());
			const values = await onStore(db, store, 'readonly', (s) => s.getAll());
			return new Map(keys.map((k, i) => [k, values[i]]));
		},
		/** Write one raw record, bypassing the app's checks (e.g. a damaged one). */
		async seed(db: string, store: string, key: string, value: unknown): Promise<void> {
			await onStore(db, store, 'readwrite', (s) => (s.keyPath === null ? s.put(value, key) : s.put(value)));
		},
		/** Create a database at `version` with these stores (keyPath, or null for out-of-line keys), as an older app left it. */
		async create(db: string, version: number, stores: Record<string, string | null>): Promise<void> {
			const opening = real.open(db, version);
			opening.onupgradeneeded = () => {
				for (const [name, keyPath] of Object.entries(stores)) opening.result.createObjectStore(name, keyPath === null ? {} : { keyPath });
			};
			(await request(opening)).close();
		}
	};
}
