/**
 * Every bad upload the issue lists, through the wizard's single entry point. Each failure must
 * be a typed UploadError with a readable message and no value at all, so nothing half-read can
 * reach DuckDB.
 */
import { describe, expect, it } from 'vitest';
import { BAD_INPUTS, PNG_SIGNATURE, REFERENCE_FIXTURE as REF, largeCsv, utf8 } from '../../../../../tests/fixtures/upload';
import { matchCodes } from '../match/match';
import { type PrepareOptions, type PreparedUpload, prepareDelimitedUpload, prepareFile } from './prepare';
import { cellsToArray } from '../read/text-column';
import type { UploadErrorCode, UploadResult } from '../types';

const prepare = (bytes: Uint8Array, options: PrepareOptions = {}) => prepareDelimitedUpload(bytes, REF, { fileName: 'upload.csv', ...options });

function expectRefused(result: UploadResult<PreparedUpload>, code: UploadErrorCode, message: RegExp) {
	expect(result.ok).toBe(false);
	expect(result).not.toHaveProperty('value');
	if (result.ok) return;
	expect(result.error.kind).toBe('upload-error');
	expect(result.error.code).toBe(code);
	expect(result.error.message).toMatch(message);
	return result.error;
}

function prepared(result: UploadResult<PreparedUpload>): PreparedUpload {
	if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
	return result.value;
}

describe('bad uploads get a clear typed message and nothing else', () => {
	it('an empty file', () => {
		expectRefused(prepare(BAD_INPUTS.empty()), 'empty-file', /empty/);
	});

	it('only a header', () => {
		const error = expectRefused(prepare(BAD_INPUTS.headerOnly()), 'header-only', /header row .* but no data rows/);
		expect(error).toMatchObject({ header: ['ons_id', 'constituency_name', 'members'] });
	});

	it('ragged rows', () => {
		const error = expectRefused(prepare(BAD_INPUTS.ragged()), 'ragged-rows', /line 3 has 2.*line 4 has 4/);
		expect(error).toMatchObject({ expected: 3, total: 2 });
	});

	it('unbalanced quotes', () => {
		expectRefused(prepare(BAD_INPUTS.unbalancedQuotes()), 'unbalanced-quotes', /starts on line 3/);
	});

	it('binary junk named .csv: random bytes with NULs', () => {
		expectRefused(prepare(BAD_INPUTS.binaryJunk()), 'binary', /binary data/);
	});

	it('binary junk named .csv: a PNG', () => {
		expectRefused(prepare(BAD_INPUTS.png()), 'binary', /binary data \(a PNG image\)/);
	});

	it('no recognisable key column', () => {
		expectRefused(prepare(BAD_INPUTS.noKey()), 'no-key-column', /No column looks like a constituency key/);
	});

	it('a 2 GB file is refused before reading, with the limit stated', async () => {
		let read = false;
		const file = {
			name: 'huge.csv',
			size: 2 * 1024 ** 3,
			arrayBuffer: async () => ((read = true), new ArrayBuffer(0))
		};
		const result = await prepareFile(file, REF);
		expectRefused(result, 'too-large', /2\.1 GB; the upload limit is 200 MB/);
		expect(read).toBe(false);
	});
});

describe('the wrong delimiter', () => {
	it('a semicolon file is detected as such', () => {
		const up = prepared(prepare(BAD_INPUTS.semicolons()));
		expect(up.table.delimiter).toBe(';');
		expect(up.table.header).toEqual(['ons_id', 'name', 'share']);
		expect(up.keys[0]).toMatchObject({ column: 'ons_id', kind: 'gss-2010' });
	});

	it('forced to comma, it fails with a hint to use semicolons', () => {
		const error = expectRefused(prepare(BAD_INPUTS.semicolons(), { delimiter: ',' }), 'ragged-rows', /semicolon-separated/);
		expect(error).toMatchObject({ suggestedDelimiter: ';' });
	});

	it('forced to comma without decimal commas, the key error says one column was found', () => {
		const text = 'ons_id;members\nE14000530;10\nE14000642;20\n';
		expectRefused(prepare(utf8(text), { delimiter: ',' }), 'no-key-column', /Only one column.*semicolon-separated/);
	});
});

