/**
 * Properties: whatever bytes a user picks, the pipeline answers with a result or an UploadError,
 * never a thrown exception; and a table written with proper quoting reads back unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../read/decode';
import { DELIMITERS, parseDelimited } from '../read/delimited';
import { REFERENCE_FIXTURE as REF, toDelimited, utf8 } from '../../../../../tests/fixtures/upload';
import { inferColumns } from '../read/infer';
import { scoreKeyColumns } from '../match/keys';
import { matchNames } from '../match/match';
import { prepareDelimitedUpload } from './prepare';
import { cellsToArray } from '../read/text-column';
import { isUploadError } from '../types';
import { bytesCorpus, examples, fuzzRuns, listCorpus, textCorpus } from '../../../../../tests/fuzz-corpus/corpus';

const TEXT = textCorpus('delimited-text');
const BYTES = bytesCorpus('upload-bytes');

const asciiChar = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 });

/** Strings dense in the characters that make CSV hard. */
const csvish = fc.string({
	unit: fc.oneof(fc.constantFrom(',', '"', '\n', '\r', '\r\n', ';', '\t', '|', ' ', '\ufeff', '£', 'é'), asciiChar),
	maxLength: 300
});

function checkTable(text: string) {
	const result = parseDelimited(text);
	if (!result.ok) {
		expect(isUploadError(result.error)).toBe(true);
		expect(result.error.message.length).toBeGreaterThan(10);
		return;
	}
	const t = result.value;
	expect(t.columns).toHaveLength(t.header.length);
	for (const col of t.columns) expect(col.length).toBe(t.rowCount);
	expect(new Set(t.header.map((h) => h.toLowerCase())).size).toBe(t.header.length);
	expect(t.header.every((h) => h.length > 0 && h === h.trim())).toBe(true);
	// The later steps must cope with whatever the parser accepted.
	inferColumns(t);
	scoreKeyColumns(t, REF);
}

describe('never an exception', () => {
	it('arbitrary bytes: decode + parse give a result or an UploadError', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
				const decoded = decodeBytes(bytes);
				if (decoded.ok) checkTable(decoded.value.text);
				else expect(isUploadError(decoded.error)).toBe(true);
			}),
			{ numRuns: fuzzRuns(1000), examples: examples(BYTES) }
		);
	});

	it('arbitrary CSV-like text: parse gives a result or an UploadError', () => {
		fc.assert(fc.property(csvish, checkTable), { numRuns: fuzzRuns(2000), examples: examples(TEXT) });
	});

	it('arbitrary Unicode text, including lone surrogates and NULs', () => {
		fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), checkTable), { numRuns: fuzzRuns(1000), examples: examples(TEXT) });
	});

	it('the whole pipeline never reports an unexpected (caught) exception', () => {
		fc.assert(
			fc.property(fc.oneof(csvish.map(utf8), fc.uint8Array({ maxLength: 500 })), (bytes) => {
				const result = prepareDelimitedUpload(bytes, REF);
				if (!result.ok) {
					expect(result.error.code).not.toBe('unexpected');
					expect(result.error.message.length).toBeGreaterThan(10);
				}
			}),
			{ numRuns: fuzzRuns(1000), examples: examples([...BYTES, ...TEXT.map(utf8)]) }
		);
	});

	it('name matching copes with any string, and accounts for every row once', () => {
		const names = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom(...REF.map((s) => s.name))), {
			maxLength: 8
		});
		fc.assert(
			fc.property(names, (values) => {
				const report = matchNames(values, REF, '2010');
				const rows = [...report.matched, ...report.unmatched, ...report.otherSet].flatMap((k) => k.rows);
				expect([...rows, ...report.blankRows].sort((a, b) => a - b)).toEqual(values.map((_, i) => i));
				expect(report.rowCodes).toHaveLength(values.length);
			}),
			{ numRuns: fuzzRuns(1000), examples: examples(listCorpus('names')) }
		);
	});
});

describe('CSV round trip', () => {
	const headerName = fc
		.string({ minLength: 1, maxLength: 12, unit: fc.oneof(fc.constantFrom('"', ',', ';', '|', '\n', 'é', ' '), asciiChar) })
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
	const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
		fc.record({
			header: fc.uniqueArray(headerName, { minLength: width, maxLength: width, selector: (h) => h.toLowerCase() }),
			rows: fc.array(fc.array(csvish, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 20 }),
			delimiter: fc.constantFrom(...DELIMITERS),
			eol: fc.constantFrom('\n', '\r\n', '\r')
		})
	);

	it('text: serialise with proper quoting, parse, get the same table', () => {
		fc.assert(
			fc.property(table, ({ header, rows, delimiter, eol }) => {
				const result = parseDelimited(toDelimited([header, ...rows], delimiter, eol), { delimiter });
				if (!result.ok) throw new Error(result.error.message);
				expect(result.value.header).toEqual(header);
				const columns = result.value.columns.map(cellsToArray);
				expect(rows.map((_, r) => columns.map((c) => c[r]))).toEqual(rows);
			}),
			{ numRuns: 500 }
		);
	});

	it('bytes: UTF-8 with or without a BOM decodes and parses back to the same table', () => {
		const special = fc.constantFrom(',', '"', '\n', ';', '|', ' ', '£', 'é', 'Môn');
		const printable = fc.string({ unit: fc.oneof(special, asciiChar), maxLength: 30 });
		fc.assert(
			fc.property(fc.uniqueArray(headerName, { minLength: 2, maxLength: 4, selector: (h) => h.toLowerCase() }), fc.array(printable, { minLength: 8, maxLength: 8 }), fc.boolean(), (header, cells, bom) => {
				const rows = [cells.slice(0, header.length), cells.slice(4, 4 + header.length)];
				const text = toDelimited([header, ...rows], ',', '\r\n');
				const bytes = utf8(bom ? `\ufeff${text}` : text);
				const decoded = decodeBytes(bytes);
				if (!decoded.ok) throw new Error(decoded.error.message);
				const parsed = parseDelimited(decoded.value.text, { delimiter: ',' });
				if (!parsed.ok) throw new Error(parsed.error.message);
				expect(parsed.value.header).toEqual(header);
				expect(parsed.value.columns.map(cellsToArray)).toEqual(header.map((_, c) => rows.map((r) => r[c])));
			}),
			{ numRuns: 300 }
		);
	});
});
