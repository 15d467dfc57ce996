/**
 * Parquet → CSV text for the existing pipeline, decoded in JavaScript with hyparquet (never a
 * DuckDB extension, which would be fetched from the network and is refused by the CSP anyway).
 *
 * Codecs: SNAPPY uses hyparquet's own pure-JS decoder. GZIP, BROTLI, LZ4 and ZSTD come from
 * hyparquet-compressors, imported file by file: the package's index builds a `compressors`
 * object that compiles a WebAssembly snappy decoder when the module loads, and the page's CSP
 * (no 'wasm-unsafe-eval') refuses that, which would break the whole import.
 *
 * Values: bigint → exact digits; DATE → YYYY-MM-DD (timestamps at midnight too, others full ISO);
 * FLOAT → the shortest text that reads back as the same 32-bit float; other numbers → String;
 * null → empty; strings as they are; lists, structs, maps and binary → JSON.
 */
import { decompress as decompressZstd } from 'fzstd';
import { type Compressors, type FileMetaData, parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import { decompressBrotli } from 'hyparquet-compressors/src/brotli.js';
import { gunzip } from 'hyparquet-compressors/src/gzip.js';
import { decompressLz4, decompressLz4Raw } from 'hyparquet-compressors/src/lz4.js';
import { csvField } from '$lib/export/csv';
import { sniffBinary } from './decode';
import { DEFAULT_LIMITS } from '../../../model/uploads/limits';
import { type UploadResult, fail, formatBytes, ok, quoteForMessage, uploadError } from '../types';

export const PARQUET_CODECS: Compressors = {
	GZIP: (input, length) => gunzip(input, new Uint8Array(length)),
	BROTLI: decompressBrotli,
	ZSTD: (input) => decompressZstd(input),
	LZ4: decompressLz4,
	LZ4_RAW: decompressLz4Raw
};

export interface ParquetLimits {
	readonly maxRows: number;
	readonly maxColumns: number;
	/** Characters of CSV produced; beyond this a tab cannot hold the text and its parse. */
	readonly maxTextChars: number;
}

export const PARQUET_LIMITS: ParquetLimits = {
	maxRows: DEFAULT_LIMITS.maxRows,
	maxColumns: DEFAULT_LIMITS.maxColumns,
	maxTextChars: 400 * 1000 * 1000
};

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

export async function parquetToCsv(bytes: Uint8Array, limits: Partial<ParquetLimits> = {}): Promise<UploadResult<string>> {
	const lim = { ...PARQUET_LIMITS, ...limits };
	const n = bytes.length;
	const magic = n >= 12 && MAGIC.every((b, i) => bytes[i] === b && bytes[n - 4 + i] === b);
	if (!magic) {
		const format = n ? sniffBinary(bytes) : null;
		const what = format === 'parquet' ? 'it starts like one but is cut short or damaged' : n ? 'it does not have the Parquet signature (PAR1) at both ends' : 'it is empty';
		return fail(notParquet(what));
	}
	const buffer: ArrayBuffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes.buffer : bytes.slice().buffer;

	let metadata: FileMetaData;
	let names: string[];
	let floatColumns: boolean[];
	try {
		metadata = parquetMetadata(buffer);
		const schema = parquetSchema(metadata);
		names = schema.children.map((c) => c.element.name);
		floatColumns = schema.children.map((c) => c.element.type === 'FLOAT' && !c.children.length);
	} catch (error) {
		return fail(notParquet(`its footer could not be read (${describe(error)})`));
	}
	if (names.length > lim.maxColumns) {
		return fail(
			uploadError({
				code: 'too-many-columns',
				found: names.length,
				limit: lim.maxColumns,
				message: `This Parquet file has ${names.length.toLocaleString('en-GB')} columns; the limit is ${lim.maxColumns.toLocaleString('en-GB')}. Select the columns you need and write a smaller file.`
			})
		);
	}
	const rowCount = Number(metadata.num_rows);
	if (rowCount > lim.maxRows) {
		return fail(
			uploadError({ code: 'too-many-rows', limit: lim.maxRows, message: `This Parquet file has ${rowCount.toLocaleString('en-GB')} rows; the upload limit is ${lim.maxRows.toLocaleString('en-GB')}. Filter or aggregate it first (for example to constituencies).` })
		);
	}
	if (!names.length) return fail(uploadError({ code: 'empty-file', message: 'This Parquet file has no columns.' }));

	const lines: string[] = [names.map(csvField).join(',')];
	let chars = lines[0].length + 1;
	let overflow = false;
	try {
		let start = 0;
		// One row group at a time, so only one group's rows are ever held as JS values.
		for (const group of metadata.row_groups) {
			const count = Number(group.num_rows);
			if (!count) continue;
			await parquetRead({
				file: buffer,
				metadata,
				compressors: PARQUET_CODECS,
				rowStart: start,
				rowEnd: start + count,
				onComplete: (rows: unknown[][]) => {
					for (const row of rows) {
						if (overflow) return;
						const cells = new Array<string>(row.length);
						for (let c = 0; c < row.length; c++) cells[c] = csvField(cellText(row[c], floatColumns[c]));
						const line = cells.join(',');
						chars += line.length + 1;
						if (chars > lim.maxTextChars) overflow = true;
						else lines.push(line);
					}
				}
			});
			if (overflow) break;
			start += count;
		}
	} catch (error) {
		if (error instanceof RangeError) overflow = true;
		else return fail(notParquet(`its data could not be decoded (${describe(error)})`, true));
	}
	if (overflow) {
		return fail(
			uploadError({
				code: 'too-large',
				size: chars,
				limit: lim.maxTextChars,
				message: `This Parquet file is too big to convert in this browser tab (over ${formatBytes(lim.maxTextChars)} as text). Select the columns and rows you need and write a smaller file.`
			})
		);
	}
	return ok(`${lines.join('\n')}\n`);
}

function describe(error: unknown): string {
	return quoteForMessage(error instanceof Error ? error.message : String(error), 100);
}

function notParquet(why: string, recognised = false) {
	return uploadError({
		code: 'binary',
		format: 'parquet',
		message: recognised
			? `This Parquet file could not be read: ${why}. It may be damaged or use a feature not supported here; write it again (for example from DuckDB or pandas) or export it as CSV.`
			: `This is not a Parquet file, or it is damaged: ${why}. If it is a CSV or TSV, give it a .csv name.`
	});
}

/** One value as CSV cell text (before quoting). */
export function cellText(value: unknown, float32 = false): string {
	if (value === null || value === undefined) return '';
	switch (typeof value) {
		case 'string':
			return value;
		case 'number':
			return float32 ? shortestFloat32(value) : String(value);
		case 'bigint':
			return value.toString();
		case 'boolean':
			return value ? 'true' : 'false';
	}
	if (value instanceof Date) return isoDate(value);
	const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<unknown>) : v));
	return json ?? '';
}

function isoDate(date: Date): string {
	const t = date.getTime();
	if (Number.isNaN(t)) return '';
	const iso = date.toISOString();
	return t % 86_400_000 === 0 ? iso.slice(0, iso.indexOf('T')) : iso;
}

/** 0.1 stored as FLOAT reads back as 0.10000000149011612; print it as 0.1, as the writer meant. */
function shortestFloat32(x: number): string {
	if (!Number.isFinite(x) || Number.isInteger(x)) return String(x);
	for (let p = 1; p <= 9; p++) {
		const text = x.toPrecision(p);
		if (Math.fround(Number(text)) === x) return String(Number(text));
	}
	return String(x);
}
