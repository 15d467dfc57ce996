import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HISTORY_ENTRY_MAX, HISTORY_LIMIT, addToHistory, csvFileName, displayCell, duplicateColumns, formatElapsed, groupSchema, historyLabel, isRunShortcut, parseHistory, resultCsvRows, resultToCsv, rowCountText, selectTableSql, shownRows } from './console-result';

/** A small RFC 4180 reader, enough to check that exports parse back. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += c;
	}
	if (cell || row.length) {
		row.push(cell);
		rows.push(row);
	}
	return rows;
}

describe('result → CSV', () => {
	const result = {
		columns: ['name', 'n', 'ok', 'note'],
		rows: [
			{ name: 'Ynys Môn', n: 1.5, ok: true, note: null },
			{ name: 'Hull, East', n: -2, ok: false, note: '=HYPERLINK("x")' },
			{ name: 'say "hi"', n: 0, ok: null, note: 'line\nbreak' }
		]
	};

	it('puts cells in column order, with null for missing values', () => {
		expect(resultCsvRows({ columns: ['b', 'a'], rows: [{ a: 1, b: 2 }, { a: 3 }] })).toEqual([
			[2, 1],
			[null, 3]
		]);
	});

	it('parses back to the same rows, with formulas neutralised and negative numbers kept', () => {
		const parsed = parseCsv(resultToCsv(result));
		expect(parsed[0]).toEqual(result.columns);
		expect(parsed.slice(1)).toEqual([
			['Ynys Môn', '1.5', 'true', ''],
			['Hull, East', '-2', 'false', `'=HYPERLINK("x")`],
			['say "hi"', '0', '', 'line\nbreak']
		]);
	});

	it('round-trips any text with no formula start at its start or after a separator', () => {
		const text = fc.string({ maxLength: 20 }).filter((s) => !/(^|[,;\t"\r\n])[=+\-@\t\r]/.test(s));
		fc.assert(
			fc.property(fc.array(fc.tuple(text, fc.integer()), { maxLength: 10 }), (pairs) => {
				const rows = pairs.map(([t, n]) => ({ t, n }));
				const parsed = parseCsv(resultToCsv({ columns: ['t', 'n'], rows }));
				expect(parsed.slice(1)).toEqual(pairs.map(([t, n]) => [t, String(n)]));
			})
		);
	});

	it('names the file by date', () => {
		expect(csvFileName(new Date('2025-03-04T10:00:00Z'))).toBe('heartlands-query-2025-03-04.csv');
	});
});

describe('display', () => {
	it('marks NULL distinctly and shows text as text', () => {
		expect(displayCell(null)).toEqual({ text: 'NULL', isNull: true });
		expect(displayCell(undefined)).toEqual({ text: 'NULL', isNull: true });
		expect(displayCell('NULL')).toEqual({ text: 'NULL', isNull: false });
		expect(displayCell('<img src=x onerror=alert(1)>')).toEqual({ text: '<img src=x onerror=alert(1)>', isNull: false });
		expect(displayCell(0)).toEqual({ text: '0', isNull: false });
		expect(displayCell(false)).toEqual({ text: 'false', isNull: false });
	});

	it('counts rows and caps what is shown', () => {
		expect(rowCountText(0)).toBe('No rows');
		expect(rowCountText(1)).toBe('1 row');
		expect(rowCountText(1000)).toBe('1,000 rows');
		expect(rowCountText(12_345)).toBe('Showing the first 1,000 of 12,345 rows');
		const rows = Array.from({ length: 1500 }, (_, i) => ({ i }));
		expect(shownRows(rows)).toHaveLength(1000);
		expect(shownRows(rows, 10).at(-1)).toEqual({ i: 9 });
		expect(shownRows(rows.slice(0, 5))).toHaveLength(5);
	});

	it('formats the time taken', () => {
		expect(formatElapsed(0.2)).toBe('under 1 ms');
		expect(formatElapsed(12.4)).toBe('12 ms');
		expect(formatElapsed(1234)).toBe('1.23 s');
		expect(formatElapsed(12_345)).toBe('12.3 s');
	});

	it('finds duplicate column names', () => {
		expect(duplicateColumns(['a', 'b', 'a', 'c', 'b'])).toEqual(['a', 'b']);
		expect(duplicateColumns(['a'])).toEqual([]);
	});

	it('quotes the table name in the inserted query', () => {
		expect(selectTableSql('results')).toBe('SELECT * FROM "results" LIMIT 100');
		expect(selectTableSql('my "odd" table')).toBe('SELECT * FROM "my ""odd"" table" LIMIT 100');
	});

	it('runs on Ctrl+Enter or Cmd+Enter only', () => {
		const key = (over: Partial<KeyboardEvent>) => ({ key: 'Enter', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...over });
		expect(isRunShortcut(key({ ctrlKey: true }))).toBe(true);
		expect(isRunShortcut(key({ metaKey: true }))).toBe(true);
		expect(isRunShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(true);
		expect(isRunShortcut(key({}))).toBe(false);
		expect(isRunShortcut(key({ ctrlKey: true, altKey: true }))).toBe(false);
		expect(isRunShortcut(key({ key: 'a', ctrlKey: true }))).toBe(false);
	});
});

describe('history', () => {
	it('tolerates anything in storage', () => {
		for (const raw of [null, undefined, '', '{bad json', '42', '{"a":1}', 'null', '"text"']) expect(parseHistory(raw)).toEqual([]);
		expect(parseHistory(JSON.stringify(['SELECT 1', 7, null, '  ', 'SELECT 1', 'SELECT 2', 'x'.repeat(HISTORY_ENTRY_MAX + 1)]))).toEqual(['SELECT 1', 'SELECT 2']);
		expect(parseHistory(JSON.stringify(Array.from({ length: 50 }, (_, i) => `SELECT ${i}`)))).toHaveLength(HISTORY_LIMIT);
		fc.assert(fc.property(fc.string(), (s) => Array.isArray(parseHistory(s))));
	});

	it('keeps the newest 20, most recent first, without repeats', () => {
		let h: string[] = [];
		for (let i = 0; i < 25; i++) h = addToHistory(h, `SELECT ${i}`);
		expect(h).toHaveLength(20);
		expect(h[0]).toBe('SELECT 24');
		h = addToHistory(h, '  SELECT 10 \n');
		expect(h[0]).toBe('SELECT 10');
		expect(h.filter((q) => q === 'SELECT 10')).toHaveLength(1);
		expect(addToHistory(h, '   ')).toEqual(h);
	});

	it('labels entries on one line', () => {
		expect(historyLabel('SELECT *\n  FROM results')).toBe('SELECT * FROM results');
		expect(historyLabel('x'.repeat(100), 10)).toBe('xxxxxxxxx…');
	});
});

describe('schema browser', () => {
	it('groups columns by table, marks built-in tables and lists the analyst’s first', () => {
		const rows = [
			{ catalog: 'memory', schema: 'main', name: 'mine', kind: 'BASE TABLE', column: 'x', type: 'INTEGER' },
			{ catalog: 'memory', schema: 'main', name: 'results', kind: 'BASE TABLE', column: 'code', type: 'VARCHAR' },
			{ catalog: 'memory', schema: 'main', name: 'results', kind: 'BASE TABLE', column: 'votes', type: 'DOUBLE' },
			{ catalog: 'temp', schema: 'main', name: 'score_stage', kind: 'LOCAL TEMPORARY', column: 'code', type: 'VARCHAR' },
			{ catalog: 'memory', schema: 'main', name: 'v', kind: 'VIEW', column: null, type: null }
		];
		const builtIn = (n: string) => ['results', 'score_stage'].includes(n);
		expect(groupSchema(rows, builtIn)).toEqual([
			{ catalog: 'memory', schema: 'main', name: 'mine', kind: 'table', columns: [{ name: 'x', type: 'INTEGER' }], builtIn: false },
			{ catalog: 'memory', schema: 'main', name: 'v', kind: 'view', columns: [], builtIn: false },
			{
				catalog: 'memory',
				schema: 'main',
				name: 'results',
				kind: 'table',
				columns: [
					{ name: 'code', type: 'VARCHAR' },
					{ name: 'votes', type: 'DOUBLE' }
				],
				builtIn: true
			},
			{ catalog: 'temp', schema: 'main', name: 'score_stage', kind: 'temporary', columns: [{ name: 'code', type: 'VARCHAR' }], builtIn: true }
		]);
	});
});
