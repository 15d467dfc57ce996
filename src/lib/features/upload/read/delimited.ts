/**
 * CSV/TSV text → a column-oriented table of strings. Columns, not rows, because everything
 * downstream (type inference, key detection, building Arrow vectors) walks one column at a
 * time, and ten big arrays cost far less than a million small ones.
 *
 * Values stay strings here; `infer.ts` decides what they mean. Header names are data too: a
 * header like `x"; DROP TABLE results; --` is kept exactly, and only ever quoted by the SQL helpers.
 */
import { type RecordBuffer, fieldText, recordFields, scanRecords } from './csv-scan';
import { DEFAULT_LIMITS } from '../../../model/uploads/limits';
import { type Cells, TextColumn } from './text-column';
import { type Delimiter, type RaggedLine, type UploadResult, type UploadWarning, describeDelimiter, fail, ok, quoteForMessage, uploadError } from '../types';

export const DELIMITERS: readonly Delimiter[] = [',', '\t', ';', '|'];

export interface ParseOptions {
	/** 'auto' (default) sniffs; a fixed choice is obeyed, with a warning if it looks wrong. */
	readonly delimiter?: Delimiter | 'auto';
	readonly maxRows?: number;
	readonly maxColumns?: number;
	/** What to do with rows whose field count differs from the header's. Default 'error'. */
	readonly ragged?: 'error' | 'pad' | 'skip';
}

export interface ParsedTable {
	/** Unique, trimmed, never empty: safe to use as column names. */
	readonly header: readonly string[];
	/** The header cells exactly as they were in the file. */
	readonly originalHeader: readonly string[];
	/** One per header name, each with `rowCount` cells; read a cell with `columns[c].at(r)`. */
	readonly columns: readonly Cells[];
	readonly rowCount: number;
	readonly delimiter: Delimiter;
	readonly delimiterDetected: boolean;
}

export interface DelimiterGuess {
	readonly delimiter: Delimiter;
	/** The usual number of fields per record with this delimiter. */
	readonly fields: number;
	/** Share of sampled records (header included) that have exactly `fields` fields. */
	readonly consistency: number;
}

const SNIFF_RECORDS = 50;
const SNIFF_CHARS = 256 * 1024;
const MAX_REPORTED_LINES = 5;

/** Picks the delimiter that splits the first records into the same number of fields (more than one). */
export function sniffDelimiter(text: string): DelimiterGuess {
	let sample = text.length > SNIFF_CHARS ? text.slice(0, SNIFF_CHARS) : text;
	if (sample.length < text.length) {
		// Cut at a line end, so the last sampled record is not a half line.
		const cut = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
		if (cut > 0) sample = sample.slice(0, cut);
	}
	let best: DelimiterGuess = { delimiter: ',', fields: 1, consistency: 0 };
	for (const delimiter of DELIMITERS) {
		const counts: number[] = [];
		scanRecords(sample, delimiter, (r) => {
			if (!r.blank) counts.push(r.count);
			return counts.length < SNIFF_RECORDS;
		});
		if (!counts.length) continue;
		const tally = new Map<number, number>();
		for (const c of counts) tally.set(c, (tally.get(c) ?? 0) + 1);
		let fields = 1;
		let top = 0;
		for (const [c, k] of tally) if (k > top || (k === top && c > fields)) [fields, top] = [c, k];
		const guess = { delimiter, fields, consistency: top / counts.length };
		if (fields < 2) continue;
		if (best.fields < 2 || guess.consistency > best.consistency || (guess.consistency === best.consistency && guess.fields > best.fields)) {
			best = guess;
		}
	}
	return best;
}

