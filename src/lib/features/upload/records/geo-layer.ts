/**
 * An uploaded map layer, as stored in the browser and moved in a workspace file. Two kinds:
 * - `boundaries`: seat shapes keyed by the seat code, replacing the built-in outlines of one
 *   boundary set on the geographic map (several features of one seat are merged into one);
 * - `areas`: any polygons, lines or points (wards, canvass zones, offices) drawn over the map.
 * Only geometry plus `code`/`name` are kept: the map needs nothing else, and numeric properties
 * become an indicator dataset through the usual import instead.
 */
import type { BoundarySet } from '$lib/model/catalogue';
import { newDatasetId } from '../../../model/uploads/dataset';
import { featureCount, GEOMETRY_TYPES, PackedBuilder, type PackedGeometry } from '../read/geo-packed';
import type { GeoStage } from '../read/geojson';
import type { MatchReport } from '../match/match';

/** 1: GeoJSON features. 2: packed geometry plus names and codes (layer-record.ts reads both). */
export const LAYER_VERSION = 2 as const;

export interface UploadedLayer {
	version: typeof LAYER_VERSION;
	id: string;
	name: string;
	fileName: string;
	createdAt: string;
	kind: 'boundaries' | 'areas';
	/** The set whose outlines it replaces (boundaries), or null (areas). */
	boundarySet: BoundarySet | null;
	/** Shown on the map. At most one boundaries layer per set is enabled. */
	enabled: boolean;
	/** Per feature: the area's label, or the seat's name (boundaries). */
	names: string[];
	/** Per feature: the seat code (boundaries), or null (areas). */
	codes: string[] | null;
	/** The features' shapes (read/geo-packed.ts): stored and moved as typed arrays, never as nested ones. */
	geometry: PackedGeometry;
}

export type BuiltLayer = { ok: true; layer: UploadedLayer; dropped: number; seats: number } | { ok: false; error: string };

interface LayerMeta {
	name: string;
	fileName: string;
	now?: Date;
}

function header(kind: UploadedLayer['kind'], set: BoundarySet | null, meta: LayerMeta) {
	return {
		version: LAYER_VERSION,
		id: newDatasetId(),
		name: meta.name.trim().slice(0, 200),
		fileName: meta.fileName.slice(0, 400),
		createdAt: (meta.now ?? new Date()).toISOString(),
		kind,
		boundarySet: set,
		enabled: true
	};
}

export const layerFeatureCount = (layer: UploadedLayer) => featureCount(layer.geometry);

/**
 * Seat shapes from a keyed GeoJSON: feature i is data row i of the match report. Unmatched
 * features are left out (and counted); a seat with several features gets one MultiPolygon.
 */
export function buildBoundaryLayer(stage: GeoStage, report: MatchReport, meta: LayerMeta): BuiltLayer {
	if (!meta.name.trim()) return { ok: false, error: 'Give the layer a name.' };
	const nameOf = new Map(report.matched.map((m) => [m.code, m.name]));
	const g = stage.geometry;
	/** Per seat, the features (in file order) whose polygons it gets. */
	const bySeat = new Map<string, number[]>();
	let dropped = 0;
	for (let i = 0; i < featureCount(g); i++) {
		const type = GEOMETRY_TYPES[g.types[i]];
		if (type !== 'Polygon' && type !== 'MultiPolygon') return { ok: false, error: `Boundaries must be polygons, but feature ${i + 1} is a ${type}. Import the file as an area layer instead.` };
		const code = report.rowCodes[i];
		if (!code) {
			dropped++;
			continue;
		}
		const list = bySeat.get(code) ?? [];
		list.push(i);
		bySeat.set(code, list);
	}
	if (!bySeat.size) return { ok: false, error: 'No feature matched a constituency, so there are no boundaries to import.' };
	const out = new PackedBuilder();
	for (const features of bySeat.values()) {
		let polygons = 0;
		for (const i of features) {
			for (let j = g.parts[i]; j < g.parts[i + 1]; j++, polygons++) out.copyPart(g, j);
		}
		out.endFeature(polygons === 1 ? 'Polygon' : 'MultiPolygon');
	}
	const codes = [...bySeat.keys()];
	const layer: UploadedLayer = { ...header('boundaries', report.set, meta), names: codes.map((c) => nameOf.get(c) ?? c), codes, geometry: out.build() };
	return { ok: true, layer, dropped, seats: bySeat.size };
}

/** The wizard's confirmation after a layer is imported. */
export function describeImportedLayer(built: Extract<BuiltLayer, { ok: true }>, seatsInSet: number): string {
	const { layer } = built;
	if (layer.kind === 'areas') return `Imported “${layer.name}”: an area layer of ${layerFeatureCount(layer)} features, drawn over the Map tab.`;
	const dropped = built.dropped ? `; ${built.dropped} features matched no seat and were left out` : '';
	return `Imported “${layer.name}”: boundaries for ${built.seats} of ${seatsInSet} seats (${layer.boundarySet} set)${dropped}. The Map tab now draws them; switch back under Map layers.`;
}

/** An overlay of any features, labelled by one property (or "Area n"). Shares the stage's geometry. */
export function buildAreaLayer(stage: GeoStage, labelIndex: number | null, meta: LayerMeta): BuiltLayer {
	if (!meta.name.trim()) return { ok: false, error: 'Give the layer a name.' };
	const names = stage.rows.map((row, i) => ((labelIndex === null ? null : row[labelIndex]) ?? '').trim().slice(0, 200) || `Area ${i + 1}`);
	return { ok: true, layer: { ...header('areas', null, meta), names, codes: null, geometry: stage.geometry }, dropped: 0, seats: 0 };
}

/** The property most likely to hold an area's name: "name", "*NM", "label", else the first text-like one. */
export function defaultLabelIndex(stage: GeoStage): number | null {
	const names = stage.properties.map((p) => p.toLowerCase());
	const exact = names.findIndex((n) => n === 'name' || n === 'label' || n === 'title');
	if (exact >= 0) return exact;
	const suffix = names.findIndex((n) => /(nm|name)$/.test(n));
	if (suffix >= 0) return suffix;
	return stage.properties.length ? 0 : null;
}
