/**
 * WCAG 2.x contrast, for text drawn on a data colour (the bivariate legend's seat counts). The
 * text colour is picked from the fill rather than from the cell's position, so a palette change
 * can never leave a count unreadable.
 */
import { TOKEN } from '$lib/ui/colours';

function channel(c: number): number {
	const s = c / 255;
	return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a #rrggbb colour (WCAG 2.x definition). */
export function relativeLuminance(hex: string): number {
	const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
	if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
	const [r, g, b] = m.slice(1).map((h) => channel(parseInt(h, 16)));
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio between two #rrggbb colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
	const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

/** The app's strongest text and white, from the tokens. */
export const DARK_TEXT = TOKEN.textStrong;
export const LIGHT_TEXT = TOKEN.textInverse;

/** Whichever of the app's dark text and white reads better on the fill. */
export function readableTextColour(fill: string): string {
	return contrastRatio(fill, DARK_TEXT) >= contrastRatio(fill, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
}
