/**
 * The map's geometry for a boundary set: the UK outline, the seat boundaries and the hex layout.
 * It depends only on the data manifest, not on scores, so the Map tab can draw the seats while
 * DuckDB is still loading and scoring, and colour them the moment scores arrive (same MapLibre
 * instance, no second start-up). One per manifest, so switching tabs never refetches.
 */
import type { FeatureCollection } from 'geojson';
import type { DataManifest } from '$lib/data/manifest';
import { fetchDataText } from '$lib/data/fetch-bytes';
import type { BoundarySet } from '$lib/model/catalogue';
import { geoFile, parseFeatureCollection } from './geo-files';
import { layoutHexes, parseHexJson, type HexLayout } from './hex-layout';

export interface ForSet<T> {
	set: BoundarySet;
	value: T;
}

export class MapGeometry {
	boundaries = $state.raw<ForSet<FeatureCollection> | null>(null);
	outline = $state.raw<FeatureCollection | null>(null);
	hex = $state.raw<ForSet<HexLayout> | null>(null);
	error = $state<string | null>(null);
	readonly #manifest: DataManifest;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache the view never reads; reactivity would only add work
	readonly #files = new Map<string, Promise<string>>();
	/** The set most recently asked for: answers for any other set arrive late and are dropped. */
	#wanted: BoundarySet | null = null;

	constructor(manifest: DataManifest) {
		this.#manifest = manifest;
	}

	/** Each file is fetched once per session, however often the set is switched. */
	#text(file: string): Promise<string> {
		let p = this.#files.get(file);
		if (!p) {
			p = fetchDataText(file);
			p.catch(() => this.#files.delete(file)); // let "try again" refetch
			this.#files.set(file, p);
		}
		return p;
	}

	async ensure(set: BoundarySet): Promise<void> {
		this.#wanted = set;
		if (this.boundaries?.set === set && this.hex?.set === set && this.outline) return;
		try {
			const m = this.#manifest;
			const [outlineFile, boundaryFile, hexFile] = [geoFile(m, 'outline', 'none'), geoFile(m, 'boundaries', set), geoFile(m, 'hexjson', set)];
			const [outline, boundaries, hex] = await Promise.all([this.#text(outlineFile.file), this.#text(boundaryFile.file), this.#text(hexFile.file)]);
			if (this.#wanted !== set) return;
			this.outline ??= parseFeatureCollection(outline, outlineFile.file, false);
			this.boundaries = { set, value: parseFeatureCollection(boundaries, boundaryFile.file, true) };
			this.hex = { set, value: layoutHexes(parseHexJson(hex)) };
			this.error = null;
		} catch (e) {
			this.error = `The map could not load its geometry: ${(e as Error).message}`;
		}
	}
}

const geometries = new WeakMap<DataManifest, MapGeometry>();
export function mapGeometry(manifest: DataManifest): MapGeometry {
	let g = geometries.get(manifest);
	if (!g) {
		g = new MapGeometry(manifest);
		geometries.set(manifest, g);
	}
	return g;
}
