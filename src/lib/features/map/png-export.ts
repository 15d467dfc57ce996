/**
 * PNG export: the map image plus title, lens, date, legend and source attribution, drawn onto a
 * fresh canvas. Attribution is drawn in because the licences require it wherever the map goes.
 * Browser only (canvas); the text it draws comes from the same pure modules as the screen.
 */
import { CHART, INK } from '$lib/ui/colours';

export interface PngLegend {
	heading: string;
	/** A list of classes (choropleth) … */
	items?: { colour: string; label: string }[];
	/** … or a 3×3 grid (bivariate), x = post-industrial, y = threat. */
	grid?: { cells: { x: number; y: number; colour: string; count: number }[]; xLabel: string; yLabel: string };
	noData: { colour: string; label: string } | null;
}

export interface PngOptions {
	title: string;
	subtitle: string;
	legend: PngLegend;
	attribution: string[];
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/)) {
		const next = line ? `${line} ${word}` : word;
		if (line && ctx.measureText(next).width > width) {
			lines.push(line);
			line = word;
		} else line = next;
	}
	if (line) lines.push(line);
	return lines;
}

function legendHeight(legend: PngLegend, s: number): number {
	const list = legend.items ? legend.items.length * 22 * s : 0;
	const grid = legend.grid ? 3 * 40 * s + 40 * s : 0;
	return 44 * s + list + grid + (legend.noData ? 30 * s : 0);
}

function drawLegend(ctx: CanvasRenderingContext2D, legend: PngLegend, x: number, y: number, width: number, s: number) {
	ctx.fillStyle = INK.strong;
	ctx.font = `600 ${13 * s}px ${FONT}`;
	for (const line of wrap(ctx, legend.heading, width).slice(0, 3)) {
		ctx.fillText(line, x, y + 13 * s);
		y += 16 * s;
	}
	y += 8 * s;
	ctx.font = `${12 * s}px ${FONT}`;
	const swatch = (colour: string, sx: number, sy: number, size: number) => {
		ctx.fillStyle = colour;
		ctx.fillRect(sx, sy, size, size);
		ctx.strokeStyle = INK.muted;
		ctx.lineWidth = Math.max(1, s * 0.5);
		ctx.strokeRect(sx, sy, size, size);
	};
	for (const item of legend.items ?? []) {
		swatch(item.colour, x, y, 16 * s);
		ctx.fillStyle = INK.strong;
		ctx.fillText(item.label, x + 24 * s, y + 13 * s, width - 24 * s);
		y += 22 * s;
	}
	if (legend.grid) {
		const cell = 40 * s;
		const gx = x + 22 * s;
		for (const c of legend.grid.cells) {
			const cx = gx + c.x * cell;
			const cy = y + (2 - c.y) * cell;
			swatch(c.colour, cx, cy, cell);
			ctx.fillStyle = c.x + c.y >= 3 ? CHART.surface : INK.strong;
			ctx.fillText(String(c.count), cx + 6 * s, cy + 24 * s);
		}
		ctx.fillStyle = INK.strong;
		ctx.fillText(legend.grid.xLabel, gx, y + 3 * cell + 18 * s);
		ctx.save();
		ctx.translate(x + 12 * s, y + 3 * cell);
		ctx.rotate(-Math.PI / 2);
		ctx.fillText(legend.grid.yLabel, 0, 0);
		ctx.restore();
		y += 3 * cell + 40 * s;
	}
	if (legend.noData) {
		swatch(legend.noData.colour, x, y, 16 * s);
		ctx.fillStyle = INK.strong;
		ctx.fillText(legend.noData.label, x + 24 * s, y + 13 * s, width - 24 * s);
	}
}

/**
 * Composes the export. `scale` is the source's device-pixel ratio, so text is as crisp as the
 * map it sits beside.
 */
export function composeMapPng(source: CanvasImageSource, width: number, height: number, options: PngOptions, scale = 1): Promise<Blob> {
	const s = scale;
	const pad = 16 * s;
	const legendW = 300 * s;
	const totalW = Math.round(pad + width + pad + legendW + pad);
	const canvas = document.createElement('canvas');
	const ctx = canvas.getContext('2d');
	if (!ctx) return Promise.reject(new Error('This browser cannot draw the PNG (no 2D canvas).'));
	ctx.font = `${11 * s}px ${FONT}`;
	const attribution = ['Sources and licences:', ...options.attribution].flatMap((line) => wrap(ctx, line, totalW - 2 * pad));
	const headerH = 58 * s;
	const bodyH = Math.max(height, legendHeight(options.legend, s));
	const footH = attribution.length * 14 * s + pad;
	canvas.width = totalW;
	canvas.height = Math.round(headerH + bodyH + pad + footH);

	ctx.fillStyle = CHART.surface;
	ctx.fillRect(0, 0, canvas.width, canvas.height);
	ctx.fillStyle = CHART.brand;
	ctx.font = `600 ${20 * s}px ${FONT}`;
	ctx.fillText(options.title, pad, pad + 18 * s, totalW - 2 * pad);
	ctx.fillStyle = INK.text;
	ctx.font = `${13 * s}px ${FONT}`;
	ctx.fillText(options.subtitle, pad, pad + 38 * s, totalW - 2 * pad);

	ctx.drawImage(source, pad, headerH, width, height);
	ctx.strokeStyle = CHART.brandLight;
	ctx.strokeRect(pad, headerH, width, height);
	drawLegend(ctx, options.legend, pad + width + pad, headerH, legendW, s);

	ctx.fillStyle = INK.muted;
	ctx.font = `${11 * s}px ${FONT}`;
	let y = headerH + bodyH + pad + 11 * s;
	for (const line of attribution) {
		ctx.fillText(line, pad, y);
		y += 14 * s;
	}
	return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be encoded.'))), 'image/png'));
}

/** An SVG element as an image, through a same-origin blob URL (never another origin). */
export function svgToImage(svg: SVGSVGElement, width: number, height: number): Promise<HTMLImageElement> {
	const copy = svg.cloneNode(true) as SVGSVGElement;
	copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	copy.setAttribute('width', String(width));
	copy.setAttribute('height', String(height));
	const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(copy)], { type: 'image/svg+xml' }));
	return new Promise((resolve, reject) => {
		const img = new Image();
		img.onload = () => {
			URL.revokeObjectURL(url);
			resolve(img);
		};
		img.onerror = () => {
			URL.revokeObjectURL(url);
			reject(new Error('The hex map could not be turned into an image.'));
		};
		img.src = url;
	});
}
