import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CELL_IDS, cellId, classifyBivariate, parseCellId, seatsInCell, type BivariateCell, type CellId } from './bivariate';

const cell = (x: 0 | 1 | 2, y: 0 | 1 | 2): BivariateCell => ({ x, y });

describe('cell ids', () => {
	it('round-trips and lists all nine cells', () => {
		expect(cellId(2, 2)).toBe('2-2');
		expect(cellId(0, 2)).toBe('0-2');
		expect(parseCellId('1-0')).toEqual(cell(1, 0));
		expect(parseCellId('3-0')).toBeNull();
		expect(parseCellId('')).toBeNull();
		expect(CELL_IDS).toEqual(['0-0', '0-1', '0-2', '1-0', '1-1', '1-2', '2-0', '2-1', '2-2']);
	});
});

describe('classifyBivariate', () => {
	// Nine seats with both values, terciles {1,2,3} {4,5,6} {7,8,9} on x and
	// {10,20,30} {40,50,60} {70,80,90} on y, plus three seats with a value missing.
	const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, null, 5, NaN];
	const ys = [10, 50, 90, 20, 60, 70, 30, 40, 80, 50, null, 50];
	const r = classifyBivariate(xs, ys);

	it('cuts each axis into terciles over seats with both values', () => {
		expect(r.xBreaks).toEqual([3, 6]);
		expect(r.yBreaks).toEqual([30, 60]);
	});

	it('assigns each seat its cell, null when either value is missing', () => {
		expect(r.cells).toEqual([cell(0, 0), cell(0, 1), cell(0, 2), cell(1, 0), cell(1, 1), cell(1, 2), cell(2, 0), cell(2, 1), cell(2, 2), null, null, null]);
		expect(r.missing).toBe(3);
	});

	// An id read back from the DOM is untyped at runtime, so a bad one must not throw.
	it('counts one seat per cell and finds seats by cell', () => {
		for (const id of CELL_IDS) expect(r.counts[id]).toBe(1);
		expect(seatsInCell(r.cells, '2-2')).toEqual([8]);
		expect(seatsInCell(r.cells, cell(0, 0))).toEqual([0]);
		expect(seatsInCell(r.cells, 'nonsense' as CellId)).toEqual([]);
	});

	it('puts tied values in the same tercile', () => {
		const t = classifyBivariate([1, 1, 1, 1, 2, 3], [1, 2, 3, 4, 5, 6]);
		expect(new Set(t.cells.slice(0, 4).map((c) => c?.x)).size).toBe(1);
		expect(t.counts['0-0'] + t.counts['0-1'] + t.counts['0-2']).toBe(4);
	});

	it('reads two classes as low/high and no spread as middle', () => {
		const two = classifyBivariate([0, 0, 1, 1], [5, 5, 5, 5]);
		expect(two.cells.map((c) => c?.x)).toEqual([0, 0, 2, 2]);
		expect(two.cells.map((c) => c?.y)).toEqual([1, 1, 1, 1]);
	});

	it('handles empty input and arrays of different lengths without throwing', () => {
		expect(classifyBivariate([], []).missing).toBe(0);
		const odd = classifyBivariate([1, 2, 3], [1]);
		expect(odd.cells).toHaveLength(3);
		expect(odd.missing).toBe(2);
	});

	it('counts + missing = number of seats', () => {
		const v = fc.option(fc.integer({ min: 0, max: 10 }), { nil: null });
		fc.assert(
			fc.property(fc.array(fc.tuple(v, v), { maxLength: 650 }), (pairs) => {
				const res = classifyBivariate(
					pairs.map((p) => p[0]),
					pairs.map((p) => p[1])
				);
				const total = CELL_IDS.reduce((a, id) => a + res.counts[id], 0);
				expect(total + res.missing).toBe(pairs.length);
				const inCells = CELL_IDS.flatMap((id) => seatsInCell(res.cells, id));
				expect(inCells).toHaveLength(total);
			}),
			{ numRuns: 50 }
		);
	});
});
