/**
 * Shared types for the upload pipeline. Failures are plain data, not thrown exceptions: the
 * wizard shows them as text, and plain objects survive `postMessage` if parsing moves to a worker.
 * A failed step returns no value at all, so nothing half-parsed can be committed by mistake.
 */

export type BoundarySet = '2010' | '2024';

/** One constituency of the reference table the caller passes in (both sets may be mixed). */
export interface ReferenceSeat {
	readonly set: BoundarySet;
	readonly code: string;
	readonly name: string;
	readonly nation: string;
	/** Other accepted spellings, e.g. the ONS Welsh name; matched exactly after normalisation. */
	readonly altNames?: readonly string[];
}

export type Delimiter = ',' | '\t' | ';' | '|';

export type BinaryFormat = 'zip' | 'xlsx' | 'xls' | 'parquet' | 'pdf' | 'png' | 'jpeg' | 'gif' | 'gzip' | 'utf16-no-bom' | 'unknown';

/** A line of the file the user can look up in a text editor (1-based, header is line 1). */
export interface RaggedLine {
	readonly line: number;
	readonly found: number;
}

interface ErrorBase {
	readonly kind: 'upload-error';
	/** Plain text for the user. Render it as text, never as markup: it can quote file content. */
	readonly message: string;
}

export type UploadError = ErrorBase &
	(
		| { readonly code: 'empty-file' }
		| { readonly code: 'too-large'; readonly size: number; readonly limit: number }
		| { readonly code: 'binary'; readonly format: BinaryFormat }
		| { readonly code: 'unknown-encoding' }
		| { readonly code: 'header-only'; readonly header: readonly string[] }
		| {
				readonly code: 'ragged-rows';
				readonly expected: number;
				readonly lines: readonly RaggedLine[];
				readonly total: number;
				readonly suggestedDelimiter?: Delimiter;
		  }
		| { readonly code: 'unbalanced-quotes'; readonly line: number }
		| { readonly code: 'too-many-rows'; readonly limit: number }
		| { readonly code: 'too-many-columns'; readonly found: number; readonly limit: number }
		| { readonly code: 'no-key-column'; readonly columns: readonly string[] }
		| { readonly code: 'uncalculated-formulas'; readonly cells: number }
		| { readonly code: 'invalid-geojson' }
		| { readonly code: 'unexpected' }
	);

export type UploadErrorCode = UploadError['code'];

export type UploadWarningCode = 'encoding-fallback' | 'encoding-replaced' | 'duplicate-header' | 'empty-header' | 'trimmed-header' | 'single-column' | 'blank-lines-skipped' | 'trailing-empty-fields' | 'ragged-rows-fixed' | 'features-skipped' | 'outside-uk';

export interface UploadWarning {
	readonly code: UploadWarningCode;
	readonly message: string;
}

export type UploadResult<T> = { readonly ok: true; readonly value: T; readonly warnings: readonly UploadWarning[] } | { readonly ok: false; readonly error: UploadError };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function uploadError(error: DistributiveOmit<UploadError, 'kind'>): UploadError {
	return { kind: 'upload-error', ...error } as UploadError;
}

export function isUploadError(value: unknown): value is UploadError {
	return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'upload-error';
}

export function ok<T>(value: T, warnings: readonly UploadWarning[] = []): UploadResult<T> {
	return { ok: true, value, warnings };
}

export function fail<T>(error: UploadError): UploadResult<T> {
	return { ok: false, error };
}

/** File text quoted inside a message is cut short so one absurd header cannot swamp the panel. */
export function quoteForMessage(text: string, max = 60): string {
	const oneLine = text.replace(/[\r\n\t]+/g, ' ');
	return `"${oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine}"`;
}

export function formatBytes(bytes: number): string {
	const one = (x: number) => Number(x.toFixed(1)).toLocaleString('en-GB');
	if (bytes >= 1e9) return `${one(bytes / 1e9)} GB`;
	if (bytes >= 1e6) return `${one(bytes / 1e6)} MB`;
	if (bytes >= 1e3) return `${one(bytes / 1e3)} kB`;
	return `${bytes} bytes`;
}

export function describeDelimiter(delimiter: Delimiter): string {
	switch (delimiter) {
		case ',':
			return 'comma';
		case '\t':
			return 'tab';
		case ';':
			return 'semicolon';
		case '|':
			return 'pipe (|)';
	}
}
