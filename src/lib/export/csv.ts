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
