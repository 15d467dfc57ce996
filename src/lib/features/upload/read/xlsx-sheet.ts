/**
 * One worksheet's XML → a table → CSV text (see `spreadsheet.ts` for the workbook around it).
 * Cells are placed by their reference, gaps filled, blank rows and empty leading columns dropped.
 */
import { csvField } from '$lib/export/csv';
import type { XlsxLimits } from './xlsx-limits';
import { type UploadResult, fail, formatBytes, ok, quoteForMessage, uploadError } from '../types';
import { XmlError, attr, attrValueStart, decodeEntities, decodeOoxmlEscapes, scanXml, type XmlHandler } from './xml';

const EXCEL_COLUMNS = 16384; // A … XFD

export function tooBigForTab(sheetName: string, lim: XlsxLimits) {
	return uploadError({
		code: 'too-large',
		size: lim.maxTextChars + 1,
		limit: lim.maxTextChars,
		message: `The sheet ${quoteForMessage(sheetName)} is too big to convert in this browser tab (over ${formatBytes(lim.maxTextChars)} as text). Save just the columns and rows you need as "CSV UTF-8" and upload that.`
	});
}

/** `<si>` holds a plain `<t>` or rich-text runs `<r><t>…</t></r>`; phonetic hints (`<rPh>`) are not text. */
export function readSharedStrings(xml: string): string[] {
	const strings: string[] = [];
	let parts: string[] = [];
	let inItem = false;
	let phonetic = 0;
	const h: XmlHandler = {
		capture: false,
		open(name, _attrs, selfClosing) {
			if (name === 'si') {
				if (selfClosing) strings.push('');
				else {
					inItem = true;
					parts = [];
				}
			} else if (name === 'rPh' && !selfClosing) phonetic++;
			else if (name === 't' && inItem && !phonetic && !selfClosing) h.capture = true;
		},
		close(name) {
			if (name === 't') h.capture = false;
			else if (name === 'rPh') phonetic = Math.max(0, phonetic - 1);
			else if (name === 'si' && inItem) {
				strings.push(decodeOoxmlEscapes(parts.join('')));
				inItem = false;
			}
		},
		text(raw, cdata) {
			parts.push(cdata ? raw : decodeEntities(raw));
		}
	};
	scanXml(xml, h);
	return strings;
}

// ---------------------------------------------------------------------------------------------
// The sheet

interface SheetRow {
	/** Column of `cells[0]`. */
	readonly first: number;
	readonly cells: string[];
}

interface SheetTable {
	readonly rows: SheetRow[];
	readonly firstColumn: number;
	readonly lastColumn: number;
}

class SheetLimit {
	constructor(readonly result: UploadResult<never>) {}
}

