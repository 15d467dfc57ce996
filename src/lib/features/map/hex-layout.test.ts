import { describe, expect, it } from 'vitest';
import { hexPath, isShiftedRow, layoutHexes, parseHexJson, type HexJson } from './hex-layout';

const R = 10;
const W = Math.sqrt(3) * R;
const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('row parity', () => {
	it('shifts odd rows for odd-r and even rows for even-r, negative rows included', () => {
		expect([-3, -2, -1, 0, 1, 2].map((r) => isShiftedRow(r, 'odd-r'))).toEqual([true, false, true, false, true, false]);
		expect([-3, -2, -1, 0, 1, 2].map((r) => isShiftedRow(r, 'even-r'))).toEqual([false, true, false, true, false, true]);
	});
});

describe('layoutHexes (odd-r, pointy-top)', () => {
	const hexjson: HexJson = {
		layout: 'odd-r',
		hexes: {
			A: { n: 'Alpha', q: 0, r: 0 },
			B: { n: 'Bravo', q: 1, r: 0 },
			C: { n: 'Charlie', q: 0, r: 1 },
			D: { n: 'Delta', q: 0, r: -1 }
		}
	};
	const layout = layoutHexes(hexjson, R, 0);
	const at = Object.fromEntries(layout.hexes.map((h) => [h.code, h]));

	it('puts same-row neighbours one hex width apart', () => {
		expect(at.B.x - at.A.x).toBeCloseTo(W);
		expect(at.B.y).toBeCloseTo(at.A.y);
	});

	it('shoves odd rows half a width right and 1.5 radii up (north is up)', () => {
		expect(at.C.x - at.A.x).toBeCloseTo(W / 2);
		expect(at.A.y - at.C.y).toBeCloseTo(1.5 * R);
		expect(at.D.x - at.A.x).toBeCloseTo(W / 2);
		expect(at.D.y - at.A.y).toBeCloseTo(1.5 * R);
	});

	it('makes every row-to-row neighbour exactly √3·R away, so hexes tile without gaps', () => {
		expect(dist(at.A, at.C)).toBeCloseTo(W);
		expect(dist(at.B, at.C)).toBeCloseTo(W);
		expect(dist(at.A, at.D)).toBeCloseTo(W);
	});

	it('fits the map into its width and height from the origin', () => {
		for (const h of layout.hexes) {
			expect(h.x - W / 2).toBeGreaterThanOrEqual(-1e-9);
			expect(h.y - R).toBeGreaterThanOrEqual(-1e-9);
			expect(h.x + W / 2).toBeLessThanOrEqual(layout.width + 1e-9);
			expect(h.y + R).toBeLessThanOrEqual(layout.height + 1e-9);
		}
		// Centres span one width (q 0..1; the shifted rows sit inside), plus a hex: 2 widths.
		// Rows -1..1 span 3 radii, plus a hex: 5 radii.
		expect(layout.width).toBeCloseTo(2 * W);
		expect(layout.height).toBeCloseTo(5 * R);
		expect(at.A.code).toBe('A');
		expect(at.C.name).toBe('Charlie');
	});

	it('handles an empty layout', () => {
		expect(layoutHexes({ layout: 'odd-r', hexes: {} }).hexes).toEqual([]);
	});
});

describe('hexPath', () => {
	it('draws six pointy-top vertices', () => {
		expect(hexPath(10)).toBe('M0,-10L8.66,-5L8.66,5L0,10L-8.66,5L-8.66,-5Z');
	});
});

describe('parseHexJson', () => {
	it('accepts row layouts and rejects others with a reason', () => {
		expect(Object.keys(parseHexJson('{"layout":"odd-r","hexes":{"X":{"q":1,"r":-2}}}').hexes)).toEqual(['X']);
		expect(() => parseHexJson('{"layout":"odd-q","hexes":{}}')).toThrow(/not supported/);
		expect(() => parseHexJson('{"layout":"odd-r"}')).toThrow(/no "hexes"/);
		expect(() => parseHexJson('{"layout":"odd-r","hexes":{"X":{"q":"a","r":1}}}')).toThrow(/Hex X/);
	});
});
