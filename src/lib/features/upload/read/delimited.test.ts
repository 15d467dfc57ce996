import { describe, expect, it } from 'vitest';
import { CP1252_80_9F } from './decode';
import { parseDelimited, previewRows, sniffDelimiter, uniqueHeader } from './delimited';
import type { UploadResult } from '../types';
import type { ParsedTable } from './delimited';
import { cellsToArray } from './text-column';

function table(result: UploadResult<ParsedTable>): ParsedTable {
	if (!result.ok) throw new Error(`expected a table, got ${result.error.code}: ${result.error.message}`);
	return result.value;
}
const rows = (result: UploadResult<ParsedTable>) => previewRows(table(result), 1e6);

describe('sniffDelimiter', () => {
	it.each([
		[',', 'a,b,c\n1,2,3\n4,5,6\n'],
		['\t', 'a\tb\tc\n1\t2,5\t3\n4\t5\t6\n'],
		[';', 'a;b;c\n1;2,5;3\n4;5,1;6\n'],
		['|', 'a|b|c\n1|2|3\n'],
		[',', 'name,note\n"Hull; East","a|b"\n"x;y;z",w\n']
	])('finds %j', (delimiter, text) => {
		expect(sniffDelimiter(text).delimiter).toBe(delimiter);
	});

	it('counts quoted delimiters as part of a value', () => {
		const guess = sniffDelimiter('code,name\nE1,"Birmingham, Edgbaston"\nE2,"Liverpool, Walton"\n');
		expect(guess).toEqual({ delimiter: ',', fields: 2, consistency: 1 });
	});
});

describe('parseDelimited: RFC 4180', () => {
	it('reads doubled quotes, embedded delimiters and embedded line breaks', () => {
		const text = 'name,note\r\n"Birmingham, Edgbaston","He said ""hi""\r\nthen left"\r\nHull,plain\r\n';
		expect(rows(parseDelimited(text))).toEqual([
			['Birmingham, Edgbaston', 'He said "hi"\r\nthen left'],
			['Hull', 'plain']
		]);
	});

	it.each([
		['LF', '\n'],
		['CRLF', '\r\n'],
		['CR', '\r']
	])('reads %s line endings, with or without a final line break', (_, eol) => {
		const body = ['a,b', '1,2', '3,4'].join(eol);
		for (const text of [body, body + eol]) {
			const t = table(parseDelimited(text));
			expect(t.header).toEqual(['a', 'b']);
			expect(t.columns.map(cellsToArray)).toEqual([
				['1', '3'],
				['2', '4']
			]);
		}
	});

	it('keeps a quote inside an unquoted value as a character', () => {
		expect(rows(parseDelimited('h,w\n5\'11",x"y\n'))).toEqual([['5\'11"', 'x"y']]);
	});

	it('keeps an empty quoted value in a one-column file (it is not a blank line)', () => {
		const t = table(parseDelimited('name\n""\nHull\n', { delimiter: ',' }));
		expect(cellsToArray(t.columns[0])).toEqual(['', 'Hull']);
	});

	it('skips blank lines and says so', () => {
		const r = parseDelimited('a,b\n1,2\n\n   \n3,4\n\n\n');
		expect(table(r).rowCount).toBe(2);
		expect(r.ok && r.warnings.map((w) => w.code)).toEqual(['blank-lines-skipped']);
	});

	it('ignores a BOM left in the text', () => {
		expect(table(parseDelimited('\ufeffcode,name\nE1,x\n')).header).toEqual(['code', 'name']);
	});

	it('drops the trailing empty cells Excel adds, with a warning', () => {
		const r = parseDelimited('a,b\n1,2,,\n3,4\n');
		expect(rows(r)).toEqual([
			['1', '2'],
			['3', '4']
		]);
		expect(r.ok && r.warnings[0].code).toBe('trailing-empty-fields');
	});
});