/** 27 → "AB". */
function columnName(col: number): string {
	let name = '';
	for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

/** "AB12" → 27; null when the reference is not a cell reference. */
export function columnOfReference(ref: string, from = 0): number | null {
	let col = 0;
	let i = from;
	for (; i < ref.length && i < from + 4; i++) {
		const c = ref.charCodeAt(i) | 0x20; // lower-case
		if (c < 0x61 || c > 0x7a) break;
		col = col * 26 + (c - 0x60);
	}
	if (i === from || i > from + 3 || col > EXCEL_COLUMNS) return null;
	return col - 1;
}

export function readSheet(xml: string, shared: readonly string[], sheetName: string, lim: XlsxLimits): UploadResult<SheetTable> {
	const rows: SheetRow[] = [];
	let firstColumn = Infinity;
	let lastColumn = -1;

	let inSheetData = false;
	let inRow = false;
	let rowCols: number[] = [];
	let rowValues: string[] = [];
	let cursor = -1;

	let inCell = false;
	let cellCol = 0;
	let cellType = '';
	let value = '';
	let inline = '';
	let inInline = false;
	let inPhonetic = 0;
	let target: 'v' | 't' | null = null;
	// Formulas without a saved result, as written by generators that do not calculate.
	let rowNumber = 0;
	let hasFormula = false;
	let hasValue = false;
	let uncalculated = 0;
	let firstUncalculated = '';

	const h: XmlHandler = {
		capture: false,
		open(name, attrs, selfClosing) {
			if (name === 'sheetData') {
				inSheetData = !selfClosing;
			} else if (!inSheetData) {
				return;
			} else if (name === 'row') {
				inRow = true;
				const r = attr(attrs, 'r');
				rowNumber = r !== null && /^[1-9][0-9]{0,6}$/.test(r) ? Number(r) : rowNumber + 1;
				rowCols = [];
				rowValues = [];
				cursor = -1;
				if (selfClosing) h.close('row');
			} else if (name === 'c' && inRow) {
				// The column is read straight from the reference, without slicing it out.
				const ref = attrValueStart(attrs, 'r');
				const col = ref === -1 ? cursor + 1 : (columnOfReference(attrs.xml, ref) ?? cursor + 1);
				cursor = col;
				if (col >= EXCEL_COLUMNS) throw new XmlError(`cell reference beyond column XFD`);
				if (selfClosing) return;
				inCell = true;
				cellCol = col;
				cellType = attr(attrs, 't') ?? 'n';
				value = '';
				inline = '';
				inInline = false;
				inPhonetic = 0;
				hasFormula = false;
				hasValue = false;
			} else if (!inCell) {
				return;
			} else if (name === 'f') {
				hasFormula = true; // a shared formula's other cells have a self-closing <f/>
			} else if (selfClosing) {
				if (name === 'v') hasValue = true;
			} else if (name === 'v') {
				hasValue = true;
				target = 'v';
				h.capture = true;
			} else if (name === 'is') {
				inInline = true;
			} else if (name === 'rPh') {
				inPhonetic++;
			} else if (name === 't' && inInline && !inPhonetic) {
				target = 't';
				h.capture = true;
			}
		},
		close(name) {
			if (name === 'v' || name === 't') {
				target = null;
				h.capture = false;
			} else if (name === 'is') {
				inInline = false;
			} else if (name === 'rPh') {
				inPhonetic = Math.max(0, inPhonetic - 1);
			} else if (name === 'c' && inCell) {
				inCell = false;
				const text = cellValue(cellType, value, inline, shared);
				// An empty saved result is only real for a text formula (="" in Excel); a number,
				// boolean or error formula always has one once calculated.
				if (hasFormula && value.trim() === '' && !(hasValue && cellType === 'str')) {
					if (!uncalculated++) firstUncalculated = `${columnName(cellCol)}${rowNumber}`;
				}
				if (text !== '') {
					rowCols.push(cellCol);
					rowValues.push(text);
				}
			} else if (name === 'row' && inRow) {
				inRow = false;
				if (!rowCols.length) return;
				let lo = Infinity;
				let hi = -1;
				for (const c of rowCols) {
					if (c < lo) lo = c;
					if (c > hi) hi = c;
				}
				const cells = new Array<string>(hi - lo + 1).fill('');
				for (let k = 0; k < rowCols.length; k++) cells[rowCols[k] - lo] = rowValues[k];
				rows.push({ first: lo, cells });
				firstColumn = Math.min(firstColumn, lo);
				lastColumn = Math.max(lastColumn, hi);
				// The span only grows, so it can be refused as soon as it is too wide.
				if (lastColumn - firstColumn + 1 > lim.maxColumns) {
					const found = lastColumn - firstColumn + 1;
					throw new SheetLimit(
						fail(
							uploadError({
								code: 'too-many-columns',
								found,
								limit: lim.maxColumns,
								message: `The sheet ${quoteForMessage(sheetName)} uses at least ${found.toLocaleString('en-GB')} columns; the limit is ${lim.maxColumns.toLocaleString('en-GB')}. Remove the columns you do not need, or save the sheet as CSV.`
							})
						)
					);
				}
				if (rows.length - 1 > lim.maxRows) {
					throw new SheetLimit(
						fail(
							uploadError({ code: 'too-many-rows', limit: lim.maxRows, message: `The sheet ${quoteForMessage(sheetName)} has more than ${lim.maxRows.toLocaleString('en-GB')} data rows, the upload limit. Filter or aggregate it first (for example to constituencies).` })
						)
					);
				}
			} else if (name === 'sheetData') {
				inSheetData = false;
			}
		},
		text(raw, cdata) {
			const t = cdata ? raw : decodeEntities(raw);
			if (target === 'v') value += t;
			else if (target === 't') inline += t;
		}
	};
	try {
		scanXml(xml, h);
	} catch (error) {
		if (error instanceof SheetLimit) return error.result;
		throw error;
	}
	if (uncalculated) {
		const cells = uncalculated === 1 ? `1 cell (${firstUncalculated}) is a formula` : `${uncalculated.toLocaleString('en-GB')} cells (the first is ${firstUncalculated}) are formulas`;
		return fail(
			uploadError({
				code: 'uncalculated-formulas',
				cells: uncalculated,
				message: `In the sheet ${quoteForMessage(sheetName)}, ${cells} without a saved value: the program that wrote this file did not calculate them, so there are no values to read. Open the file in Excel or LibreOffice and save it, which calculates and saves the values, or export the sheet as "CSV UTF-8", then upload it again. Nothing was imported.`
			})
		);
	}
	if (!rows.length) {
		return fail(uploadError({ code: 'empty-file', message: `The sheet ${quoteForMessage(sheetName)} is empty: none of its cells has a value. Choose another sheet.` }));
	}
	return ok({ rows, firstColumn, lastColumn });
}

function cellValue(type: string, v: string, inline: string, shared: readonly string[]): string {
	switch (type) {
		case 's': {
			const index = Number(v.trim());
			return Number.isInteger(index) && index >= 0 && index < shared.length ? shared[index] : '';
		}
		case 'inlineStr':
			return decodeOoxmlEscapes(inline || v);
		case 'str':
			return decodeOoxmlEscapes(v);
		case 'b': {
			const b = v.trim();
			return b === '1' ? 'TRUE' : b === '0' ? 'FALSE' : b;
		}
		case 'e':
			return '';
		default:
			// 'n', 'd' (ISO date text) and anything unknown: the text as written.
			return v.trim();
	}
}

// ---------------------------------------------------------------------------------------------
// CSV out

export function toCsv(table: SheetTable, sheetName: string, lim: XlsxLimits): UploadResult<string> {
	const width = table.lastColumn - table.firstColumn + 1;
	const lines: string[] = new Array(table.rows.length);
	let chars = 0;
	const row = new Array<string>(width);
	for (let r = 0; r < table.rows.length; r++) {
		const { first, cells } = table.rows[r];
		row.fill('');
		const offset = first - table.firstColumn;
		for (let c = 0; c < cells.length; c++) row[offset + c] = csvField(cells[c]);
		const line = row.join(',');
		chars += line.length + 1;
		if (chars > lim.maxTextChars) return fail(tooBigForTab(sheetName, lim));
		lines[r] = line;
	}
	return ok(`${lines.join('\n')}\n`);
}
