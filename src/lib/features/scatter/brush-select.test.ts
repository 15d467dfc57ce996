import { describe, expect, it } from 'vitest';
import { pointsInBox } from './brush-select';

describe('pointsInBox', () => {
	const points = [
		{ code: 'A', x: 0, y: 0 },
		{ code: 'B', x: 1, y: 1 },
		{ code: 'C', x: 2, y: 0.5 },
		{ code: 'N', x: null, y: 1 }
	];
	it('includes the edges, ignores missing values, accepts a box drawn in any direction', () => {
		expect(pointsInBox(points, { x0: 0, x1: 1, y0: 0, y1: 1 })).toEqual(['A', 'B']);
		expect(pointsInBox(points, { x0: 2, x1: 0.5, y0: 1, y1: 0.4 })).toEqual(['B', 'C']);
		expect(pointsInBox(points, { x0: 5, x1: 6, y0: 5, y1: 6 })).toEqual([]);
	});
});