describe('parseDelimited: errors are typed, with nothing returned', () => {
	it('reports ragged rows by line with expected and found counts', () => {
		const r = parseDelimited('a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n', { delimiter: ',' });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r).not.toHaveProperty('value');
		expect(r.error).toMatchObject({
			code: 'ragged-rows',
			expected: 3,
			total: 2,
			lines: [
				{ line: 3, found: 2 },
				{ line: 5, found: 4 }
			]
		});
		expect(r.error.message).toContain('line 3 has 2');
		expect(r.error.message).toContain('line 5 has 4');
	});

	it('lists at most five ragged lines and counts the rest', () => {
		const text = 'a,b\n' + Array.from({ length: 12 }, (_, i) => `${i}`).join('\n');
		const r = parseDelimited(text, { delimiter: ',' });
		expect(!r.ok && r.error).toMatchObject({ code: 'ragged-rows', total: 12 });
		expect(!r.ok && r.error.message).toContain('(and 7 more)');
	});

	it('can pad short rows or skip ragged ones when asked', () => {
		const text = 'a,b,c\n1,2\n3,4,5\n';
		expect(rows(parseDelimited(text, { ragged: 'pad' }))).toEqual([
			['1', '2', ''],
			['3', '4', '5']
		]);
		expect(rows(parseDelimited(text, { ragged: 'skip' }))).toEqual([['3', '4', '5']]);
	});

	it('names the line where an unclosed quote began', () => {
		const r = parseDelimited('a,b\n1,x\n2,"open\n3,y\n4,z\n');
		expect(!r.ok && r.error).toMatchObject({ code: 'unbalanced-quotes', line: 3 });
		expect(!r.ok && r.error.message).toMatch(/starts on line 3/);
	});

	it('counts lines inside earlier quoted values when naming the line', () => {
		const r = parseDelimited('a,b\n1,"two\nlines"\n2,"open\n');
		expect(!r.ok && r.error).toMatchObject({ code: 'unbalanced-quotes', line: 4 });
	});

	it('refuses a header with no rows', () => {
		for (const text of ['a,b,c', 'a,b,c\n', 'a,b,c\r\n\r\n']) {
			const r = parseDelimited(text);
			expect(!r.ok && r.error).toMatchObject({ code: 'header-only', header: ['a', 'b', 'c'] });
		}
	});

	it('refuses text with no lines at all', () => {
		expect(!parseDelimited('\n\n').ok && parseDelimited('\n\n')).toMatchObject({ error: { code: 'empty-file' } });
	});

	it('stops at the row limit with a clear message', () => {
		const text = 'a\n' + Array.from({ length: 11 }, (_, i) => i).join('\n');
		const r = parseDelimited(text, { maxRows: 10 });
		expect(!r.ok && r.error).toMatchObject({ code: 'too-many-rows', limit: 10 });
		expect(!r.ok && r.error.message).toContain('more than 10 data rows');
		expect(table(parseDelimited(text, { maxRows: 11 })).rowCount).toBe(11);
	});

	it('refuses more columns than the limit', () => {
		const r = parseDelimited('a,b,c,d\n1,2,3,4\n', { maxColumns: 3 });
		expect(!r.ok && r.error).toMatchObject({ code: 'too-many-columns', found: 4, limit: 3 });
	});
});

describe('parseDelimited: delimiter choice', () => {
	it('warns when a forced delimiter leaves one column, naming the likely one', () => {
		const r = parseDelimited('code;name\nE1;Hull\nE2;Leeds\n', { delimiter: ',' });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.header).toEqual(['code;name']);
		expect(r.warnings).toEqual([expect.objectContaining({ code: 'single-column', message: expect.stringMatching(/semicolon-separated.*delimiter right/) })]);
	});

	it('warns on a genuine one-column file too', () => {
		const r = parseDelimited('name\nHull\nLeeds\n');
		expect(r.ok && r.warnings[0].code).toBe('single-column');
	});
});

describe('header names', () => {
	it('makes duplicate and empty names unique, case-insensitively', () => {
		const warnings: { code: string }[] = [];
		expect(uniqueHeader(['name', 'Name', '', 'name_2', ' value ', 'name'], warnings as never)).toEqual(['name', 'Name_3', 'column_3', 'name_2', 'value', 'name_4']);
		expect(warnings.map((w) => w.code)).toEqual(['duplicate-header', 'empty-header', 'duplicate-header', 'trimmed-header']);
	});

	it('keeps hostile names verbatim as strings', () => {
		const hostile = ['a"; DROP TABLE x; --', '<img src=x onerror=alert(1)>', "'; SELECT 1; --", 'x'.repeat(5000)];
		const text = hostile.map((h) => `"${h.replaceAll('"', '""')}"`).join(',') + '\n1,2,3,4\n';
		const t = table(parseDelimited(text));
		expect(t.header).toEqual(hostile);
		expect(t.originalHeader).toEqual(hostile);
	});

	it('keeps the original header cells beside the cleaned names', () => {
		const t = table(parseDelimited(' a ,a,\n1,2,3\n'));
		expect(t.originalHeader).toEqual([' a ', 'a', '']);
		expect(t.header).toEqual(['a', 'a_2', 'column_3']);
	});
});

it('maps all 32 Windows-1252 high control positions', () => {
	expect(CP1252_80_9F).toHaveLength(32);
});