export function parseDelimited(text: string, options: ParseOptions = {}): UploadResult<ParsedTable> {
	const maxRows = options.maxRows ?? DEFAULT_LIMITS.maxRows;
	const maxColumns = options.maxColumns ?? DEFAULT_LIMITS.maxColumns;
	const raggedMode = options.ragged ?? 'error';
	const detected = !options.delimiter || options.delimiter === 'auto';
	const delimiter: Delimiter = detected ? sniffDelimiter(text).delimiter : (options.delimiter as Delimiter);

	let header: string[] | null = null;
	let columns: TextColumn[] = [];
	let rowCount = 0;
	let blankLines = 0;
	let trailingEmpty = 0;
	let fixed = 0;
	const ragged: RaggedLine[] = [];
	let raggedTotal = 0;
	let stop: 'rows' | 'columns' | null = null;

	const end = scanRecords(text, delimiter, (rec) => {
		if (rec.blank) {
			if (header) blankLines++;
			return;
		}
		if (!header) {
			header = recordFields(text, rec);
			if (header.length > maxColumns) return ((stop = 'columns'), false);
			columns = header.map(() => new TextColumn(text));
			return;
		}
		const width = header.length;
		let count = rec.count;
		if (count > width && extraFieldsEmpty(text, rec, width)) {
			// Excel writes trailing delimiters for cells that were merely formatted.
			count = width;
			trailingEmpty++;
		}
		if (count !== width) {
			if (raggedMode === 'skip' || (raggedMode === 'pad' && count < width)) {
				fixed++;
				if (raggedMode === 'skip') return;
			} else {
				raggedTotal++;
				if (ragged.length < MAX_REPORTED_LINES) ragged.push({ line: rec.line, found: count });
				return;
			}
		}
		if (raggedTotal > 0) return; // already failing: keep counting, stop storing
		if (++rowCount > maxRows) return ((stop = 'rows'), false);
		for (let c = 0; c < width; c++) {
			if (c < count) columns[c].push(rec.starts[c], rec.ends[c], rec.values[c]);
			else columns[c].push(0, 0); // padding: an empty cell
		}
	});

	if (stop === 'columns') {
		const found = (header as string[] | null)?.length ?? 0;
		return fail(
			uploadError({
				code: 'too-many-columns',
				found,
				limit: maxColumns,
				message: `The header has ${found.toLocaleString('en-GB')} columns; the limit is ${maxColumns.toLocaleString('en-GB')}. Remove the columns you do not need and upload again.`
			})
		);
	}
	if (stop === 'rows') {
		return fail(
			uploadError({
				code: 'too-many-rows',
				limit: maxRows,
				message: `This file has more than ${maxRows.toLocaleString('en-GB')} data rows, the upload limit. Aggregate it (for example to constituencies or small areas) or filter it, and upload that.`
			})
		);
	}
	if (!end.complete) {
		return fail(
			uploadError({
				code: 'unbalanced-quotes',
				line: end.openQuoteLine,
				message: `A quoted value that starts on line ${end.openQuoteLine} is never closed: there is a " with no matching ". Look at that line in a text editor; a stray quote mark inside a value is the usual cause.`
			})
		);
	}
	const head = header as string[] | null;
	if (!head) {
		return fail(uploadError({ code: 'empty-file', message: 'This file has no header row and no data: every line is blank.' }));
	}
	const suggestion = detected ? undefined : betterDelimiter(text, delimiter);
	if (raggedTotal > 0) {
		const listed = ragged.map((r) => `line ${r.line} has ${r.found}`).join(', ');
		const more = raggedTotal > ragged.length ? ` (and ${raggedTotal - ragged.length} more)` : '';
		const hint = suggestion ? ` The file looks ${describeDelimiter(suggestion)}-separated: try that delimiter.` : ' Check those lines for a missing or extra delimiter, or an unquoted value that contains one.';
		return fail(
			uploadError({
				code: 'ragged-rows',
				expected: head.length,
				lines: ragged,
				total: raggedTotal,
				suggestedDelimiter: suggestion,
				message: `${raggedTotal} row(s) do not have the ${head.length} values the header has: ${listed}${more}.${hint}`
			})
		);
	}
	if (rowCount === 0) {
		return fail(
			uploadError({
				code: 'header-only',
				header: head,
				message: `This file has a header row (${head.length} column${head.length === 1 ? '' : 's'}) but no data rows.`
			})
		);
	}

	const warnings: UploadWarning[] = [];
	const names = uniqueHeader(head, warnings);
	if (head.length === 1) {
		warnings.push({
			code: 'single-column',
			message: suggestion ? `Only one column was found using ${describeDelimiter(delimiter)}s; the file looks ${describeDelimiter(suggestion)}-separated. Is the delimiter right?` : 'Only one column was found. If the file has more, is the delimiter right?'
		});
	}
	if (blankLines) warnings.push({ code: 'blank-lines-skipped', message: `${blankLines} blank line(s) were skipped.` });
	if (trailingEmpty) {
		warnings.push({
			code: 'trailing-empty-fields',
			message: `${trailingEmpty} row(s) ended with extra empty values (trailing delimiters); they were dropped.`
		});
	}
	if (fixed) {
		warnings.push({
			code: 'ragged-rows-fixed',
			message: `${fixed} row(s) had the wrong number of values and were ${raggedMode === 'skip' ? 'skipped' : 'padded with blanks'}.`
		});
	}
	return ok({ header: names, originalHeader: head, columns, rowCount, delimiter, delimiterDetected: detected }, warnings);
}