describe('data that is fine but needs the user to look', () => {
	it('Windows-1252 text with £ and é decodes correctly', () => {
		const result = prepare(BAD_INPUTS.windows1252());
		const up = prepared(result);
		expect(up.encoding).toBe('windows-1252');
		expect(cellsToArray(up.table.columns[1])).toEqual(['Ynys Môn', 'Pen-y-bont ar Ogwr']);
		expect(cellsToArray(up.table.columns[2])).toEqual(['£1,200', '£950']);
		expect(cellsToArray(up.table.columns[3])).toEqual(['café', 'résumé']);
		expect(up.columns[2]).toMatchObject({ name: 'budget', type: 'integer', unit: '£' });
		expect(result.ok && result.warnings.map((w) => w.code)).toContain('encoding-fallback');
	});

	it('duplicate keys are listed in the match report', () => {
		const up = prepared(prepare(BAD_INPUTS.duplicateKeys()));
		expect(up.match?.duplicates).toEqual([{ code: 'E14000530', name: 'Aldershot', rows: [0, 2], inputs: ['E14000530'] }]);
	});

	it('codes from the other boundary set are detected as that set, and listed if the user insists', () => {
		const up = prepared(prepare(BAD_INPUTS.otherSetCodes()));
		expect(up.keys[0]).toMatchObject({ kind: 'gss-2024', matchShare: 1 });
		const as2010 = matchCodes(up.table.columns[0], REF, '2010');
		expect(as2010.matched).toEqual([]);
		expect(as2010.otherSet.map((o) => [o.code, o.name, o.set])).toEqual([
			['E14001063', 'Aldershot', '2024'],
			['E14001174', 'Clacton', '2024'],
			['E14001272', 'Hartlepool', '2024']
		]);
	});

	it('a stray code from the other set in a 2010 file is reported, not matched', () => {
		const up = prepared(prepare(utf8('code,v\nE14000530,1\nE14000642,2\nE14000733,3\nE14001174,4\n')));
		expect(up.match).toMatchObject({ set: '2010', otherSet: [{ code: 'E14001174', set: '2024', rows: [3] }] });
		expect(up.match?.rowCodes).toEqual(['E14000530', 'E14000642', 'E14000733', null]);
	});

	it('hostile column names are kept verbatim as strings', () => {
		const up = prepared(prepare(BAD_INPUTS.hostileHeaders()));
		const hostile = ['x"; DROP TABLE results; --', '"><img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'];
		expect(up.table.header.slice(1)).toEqual(hostile);
		expect(up.columns.slice(1).map((c) => c.name)).toEqual(hostile);
		expect(up.columns[1].type).toBe('integer');
	});

	it('an unquoted hostile header is kept verbatim too', () => {
		const up = prepared(prepare(utf8('code,a"; DROP TABLE x; --\nE14000530,1\n')));
		expect(up.table.header).toEqual(['code', 'a"; DROP TABLE x; --']);
	});
});

describe('big files', () => {
	// Its speed is measured by `npm run bench`, never asserted here.
	it('a million rows parse within the row limit', () => {
		const text = largeCsv(1_000_000);
		const up = prepared(prepare(utf8(text)));
		expect(up.table.rowCount).toBe(1_000_000);
		expect(up.columns.map((c) => c.type)).toEqual(['text', 'integer', 'integer', 'percent']);
		expect(up.keys[0]).toMatchObject({ column: 'code', kind: 'gss-2010' });
		expect(up.match?.duplicates.length).toBe(22); // every seat repeats: long format
	});

	it('one row over a configured limit is refused with the limit stated', () => {
		expectRefused(prepare(utf8(largeCsv(101)), { limits: { maxRows: 100 } }), 'too-many-rows', /more than 100 data rows/);
	});

	it('bytes over a configured limit are refused', () => {
		expectRefused(prepare(utf8(largeCsv(100)), { limits: { maxBytes: 1000 } }), 'too-large', /upload limit is 1 kB/);
	});
});

it('fixtures: the PNG fixture starts with the PNG signature', () => {
	expect([...BAD_INPUTS.png().subarray(0, 8)]).toEqual(PNG_SIGNATURE);
});
