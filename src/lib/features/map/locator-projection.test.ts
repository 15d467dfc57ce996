import { describe, expect, it } from 'vitest';
import { fitMercator } from './locator-projection';

const corners = (fit: ReturnType<typeof fitMercator>, bounds: [[number, number], [number, number]]) => fit.path.bounds({ type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates: bounds } });

describe('fitMercator (MapLibre fitBounds framing for the SVG first paint)', () => {
	const UK: [[number, number], [number, number]] = [
		[-8.65, 49.86],
		[1.77, 60.86]
	];

	it('fits the box inside the padding, touching on one axis and centred on both', () => {
		const fit = fitMercator(UK, 900, 540, 16);
		const [[x0, y0], [x1, y1]] = corners(fit, UK);
		expect(y0).toBeCloseTo(16, 6); // tall box in a wide frame: it touches top and bottom
		expect(y1).toBeCloseTo(540 - 16, 6);
		expect(x0).toBeGreaterThan(16);
		expect((x0 + x1) / 2).toBeCloseTo(450, 6);
		expect((y0 + y1) / 2).toBeCloseTo(270, 6);
	});

	it('draws north up with Mercator stretch: a degree of latitude is taller in the north', () => {
		const fit = fitMercator(UK, 900, 540, 16);
		const y = (lat: number) =>
			corners(fit, [
				[0, lat],
				[0, lat]
			])[0][1];
		expect(y(60)).toBeLessThan(y(50));
		expect(y(59) - y(60)).toBeGreaterThan(y(50) - y(51));
	});

	it("gives MapLibre's zoom: the whole world across 512 px is zoom 0, twice as wide is zoom 1", () => {
		const world: [[number, number], [number, number]] = [
			[-180, -10],
			[180, 10]
		];
		expect(fitMercator(world, 512, 4000, 0).zoom).toBeCloseTo(0, 9);
		expect(fitMercator(world, 1024, 4000, 0).zoom).toBeCloseTo(1, 9);
	});
});
