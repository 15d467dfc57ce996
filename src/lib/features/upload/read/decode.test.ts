import { describe, expect, it } from 'vitest';
import { checkFileSize, decodeBytes, sniffBinary } from './decode';
import { encodeWindows1252, randomBytes, utf8 } from '../../../../../tests/fixtures/upload';

const bytes = (...parts: (number[] | Uint8Array | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : [...p])));

describe('decodeBytes: encodings', () => {
	it('reads plain UTF-8', () => {
		const r = decodeBytes(utf8('name\nYnys Môn\n'));
		expect(r.ok && r.value).toEqual({ text: 'name\nYnys Môn\n', encoding: 'utf-8' });
		expect(r.ok && r.warnings).toEqual([]);
	});

	it('strips the BOM of Excel "CSV UTF-8" and says so', () => {
		const r = decodeBytes(bytes([0xef, 0xbb, 0xbf], 'code,£\n'));
		expect(r.ok && r.value).toEqual({ text: 'code,£\n', encoding: 'utf-8-bom' });
	});

	it('falls back to Windows-1252 for £ é ô written by Excel on Windows', () => {
		const r = decodeBytes(encodeWindows1252('name,budget\nYnys Môn,£1,200 café\n'));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.encoding).toBe('windows-1252');
		expect(r.value.text).toBe('name,budget\nYnys Môn,£1,200 café\n');
		expect(r.warnings.map((w) => w.code)).toEqual(['encoding-fallback']);
	});

	it('decodes the Windows-1252 extras (€, curly quotes, en dash)', () => {
		const r = decodeBytes(encodeWindows1252('a\n€5 – ‘quoted’\n'));
		expect(r.ok && r.value.text).toBe('a\n€5 – ‘quoted’\n');
	});

	it('prefers UTF-8 with a visible � when only a byte or two is broken', () => {
		const r = decodeBytes(bytes('name\nYnys Môn\nCafé\nM', [0xf6], 'n\n'));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.encoding).toBe('utf-8');
		expect(r.value.text).toContain('Ynys Môn');
		expect(r.value.text).toContain('M\ufffdn');
		expect(r.warnings[0].code).toBe('encoding-replaced');
	});

	it('obeys an explicit encoding, even over valid UTF-8', () => {
		const r = decodeBytes(utf8('£'), { encoding: 'windows-1252' });
		expect(r.ok && r.value).toEqual({ text: 'Â£', encoding: 'windows-1252' });
	});

	it('warns when a forced UTF-8 cannot read some bytes', () => {
		const r = decodeBytes(encodeWindows1252('a\n£5\n'), { encoding: 'utf-8' });
		expect(r.ok && r.warnings[0].code).toBe('encoding-replaced');
	});

	it('reads UTF-16 with a BOM (Excel "Unicode text")', () => {
		const text = 'code\tname\nW07000041\tYnys Môn\n';
		const le = new Uint8Array(2 + text.length * 2);
		le.set([0xff, 0xfe]);
		for (let i = 0; i < text.length; i++) {
			le[2 + 2 * i] = text.charCodeAt(i) & 0xff;
			le[3 + 2 * i] = text.charCodeAt(i) >> 8;
		}
		const r = decodeBytes(le);
		expect(r.ok && r.value).toEqual({ text, encoding: 'utf-16le' });
	});
});

describe('decodeBytes: refusals', () => {
	it('refuses an empty file', () => {
		const r = decodeBytes(new Uint8Array(0));
		expect(r.ok).toBe(false);
		expect(!r.ok && r.error.code).toBe('empty-file');
		expect(!r.ok && r.error.message).toMatch(/empty/);
	});

	it('treats a file of blank lines as empty', () => {
		const r = decodeBytes(utf8(' \n\r\n  \n'));
		expect(!r.ok && r.error.code).toBe('empty-file');
	});

	it.each([
		['zip', bytes([0x50, 0x4b, 0x03, 0x04], 'junk'), 'data.csv', /ZIP archive.*\.xlsx option/],
		['xlsx', bytes([0x50, 0x4b, 0x03, 0x04], '....[Content_Types].xml'), 'data.csv', /Excel workbook/],
		['xlsx', bytes([0x50, 0x4b, 0x03, 0x04], 'x'), 'book.xlsx', /Excel workbook/],
		['xls', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.csv', /\.xls/],
		['parquet', bytes('PAR1\x15\x04'), 'a.csv', /Parquet/],
		['pdf', bytes('%PDF-1.7\n'), 'a.csv', /PDF/],
		['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'a.csv', /PNG image/],
		['gzip', bytes([0x1f, 0x8b, 0x08]), 'a.csv.gz', /gzip/]
	])('names a %s file as binary', (format, data, fileName, message) => {
		const r = decodeBytes(data, { fileName });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.error).toMatchObject({ kind: 'upload-error', code: 'binary', format });
		expect(r.error.message).toMatch(/^This file looks like binary data/);
		expect(r.error.message).toMatch(message);
	});

	it('refuses random bytes with NULs', () => {
		const r = decodeBytes(randomBytes(2048, 3));
		expect(!r.ok && r.error).toMatchObject({ code: 'binary', format: 'unknown' });
	});

	it('refuses text full of control characters even without NULs', () => {
		const junk = bytes(
			'a,b\n',
			Array.from({ length: 200 }, (_, i) => 1 + (i % 8))
		);
		expect(sniffBinary(junk)).toBe('unknown');
	});

	it('recognises UTF-16 without a BOM', () => {
		const r = decodeBytes(bytes(Array.from('code,name\n', (c) => [c.charCodeAt(0), 0]).flat()));
		expect(!r.ok && r.error).toMatchObject({ code: 'binary', format: 'utf16-no-bom' });
	});

	it('refuses a 2 GB file from its size alone, stating the limit', () => {
		const r = checkFileSize(2_000_000_000);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.error).toMatchObject({ code: 'too-large', size: 2e9, limit: 200e6 });
		expect(r.error.message).toContain('2 GB');
		expect(r.error.message).toContain('200 MB');
	});

	it('applies a configured byte limit to bytes too', () => {
		const r = decodeBytes(utf8('a,b\n1,2\n'), { maxBytes: 4 });
		expect(!r.ok && r.error.code).toBe('too-large');
	});
});
