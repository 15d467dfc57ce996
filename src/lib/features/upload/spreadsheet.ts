/**
 * .xlsx → CSV text for the existing pipeline. An .xlsx is a ZIP of XML parts; we unzip only the
 * parts one sheet needs (fflate, with a filter) and read them with the small tokenizer in `xml.ts`.
 *
 * What a cell becomes: shared and inline strings as written; booleans TRUE/FALSE; numbers as the
 * text of `<v>` (a code stored as text keeps its leading zeros; one stored as a number lost them in
 * Excel already); formulas their cached value; errors (#N/A…) empty. Cells are placed by their
 * reference (A1 → column 0), gaps are filled with empty cells, and the first non-empty row is
 * the header. Dates stay Excel serial numbers (the number format is not applied).
 *
 * Limits protect the tab from zip bombs: the declared unpacked size of the parts read (checked
 * before inflating; fflate never writes past a part's declared size), the sheet XML alone, rows
 * and columns.
 */
import { unzipSync } from 'fflate';
import { DEFAULT_LIMITS } from './limits';
import { type UploadResult, fail, formatBytes, ok, quoteForMessage, uploadError } from './types';
import { XmlError, attr, scanXml } from './xml';
import { columnOfReference, readSharedStrings, readSheet, toCsv, tooBigForTab } from './xlsx-sheet';

export interface XlsxLimits {
	/** Unpacked size of all the parts read for one sheet (workbook, relationships, strings, sheet). */
	readonly maxUnpackedBytes: number;
	/** Unpacked size of the sheet's XML. */
	readonly maxSheetBytes: number;
	/** Data rows, not counting the header. */
	readonly maxRows: number;
	readonly maxColumns: number;
	/** Characters of CSV produced; beyond this a tab cannot hold the text and its parse. */
	readonly maxTextChars: number;
}

export const XLSX_LIMITS: XlsxLimits = {
	maxUnpackedBytes: 300 * 1000 * 1000,
	maxSheetBytes: 200 * 1000 * 1000,
	maxRows: DEFAULT_LIMITS.maxRows,
	maxColumns: DEFAULT_LIMITS.maxColumns,
	maxTextChars: 400 * 1000 * 1000
};

