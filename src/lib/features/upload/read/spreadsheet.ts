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
 * before inflating), the sheet XML alone, rows and columns. A part must then unpack to exactly its
 * declared size (`zip.ts` counts as it inflates), so a forged size is reported as damage, never
 * read as a truncated or empty sheet.
 */
import { type UploadResult, fail, formatBytes, ok, quoteForMessage, uploadError } from '../types';
import { XmlError, attr, scanXml } from './xml';
import { columnOfReference, readSharedStrings, readSheet, toCsv, tooBigForTab } from './xlsx-sheet';
import { ZipError, ZipSizeError, type ZipEntry, listZip, readZipEntry } from './zip';
import { XLSX_LIMITS, type XlsxLimits } from './xlsx-limits';

export { XLSX_LIMITS, type XlsxLimits };

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
	const sheetLabel = `the sheet ${quoteForMessage(sheetName)}`;
	try {
		let shared: string[] = [];
		if (stringsEntry) {
			const part = readPart(bytes, stringsEntry, lim.maxUnpackedBytes, `its shared strings (${stringsEntry.name})`, PARTS_LIMIT);
			if (!part.ok) return part;
			shared = readSharedStrings(xmlText(part.value));
		}
		const part = readPart(bytes, sheetEntry, lim.maxSheetBytes, sheetLabel, 'the limit for one sheet');
		if (!part.ok) return part;
		const table = readSheet(xmlText(part.value), shared, sheetName, lim);
		if (!table.ok) return table;
		return toCsv(table.value, sheetName, lim);
	} catch (error) {
		if (error instanceof XmlError) return fail(damaged(`${sheetLabel} is not well-formed XML (${error.message})`));
		if (error instanceof RangeError) return fail(tooBigForTab(sheetName, lim));
		return fail(damaged('it could not be unpacked'));
	}
}

const PARTS_LIMIT = 'the limit for the parts read to open one sheet';
const ADVICE = 'Open it in Excel and save it again, or save the sheet as "CSV UTF-8" and upload that.';

/**
 * One part's bytes, or the reason it cannot be read: its compressed data is damaged, or it does
 * not unpack to the size it declares (a forged size, as in a zip bomb). `limit` stops the
 * inflating of a forged part; `limitName` says which limit that is.
 */
function readPart(bytes: Uint8Array, entry: ZipEntry, limit: number, what: string, limitName: string): UploadResult<Uint8Array> {
	try {
		return ok(readZipEntry(bytes, entry, limit));
	} catch (error) {
		if (error instanceof ZipSizeError) return fail(forgedSize(what, error, limitName));
		if (error instanceof ZipError) return fail(damaged(`the compressed data of ${what} cannot be unpacked (${error.message}). Nothing was imported`));
		throw error;
	}
}

function forgedSize(what: string, e: ZipSizeError, limitName: string) {
	// Exact byte counts when rounding would make the two sizes look alike.
	const [declared, actual] = e.actual !== null && formatBytes(e.declared) === formatBytes(e.actual) ? [e.declared, e.actual].map((n) => `${n.toLocaleString('en-GB')} bytes`) : [formatBytes(e.declared), formatBytes(e.actual ?? 0)];
	const message =
		e.actual === null
			? `This Excel workbook (.xlsx) is damaged or deliberately inflated (a zip bomb): ${what} declares ${declared} unpacked, but its compressed data expands to more than ${formatBytes(e.limit)}, ${limitName}, so it was not read. Nothing was imported. ${ADVICE}`
			: `This Excel workbook (.xlsx) is damaged: ${what} declares ${declared} unpacked, but its compressed data expands to ${actual}, so it was not read. Nothing was imported. ${ADVICE}`;
	return uploadError({ code: 'binary', format: 'xlsx', message });
}

// ---------------------------------------------------------------------------------------------
// The workbook: which parts exist, which sheets there are and where each one lives.

interface SheetRef {
	readonly name: string;
	/** Lower-case path of the part inside the ZIP. */
	readonly path: string;
}

interface OpenedWorkbook {
	/** Keyed by lower-case path, since some writers vary the case. */
	readonly entries: Map<string, ZipEntry>;
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
				message: 'This is an old-style Excel workbook (.xls) or a password-protected one, which cannot be read here. Open it in your spreadsheet and save it as an Excel Workbook (.xlsx) or "CSV UTF-8", then upload that.'
			})
		);
	}
	const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
	const entries = new Map<string, ZipEntry>();
	if (isZip) {
		try {
			// A listing pass: every part's declared size, and nothing inflated.
			for (const entry of listZip(bytes)) entries.set(entry.name.replace(/\\/g, '/').toLowerCase(), entry);
		} catch {
			entries.clear();
		}
	}
	if (!entries.size) {
		return fail(
			uploadError({
				code: 'binary',
				format: isZip ? 'zip' : 'unknown',
				message: 'This file is not an Excel workbook (.xlsx): it could not be opened as one, so it may be damaged or another kind of file. ' + 'If it is a CSV or TSV, give it a .csv name; if it came from Excel, open it there and save it again as .xlsx or "CSV UTF-8".'
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
		const workbookPart = readPart(bytes, workbook, lim.maxUnpackedBytes, `its list of sheets (${workbook.name})`, PARTS_LIMIT);
		if (!workbookPart.ok) return workbookPart;
		const relsPart = rels ? readPart(bytes, rels, lim.maxUnpackedBytes, `its list of parts (${rels.name})`, PARTS_LIMIT) : null;
		if (relsPart && !relsPart.ok) return relsPart;
		const declared = readWorkbookSheets(xmlText(workbookPart.value));
		const targets = relsPart ? readRelationships(xmlText(relsPart.value)) : new Map<string, Relationship>();
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
	return uploadError({ code: 'binary', format: 'xlsx', message: `This Excel workbook (.xlsx) is damaged: ${what}. ${ADVICE}` });
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
