/**
 * The wizard's one call for a CSV/TSV file: decode → parse → infer → detect the key → match.
 * It stages everything and commits nothing; the caller loads into DuckDB only after the user
 * confirms. Any failure is returned as an UploadError with no partial value, so a bad file can
 * never half-replace a dataset that was already loaded.
 */
import { type DecodeOptions, type TextEncoding, checkFileSize, decodeBytes } from '../read/decode';
import { type ParseOptions, type ParsedTable, parseDelimited } from '../read/delimited';
import { type ColumnProfile, type ColumnType, inferColumns } from '../read/infer';
import { type KeyCandidate, detectKey } from '../match/keys';
import { DEFAULT_LIMITS, type UploadLimits } from '../../../model/uploads/limits';
import { type MatchReport, matchCodes, matchNames } from '../match/match';
import { type ReferenceSeat, type UploadResult, type UploadWarning, fail, ok, uploadError } from '../types';

export interface PrepareOptions {
	readonly fileName?: string;
	readonly encoding?: DecodeOptions['encoding'];
	readonly delimiter?: ParseOptions['delimiter'];
	readonly ragged?: ParseOptions['ragged'];
	readonly limits?: Partial<UploadLimits>;
	readonly typeOverrides?: Readonly<Record<string, ColumnType>>;
}

export interface PreparedUpload {
	readonly fileName: string;
	readonly encoding: TextEncoding;
	readonly table: ParsedTable;
	readonly columns: readonly ColumnProfile[];
	/** Ranked; the first is the wizard's default choice. */
	readonly keys: readonly KeyCandidate[];
	/** The report for the first key; null for small-area keys, which the caller aggregates in SQL. */
	readonly match: MatchReport | null;
}

export function prepareDelimitedUpload(bytes: Uint8Array, reference: readonly ReferenceSeat[], options: PrepareOptions = {}): UploadResult<PreparedUpload> {
	try {
		const limits = { ...DEFAULT_LIMITS, ...options.limits };
		const decoded = decodeBytes(bytes, { encoding: options.encoding, fileName: options.fileName, maxBytes: limits.maxBytes });
		if (!decoded.ok) return decoded;
		const parsed = parseDelimited(decoded.value.text, {
			delimiter: options.delimiter,
			ragged: options.ragged,
			maxRows: limits.maxRows,
			maxColumns: limits.maxColumns
		});
		if (!parsed.ok) return parsed;
		const table = parsed.value;
		const keys = detectKey(table, reference);
		if (!keys.ok) {
			// One column usually means the wrong delimiter, which is the real problem to report.
			const single = parsed.warnings.find((w) => w.code === 'single-column');
			return single ? fail({ ...keys.error, message: `${keys.error.message} ${single.message}` }) : keys;
		}
		const warnings: UploadWarning[] = [...decoded.warnings, ...parsed.warnings];
		return ok(
			{
				fileName: options.fileName ?? '',
				encoding: decoded.value.encoding,
				table,
				columns: inferColumns(table, options.typeOverrides),
				keys: keys.value,
				match: matchForKey(table, keys.value[0], reference)
			},
			warnings
		);
	} catch (error) {
		// A bug must not surface as a raw exception in the wizard; the message says what to report.
		return fail(
			uploadError({
				code: 'unexpected',
				message: `Something went wrong reading this file (${error instanceof Error ? error.name : 'error'}). Nothing was imported. Please report it with the file's first lines if you can share them.`
			})
		);
	}
}

/** The match report for a chosen key column, or null when the key is a small-area code. */
export function matchForKey(table: ParsedTable, key: KeyCandidate, reference: readonly ReferenceSeat[]): MatchReport | null {
	const values = table.columns[key.columnIndex];
	switch (key.kind) {
		case 'gss-2010':
			return matchCodes(values, reference, '2010');
		case 'gss-2024':
			return matchCodes(values, reference, '2024');
		case 'constituency-name':
			return matchNames(values, reference, key.boundarySet ?? '2010');
		case 'small-area':
			return null;
	}
}

/** For a `File`: refuse an oversized one before reading it, then prepare it. */
export async function prepareFile(file: { readonly name: string; readonly size: number; arrayBuffer(): Promise<ArrayBuffer> }, reference: readonly ReferenceSeat[], options: PrepareOptions = {}): Promise<UploadResult<PreparedUpload>> {
	const size = checkFileSize(file.size, options.limits?.maxBytes ?? DEFAULT_LIMITS.maxBytes);
	if (!size.ok) return size;
	let bytes: Uint8Array;
	try {
		bytes = new Uint8Array(await file.arrayBuffer());
	} catch {
		return fail(
			uploadError({
				code: 'unexpected',
				message: 'The browser could not read this file (it may have moved or changed since you chose it). Choose it again.'
			})
		);
	}
	return prepareDelimitedUpload(bytes, reference, { fileName: file.name, ...options });
}
