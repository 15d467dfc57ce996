/**
 * CSV writing for every export (console, map, allocation and the CLI): one writer, so every file
 * a committee opens is made safe the same way.
 *
 * Spreadsheets run a cell as a formula when its text starts with `=`, `+`, `-` or `@` (and some
 * when it starts with a tab or carriage return). They do not all split a line on commas: Excel
 * in a locale whose list separator is `;` splits on `;`, and a paste splits on tabs. So:
 *
 * - every cell and header that contains `,`, `;`, a tab, a quote or a line break is quoted
 *   (RFC 4180: quotes doubled);
 * - a formula start is neutralised with a leading apostrophe, both at the start of the text and
 *   right after any of those characters inside it: `x;=cmd|' /C calc'!A0` is written as
 *   `"x;'=cmd|' /C calc'!A0"`, so the part after the `;` is text in whichever way it is split.
 *
 * Numbers are written as numbers (`-3.2` stays `-3.2`, a number in the spreadsheet); only text
 * is changed. Non-finite numbers and null are written as empty cells.
 *
 * The upload pipeline also writes CSV, but for itself: spreadsheet, Parquet and GeoJSON values
 * become delimited text that the app reads straight back. That text must be lossless, so
 * `csvField` quotes (RFC 4180) and never marks formulas.
 */
export type CsvCell = string | number | boolean | null | undefined;

/** Characters that make a cell need quotes: the separators of any locale, quotes, line breaks. */
const NEEDS_QUOTES = /[,;\t"\r\n]/;
/**
 * Every position at the start of the text or right after a separator, quote or line break, where
 * a formula start follows. Zero-width (look-behind and look-ahead), so `\t=` gets both marks.
 */
const FORMULA_START = /(?<=^|[,;\t"\r\n])(?=[=+\-@\t\r])/g;

/** A cell's text as the spreadsheet will see it, before quoting. */
export function csvText(value: CsvCell): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	return value.replace(FORMULA_START, "'");
}

export function csvCell(value: CsvCell): string {
	const text = csvText(value);
	return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(columns: string[], rows: CsvCell[][]): string {
	const lines = [columns.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
	return lines.join('\n') + '\n';
}

/**
 * A field of CSV text the app reads back itself (the upload pipeline): lossless, so no formula
 * marks. A field with a comma, quote, CR or LF, or with space at either end, is quoted and its
 * quotes doubled.
 */
export function csvField(value: string): string {
	if (value === '') return '';
	const needs = /[",\r\n]/.test(value) || value.charCodeAt(0) <= 0x20 || value.charCodeAt(value.length - 1) <= 0x20;
	return needs ? `"${value.replace(/"/g, '""')}"` : value;
}
