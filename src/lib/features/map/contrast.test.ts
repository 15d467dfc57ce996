import { describe, expect, it } from 'vitest';
import { BIVARIATE_PALETTE, CELL_IDS } from './classify';
import { contrastRatio, DARK_TEXT, LIGHT_TEXT, readableTextColour, relativeLuminance } from './contrast';

describe('contrast', () => {
	it('matches the WCAG reference values', () => {
		expect(relativeLuminance('#000000')).toBe(0);
		expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 10);
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
		expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
		expect(contrastRatio('#abcdef', '#abcdef')).toBe(1);
	});

	it('rejects anything but #rrggbb', () => {
		expect(() => relativeLuminance('red')).toThrow(/rrggbb/);
	});

	it('picks dark text on pale fills and white on dark ones', () => {
		expect(readableTextColour('#e8e8e8')).toBe(DARK_TEXT);
		expect(readableTextColour('#3b4994')).toBe(LIGHT_TEXT);
	});

	// The legend prints each cell's seat count on its colour: every one must reach AA for text.
	it.each(CELL_IDS)('gives AA contrast (4.5:1) on bivariate cell %s', (id) => {
		const fill = BIVARIATE_PALETTE[id];
		expect(contrastRatio(fill, readableTextColour(fill))).toBeGreaterThanOrEqual(4.5);
	});
});
