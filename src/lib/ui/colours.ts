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
	surface: TOKEN.surface,
	seatLine: TOKEN.text,
	seatSelected: TOKEN.textStrong
} as const;

/** A breakdown bar: above (up) or below (down) the median seat, per score (ColorBrewer PRGn ends). */
export const SCORE_COLOURS = {
	postIndustrial: { up: '#7b3294', down: '#c2a5cf' },
	threat: { up: '#008837', down: '#a6dba0' }
} as const;

/** Party lines in the vote-share history. */
export const PARTY_COLOURS: Readonly<Record<string, string>> = { con: '#0087dc', lab: '#d50000', ld: '#b8860b', snp: '#6b5b00', pc: '#008142', green: '#2e7d32', right_populist: '#12b6cf' };
