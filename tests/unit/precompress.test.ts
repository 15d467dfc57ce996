import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { precompress } from '../../scripts/precompress';

describe('precompress', () => {
	const dir = mkdtempSync(join(tmpdir(), 'heartlands-precompress-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	const text = 'code,name\n' + Array.from({ length: 2000 }, (_, i) => `E1400${i},Seat ${i}`).join('\n');
	writeFileSync(join(dir, 'seats.csv'), text);
	writeFileSync(join(dir, 'tiny.svg'), '<svg/>');
	writeFileSync(join(dir, 'photo.png'), text);

	it('writes .br and .gz beside compressible files that decompress to the original bytes', async () => {
		const done = await precompress(dir);
		expect(done.map((f) => f.file).sort()).toEqual(['seats.csv', 'tiny.svg']);
		expect(brotliDecompressSync(readFileSync(join(dir, 'seats.csv.br'))).toString()).toBe(text);
		expect(gunzipSync(readFileSync(join(dir, 'seats.csv.gz'))).toString()).toBe(text);
		// Already-compressed formats are left alone, and no "compressed" file bigger than the original is written.
		expect(existsSync(join(dir, 'photo.png.br'))).toBe(false);
		expect(existsSync(join(dir, 'tiny.svg.gz'))).toBe(false);
	});

	it('does not compress its own output when run again', async () => {
		await precompress(dir);
		expect(existsSync(join(dir, 'seats.csv.br.br'))).toBe(false);
		expect(existsSync(join(dir, 'seats.csv.gz.gz'))).toBe(false);
	});
});
