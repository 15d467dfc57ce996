/**
 * An uploaded map layer, as stored in the browser and moved in a workspace file. Two kinds:
 * - `boundaries`: seat shapes keyed by the seat code, replacing the built-in outlines of one
 *   boundary set on the geographic map (several features of one seat are merged into one);
 * - `areas`: any polygons, lines or points (wards, canvass zones, offices) drawn over the map.
 * Only geometry plus `code`/`name` are kept: the map needs nothing else, and numeric properties
 * become an indicator dataset through the usual import instead.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { BoundarySet } from '$lib/model/catalogue';
import { newDatasetId } from './dataset';
import { checkGeoJson, type GeoStage, type UploadGeometry } from './geojson';
import type { MatchReport } from './match';
import { boundedText, isObject, recordHeaderProblem } from './record-checks';

export interface LayerProperties {
	/** The seat code (boundaries only). */
	code?: string;
	name: string;
}

export type LayerFeatures = FeatureCollection<UploadGeometry, LayerProperties>;

export interface UploadedLayer {
	version: 1;
	id: string;
	name: string;
	fileName: string;
	createdAt: string;
	kind: 'boundaries' | 'areas';
	/** The set whose outlines it replaces (boundaries), or null (areas). */
	boundarySet: BoundarySet | null;
	/** Shown on the map. At most one boundaries layer per set is enabled. */
	enabled: boolean;
	features: LayerFeatures;
}

export type BuiltLayer = { ok: true; layer: UploadedLayer; dropped: number; seats: number } | { ok: false; error: string };

interface LayerMeta {
	name: string;
	fileName: string;
	now?: Date;
}

function header(kind: UploadedLayer['kind'], set: BoundarySet | null, meta: LayerMeta) {
	return {
		version: 1 as const,
		id: newDatasetId(),
		name: meta.name.trim().slice(0, 200),
		fileName: meta.fileName.slice(0, 400),
		createdAt: (meta.now ?? new Date()).toISOString(),
		kind,
		boundarySet: set,
		enabled: true
	};
}

/**
 * Seat shapes from a keyed GeoJSON: feature i is data row i of the match report. Unmatched
 * features are left out (and counted); a seat with several features gets one MultiPolygon.
 */
export function buildBoundaryLayer(stage: GeoStage, report: MatchReport, meta: LayerMeta): BuiltLayer {
	if (!meta.name.trim()) return { ok: false, error: 'Give the layer a name.' };
	const nameOf = new Map(report.matched.map((m) => [m.code, m.name]));
	const parts = new Map<string, Polygon['coordinates'][]>();
	let dropped = 0;
	for (const [i, feature] of stage.features.entries()) {
		const g = feature.geometry;
		if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return { ok: false, error: `Boundaries must be polygons, but feature ${i + 1} is a ${g.type}. Import the file as an area layer instead.` };
		const code = report.rowCodes[i];
		if (!code) {
			dropped++;
			continue;
		}
		const list = parts.get(code) ?? [];
		if (g.type === 'Polygon') list.push(g.coordinates);
		else list.push(...g.coordinates);
		parts.set(code, list);
	}
	if (!parts.size) return { ok: false, error: 'No feature matched a constituency, so there are no boundaries to import.' };
	const features: Feature<Polygon | MultiPolygon, LayerProperties>[] = [...parts].map(([code, polygons]) => ({
		type: 'Feature',
		properties: { code, name: nameOf.get(code) ?? code },
		geometry: polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons }
	}));
	const layer: UploadedLayer = { ...header('boundaries', report.set, meta), features: { type: 'FeatureCollection', features } };
	return { ok: true, layer, dropped, seats: parts.size };
}

/** The wizard's confirmation after a layer is imported. */
export function describeImportedLayer(built: Extract<BuiltLayer, { ok: true }>, seatsInSet: number): string {
	const { layer } = built;
	if (layer.kind === 'areas') return `Imported “${layer.name}”: an area layer of ${layer.features.features.length} features, drawn over the Map tab.`;
	const dropped = built.dropped ? `; ${built.dropped} features matched no seat and were left out` : '';
	return `Imported “${layer.name}”: boundaries for ${built.seats} of ${seatsInSet} seats (${layer.boundarySet} set)${dropped}. The Map tab now draws them; switch back under Map layers.`;
}

/** An overlay of any features, labelled by one property (or "Area n"). */
export function buildAreaLayer(stage: GeoStage, labelIndex: number | null, meta: LayerMeta): BuiltLayer {
	if (!meta.name.trim()) return { ok: false, error: 'Give the layer a name.' };
	const features = stage.features.map((f, i): Feature<UploadGeometry, LayerProperties> => ({
		type: 'Feature',
		properties: { name: ((labelIndex === null ? null : f.values[labelIndex]) ?? '').trim().slice(0, 200) || `Area ${i + 1}` },
		geometry: f.geometry
	}));
	return { ok: true, layer: { ...header('areas', null, meta), features: { type: 'FeatureCollection', features } }, dropped: 0, seats: 0 };
}

/** Check a stored or imported layer; returns a readable reason instead of trusting the bytes. */
export function validateLayer(raw: unknown): { ok: true; layer: UploadedLayer } | { ok: false; reason: string } {
	const problem = recordHeaderProblem(raw, 'map layer');
	if (problem || !isObject(raw)) return { ok: false, reason: problem ?? 'not an object' };
	if (raw.kind !== 'boundaries' && raw.kind !== 'areas') return { ok: false, reason: 'its kind must be boundaries or areas' };
	if (raw.kind === 'boundaries' ? raw.boundarySet !== '2010' && raw.boundarySet !== '2024' : raw.boundarySet !== null) return { ok: false, reason: 'its boundary set is malformed' };
	if (typeof raw.enabled !== 'boolean') return { ok: false, reason: 'its on/off flag is malformed' };
	const checked = checkGeoJson(raw.features);
	if (!checked.ok) return { ok: false, reason: `its geometry is damaged (${checked.error.message})` };
	const features = (raw.features as { features: unknown[] }).features;
	if (checked.value.features.length !== features.length) return { ok: false, reason: 'some of its features have no geometry' };
	const codes = new Set<string>();
	for (const f of features as { properties?: unknown }[]) {
		const p = f.properties;
		if (!isObject(p) || !boundedText(p.name)) return { ok: false, reason: 'a feature has no name' };
		if (raw.kind === 'boundaries') {
			if (typeof p.code !== 'string' || !/^[EWSN]\d{8}$/.test(p.code) || codes.has(p.code)) return { ok: false, reason: 'a seat code is malformed or repeated' };
			if (!/Polygon$/.test((f as Feature).geometry.type)) return { ok: false, reason: 'a seat shape is not a polygon' };
			codes.add(p.code);
		}
	}
	return { ok: true, layer: raw as unknown as UploadedLayer };
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
