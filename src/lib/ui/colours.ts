/**
 * Colours drawn by script (SVG presentation attributes, canvas), where CSS custom properties do
 * not reach. Shared values equal `tokens.css` (a test holds them equal); map palettes live in
 * `features/map/classify/palettes.ts`.
 */
export const INK = { strong: '#1d1b22', heading: '#222', text: '#333', soft: '#444', muted: '#555' } as const;

export const CHART = {
	grid: '#eee',
	axis: '#888',
	brand: '#5b2a86',
	brandBorder: '#cfc6dd',
	/** The selected seat or base value: amber, apart from the brand purple. */
	highlight: '#f4a300',
	focus: '#e8590c',
	surface: '#ffffff',
	seatLine: '#333333',
	seatSelected: '#111111'
} as const;

/** A breakdown bar: above (up) or below (down) the median seat, per score (ColorBrewer PRGn ends). */
export const SCORE_COLOURS = {
	postIndustrial: { up: '#7b3294', down: '#c2a5cf' },
	threat: { up: '#008837', down: '#a6dba0' }
} as const;

/** Party lines in the vote-share history. */
export const PARTY_COLOURS: Readonly<Record<string, string>> = { con: '#0087dc', lab: '#d50000', ld: '#b8860b', snp: '#6b5b00', pc: '#008142', green: '#2e7d32', right_populist: '#12b6cf' };
