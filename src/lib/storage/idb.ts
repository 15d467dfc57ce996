/**
 * One IndexedDB transaction as a promise, shared by the stores (scenarios, uploads). It settles
 * on `complete` or `abort`, never on a request's success: a quota failure surfaces only when the
 * transaction commits, and an aborted transaction writes nothing, so a rejected promise always
 * means the stored data is as it was.
 */
export type TransactionBody<T> = (tx: IDBTransaction, done: (value: T) => void, fail: (error: unknown) => void) => void;

/** Rejects with what the browser (or `body`, through `fail` or by throwing) raised. */
export function inTransaction<T>(db: IDBDatabase, stores: string[], mode: IDBTransactionMode, body: TransactionBody<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		let result: T;
		let failure: unknown = null;
		let tx: IDBTransaction;
		try {
			tx = db.transaction(stores, mode);
		} catch (error) {
			reject(error);
			return;
		}
		const fail = (error: unknown) => {
			failure ??= error;
			try {
				tx.abort();
			} catch {
				// already finished: onabort/onerror has run or will run
			}
		};
		tx.oncomplete = () => resolve(result);
		tx.onerror = (event) => reject(failure ?? (event.target as IDBRequest | null)?.error ?? tx.error);
		tx.onabort = () => reject(failure ?? tx.error ?? new Error('the browser cancelled the change'));
		try {
			body(tx, (value) => (result = value), fail);
		} catch (error) {
			// e.g. put() throwing at once (DataCloneError, or a quota check): nothing is written.
			fail(error);
		}
	});
}

/** Keys and values of one store, read in one transaction so `key` belongs to `value`. */
export function readEntries(db: IDBDatabase, store: string): Promise<{ key: string; value: unknown }[]> {
	return inTransaction(db, [store], 'readonly', (tx, done) => {
		const keys = tx.objectStore(store).getAllKeys();
		const values = tx.objectStore(store).getAll();
		values.onsuccess = () => done(values.result.map((value, i) => ({ key: String(keys.result[i]), value })));
	});
}
