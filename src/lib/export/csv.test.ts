import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvCell, toCsv, type CsvCell } from './csv';

/** A strict RFC 4180 reader (records end at LF or CRLF outside quotes); throws on malformed input. */
function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let cell = '';
	let i = 0;
	while (i < text.length) {
		if (text[i] === '"' && cell === '') {
			i++;
			for (;;) {
				if (i >= text.length) throw new Error('unterminated quoted field');
				if (text[i] === '"') {
					if (text[i + 1] === '"') {
						cell += '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				cell += text[i++];
			}
			if (i < text.length && text[i] !== ',' && text[i] !== '\n' && !text.startsWith('\r\n', i)) throw new Error(`text after a closing quote at ${i}`);
			continue;
		}
		if (text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
		if (text[i] === ',') {
			record.push(cell);
			cell = '';
			i++;
		} else if (text[i] === '\n' || text.startsWith('\r\n', i)) {
			record.push(cell);
			records.push(record);
			record = [];
			cell = '';
			i += text[i] === '\n' ? 1 : 2;
		} else cell += text[i++];
	}
	if (cell !== '' || record.length) throw new Error('the last record has no line end');
	return records;
}

const FORMULA = /[=+\-@\t\r]/;
const SEPARATORS = /[,;\t"\r\n]/;

/** Removes the apostrophes the writer adds: at the start or after a separator, before a formula start. */
function unneutralise(text: string): string {
	let out = '';
	for (let i = 0; i < text.length; i++) {
		const atBoundary = i === 0 || SEPARATORS.test(text[i - 1]);
		if (text[i] === "'" && atBoundary && FORMULA.test(text[i + 1] ?? '')) continue;
		out += text[i];
	}
	return out;
}

/** Text dense in what makes CSV and spreadsheets hard. */
const hostileText = fc.string({
	unit: fc.oneof(
		{ weight: 3, arbitrary: fc.constantFrom(',', ';', '\t', '"', '\r', '\n', '\r\n', '=', '+', '-', '@', "'", ' ', '|', '!') },
		{ weight: 2, arbitrary: fc.constantFrom('a', 'x', '1', '3.2', 'cmd', 'é', '£') },
		{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) }
	),
	maxLength: 24
});

describe('csv', () => {
	it('neutralises spreadsheet formulas in text but keeps negative numbers numeric', () => {
		expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
		expect(csvCell('+44')).toBe("'+44");
		expect(csvCell('-1')).toBe("'-1");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell(-1.5)).toBe('-1.5');
		expect(csvCell(-3.2)).toBe('-3.2');
		expect(toCsv(['value'], [[-3.2], [-0.001], [1e-7]])).toBe('value\n-3.2\n-0.001\n1e-7\n');
	});

	it('quotes commas, quotes and newlines; blanks nulls and non-finite numbers', () => {
		expect(
			toCsv(
				['a', 'b'],
				[
					['x,y', 'say "hi"'],
					[null, NaN],
					['line\nbreak', true]
				]
			)
		).toBe('a,b\n"x,y","say ""hi"""\n,\n"line\nbreak",true\n');
	});

	it('quotes and neutralises a ;-separated payload (Excel in a ; locale splits there)', () => {
		expect(csvCell("x;=cmd|' /C calc'!A0")).toBe(`"x;'=cmd|' /C calc'!A0"`);
		expect(csvCell('a;b')).toBe('"a;b"');
		expect(csvCell('1;+2;-3;@4')).toBe(`"1;'+2;'-3;'@4"`);
	});

	it('quotes and neutralises a tab-separated payload, and tab or CR starts', () => {
		expect(csvCell('x\t=1+1')).toBe(`"x\t'=1+1"`);
		expect(csvCell('\t=1+1')).toBe(`"'\t'=1+1"`);
		expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
		expect(csvCell('a\n-b')).toBe(`"a\n'-b"`);
		expect(csvCell('say "=1+1"')).toBe(`"say ""'=1+1"""`);
	});

	it('quotes and neutralises headers the same way as cells', () => {
		expect(toCsv(['a;b', '=x', 'plain'], [])).toBe(`"a;b",'=x,plain\n`);
	});

	it('leaves ordinary text alone', () => {
		for (const text of ['Hartlepool', 'Ynys Môn', 'Bury St Edmunds and Stowmarket', 'a-b', 'x=1', "O'Brien", '3.2']) expect(csvCell(text)).toBe(text);
	});
});

describe('csv properties', () => {
	const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
		fc.record({
			columns: fc.array(hostileText, { minLength: width, maxLength: width }),
			rows: fc.array(fc.array(hostileText, { minLength: width, maxLength: width }), { maxLength: 8 })
		})
	);

	it('round trip: an RFC 4180 parser reads back every cell, and only the added apostrophes differ', () => {
		fc.assert(
			fc.property(table, ({ columns, rows }) => {
				const parsed = parseCsv(toCsv(columns, rows));
				expect(parsed).toHaveLength(rows.length + 1);
				[columns, ...rows].forEach((record, r) => {
					expect(parsed[r]).toHaveLength(record.length);
					record.forEach((text, c) => {
						const back = parsed[r][c];
						if (!text.includes("'")) expect(unneutralise(back)).toBe(text);
						// One apostrophe at most per formula start; nothing else is added or lost.
						expect(back.replaceAll("'", '')).toBe(text.replaceAll("'", ''));
					});
				});
			}),
			{ numRuns: 2000 }
		);
	});

	it('no cell text starts a formula, at its start or after any separator, quote or line break', () => {
		fc.assert(
			fc.property(hostileText, (text) => {
				const [[back]] = parseCsv(csvCell(text) + '\n');
				expect(back, JSON.stringify(text)).not.toMatch(/(^|[,;\t"\r\n])[=+\-@\t\r]/);
			}),
			{ numRuns: 3000 }
		);
	});

	it('split on ; , tab or line breaks as a spreadsheet in any locale might, no piece starts a formula', () => {
		fc.assert(
			fc.property(table, ({ columns, rows }) => {
				const raw = toCsv(columns, rows);
				// The worst case: a reader that ignores quotes and splits on every separator.
				for (const piece of raw.split(/[,;\t\r\n]/)) expect(piece, JSON.stringify(raw)).not.toMatch(/^"*[=+\-@]/);
			}),
			{ numRuns: 2000 }
		);
	});

	it('every cell with a separator, quote or line break is quoted', () => {
		fc.assert(
			fc.property(hostileText, (text) => {
				const cell = csvCell(text);
				if (/[,;\t"\r\n]/.test(text)) expect(cell.startsWith('"') && cell.endsWith('"')).toBe(true);
			})
		);
	});

	it('numbers stay numbers: any finite number is written as itself and reads back equal', () => {
		fc.assert(
			fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 10 }), (values) => {
				const cells: CsvCell[][] = values.map((v) => [v]);
				const parsed = parseCsv(toCsv(['n'], cells)).slice(1);
				parsed.forEach(([text], i) => {
					expect(text).toBe(String(values[i]));
					expect(Number(text)).toBe(values[i] === 0 ? 0 : values[i]);
				});
			})
		);
	});
});
