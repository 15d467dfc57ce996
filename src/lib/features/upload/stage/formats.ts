/**
 * The wizard's entry point for any file. CSV/TSV go straight to `prepareDelimitedUpload` (as in
 * `prepareFile`); an .xlsx sheet or a Parquet file is first turned into CSV text in JS
 * (`read/spreadsheet.ts`, `read/parquet.ts`) and then goes through exactly the same pipeline, so preview,
 * key detection, matching and types behave the same whatever the format.
 */
import { checkFileSize } from '../read/decode';
import { DEFAULT_LIMITS } from '../../../model/uploads/limits';
import { type GeoStage, looksLikeGeoJson, propertiesCsv, readGeoJson } from '../read/geojson';
import { parquetToCsv } from '../read/parquet';
import { type PrepareOptions, type PreparedUpload, prepareDelimitedUpload } from './prepare';
import { readXlsx, xlsxSheetToCsv } from '../read/spreadsheet';
import { type ReferenceSeat, type UploadResult, type UploadWarning, fail, uploadError } from '../types';

export type UploadFormat = 'delimited' | 'xlsx' | 'parquet' | 'geojson';

export interface StageOptions extends PrepareOptions {
	/** The .xlsx sheet to read; by default the first sheet with any data. */
	readonly sheet?: string;
}

export interface StagedFile {
	readonly format: UploadFormat;
	/** The workbook's sheets (empty unless .xlsx), kept even when the chosen sheet fails. */
	readonly sheets: readonly string[];
	/** The sheet read, or null. */
	readonly sheet: string | null;
	/**
	 * A GeoJSON file's checked features, kept even when its properties have no key column: such a
	 * file can still become an area layer.
	 */
	readonly geo?: GeoStage;
	/** Warnings about the geometry (features without one, nothing near the UK). */
	readonly geoWarnings?: readonly UploadWarning[];
	readonly result: UploadResult<PreparedUpload>;
}

type FileLike = { readonly name: string; readonly size: number; arrayBuffer(): Promise<ArrayBuffer> };

/**
 * Magic numbers first (a workbook saved as "members.csv" is still a workbook), then the extension.
 * An OLE2 file (.xls, or a password-protected workbook) goes to the .xlsx reader, which explains.
 */
export function detectUploadFormat(fileName: string, head: Uint8Array): UploadFormat {
	const starts = (sig: readonly number[]) => head.length >= sig.length && sig.every((b, i) => head[i] === b);
	if (starts([0x50, 0x4b, 0x03, 0x04]) || starts([0x50, 0x4b, 0x05, 0x06])) return 'xlsx';
	if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xlsx';
	if (starts([0x50, 0x41, 0x52, 0x31])) return 'parquet';
	if (/\.(xlsx|xlsm|xls)$/i.test(fileName)) return 'xlsx';
	if (/\.(parquet|parq|pq)$/i.test(fileName)) return 'parquet';
	if (/\.geojson$/i.test(fileName)) return 'geojson';
	// A .json file, or any file that opens with "{", is GeoJSON if it says so near the start.
	if (/\.json$/i.test(fileName) || head.find((b) => b > 0x20 && b !== 0xef && b !== 0xbb && b !== 0xbf) === 0x7b) {
		if (looksLikeGeoJson(new TextDecoder().decode(head))) return 'geojson';
	}
	return 'delimited';
}

export function describeFormat(format: UploadFormat): string {
	return format === 'xlsx' ? 'Excel workbook (.xlsx)' : format === 'parquet' ? 'Parquet' : format === 'geojson' ? 'GeoJSON' : 'CSV/TSV';
}

