/**
 * HexJSON (ODI Leeds / Open Innovations) to pixel centres for a pointy-top hex cartogram.
 *
 * Row layouts only, which is what the constituency layouts use. Following the HexJSON spec and
 * ODI's own renderer: "odd-r" shoves rows with an odd r half a hex to the right ("even-r" the
 * even ones), and r grows northwards, so it is flipped for SVG's downward y. Parity is taken on
 * r itself (negative rows included), not on r minus the minimum row as d3-hexjson does, since
 * that would shift the wrong rows whenever the lowest row is odd.
 */

export type HexLayoutName = 'odd-r' | 'even-r';

export interface HexJson {
	layout: HexLayoutName;
	hexes: Record<string, { n?: string; q: number; r: number }>;
}

export interface PlacedHex {
	code: string;
	name: string;
	q: number;
	r: number;
	x: number;
	y: number;
}

export interface HexLayout {
	hexes: PlacedHex[];
	width: number;
	height: number;
	/** Centre-to-vertex distance. */
	radius: number;
	/** Outline of one hex around (0, 0), for `<path d>` with a translate. */
	path: string;
}

/** Parse and check a HexJSON file; the error names what is wrong. */
export function parseHexJson(text: string): HexJson {
	const value = JSON.parse(text) as Partial<HexJson> | null;
	if (!value || typeof value !== 'object' || typeof value.hexes !== 'object' || value.hexes === null) {
		throw new Error('The hex layout is not HexJSON (no "hexes" object).');
	}
	if (value.layout !== 'odd-r' && value.layout !== 'even-r') {
		throw new Error(`The hex layout "${String(value.layout)}" is not supported (expected odd-r or even-r).`);
	}
	for (const [code, h] of Object.entries(value.hexes)) {
		if (!Number.isInteger(h?.q) || !Number.isInteger(h?.r)) throw new Error(`Hex ${code} has no integer q and r.`);
	}
	return value as HexJson;
}

/** Whether a row is shifted half a hex right. `r % 2` is -1 for odd negative rows. */
export function isShiftedRow(r: number, layout: HexLayoutName): boolean {
	const odd = r % 2 !== 0;
	return layout === 'odd-r' ? odd : !odd;
}

/** Pointy-top hexagon outline, starting at the top vertex and going clockwise. */
export function hexPath(radius: number): string {
	const w = (Math.sqrt(3) / 2) * radius;
	const h = radius / 2;
	const f = (n: number) => Number(n.toFixed(3));
	return `M0,${f(-radius)}L${f(w)},${f(-h)}L${f(w)},${f(h)}L0,${f(radius)}L${f(-w)},${f(h)}L${f(-w)},${f(-h)}Z`;
}

/**
 * Centres for every hex, translated so the whole map starts at (padding, padding). Neighbours
 * are exactly √3·radius apart: same row by width, adjacent rows by 1.5·radius down and half a
 * width across.
 */
export function layoutHexes(hexjson: HexJson, radius = 10, padding = 2): HexLayout {
	const width = Math.sqrt(3) * radius;
	const raw = Object.entries(hexjson.hexes).map(([code, h]) => ({
		code,
		name: h.n ?? code,
		q: h.q,
		r: h.r,
		x: (h.q + (isShiftedRow(h.r, hexjson.layout) ? 0.5 : 0)) * width,
		y: -h.r * 1.5 * radius
	}));
	if (raw.length === 0) return { hexes: [], width: 0, height: 0, radius, path: hexPath(radius) };
	const minX = Math.min(...raw.map((h) => h.x));
	const maxX = Math.max(...raw.map((h) => h.x));
	const minY = Math.min(...raw.map((h) => h.y));
	const maxY = Math.max(...raw.map((h) => h.y));
	const dx = padding + width / 2 - minX;
	const dy = padding + radius - minY;
	return {
		hexes: raw.map((h) => ({ ...h, x: h.x + dx, y: h.y + dy })),
		width: maxX - minX + width + 2 * padding,
		height: maxY - minY + 2 * radius + 2 * padding,
		radius,
		path: hexPath(radius)
	};
}
