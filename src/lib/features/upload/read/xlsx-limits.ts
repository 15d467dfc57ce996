/**
 * What an .xlsx may unpack to before it is refused. Its own module because both the workbook
 * reader (`spreadsheet.ts`) and the worksheet reader (`xlsx-sheet.ts`) take these limits, and the
 * workbook reader imports the worksheet reader: kept in either, the two would import each other.
 */
import { DEFAULT_LIMITS } from '../../../model/uploads/limits';

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
