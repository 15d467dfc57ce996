/**
 * Colours drawn by script (SVG presentation attributes, canvas, the MapLibre style), where CSS
 * custom properties do not reach. `TOKEN` copies the colour tokens of `tokens.css` by name
 * (`textStrong` is `--colour-text-strong`); a test holds every entry equal to the stylesheet, so
 * a change there that is not made here fails. Published data palettes live in `palettes.ts`.
 */
export const TOKEN = {
	textStrong: '#1d1b22',
	text: '#333333',
	textMuted: '#555555',
	textFaint: '#666666',
	textInverse: '#ffffff',
	surface: '#ffffff',
	surfaceAlt: '#f8f8fb',
	surfaceSunken: '#eef3f7',
	lineFaint: '#ececf2',
	line: '#d7d7e0',
	lineStrong: '#8a8a99',
	brand: '#5b2a86',
	brandLight: '#cfc6dd',
	focus: '#e8590c',
	highlight: '#f4a300',
	mapNoData: '#d0d0d0'
} as const;

/** Text in charts and canvas drawings, by tier. */
export const INK = { strong: TOKEN.textStrong, text: TOKEN.text, muted: TOKEN.textMuted } as const;

export const CHART = {
	grid: TOKEN.lineFaint,
	axis: TOKEN.lineStrong,
	brand: TOKEN.brand,
	brandLight: TOKEN.brandLight,
	/** The selected seat or base value: amber, apart from the brand purple. */
	highlight: TOKEN.highlight,
	focus: TOKEN.focus,
	surface: TOKEN.surface
} as const;

/** The map: MapLibre paint properties and the hexagon SVG. */
export const MAP = {
	/** The sea, and the ground behind the hexagons. */
	background: TOKEN.surfaceSunken,
	land: TOKEN.surfaceAlt,
	coast: TOKEN.lineStrong,
	/** The thin edge between seats. */
	seatEdge: TOKEN.surface,
	seatHovered: TOKEN.text,
	seatSelected: TOKEN.textStrong,
	/** Seats highlighted from a table or legend: the focus orange, apart from every palette. */
	seatHighlighted: TOKEN.focus,
	/** Uploaded area outlines and points: dark, to read over every palette. */
	overlay: TOKEN.textStrong,
	overlayHalo: TOKEN.surface,
	noData: TOKEN.mapNoData,
	/** The hatching over no-data seats: darker than the grey, so grey is never the only sign. */
	noDataHatch: TOKEN.lineStrong
} as const;