export interface XlsxWorkbook {
	/** Worksheet names in workbook order (chart sheets are left out). */
	readonly sheets: string[];
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function readXlsx(bytes: Uint8Array, limits: Partial<XlsxLimits> = {}): UploadResult<XlsxWorkbook> {
	const book = openWorkbook(bytes, { ...XLSX_LIMITS, ...limits });
	return book.ok ? ok({ sheets: book.value.sheets.map((s) => s.name) }) : book;
}

export function xlsxSheetToCsv(bytes: Uint8Array, sheetName: string, limits: Partial<XlsxLimits> = {}): UploadResult<string> {
	const lim = { ...XLSX_LIMITS, ...limits };
	const book = openWorkbook(bytes, lim);
	if (!book.ok) return book;
	const { entries, sheets, sharedStringsPath, baseBytes } = book.value;
	const sheet = sheets.find((s) => s.name === sheetName);
	if (!sheet) {
		return fail(uploadError({ code: 'unexpected', message: `This workbook has no sheet called ${quoteForMessage(sheetName)}. Choose one of: ${sheets.map((s) => quoteForMessage(s.name)).join(', ')}.` }));
	}
	const sheetEntry = entries.get(sheet.path);
	if (!sheetEntry) return fail(damaged(`the sheet ${quoteForMessage(sheetName)} is missing from the file`));
	const stringsEntry = sharedStringsPath ? entries.get(sharedStringsPath) : undefined;
	const total = baseBytes + sheetEntry.originalSize + (stringsEntry?.originalSize ?? 0);
	if (sheetEntry.originalSize > lim.maxSheetBytes || total > lim.maxUnpackedBytes) {
		const sheetTooBig = sheetEntry.originalSize > lim.maxSheetBytes;
		return fail(
			uploadError({
				code: 'too-large',
				size: sheetTooBig ? sheetEntry.originalSize : total,
				limit: sheetTooBig ? lim.maxSheetBytes : lim.maxUnpackedBytes,
				message:
					(sheetTooBig
						? `The sheet ${quoteForMessage(sheetName)} unpacks to ${formatBytes(sheetEntry.originalSize)} of XML; the limit for one sheet is ${formatBytes(lim.maxSheetBytes)}. `
						: `Reading the sheet ${quoteForMessage(sheetName)} means unpacking ${formatBytes(total)}; the limit is ${formatBytes(lim.maxUnpackedBytes)}. `) +
					'The workbook is too big to open here (or is damaged). Save just the columns and rows you need as "CSV UTF-8" and upload that.'
			})
		);
	}
	try {
		const wanted = new Set([sheetEntry.name, stringsEntry?.name].filter((n): n is string => !!n));
		const files = unzipSync(bytes, { filter: (f) => wanted.has(f.name) });
		const shared = stringsEntry ? readSharedStrings(xmlText(files[stringsEntry.name])) : [];
		const table = readSheet(xmlText(files[sheetEntry.name]), shared, sheetName, lim);
		if (!table.ok) return table;
		return toCsv(table.value, sheetName, lim);
	} catch (error) {
		if (error instanceof XmlError) return fail(damaged(`the sheet ${quoteForMessage(sheetName)} is not well-formed XML (${error.message})`));
		if (error instanceof RangeError) return fail(tooBigForTab(sheetName, lim));
		return fail(damaged('it could not be unpacked'));
	}
}

// ---------------------------------------------------------------------------------------------
// The workbook: which parts exist, which sheets there are and where each one lives.

interface Entry {
	readonly name: string;
	readonly originalSize: number;
}

interface SheetRef {
	readonly name: string;
	/** Lower-case path of the part inside the ZIP. */
	readonly path: string;
}

interface OpenedWorkbook {
	/** Keyed by lower-case path, since some writers vary the case. */
	readonly entries: Map<string, Entry>;
	readonly sheets: SheetRef[];
	readonly sharedStringsPath: string | null;
	/** Unpacked bytes of the workbook and its relationships, already read. */
	readonly baseBytes: number;
}

function openWorkbook(bytes: Uint8Array, lim: XlsxLimits): UploadResult<OpenedWorkbook> {
	if (bytes.length >= OLE2.length && OLE2.every((b, i) => bytes[i] === b)) {
		return fail(
			uploadError({
				code: 'binary',
				format: 'xls',
				message:
					'This is an old-style Excel workbook (.xls) or a password-protected one, which cannot be read here. Open it in your spreadsheet and save it as an Excel Workbook (.xlsx) or "CSV UTF-8", then upload that.'
			})
		);
	}
	const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
	const entries = new Map<string, Entry>();
	if (isZip) {
		try {
			// A listing pass: the filter sees every part's declared size and inflates nothing.
			unzipSync(bytes, {
				filter: (f) => {
					entries.set(f.name.replace(/\\/g, '/').toLowerCase(), { name: f.name, originalSize: f.originalSize });
					return false;
				}
			});
		} catch {
			entries.clear();
		}
	}
	if (!entries.size) {
		return fail(
			uploadError({
				code: 'binary',
				format: isZip ? 'zip' : 'unknown',
				message:
					'This file is not an Excel workbook (.xlsx): it could not be opened as one, so it may be damaged or another kind of file. ' +
					'If it is a CSV or TSV, give it a .csv name; if it came from Excel, open it there and save it again as .xlsx or "CSV UTF-8".'
			})
		);
	}
	if (!entries.has('xl/workbook.xml')) {
		const [what, advice] = entries.has('xl/workbook.bin')
			? ['an Excel binary workbook (.xlsb)', 'Open it in Excel and save it as an Excel Workbook (.xlsx) or "CSV UTF-8".']
			: entries.has('content.xml') && entries.has('mimetype')
				? ['an OpenDocument file (.ods)', 'Open it in your spreadsheet and save it as .xlsx or "CSV UTF-8".']
				: ['a ZIP archive with no workbook inside', 'If it is a zipped CSV, unzip it first and upload the CSV.'];
		return fail(uploadError({ code: 'binary', format: 'zip', message: `This file is not an Excel workbook (.xlsx): it is ${what}. ${advice}` }));
	}
	const workbook = entries.get('xl/workbook.xml')!;
	const rels = entries.get('xl/_rels/workbook.xml.rels');
	const baseBytes = workbook.originalSize + (rels?.originalSize ?? 0);
	if (baseBytes > lim.maxUnpackedBytes) {
		return fail(
			uploadError({
				code: 'too-large',
				size: baseBytes,
				limit: lim.maxUnpackedBytes,
				message: `This workbook's index unpacks to ${formatBytes(baseBytes)}, over the ${formatBytes(lim.maxUnpackedBytes)} limit: it is damaged or deliberately inflated, so it was not opened.`
			})
		);
	}
	try {
		const wanted = new Set([workbook.name, rels?.name]);
		const files = unzipSync(bytes, { filter: (f) => wanted.has(f.name) });
		const declared = readWorkbookSheets(xmlText(files[workbook.name]));
		const targets = rels ? readRelationships(xmlText(files[rels.name])) : new Map<string, Relationship>();
		const sheets: SheetRef[] = [];
		for (const [i, s] of declared.entries()) {
			const rel = targets.get(s.rid);
			// Without relationships, fall back to Excel's own naming (sheet1.xml, sheet2.xml…).
			const path = rel ? resolvePart(rel.target) : `xl/worksheets/sheet${i + 1}.xml`;
			const isWorksheet = rel ? /\/worksheet$/i.test(rel.type) || /(^|\/)worksheets\//i.test(path) : true;
			if (isWorksheet && entries.has(path)) sheets.push({ name: s.name, path });
		}
		if (!sheets.length) return fail(uploadError({ code: 'empty-file', message: 'This Excel workbook has no worksheets with cells in it.' }));
		const stringsRel = [...targets.values()].find((r) => /\/sharedStrings$/i.test(r.type));
		const stringsPath = stringsRel ? resolvePart(stringsRel.target) : 'xl/sharedstrings.xml';
		return ok({ entries, sheets, sharedStringsPath: entries.has(stringsPath) ? stringsPath : null, baseBytes });
	} catch (error) {
		return fail(damaged(error instanceof XmlError ? `its list of sheets is not well-formed XML (${error.message})` : 'it could not be unpacked'));
	}
}

function damaged(what: string) {
	return uploadError({
		code: 'binary',
		format: 'xlsx',
		message: `This Excel workbook (.xlsx) is damaged: ${what}. Open it in Excel and save it again, or save the sheet as "CSV UTF-8" and upload that.`
	});
}

/** Parts are UTF-8, or rarely UTF-16 with a byte-order mark. */
function xmlText(bytes: Uint8Array | undefined): string {
	if (!bytes) throw new XmlError('a part is missing');
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
	return new TextDecoder('utf-8').decode(bytes);
}

/** A relationship target is relative to `xl/` unless it starts with '/'. */
function resolvePart(target: string): string {
	const parts = (target.startsWith('/') ? target.slice(1) : `xl/${target}`).replace(/\\/g, '/').split('/');
	const out: string[] = [];
	for (const p of parts) {
		if (p === '..') out.pop();
		else if (p && p !== '.') out.push(p);
	}
	return out.join('/').toLowerCase();
}

function readWorkbookSheets(xml: string): { name: string; rid: string }[] {
	const sheets: { name: string; rid: string }[] = [];
	scanXml(xml, {
		capture: false,
		open(name, attrs) {
			if (name !== 'sheet') return;
			const sheetName = attr(attrs, 'name');
			if (sheetName !== null) sheets.push({ name: sheetName, rid: attr(attrs, 'id', true) ?? '' });
		},
		close() {},
		text() {}
	});
	return sheets;
}

interface Relationship {
	readonly target: string;
	readonly type: string;
}

function readRelationships(xml: string): Map<string, Relationship> {
	const rels = new Map<string, Relationship>();
	scanXml(xml, {
		capture: false,
		open(name, attrs) {
			if (name !== 'Relationship' || attr(attrs, 'TargetMode') === 'External') return;
			const id = attr(attrs, 'Id');
			const target = attr(attrs, 'Target');
			if (id !== null && target !== null) rels.set(id, { target, type: attr(attrs, 'Type') ?? '' });
		},
		close() {},
		text() {}
	});
	return rels;
}

export { columnOfReference, readSharedStrings };
