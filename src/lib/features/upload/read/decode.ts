/**
 * Bytes → text. Spreadsheet exports arrive as UTF-8, UTF-8 with a BOM (Excel's "CSV UTF-8"),
 * Windows-1252 (Excel's plain "CSV" on a UK PC, where £ is byte A3) or UTF-16 ("Unicode text").
 * Valid UTF-8 wins, because random Windows-1252 text is almost never valid UTF-8 by accident.
 * Binary files renamed .csv are caught before decoding, so the user gets "this is a ZIP archive"
 * rather than a preview full of garbage.
 */
import { DEFAULT_LIMITS } from '../../../model/uploads/limits';
import { type BinaryFormat, type UploadResult, type UploadWarning, fail, formatBytes, ok, uploadError } from '../types';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface DecodeOptions {
	/** 'auto' (default) detects; anything else is the user's explicit choice and is obeyed. */
	readonly encoding?: TextEncoding | 'auto';
	readonly fileName?: string;
	readonly maxBytes?: number;
}

export interface DecodedText {
	readonly text: string;
	readonly encoding: TextEncoding;
}

/** The sniffing window: enough to see a header and many rows, cheap even for a 200 MB file. */
const SAMPLE_BYTES = 64 * 1024;
/** Real text has almost no control characters besides tab/CR/LF; random bytes have ~12%. */
const MAX_CONTROL_SHARE = 0.02;

/**
 * Refuse an oversized file from its size alone, before `file.arrayBuffer()` tries to pull
 * gigabytes into the tab.
 */
export function checkFileSize(size: number, maxBytes = DEFAULT_LIMITS.maxBytes): UploadResult<number> {
	if (size > maxBytes) {
		return fail(
			uploadError({
				code: 'too-large',
				size,
				limit: maxBytes,
				message: `This file is ${formatBytes(size)}; the upload limit is ${formatBytes(maxBytes)}. ` + 'Filter it to the columns and rows you need, or aggregate it to constituencies, and upload that.'
			})
		);
	}
	return ok(size);
}

export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): UploadResult<DecodedText> {
	const size = checkFileSize(bytes.length, options.maxBytes);
	if (!size.ok) return size;
	if (bytes.length === 0) return emptyError();

	const requested = options.encoding ?? 'auto';
	const utf16 = requested === 'auto' ? utf16FromBom(bytes) : null;
	const encoding = utf16 ?? (requested === 'auto' ? null : requested);

	if (encoding !== 'utf-16le' && encoding !== 'utf-16be') {
		const format = sniffBinary(bytes, options.fileName);
		if (format) return fail(binaryError(format));
	}

	const warnings: UploadWarning[] = [];
	let decoded: DecodedText;
	if (encoding) {
		decoded = { text: decodeWith(bytes, encoding), encoding };
		const replaced = countReplacements(decoded.text);
		if (replaced > 0 && encoding.startsWith('utf-')) {
			warnings.push({
				code: 'encoding-replaced',
				message: `${replaced} character(s) were not valid ${encoding.toUpperCase()} and show as �. Try another encoding if names look wrong.`
			});
		}
	} else {
		const detected = detectEncoding(bytes);
		if (!detected) {
			return fail(
				uploadError({
					code: 'unknown-encoding',
					message: 'We could not tell how the text in this file is encoded. Save it from your spreadsheet as "CSV UTF-8", or choose the encoding by hand.'
				})
			);
		}
		decoded = { text: detected.text, encoding: detected.encoding };
		if (detected.warning) warnings.push(detected.warning);
	}
	if (decoded.text.trim() === '') return emptyError();
	return ok(decoded, warnings);
}

function emptyError(): UploadResult<DecodedText> {
	return fail(
		uploadError({
			code: 'empty-file',
			message: 'This file is empty: it has no header row and no data. Check you picked the right file.'
		})
	);
}

function utf16FromBom(bytes: Uint8Array): TextEncoding | null {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
	return null;
}

/**
 * The characters Windows-1252 puts at bytes 0x80–0x9F (€, curly quotes, dashes…). Browsers
 * decode these, but some Node versions treat the label as ISO-8859-1 and return C1 controls,
 * so we map them ourselves and get the same text everywhere.
 */
export const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWith(bytes: Uint8Array, encoding: TextEncoding): string {
	// TextDecoder strips a BOM matching its own encoding; 'utf-8-bom' is just UTF-8 with one.
	const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
	const text = new TextDecoder(label).decode(bytes);
	return encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]) : text;
}