export async function stageFile(file: FileLike, reference: readonly ReferenceSeat[], options: StageOptions = {}): Promise<StagedFile> {
	const { sheet: wantedSheet, ...prepare } = options;
	const size = checkFileSize(file.size, options.limits?.maxBytes ?? DEFAULT_LIMITS.maxBytes);
	if (!size.ok) return { format: 'delimited', sheets: [], sheet: null, result: size };
	let bytes: Uint8Array;
	try {
		bytes = new Uint8Array(await file.arrayBuffer());
	} catch {
		const result = fail<PreparedUpload>(uploadError({ code: 'unexpected', message: 'The browser could not read this file (it may have moved or changed since you chose it). Choose it again.' }));
		return { format: 'delimited', sheets: [], sheet: null, result };
	}
	const format = detectUploadFormat(file.name, bytes.subarray(0, 4096));
	// The user's choice of delimiter and encoding is about text files; converted text is always this.
	const converted = (csv: string) =>
		prepareDelimitedUpload(new TextEncoder().encode(csv), reference, {
			...prepare,
			fileName: file.name,
			delimiter: ',',
			encoding: 'utf-8',
			// The file's own size was checked above; the converters bound the text they produce.
			limits: { ...prepare.limits, maxBytes: Number.MAX_SAFE_INTEGER }
		});
	const tableLimits = { maxRows: options.limits?.maxRows ?? DEFAULT_LIMITS.maxRows, maxColumns: options.limits?.maxColumns ?? DEFAULT_LIMITS.maxColumns };
	try {
		if (format === 'geojson') return stageGeoJson(bytes, converted);
		if (format === 'parquet') {
			const csv = await parquetToCsv(bytes, tableLimits);
			return { format, sheets: [], sheet: null, result: csv.ok ? converted(csv.value) : csv };
		}
		if (format === 'xlsx') {
			const book = readXlsx(bytes, tableLimits);
			if (!book.ok) return { format, sheets: [], sheet: null, result: book };
			const { sheets } = book.value;
			const candidates = wantedSheet !== undefined && sheets.includes(wantedSheet) ? [wantedSheet] : sheets;
			let firstFailure: UploadResult<PreparedUpload> | null = null;
			for (const sheet of candidates) {
				const csv = xlsxSheetToCsv(bytes, sheet, tableLimits);
				if (csv.ok) return { format, sheets, sheet, result: converted(csv.value) };
				firstFailure ??= csv;
				// Only an empty sheet moves the default on; any other failure is reported for that sheet.
				if (csv.error.code !== 'empty-file') return { format, sheets, sheet, result: csv };
			}
			const result =
				candidates.length > 1
					? fail<PreparedUpload>(uploadError({ code: 'empty-file', message: 'None of the sheets in this workbook has any cells with values.' }))
					: (firstFailure ?? fail<PreparedUpload>(uploadError({ code: 'empty-file', message: 'This workbook has no sheets.' })));
			return { format, sheets, sheet: candidates[0] ?? null, result };
		}
		return { format, sheets: [], sheet: null, result: prepareDelimitedUpload(bytes, reference, { fileName: file.name, ...prepare }) };
	} catch (error) {
		const result = fail<PreparedUpload>(
			uploadError({
				code: 'unexpected',
				message: `Something went wrong reading this file (${error instanceof Error ? error.name : 'error'}). Nothing was imported. Please report it if you can share the file.`
			})
		);
		return { format, sheets: [], sheet: null, result };
	}
}

/** GeoJSON: check the features, then read their properties as a table through the CSV pipeline. */
function stageGeoJson(bytes: Uint8Array, converted: (csv: string) => UploadResult<PreparedUpload>): StagedFile {
	const base = { format: 'geojson' as const, sheets: [], sheet: null };
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		return { ...base, result: fail(uploadError({ code: 'unknown-encoding', message: 'This GeoJSON file is not valid UTF-8 text, which GeoJSON must be (RFC 7946). Re-save it as UTF-8.' })) };
	}
	const geo = readGeoJson(text);
	if (!geo.ok) return { ...base, result: geo };
	const stage = geo.value;
	const result: UploadResult<PreparedUpload> = stage.properties.length ? converted(propertiesCsv(stage)) : fail(uploadError({ code: 'no-key-column', columns: [], message: 'The features have no properties, so none can be matched to a constituency.' }));
	return { ...base, geo: stage, geoWarnings: geo.warnings, result };
}
