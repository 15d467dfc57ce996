import { describe, expect, it } from 'vitest';
import { baseStyle, SEAT_FILL, seatLayers, seatSourceId } from './map-style';

describe('map style', () => {
	const style = baseStyle({ type: 'FeatureCollection', features: [] });
	const layers = [...style.layers, ...seatLayers(seatSourceId('2010'))];
	const text = JSON.stringify({ ...style, layers });

	it('references nothing outside the page: no tiles, glyphs, sprites or URLs', () => {
		expect(style.glyphs).toBeUndefined();
		expect(style.sprite).toBeUndefined();
		expect(text).not.toMatch(/https?:|mapbox:|pmtiles:|"url"|"tiles"/);
		expect(layers.some((l) => l.type === 'symbol')).toBe(false);
	});

	it('colours seats from feature-state only', () => {
		const fill = layers.find((l) => l.id === SEAT_FILL);
		expect(fill?.type).toBe('fill');
		expect(JSON.stringify(fill)).toContain('["feature-state","fill"]');
		expect(seatSourceId('2024')).toBe('seats-2024');
	});
});
