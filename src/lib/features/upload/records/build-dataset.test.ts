import { describe, expect, it } from 'vitest';
import { buildSeatDataset, defaultChoices, PAUSE_EVERY } from './build-dataset';
import { validateDataset } from '../../../model/uploads/dataset';
import { RECORD_LIMITS } from '../../../model/uploads/limits';
import { prepareDelimitedUpload } from '../stage/prepare';
import type { ReferenceSeat } from '../types';

const reference: ReferenceSeat[] = Array.from({ length: 40 }, (_, i) => ({ set: '2010', code: `E140${String(i).padStart(5, '0')}`, name: `Seat ${i}`, nation: 'England' }));

/** Many rows per seat, some blank: the per-seat sums and means a slow, obvious loop gives. */
function fixture(rows: number) {
	const lines = ['code,a,b'];
	const expected = new Map<string, { a: number[]; b: number[] }>();
	for (let r = 0; r < rows; r++) {
		const code = reference[(r * 7) % reference.length].code;
		const a = (r % 13) - 4;
		const b = r % 5 === 0 ? '' : String((r % 11) / 4);
		lines.push(`${code},${a},${b}`);
		const e = expected.get(code) ?? { a: [], b: [] };
		e.a.push(a);
		if (b !== '') e.b.push(Number(b));
		expected.set(code, e);
	}
	const prepared = prepareDelimitedUpload(new TextEncoder().encode(lines.join('\n') + '\n'), reference, { fileName: 'many.csv' });
	if (!prepared.ok) throw new Error(prepared.error.message);
	return { p: prepared.value, expected };
}

describe('buildSeatDataset', () => {
	it('sums or averages many rows per seat exactly as a per-seat loop does, pausing as it goes', async () => {
		const rows = 3 * PAUSE_EVERY + 10;
		const { p, expected } = fixture(rows);
		const choices = defaultChoices(p.columns, p.keys[0].columnIndex);
		for (const how of ['sum', 'mean'] as const) {
			let pauses = 0;
			const built = await buildSeatDataset(p.table, p.columns, p.match!, choices, { name: 'Many', duplicates: how, fileName: 'many.csv', pause: async () => void pauses++ });
			if (!built.ok) throw new Error(built.error);
			expect(pauses).toBe(2 * 3); // two columns, three pauses each
			const { codes, values } = built.dataset;
			expect(codes).toEqual([...expected.keys()].sort());
			const reduce = (xs: number[]) => (xs.length === 0 ? null : how === 'sum' ? xs.reduce((s, x) => s + x, 0) : xs.reduce((s, x) => s + x, 0) / xs.length);
			codes.forEach((code, i) => {
				expect(values[0][i]).toBeCloseTo(reduce(expected.get(code)!.a)!, 9);
				const b = reduce(expected.get(code)!.b);
				if (b === null) expect(values[1][i]).toBeNull();
				else expect(values[1][i]).toBeCloseTo(b, 9);
			});
		}
	});

	it('stops when a pause throws (a cancelled import), and builds nothing', async () => {
		const { p } = fixture(PAUSE_EVERY + 1);
		const choices = defaultChoices(p.columns, p.keys[0].columnIndex);
		const cancelled = new Error('cancelled');
		await expect(buildSeatDataset(p.table, p.columns, p.match!, choices, { name: 'Many', duplicates: 'sum', fileName: 'many.csv', pause: () => Promise.reject(cancelled) })).rejects.toBe(cancelled);
	});

	it('clips a long header to the stored limit, so the stored record validates on reload', async () => {
		const long = 'h'.repeat(5000);
		const prepared = prepareDelimitedUpload(new TextEncoder().encode(`code,${long}\nE14000001,1\n`), reference, { fileName: 'long.csv' });
		if (!prepared.ok) throw new Error(prepared.error.message);
		const p = prepared.value;
		const built = await buildSeatDataset(p.table, p.columns, p.match!, defaultChoices(p.columns, 0), { name: 'Long', duplicates: 'sum', fileName: 'long.csv' });
		if (!built.ok) throw new Error(built.error);
		expect(built.dataset.columns[0].header).toHaveLength(RECORD_LIMITS.header);
		expect(built.dataset.columns[0].label).toHaveLength(RECORD_LIMITS.label);
		expect(validateDataset(JSON.parse(JSON.stringify(built.dataset))).ok).toBe(true);
	});
});
