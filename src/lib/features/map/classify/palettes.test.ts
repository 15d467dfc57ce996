import { lab } from 'd3';
import { describe, expect, it } from 'vitest';
import { CELL_IDS } from './bivariate';
import { BIVARIATE_PALETTE, bivariateColour, classColour, NO_DATA_COLOUR, PALETTES, paletteColours } from './palettes';

const HEX = /^#[0-9a-f]{6}$/;

describe('paletteColours', () => {
	it.each(PALETTES.map((p) => [p.id, p.kind] as const))('%s gives n distinct hex colours for n = 2..9', (id, kind) => {
		for (let n = 2; n <= 9; n++) {
			const colours = paletteColours(id, n);
			expect(colours).toHaveLength(n);
			expect(colours.every((c) => HEX.test(c))).toBe(true);
			expect(new Set(colours).size).toBe(n);
			expect(colours).not.toContain(NO_DATA_COLOUR);
			if (kind === 'sequential') {
				// Darker means more, for every sequential palette.
				const l = colours.map((c) => lab(c).l);
				for (let i = 1; i < n; i++) expect(l[i]).toBeLessThan(l[i - 1]);
			}
		}
	});

	it('clamps n and can reverse', () => {
		expect(paletteColours('blues', 1)).toHaveLength(2);
		expect(paletteColours('blues', 15)).toHaveLength(9);
		expect(paletteColours('brbg', 5, { reverse: true })).toEqual(paletteColours('brbg', 5).reverse());
	});
});

describe('bivariate palette', () => {
	it('has nine distinct hex colours, dark blue for high/high', () => {
		const colours = CELL_IDS.map((id) => BIVARIATE_PALETTE[id]);
		expect(new Set(colours).size).toBe(9);
		expect(colours.every((c) => HEX.test(c))).toBe(true);
		expect(BIVARIATE_PALETTE['2-2']).toBe('#3b4994');
		expect(BIVARIATE_PALETTE['0-0']).toBe('#e8e8e8');
		expect(colours).not.toContain(NO_DATA_COLOUR);
	});

	it('gives the no-data colour to missing cells and classes', () => {
		expect(bivariateColour(null)).toBe(NO_DATA_COLOUR);
		expect(bivariateColour({ x: 2, y: 0 })).toBe('#be64ac');
		expect(classColour(null, ['#000000'])).toBe(NO_DATA_COLOUR);
		expect(classColour(0, ['#000000'])).toBe('#000000');
	});
});