function countReplacements(text: string): number {
	let n = 0;
	for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) n++;
	return n;
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
	if (bytes.length < offset + signature.length) return false;
	return signature.every((b, i) => bytes[offset + i] === b);
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** Magic numbers of the formats people most often mistake for CSV. */
export function sniffBinary(bytes: Uint8Array, fileName = ''): BinaryFormat | null {
	const sample = bytes.subarray(0, SAMPLE_BYTES);
	if (startsWith(sample, [0x50, 0x4b, 0x03, 0x04]) || startsWith(sample, [0x50, 0x4b, 0x05, 0x06])) {
		// An .xlsx is a ZIP whose first entries are the Office manifest and the xl/ folder.
		const head = new TextDecoder('latin1').decode(sample.subarray(0, 4096));
		const isExcel = /\.xlsx$/i.test(fileName) || head.includes('[Content_Types].xml') || head.includes('xl/');
		return isExcel ? 'xlsx' : 'zip';
	}
	if (startsWith(sample, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
	if (startsWith(sample, ascii('PAR1'))) return 'parquet';
	if (startsWith(sample, ascii('%PDF-'))) return 'pdf';
	if (startsWith(sample, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	if (startsWith(sample, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (startsWith(sample, ascii('GIF8'))) return 'gif';
	if (startsWith(sample, [0x1f, 0x8b])) return 'gzip';

	let nulEven = 0;
	let nulOdd = 0;
	let control = 0;
	for (let i = 0; i < sample.length; i++) {
		const b = sample[i];
		if (b === 0) {
			if (i % 2 === 0) nulEven++;
			else nulOdd++;
		} else if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) {
			control++;
		}
	}
	if (nulEven + nulOdd > 0) {
		// UTF-16 without a BOM puts a NUL in every other byte of ASCII text.
		const half = sample.length / 2;
		const utf16 = half >= 2 && Math.max(nulEven, nulOdd) > 0.4 * half && Math.min(nulEven, nulOdd) < 0.05 * half;
		return utf16 ? 'utf16-no-bom' : 'unknown';
	}
	return control > MAX_CONTROL_SHARE * sample.length ? 'unknown' : null;
}

const FORMAT_TEXT: Record<BinaryFormat, [what: string, advice: string]> = {
	xlsx: ['an Excel workbook', 'Choose the .xlsx option to import a sheet from it.'],
	zip: ['a ZIP archive', 'If it is an Excel workbook, choose the .xlsx option; if it is a zipped CSV, unzip it first.'],
	xls: ['an old-style Excel or Office file (.xls)', 'Open it in your spreadsheet and save it as .xlsx or "CSV UTF-8".'],
	parquet: ['a Parquet file', 'Choose the Parquet option instead.'],
	pdf: ['a PDF document', 'Export the table from the program that made it as CSV.'],
	png: ['a PNG image', 'Upload the data behind the picture as CSV.'],
	jpeg: ['a JPEG image', 'Upload the data behind the picture as CSV.'],
	gif: ['a GIF image', 'Upload the data behind the picture as CSV.'],
	gzip: ['a gzip-compressed file', 'Decompress it first and upload the CSV inside.'],
	'utf16-no-bom': ['UTF-16 text without a byte-order mark', 'Save it from your spreadsheet as "CSV UTF-8".'],
	unknown: ['something unrecognised', 'Check that you picked the right file; a CSV or TSV should open in a text editor.']
};

function binaryError(format: BinaryFormat) {
	const [what, advice] = FORMAT_TEXT[format];
	return uploadError({
		code: 'binary',
		format,
		message: `This file looks like binary data (${what}), not text. ${advice}`
	});
}

interface Detected {
	encoding: TextEncoding;
	text: string;
	warning?: UploadWarning;
}

function detectEncoding(bytes: Uint8Array): Detected | null {
	const encoding: TextEncoding = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 'utf-8-bom' : 'utf-8';
	try {
		// The native strict decoder is the fast path and settles overlongs and surrogates too.
		return { encoding, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
	} catch {
		// not valid UTF-8: fall through
	}
	const { validMultibyte, invalid } = utf8Stats(bytes.subarray(0, 4 * SAMPLE_BYTES));
	// Mostly-valid UTF-8 with a few broken bytes (a bad copy-paste) reads better as UTF-8 with
	// a visible � than as Windows-1252 mojibake of every accented letter.
	if (encoding === 'utf-8-bom' || validMultibyte > invalid) {
		const text = decodeWith(bytes, encoding);
		return {
			encoding,
			text,
			warning: {
				code: 'encoding-replaced',
				message: `${countReplacements(text)} character(s) were not valid UTF-8 and show as �. Check the names in the preview.`
			}
		};
	}
	if (!plausibleWindows1252(bytes)) return null;
	return {
		encoding: 'windows-1252',
		text: decodeWith(bytes, 'windows-1252'),
		warning: {
			code: 'encoding-fallback',
			message: 'This file is not UTF-8, so it was read as Windows-1252 (Excel\'s usual "CSV" on Windows). If letters like £ or é look wrong, choose another encoding.'
		}
	};
}

/** Counts well-formed multi-byte sequences and bytes that break UTF-8's structure. */
function utf8Stats(bytes: Uint8Array): { validMultibyte: number; invalid: number } {
	let validMultibyte = 0;
	let invalid = 0;
	for (let i = 0; i < bytes.length;) {
		const b = bytes[i];
		if (b < 0x80) {
			i++;
			continue;
		}
		const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
		let good = need > 0;
		for (let k = 1; good && k <= need; k++) good = i + k < bytes.length && (bytes[i + k] & 0xc0) === 0x80;
		if (good) {
			validMultibyte++;
			i += need + 1;
		} else {
			invalid++;
			i++;
		}
	}
	return { validMultibyte, invalid };
}

/** Windows-1252 text is mostly ASCII, and never uses the five byte values the code page leaves undefined. */
function plausibleWindows1252(bytes: Uint8Array): boolean {
	const sample = bytes.subarray(0, SAMPLE_BYTES);
	let high = 0;
	for (const b of sample) {
		if (b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d) return false;
		if (b >= 0x80) high++;
	}
	return high <= 0.3 * sample.length;
}
