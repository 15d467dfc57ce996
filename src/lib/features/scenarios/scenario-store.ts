/**
 * Saved scenarios: validation, versions, revisions and quarantine, over a small backend (IndexedDB
 * in `scenario-idb.ts`, or the in-memory one here for tests and browsers without storage).
 *
 * Decisions:
 * - Records are migrated (`scenario-migrations.ts`) and re-validated on the way out. One that can
 *   never be read (damaged, or written by a newer app) is moved to the quarantine store by
 *   `sweep()`, not deleted; one that only lacks an uploaded indicator stays, hidden, and is listed
 *   by `setAside()`.
 * - Every write bumps `revision` inside one transaction that first reads the stored record. An
 *   update or rename that carries the revision it read fails with kind 'conflict' when another
 *   tab has written since, so two tabs never silently overwrite each other.
 * - Everything is copied through JSON on the way in: Svelte `$state` proxies cannot be stored by
 *   IndexedDB (DataCloneError), and the store must not share objects with the caller.
 * - Failures are `StorageError`s with a `kind` and a message meant for the user.
 */
import type { QuarantineEntry, SetAsideNote } from '$lib/storage/quarantine';
import { isQuotaError, storageFullMessage } from '$lib/storage/storage-errors';
import type { Indicator } from '$lib/model/catalogue';

/**
 * The indicator catalogue as it is now. A function, not a copy: uploads change the catalogue
 * after the store opens, and a scenario using a fresh upload must validate without a reload.
 */
export type CatalogueSource = () => Indicator[];
import { validateName, validateScenario, type Scenario, type ScenarioState } from './scenario';
import { readScenario, toStoredScenario, type ReadScenario, type SavedScenario, type StoredScenario } from './scenario-migrations';

export type { SavedScenario };
export type StorageErrorKind = 'quota' | 'unavailable' | 'not-found' | 'invalid' | 'conflict' | 'failed';

export class StorageError extends Error {
	constructor(
		readonly kind: StorageErrorKind,
		message: string,
		options?: { cause?: unknown; theirs?: SavedScenario }
	) {
		super(message, options);
		this.name = 'StorageError';
		this.theirs = options?.theirs ?? null;
	}
	/** For 'conflict': the stored scenario as the other tab left it. */
	readonly theirs: SavedScenario | null;
}

export type SetAsideScenario = Extract<ReadScenario, { ok: false }>;

export interface SweepReport {
	/** Records rewritten in the current format. */
	migrated: number;
	/** Records moved to the quarantine store. */
	moved: SetAsideNote[];
}

export interface ScenarioStore {
	/** False for the in-memory store: scenarios are lost when the page closes. */
	readonly persistent: boolean;
	/** Valid scenarios, most recently updated first. */
	list(): Promise<SavedScenario[]>;
	/** Records kept in place but not listed (they name indicators this visit lacks). */
	setAside(): Promise<SetAsideScenario[]>;
	/** Rewrite old-format records in the current format and move unreadable ones to quarantine. */
	sweep(): Promise<SweepReport>;
	/** Store a new scenario (revision 1), exactly as given (the caller sets the dates). */
	save(scenario: Scenario): Promise<SavedScenario>;
	/** Replace a scenario's settings; `expected` is the revision read, or 'force' to overwrite. */
	update(id: string, state: ScenarioState, expected: number | 'force'): Promise<SavedScenario>;
	/** Rename and set `updatedAt` to now; with `expected`, refuse if another tab changed it. */
	rename(id: string, name: string, expected?: number): Promise<SavedScenario>;
	/** Delete by id (also removes a set-aside record); deleting a missing id does nothing. */
	remove(id: string): Promise<void>;
}

export interface StoreOptions {
	now?: () => Date;
}

/** The raw record operations each backend provides; validation lives above them, shared. */
export interface ScenarioBackend {
	entries(): Promise<{ key: string; value: unknown }[]>;
	/**
	 * In one transaction: read the record under `id` (undefined if none), call `decide`, and write
	 * what it returns. If `decide` throws, nothing is written and the error is rethrown.
	 */
	change(id: string, decide: (current: unknown) => StoredScenario): Promise<void>;
	delete(id: string): Promise<void>;
	/** In one transaction: add the entry to the quarantine store and delete `key` from scenarios. */
	quarantine(key: string, entry: QuarantineEntry): Promise<void>;
}

/** A readable StorageError for whatever a browser storage call threw. */
export function toStorageError(error: unknown, action: string, what = 'the change'): StorageError {
	if (error instanceof StorageError) return error;
	const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
	if (isQuotaError(error)) return new StorageError('quota', storageFullMessage(what), { cause: error });
	const detail = error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error) ? String((error as { message: unknown }).message) : String(error);
	return new StorageError('failed', `Could not ${action}: ${detail || name || 'the browser refused'}.`, { cause: error });
}

