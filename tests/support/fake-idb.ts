/**
 * Just enough of IndexedDB for the stores' unit tests: versioned open with upgrade, transactions
 * over one or more stores that commit when their requests are done and roll back on abort, and
 * asynchronous callbacks like the real thing. Not a general fake (the real one is exercised by
 * the Playwright tests); test-only, never imported by the app.
 */
type Data = Map<string, Map<IDBValidKey, unknown>>;

export interface FakeIdbOptions {
	open?: 'throw' | 'error';
	/** Every put fails as the browser does when the disk is full: the transaction aborts. */
	quota?: boolean;
}

export function fakeIndexedDB(options: FakeIdbOptions = {}) {
	const databases = new Map<string, { version: number; data: Data; keyPaths: Map<string, string | null>; next: Map<string, number> }>();
	const later = (f: () => void) => setTimeout(f, 0);

	function connection(name: string) {
		const state = databases.get(name)!;
		return {
			objectStoreNames: { contains: (store: string) => state.data.has(store) },
			createObjectStore(store: string, opts: { keyPath?: string; autoIncrement?: boolean } = {}) {
				state.data.set(store, new Map());
				state.keyPaths.set(store, opts.keyPath ?? null);
				state.next.set(store, 1);
			},
			onversionchange: null,
			close: () => {},
			transaction(names: string | string[]) {
				const stores = typeof names === 'string' ? [names] : names;
				const snapshot = new Map(stores.map((s) => [s, new Map(state.data.get(s)!)]));
				let pending = 0;
				let finished = false;
				const tx: Record<string, unknown> & { error: unknown } = { error: null };
				const call = (key: string) => (tx[key] as ((e?: unknown) => void) | null)?.({ target: tx });
				const abort = (error: unknown) => {
					if (finished) return;
					finished = true;
					tx.error = error;
					for (const [s, copy] of snapshot) state.data.set(s, copy); // roll back
					later(() => call('onabort'));
				};
				tx.abort = () => abort(new DOMException('The transaction was aborted.', 'AbortError'));
				const settle = () =>
					later(() => {
						if (!finished && pending === 0) {
							finished = true;
							call('oncomplete');
						}
					});
				const request = (run: () => unknown) => {
					const r: Record<string, unknown> = { result: undefined, error: null };
					pending++;
					later(() => {
						pending--;
						if (finished) return;
						try {
							r.result = run();
							(r.onsuccess as (() => void) | undefined)?.();
							settle();
						} catch (error) {
							r.error = error;
							abort(error);
						}
					});
					return r;
				};
				tx.objectStore = (store: string) => {
					const data = () => state.data.get(store)!;
					const keyOf = (value: unknown, key?: IDBValidKey) => {
						const path = state.keyPaths.get(store);
						if (path) return (value as Record<string, IDBValidKey>)[path];
						if (key !== undefined) return key;
						const n = state.next.get(store)!;
						state.next.set(store, n + 1);
						return n;
					};
					const write = (value: unknown, key?: IDBValidKey) => {
						const copy = structuredClone(value);
						return request(() => {
							if (options.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
							data().set(keyOf(copy, key), copy);
						});
					};
					return {
						getAll: () => request(() => [...data().values()].map((v) => structuredClone(v))),
						getAllKeys: () => request(() => [...data().keys()]),
						get: (key: IDBValidKey) => request(() => structuredClone(data().get(key))),
						put: write,
						add: write,
						delete: (key: IDBValidKey) => request(() => data().delete(key))
					};
				};
				settle();
				return tx;
			}
		};
	}

	const factory = {
		open(name: string, version = 1) {
			if (options.open === 'throw') throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
			const r: Record<string, unknown> = {};
			later(() => {
				if (options.open === 'error') {
					r.error = new DOMException('Access denied', 'UnknownError');
					(r.onerror as () => void)();
					return;
				}
				if (!databases.has(name)) databases.set(name, { version: 0, data: new Map(), keyPaths: new Map(), next: new Map() });
				const state = databases.get(name)!;
				if (version < state.version) {
					r.error = new DOMException('The requested version is less than the existing version.', 'VersionError');
					(r.onerror as () => void)();
					return;
				}
				r.result = connection(name);
				if (version > state.version) {
					state.version = version;
					(r.onupgradeneeded as () => void)();
				}
				(r.onsuccess as () => void)();
			});
			return r;
		}
	};
	/** The raw stored records, for tests to seed or inspect. */
	const store = (db: string, name: string) => databases.get(db)!.data.get(name)!;
	const create = (db: string, version: number, stores: Record<string, string | null>) => {
		const data: Data = new Map(Object.keys(stores).map((s) => [s, new Map()]));
		databases.set(db, { version, data, keyPaths: new Map(Object.entries(stores)), next: new Map(Object.keys(stores).map((s) => [s, 1])) });
	};
	return { factory: factory as unknown as IDBFactory, store, create };
}
