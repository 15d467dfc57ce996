/**
 * The record scanner shared by the delimiter sniffer and the parser: RFC 4180 quoting (doubled
 * quotes, delimiters and line breaks inside quotes), and CRLF, LF or lone CR line endings.
 *
 * It reports each field as a [start, end) range of the text, and builds a string only for a
 * field that needs unescaping. Keeping millions of cell strings alive is what makes a big CSV
 * slow (the garbage collector copies each survivor) and heavy (tens of bytes per cell), so the
 * parser stores ranges and slices a cell when someone reads it.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** One record, reused between calls: copy out what you need inside `visit`. */
export interface RecordBuffer {
	count: number;
	readonly starts: number[];
	readonly ends: number[];
	/** Set only for fields that differ from their range (doubled quotes, text after a quote). */
	readonly values: (string | undefined)[];
	/** Physical line (1-based) where the record starts: what a text editor shows. */
	line: number;
	/** A line with nothing but spaces and no quotes: skipped, not read as a row. */
	blank: boolean;
}

export type ScanEnd = { readonly complete: true } | { readonly complete: false; readonly openQuoteLine: number };

export function fieldText(text: string, record: RecordBuffer, k: number): string {
	return record.values[k] ?? text.slice(record.starts[k], record.ends[k]);
}

export function recordFields(text: string, record: RecordBuffer): string[] {
	const out: string[] = [];
	for (let k = 0; k < record.count; k++) out.push(fieldText(text, record, k));
	return out;
}

/**
 * Calls `visit` for each record until the text ends or `visit` returns false.
 * A quote only opens a quoted field at the very start of a field; elsewhere it is an ordinary
 * character, so `5'11"` and `a"; DROP TABLE x; --` stay as typed.
 */
export function scanRecords(text: string, delimiter: string, visit: (record: RecordBuffer) => boolean | void): ScanEnd {
	const D = delimiter.charCodeAt(0);
	const n = text.length;
	const rec: RecordBuffer = { count: 0, starts: [], ends: [], values: [], line: 1, blank: false };
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	let line = 1;
	while (i < n) {
		rec.line = line;
		rec.count = 0;
		let quoted = false;
		for (;;) {
			const k = rec.count++;
			rec.values[k] = undefined;
			if (i < n && text.charCodeAt(i) === QUOTE) {
				quoted = true;
				const openQuoteLine = line;
				const start = i + 1;
				let value: string | undefined;
				let j = start;
				let close: number;
				for (;;) {
					close = text.indexOf('"', j);
					if (close === -1) return { complete: false, openQuoteLine };
					line += countLineBreaks(text, j, close);
					if (text.charCodeAt(close + 1) !== QUOTE) break;
					value = (value ?? '') + text.slice(j, close + 1); // keep one of the two quotes
					j = close + 2;
				}
				if (value !== undefined) value += text.slice(j, close);
				i = close + 1;
				// Text after a closing quote (`"abc"def`) is kept rather than rejected: lenient
				// readers (Excel, DuckDB) do the same, and dropping it silently would be worse.
				const end = fieldEnd(text, i, D);
				if (end > i) value = (value ?? text.slice(start, close)) + text.slice(i, end);
				rec.starts[k] = start;
				rec.ends[k] = close;
				rec.values[k] = value;
				i = end;
			} else {
				const end = fieldEnd(text, i, D);
				rec.starts[k] = i;
				rec.ends[k] = end;
				i = end;
			}
			if (i >= n) break;
			const c = text.charCodeAt(i);
			if (c === D) {
				i++;
				continue;
			}
			i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
			line++;
			break;
		}
		rec.blank = !quoted && rec.count === 1 && isSpace(text, rec.starts[0], rec.ends[0]);
		if (visit(rec) === false) break;
	}
	return { complete: true };
}

function isSpace(text: string, from: number, to: number): boolean {
	for (let k = from; k < to; k++) {
		const c = text.charCodeAt(k);
		if (c !== 32 && c !== 9) return false;
	}
	return true;
}

function fieldEnd(text: string, from: number, D: number): number {
	let k = from;
	const n = text.length;
	while (k < n) {
		const c = text.charCodeAt(k);
		if (c === D || c === LF || c === CR) break;
		k++;
	}
	return k;
}

function countLineBreaks(text: string, from: number, to: number): number {
	let count = 0;
	for (let k = from; k < to; k++) {
		const c = text.charCodeAt(k);
		if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) count++;
	}
	return count;
}