function partition(entries: { value: unknown }[], catalogue: Indicator[]) {
	const scenarios: SavedScenario[] = [];
	const setAside: SetAsideScenario[] = [];
	for (const { value } of entries) {
		const read = readScenario(value, catalogue);
		if (read.ok) scenarios.push(read.scenario);
		else setAside.push(read);
	}
	scenarios.sort((a, b) => (a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
	return { scenarios, setAside };
}

function checked(scenario: Scenario, catalogue: Indicator[], action: string): Scenario {
	let copy: unknown;
	try {
		copy = JSON.parse(JSON.stringify(scenario));
	} catch (error) {
		throw new StorageError('invalid', `Could not ${action}: it is not plain data.`, { cause: error });
	}
	const v = validateScenario(copy, catalogue);
	if (!v.ok) throw new StorageError('invalid', `Could not ${action}: ${v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
	return v.scenario;
}

export function storeOn(backend: ScenarioBackend, catalogue: CatalogueSource, persistent: boolean, options: StoreOptions): ScenarioStore {
	const now = options.now ?? (() => new Date());
	const quoted = (name: string) => `the scenario “${name}”`;
	const entries = () => backend.entries().catch((error: unknown) => Promise.reject(toStorageError(error, 'read the saved scenarios')));

	/** Read-check-write in one transaction; `expected` undefined skips the revision check. */
	async function edit(id: string, expected: number | 'force' | undefined, action: string, what: string, make: (current: SavedScenario) => Scenario): Promise<SavedScenario> {
		let written: StoredScenario | null = null;
		try {
			await backend.change(id, (raw) => {
				if (raw === undefined) throw new StorageError('not-found', `Could not ${action}: it no longer exists (it may have been deleted in another tab).`);
				const read = readScenario(raw, catalogue());
				if (!read.ok) throw new StorageError('invalid', `Could not ${action}: the saved copy is damaged. Delete it and save it again.`);
				const current = read.scenario;
				if (typeof expected === 'number' && current.revision !== expected) {
					throw new StorageError('conflict', `“${current.name}” was changed in another tab (saved ${current.updatedAt}) since this tab read it, so your change was not saved.`, { theirs: current });
				}
				written = toStoredScenario(checked(make(current), catalogue(), action), current.revision + 1);
				return written;
			});
		} catch (error) {
			throw toStorageError(error, action, what);
		}
		// Assigned inside the transaction callback, which TypeScript's flow analysis cannot see.
		const { schemaVersion: _version, ...saved } = written as unknown as StoredScenario;
		return saved;
	}

	return {
		persistent,
		list: async () => partition(await entries(), catalogue()).scenarios,
		setAside: async () => partition(await entries(), catalogue()).setAside,
		async sweep() {
			const report: SweepReport = { migrated: 0, moved: [] };
			for (const { key, value } of await entries()) {
				const read = readScenario(value, catalogue());
				// Best effort: a record that cannot be rewritten or moved (say, storage is full) is still
				// read correctly in memory, and the sweep tries again on the next visit.
				try {
					if (read.ok && read.migrated) {
						await backend.change(key, () => toStoredScenario(read.scenario, read.scenario.revision));
						report.migrated++;
					} else if (!read.ok && read.move) {
						await backend.quarantine(key, { store: 'scenarios', key, reason: read.reason, at: now().toISOString(), record: value });
						report.moved.push({ what: `saved scenario “${read.name}”`, reason: read.reason });
					}
				} catch {
					if (!read.ok && read.move) report.moved.push({ what: `saved scenario “${read.name}”`, reason: `${read.reason}; it is hidden but could not be moved` });
				}
			}
			return report;
		},
		async save(scenario) {
			const copy = checked(scenario, catalogue(), 'save the scenario');
			try {
				await backend.change(copy.id, () => toStoredScenario(copy, 1));
			} catch (error) {
				throw toStorageError(error, 'save the scenario', quoted(copy.name));
			}
			return { ...copy, revision: 1 };
		},
		update: (id, state, expected) => edit(id, expected, 'save the scenario', 'the scenario', (current) => ({ ...current, state: JSON.parse(JSON.stringify(state)) as ScenarioState, updatedAt: now().toISOString() })),
		rename: async (id, name, expected) => {
			const n = validateName(name);
			if (!n.ok) throw new StorageError('invalid', `Could not rename the scenario: ${n.error.message}.`);
			return edit(id, expected, 'rename the scenario', quoted(n.name), (current) => ({ ...current, name: n.name, updatedAt: now().toISOString() }));
		},
		remove: async (id) => {
			try {
				await backend.delete(id);
			} catch (error) {
				throw toStorageError(error, 'delete the scenario');
			}
		}
	};
}

export interface MemoryStoreOptions extends StoreOptions {
	/** Records to start with, stored as given (including damaged ones, for tests). */
	records?: unknown[];
	/** Simulate a storage quota: a write that would take the JSON size above this fails as 'quota'. */
	quotaBytes?: number;
}

export interface MemoryScenarioStore extends ScenarioStore {
	/** What `sweep` moved aside (the memory store's quarantine). */
	readonly quarantine: QuarantineEntry[];
}

export function createMemoryScenarioStore(catalogue: CatalogueSource, options: MemoryStoreOptions = {}): MemoryScenarioStore {
	const records = new Map<string, unknown>();
	const quarantine: QuarantineEntry[] = [];
	(options.records ?? []).forEach((r, i) => {
		const id = typeof r === 'object' && r !== null && typeof (r as { id?: unknown }).id === 'string' ? (r as { id: string }).id : `(record ${i})`;
		records.set(id, structuredClone(r));
	});
	const size = () => [...records.values()].reduce((sum: number, r) => sum + JSON.stringify(r).length, 0);
	const backend: ScenarioBackend = {
		entries: async () => [...records.entries()].map(([key, value]) => ({ key, value: structuredClone(value) })),
		change: async (id, decide) => {
			const previous = records.get(id);
			const next = decide(structuredClone(previous));
			records.set(id, structuredClone(next));
			if (options.quotaBytes !== undefined && size() > options.quotaBytes) {
				// As IndexedDB does: a failed transaction leaves the old record untouched.
				if (previous === undefined) records.delete(id);
				else records.set(id, previous);
				throw new DOMException('quota exceeded', 'QuotaExceededError');
			}
		},
		delete: async (id) => void records.delete(id),
		quarantine: async (key, entry) => {
			quarantine.push(structuredClone(entry));
			records.delete(key);
		}
	};
	return Object.assign(storeOn(backend, catalogue, false, options), { quarantine });
}
