/**
 * Just enough of the ZIP format to read the parts of an .xlsx safely. The central directory is
 * listed without inflating anything, and a part is inflated in small steps while its output is
 * counted, so a part whose declared unpacked size is forged (a zip bomb that declares a few bytes
 * and expands to gigabytes) is caught as it expands, never truncated or padded in silence.
 */
import { Inflate, strFromU8 } from 'fflate';

export interface ZipEntry {
	readonly name: string;
	/** 0 stored, 8 deflated; anything else cannot be read. */
	readonly compression: number;
	readonly compressedSize: number;
	/** The unpacked size the archive declares (not yet proven). */
	readonly originalSize: number;
	readonly headerOffset: number;
}

/** The archive's structure cannot be read. */
export class ZipError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ZipError';
	}
}

/** A part does not unpack to the size it declares. */
export class ZipSizeError extends Error {
	constructor(
		readonly part: string,
		readonly declared: number,
		/** What it really unpacks to, or null when it went past `limit` and was stopped. */
		readonly actual: number | null,
		readonly limit: number
	) {
		super(`${part} declares ${declared} bytes but unpacks to ${actual ?? `more than ${limit}`}`);
		this.name = 'ZipSizeError';
	}
}

const u16 = (d: Uint8Array, at: number) => d[at] | (d[at + 1] << 8);
const u32 = (d: Uint8Array, at: number) => (d[at] | (d[at + 1] << 8) | (d[at + 2] << 16) | (d[at + 3] << 24)) >>> 0;
const u64 = (d: Uint8Array, at: number) => u32(d, at) + u32(d, at + 4) * 2 ** 32;

function need(bytes: Uint8Array, end: number, what: string) {
	if (end > bytes.length) throw new ZipError(`${what} runs past the end of the file`);
}

/** Every entry of the central directory (ZIP64 sizes and offsets included), in archive order. */
export function listZip(bytes: Uint8Array): ZipEntry[] {
	let end = bytes.length - 22;
	for (; end >= 0 && u32(bytes, end) !== 0x06054b50; end--) {
		if (bytes.length - end > 65_557) break;
	}
	if (end < 0 || u32(bytes, end) !== 0x06054b50) throw new ZipError('no end of central directory');
	let count = u16(bytes, end + 10);
	let offset = u32(bytes, end + 16);
	if (end >= 20 && u32(bytes, end - 20) === 0x07064b50) {
		const at = u64(bytes, end - 12);
		if (at + 56 <= bytes.length && u32(bytes, at) === 0x06064b50) {
			count = u64(bytes, at + 32);
			offset = u64(bytes, at + 48);
		}
	}
	const entries: ZipEntry[] = [];
	for (let i = 0; i < count; i++) {
		need(bytes, offset + 46, 'the central directory');
		if (u32(bytes, offset) !== 0x02014b50) throw new ZipError('a damaged central directory');
		const nameLength = u16(bytes, offset + 28);
		const extraLength = u16(bytes, offset + 30);
		const commentLength = u16(bytes, offset + 32);
		need(bytes, offset + 46 + nameLength + extraLength, 'the central directory');
		const name = strFromU8(bytes.subarray(offset + 46, offset + 46 + nameLength), !(u16(bytes, offset + 8) & 0x800));
		let compressedSize = u32(bytes, offset + 20);
		let originalSize = u32(bytes, offset + 24);
		let headerOffset = u32(bytes, offset + 42);
		const MAX = 0xffffffff;
		if (compressedSize === MAX || originalSize === MAX || headerOffset === MAX) {
			// The ZIP64 extra field holds, in this order, only the values that overflowed.
			const extraEnd = offset + 46 + nameLength + extraLength;
			for (let at = offset + 46 + nameLength; at + 4 <= extraEnd; at += 4 + u16(bytes, at + 2)) {
				if (u16(bytes, at) !== 1) continue;
				let field = at + 4;
				if (originalSize === MAX) {
					originalSize = u64(bytes, field);
					field += 8;
				}
				if (compressedSize === MAX) {
					compressedSize = u64(bytes, field);
					field += 8;
				}
				if (headerOffset === MAX) headerOffset = u64(bytes, field);
				break;
			}
		}
		entries.push({ name, compression: u16(bytes, offset + 10), compressedSize, originalSize, headerOffset });
		offset += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

/** Compressed input fed per step: a step can expand at most about a thousandfold (~16 MB). */
const STEP = 16 * 1024;

/**
 * One part's bytes, proven to be exactly its declared size. Inflating stops once the output passes
 * `limit` (at least the declared size), so a forged size costs no more than the limit in time and
 * nothing beyond the declared size in memory.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, limit: number): Uint8Array {
	const at = entry.headerOffset;
	need(bytes, at + 30, 'its header');
	if (u32(bytes, at) !== 0x04034b50) throw new ZipError('its header is damaged');
	const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
	need(bytes, start + entry.compressedSize, 'its data');
	const data = bytes.subarray(start, start + entry.compressedSize);
	const declared = entry.originalSize;
	if (entry.compression === 0) {
		if (data.length !== declared) throw new ZipSizeError(entry.name, declared, data.length, Math.max(limit, declared));
		return data.slice();
	}
	if (entry.compression !== 8) throw new ZipError(`it uses an unknown compression method (${entry.compression})`);
	const cap = Math.max(limit, declared);
	const out = new Uint8Array(declared);
	let written = 0;
	let done = false;
	const inflater = new Inflate((chunk, final) => {
		const room = declared - written;
		if (room > 0) out.set(chunk.length <= room ? chunk : chunk.subarray(0, room), written);
		written += chunk.length;
		if (final) done = true;
		if (written > cap) throw new ZipSizeError(entry.name, declared, null, cap);
	});
	if (!data.length) done = true; // nothing to inflate: the size check below decides
	try {
		for (let i = 0; i < data.length; i += STEP) inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
	} catch (error) {
		if (error instanceof ZipSizeError) throw error;
		throw new ZipError('it is not valid DEFLATE data');
	}
	if (!done) throw new ZipError('it ends too soon');
	if (written !== declared) throw new ZipSizeError(entry.name, declared, written, cap);
	return out;
}
