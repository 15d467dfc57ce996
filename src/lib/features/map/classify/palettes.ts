/**
 * Colour-blind-safe palettes for the map. Every palette yields n = 2..9 hex colours, ordered
 * from the lowest class to the highest.
 */

import { color, interpolateCividis, interpolateViridis, quantize, schemeBlues, schemeBrBG, schemePuOr, schemePurples } from 'd3';
import type { BivariateCell, CellId } from './bivariate';
import { MAP } from '$lib/ui/colours';
import { STEVENS_BLUE_PINK } from '$lib/ui/palettes';
import { clampClasses } from './classify';

export type SequentialPaletteId = 'viridis' | 'cividis' | 'blues' | 'purples';
export type DivergingPaletteId = 'puor' | 'brbg';
export type PaletteId = SequentialPaletteId | DivergingPaletteId;

export interface PaletteInfo {
	id: PaletteId;
	label: string;
	kind: 'sequential' | 'diverging';
	source: string;
}

export const PALETTES: readonly PaletteInfo[] = [
	{ id: 'viridis', label: 'Viridis', kind: 'sequential', source: 'van der Walt & Smith (matplotlib), via d3-scale-chromatic' },
	{ id: 'cividis', label: 'Cividis', kind: 'sequential', source: 'Nuñez, Anderton & Renslow (2018), via d3-scale-chromatic' },
	{ id: 'blues', label: 'Blues', kind: 'sequential', source: 'ColorBrewer (Brewer, Penn State), via d3-scale-chromatic' },
	{ id: 'purples', label: 'Purples', kind: 'sequential', source: 'ColorBrewer (Brewer, Penn State), via d3-scale-chromatic' },
	{ id: 'puor', label: 'Orange–Purple', kind: 'diverging', source: 'ColorBrewer PuOr, via d3-scale-chromatic' },
	{ id: 'brbg', label: 'Brown–Teal', kind: 'diverging', source: 'ColorBrewer BrBG, via d3-scale-chromatic' }
];

export const DEFAULT_SEQUENTIAL: SequentialPaletteId = 'viridis';
export const DEFAULT_DIVERGING: DivergingPaletteId = 'puor';

function toHex(c: string): string {
	// d3 interpolators return "rgb(…)"; one format keeps comparisons and CSS simple.
	return color(c)?.formatHex() ?? c;
}

/** ColorBrewer schemes are published for 3..9 classes only; 2 uses the ends of the 3. */
function brewer(scheme: readonly (readonly string[])[], n: number): string[] {
	if (n === 2) {
		const three = scheme[3];
		return [three[0], three[2]];
	}
	return [...scheme[n]];
}

/**
 * n colours (clamped to 2..9) from lowest class to highest. Viridis and cividis are sampled
 * from their interpolators and reversed so that, like the ColorBrewer ramps, darker means
 * more: the usual choropleth reading on a light page.
 */
export function paletteColours(id: PaletteId, n: number, options: { reverse?: boolean } = {}): string[] {
	const k = clampClasses(n);
	let colours: string[];
	switch (id) {
		case 'viridis':
			colours = quantize(interpolateViridis, k).reverse();
			break;
		case 'cividis':
			colours = quantize(interpolateCividis, k).reverse();
			break;
		case 'blues':
			colours = brewer(schemeBlues, k);
			break;
		case 'purples':
			colours = brewer(schemePurples, k);
			break;
		case 'puor':
			colours = brewer(schemePuOr, k);
			break;
		case 'brbg':
			colours = brewer(schemeBrBG, k);
			break;
	}
	colours = colours.map(toHex);
	return options.reverse ? colours.reverse() : colours;
}

/** Joshua Stevens' blue/pink bivariate scheme (cited in ui/palettes.ts): a = x (post-industrial), b = y (threat). */
export const BIVARIATE_PALETTE: Readonly<Record<CellId, string>> = {
	'0-0': STEVENS_BLUE_PINK[0],
	'0-1': STEVENS_BLUE_PINK[1],
	'0-2': STEVENS_BLUE_PINK[2],
	'1-0': STEVENS_BLUE_PINK[3],
	'1-1': STEVENS_BLUE_PINK[4],
	'1-2': STEVENS_BLUE_PINK[5],
	'2-0': STEVENS_BLUE_PINK[6],
	'2-1': STEVENS_BLUE_PINK[7],
	'2-2': STEVENS_BLUE_PINK[8]
};

/**
 * Fill for seats with no value. A mid-light neutral grey, but grey alone can be mistaken for
 * the palest class (or cividis' greyish middle), so draw it with NO_DATA_HATCH as well.
 */
export const NO_DATA_COLOUR = MAP.noData;

/** Diagonal hatching for no-data areas: thin darker-grey lines over NO_DATA_COLOUR. */
export const NO_DATA_HATCH = {
	background: NO_DATA_COLOUR,
	stroke: MAP.noDataHatch,
	strokeWidth: 1,
	spacing: 4,
	angle: 45
} as const;

export function bivariateColour(cell: BivariateCell | null): string {
	return cell ? BIVARIATE_PALETTE[`${cell.x}-${cell.y}`] : NO_DATA_COLOUR;
}

/** Colour for a class index from classify(); null (missing) gets the no-data grey. */
export function classColour(classIndex: number | null, colours: readonly string[]): string {
	if (classIndex === null || classIndex < 0 || classIndex >= colours.length) return NO_DATA_COLOUR;
	return colours[classIndex];
}
