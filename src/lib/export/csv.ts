/**
 * CSV writing for every export (app and CLI). Text cells that a spreadsheet would run as a
 * formula (starting = + - @, or tab/CR) are prefixed with an apostrophe; numbers are written as
 * numbers, so a negative value stays a number.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	const text = FORMULA_START.test(value) ? `'${value}` : value;
	return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(columns: string[], rows: CsvCell[][]): string {
	const lines = [columns.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
	return lines.join('\n') + '\n';
}
