/** Writing CSV text for the pipeline from spreadsheet and Parquet values (RFC 4180). */

/** A field with a comma, quote, CR or LF, or with space at either end, is quoted and its quotes doubled. */
export function csvField(value: string): string {
	if (value === '') return '';
	const needs = /[",\r\n]/.test(value) || value.charCodeAt(0) <= 0x20 || value.charCodeAt(value.length - 1) <= 0x20;
	return needs ? `"${value.replace(/"/g, '""')}"` : value;
}
