/**
 * The MapLibre style, built inline. It references nothing outside the page: no tile URLs, no
 * glyphs (so no text/symbol layers, which would make MapLibre fetch fonts), no sprite. Seat
 * fills read their colour from feature-state, so a recolour is a feature-state update and the
 * GeoJSON source is never rebuilt for a weight change.
 */
import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { MAP } from '$lib/ui/colours';
import { NO_DATA_COLOUR } from './classify';

export const BACKGROUND = MAP.background;
export const OUTLINE_SOURCE = 'uk-outline';
export const SEAT_FILL = 'seat-fill';
export const SEAT_LINE = 'seat-line';
export const SEAT_FOCUS = 'seat-focus';
/** fitBounds padding in px; MapPreview frames its first paint with the same. */
export const MAP_PADDING = 16;

/** One source id per boundary set, so swapping sets never reuses another set's feature-state. */
export function seatSourceId(set: string): string {
	return `seats-${set}`;
}

export function baseStyle(outline: FeatureCollection | null): StyleSpecification {
	const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
	return {
		version: 8,
		sources: { [OUTLINE_SOURCE]: { type: 'geojson', data: outline ?? empty } },
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } },
			{ id: 'uk-land', type: 'fill', source: OUTLINE_SOURCE, paint: { 'fill-color': MAP.land } },
			{ id: 'uk-coast', type: 'line', source: OUTLINE_SOURCE, paint: { 'line-color': MAP.coast, 'line-width': 0.8 } }
		]
	};
}

/**
 * Seat layers for a source. Fill colour comes only from feature-state (`fill`), defaulting to the
 * no-data grey until the first colours arrive. `dim` fades seats outside a selected legend cell;
 * `selected`, `highlighted` and `hovered` draw outlines on top.
 */
export function seatLayers(source: string): LayerSpecification[] {
	const state = (key: string): ExpressionSpecification => ['boolean', ['feature-state', key], false];
	return [
		{
			id: SEAT_FILL,
			type: 'fill',
			source,
			paint: {
				'fill-color': ['coalesce', ['feature-state', 'fill'], NO_DATA_COLOUR],
				'fill-opacity': ['case', state('dim'), 0.25, 0.95]
			}
		},
		{
			id: SEAT_LINE,
			type: 'line',
			source,
			paint: { 'line-color': MAP.seatEdge, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.2, 8, 0.8] }
		},
		{
			id: SEAT_FOCUS,
			type: 'line',
			source,
			paint: {
				'line-color': ['case', state('selected'), MAP.seatSelected, state('hovered'), MAP.seatHovered, MAP.seatHighlighted],
				'line-width': ['case', state('selected'), 2.5, state('hovered'), 1.5, state('highlighted'), 1.2, 0],
				'line-opacity': ['case', ['any', state('selected'), state('hovered'), state('highlighted')], 1, 0]
			}
		}
	];
}

/** Layer ids of one uploaded area overlay. */
export function overlayIds(id: string) {
	return { source: `overlay-${id}`, fill: `overlay-fill-${id}`, line: `overlay-line-${id}`, point: `overlay-point-${id}` };
}
export const OVERLAY_PREFIX = 'overlay-';

/**
 * An area overlay drawn over the seats: outlines (and dots for points) in a dark colour that
 * reads against every palette. The fill is invisible; it is there so pointing inside an area
 * finds it for the tooltip.
 */
export function overlayLayers(id: string): LayerSpecification[] {
	const ids = overlayIds(id);
	return [
		{ id: ids.fill, type: 'fill', source: ids.source, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': MAP.overlay, 'fill-opacity': 0 } },
		{ id: ids.line, type: 'line', source: ids.source, filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': MAP.overlay, 'line-width': 1.6, 'line-dasharray': [3, 1.5] } },
		{ id: ids.point, type: 'circle', source: ids.source, filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 4, 'circle-color': MAP.overlay, 'circle-stroke-color': MAP.overlayHalo, 'circle-stroke-width': 1.2 } }
	];
}
