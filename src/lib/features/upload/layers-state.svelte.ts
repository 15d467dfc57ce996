/**
 * Uploaded map layers (GeoJSON): stored in the browser beside the datasets, listed on the Your
 * data tab and read by the map. Layers never touch DuckDB: they are geometry for MapLibre only.
 * At most one boundaries layer per set is switched on, so the map always knows which shapes to use.
 */
import type { SetAsideNote } from '$lib/storage/quarantine';
import { openRecordStore, type RecordStore } from '$lib/storage/record-store';
import { storageNotices } from '$lib/storage/storage-notices.svelte';
import type { BoundarySet } from '$lib/model/catalogue';
import type { UploadedLayer } from './geo-layer';
import { readLayerRecord } from './layer-record';

export const LAYERS_DB = 'heartlands-layers';
export const LAYERS_STORE = 'layers';

export class LayersState {
	layers = $state.raw<UploadedLayer[]>([]);
	quarantined = $state<string[]>([]);
	error = $state<string | null>(null);
	#store: RecordStore | null = null;
	#ready: Promise<void> | null = null;

	/** The switched-on replacement boundaries for a set, if any. */
	boundariesFor(set: BoundarySet): UploadedLayer | null {
		return this.layers.find((l) => l.kind === 'boundaries' && l.enabled && l.boundarySet === set) ?? null;
	}

	get overlays(): UploadedLayer[] {
		return this.layers.filter((l) => l.kind === 'areas' && l.enabled);
	}

	/**
	 * Read stored layers once. A damaged or newer-version record is moved to the quarantine store
	 * (in one transaction) and named in the app's storage notice, never fatal.
	 */
	restore(): Promise<void> {
		this.#ready ??= (async () => {
			try {
				const store = await openRecordStore(LAYERS_DB, LAYERS_STORE);
				this.#store = store;
				const restored: UploadedLayer[] = [];
				const notes: SetAsideNote[] = [];
				for (const { key, value } of await store.entries()) {
					const v = readLayerRecord(value);
					if (v.ok) {
						restored.push(v.layer);
						// Rewritten in the current format once, so the next start reads it without upgrading.
						if (v.migrated) await store.put(key, v.layer).catch(() => {});
						continue;
					}
					const name = typeof (value as { name?: unknown })?.name === 'string' ? String((value as { name: string }).name).slice(0, 60) : key;
					notes.push({ what: `map layer “${name}”`, reason: v.reason });
					// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp string, not state
					await store.quarantine(key, { store: LAYERS_STORE, key, reason: v.reason, at: new Date().toISOString(), record: value }).catch(() => {});
				}
				this.quarantined = notes.map((n) => `${n.what}: ${n.reason}`);
				storageNotices.add(notes);
				this.layers = restored.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
			} catch (error) {
				this.error = `Earlier map layers could not be read: ${(error as Error).message}`;
			}
		})();
		return this.#ready;
	}

	async #save(changed: UploadedLayer[]) {
		for (const layer of changed) await this.#store?.put(layer.id, layer, `the map layer “${layer.name}”`);
	}

	/** Add a layer; a new boundaries layer replaces whichever was on for its set. Throws if storage refuses. */
	async add(layer: UploadedLayer): Promise<void> {
		await this.restore();
		const switchedOff = layer.kind === 'boundaries' && layer.enabled ? this.layers.filter((l) => l.kind === 'boundaries' && l.boundarySet === layer.boundarySet && l.enabled).map((l) => ({ ...l, enabled: false })) : [];
		// Save first: if storage is full nothing changes on screen, and the caller says why.
		await this.#save([layer, ...switchedOff]);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a temporary value, not state
		const off = new Set(switchedOff.map((l) => l.id));
		this.layers = [...this.layers.map((l) => (off.has(l.id) ? { ...l, enabled: false } : l)), layer];
	}

	async setEnabled(id: string, enabled: boolean) {
		const target = this.layers.find((l) => l.id === id);
		if (!target) return;
		const next = this.layers.map((l) => {
			if (l.id === id) return { ...l, enabled };
			// Switching one set's boundaries on switches the others for that set off.
			if (enabled && target.kind === 'boundaries' && l.kind === 'boundaries' && l.boundarySet === target.boundarySet && l.enabled) return { ...l, enabled: false };
			return l;
		});
		const changed = next.filter((l, i) => l !== this.layers[i]);
		this.layers = next;
		await this.#save(changed).catch((e: Error) => (this.error = e.message));
	}

	async rename(id: string, name: string) {
		const clean = name.trim().slice(0, 200);
		if (!clean) return;
		this.layers = this.layers.map((l) => (l.id === id ? { ...l, name: clean } : l));
		await this.#save(this.layers.filter((l) => l.id === id)).catch((e: Error) => (this.error = e.message));
	}

	async remove(id: string) {
		await this.#store?.delete(id).catch((e: Error) => (this.error = e.message));
		this.layers = this.layers.filter((l) => l.id !== id);
	}

	/** Add layers from a workspace file; each is validated, ids already present are skipped. */
	async addLayers(records: unknown[]): Promise<{ added: number; refused: string[] }> {
		await this.restore();
		const refused: string[] = [];
		let added = 0;
		for (const [i, record] of records.entries()) {
			const v = readLayerRecord(record);
			if (!v.ok) refused.push(`map layer ${i + 1}: ${v.reason}`);
			else if (!this.layers.some((l) => l.id === v.layer.id)) {
				// Imported boundaries arrive switched off, so they never silently change the map.
				await this.add(v.layer.kind === 'boundaries' ? { ...v.layer, enabled: false } : v.layer);
				added++;
			}
		}
		return { added, refused };
	}
}