function extraFieldsEmpty(text: string, rec: RecordBuffer, width: number): boolean {
	for (let k = width; k < rec.count; k++) if (fieldText(text, rec, k).trim() !== '') return false;
	return true;
}

/** A different delimiter that clearly splits the file better than the one the user chose. */
function betterDelimiter(text: string, chosen: Delimiter): Delimiter | undefined {
	const guess = sniffDelimiter(text);
	return guess.delimiter !== chosen && guess.fields > 1 && guess.consistency >= 0.9 ? guess.delimiter : undefined;
}

/**
 * Trimmed, non-empty and unique ignoring case, because DuckDB column names are
 * case-insensitive: "Name" and "name" would collide in the table.
 */
export function uniqueHeader(raw: readonly string[], warnings: UploadWarning[] = []): string[] {
	const trimmed = raw.map((h) => h.trim());
	const taken = new Set(trimmed.filter(Boolean).map((h) => h.toLowerCase()));
	const seen = new Set<string>();
	const names = trimmed.map((name, i) => {
		if (!name) {
			const fresh = freshName(`column_${i + 1}`, taken, false);
			warnings.push({ code: 'empty-header', message: `Column ${i + 1} has no name; it is now called "${fresh}".` });
			return fresh;
		}
		if (!seen.has(name.toLowerCase())) {
			seen.add(name.toLowerCase());
			return name;
		}
		const fresh = freshName(name, taken, true);
		warnings.push({
			code: 'duplicate-header',
			message: `More than one column is called ${quoteForMessage(name)}; column ${i + 1} is now called ${quoteForMessage(fresh)}.`
		});
		return fresh;
	});
	const spaced = trimmed.filter((name, i) => name && name !== raw[i]).length;
	if (spaced) {
		warnings.push({ code: 'trimmed-header', message: `Spaces around ${spaced} column name(s) were removed.` });
	}
	return names;
}

/** `base` (or `base_2` for a repeat) if free, else the next free `base_k`. */
function freshName(base: string, taken: Set<string>, repeat: boolean): string {
	let name = repeat ? `${base}_2` : base;
	for (let k = repeat ? 3 : 2; taken.has(name.toLowerCase()); k++) name = `${base}_${k}`;
	taken.add(name.toLowerCase());
	return name;
}

/** The first `n` rows, row-major, for the wizard's preview. */
export function previewRows(table: ParsedTable, n = 20): string[][] {
	const rows: string[][] = [];
	for (let r = 0; r < Math.min(n, table.rowCount); r++) rows.push(table.columns.map((col) => col.at(r) ?? ''));
	return rows;
}
