/**
 * After `vite build`: write `file.br` and `file.gz` beside every compressible file in `build/`
 * (the app and the data copied from `static/data`), so a static host serves them without
 * compressing on each request (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`).
 * It runs after the build rather than in a Vite hook because adapter-static writes `build/` after
 * Vite's own bundle hooks have finished.
 *
 * Brotli runs at its best quality (11) on files up to 256 KB and at quality 9 above that. With quality 11
 * up to 4 MB the step took 42 s on a 2-core machine against 13 s, for 3% fewer bytes; on the
 * 34 MB `duckdb-eh.wasm` alone it takes about 100 s for 5.2 MB against 5.9 MB. Too slow for every
 * build; a release pipeline that wants the last 12% on the wasm can recompress it once.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { BUILD_DIR, listFiles } from './bundle-sizes';
import { PROJECT_ROOT } from './data/sources';

const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.json', '.csv', '.geojson', '.topojson', '.hexjson', '.wasm', '.svg', '.txt', '.map']);
const LARGE_FILE = 256 * 1024;
/**
 * Compressed copies of large files, by content hash. The DuckDB wasm and worker (80 MB) are the
 * same in every build and take most of the time, so only the first build pays for them. Entries
 * the current build did not use are deleted, so the cache holds one build's worth at most.
 */
const CACHE_DIR = join(PROJECT_ROOT, '.svelte-kit/precompress-cache');
const usedCacheEntries = new Set<string>();

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export interface Precompressed {
	file: string;
	raw: number;
	gzip: number;
	brotli: number;
}

/** On the first paint's critical path: always best quality (142 KB against 167 KB at quality 9, under a second). */
const BEST_QUALITY_ALWAYS = /(^|\/)first-view\.json$/;

async function compress(bytes: Buffer, best = false): Promise<{ br: Buffer; gzipped: Buffer }> {
	const large = bytes.byteLength > LARGE_FILE && !best;
	const key = large ? createHash('sha256').update(bytes).digest('hex') : null;
	const cached = key ? join(CACHE_DIR, key) : null;
	if (key) usedCacheEntries.add(key);
	if (cached && existsSync(`${cached}.br`) && existsSync(`${cached}.gz`)) {
		return { br: readFileSync(`${cached}.br`), gzipped: readFileSync(`${cached}.gz`) };
	}
	// zlib's async forms run on libuv's thread pool, so files compress in parallel on every core.
	const [br, gzipped] = await Promise.all([brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: large ? 9 : constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } }), gz(bytes, { level: 9 })]);
	if (cached) {
		mkdirSync(CACHE_DIR, { recursive: true });
		writeFileSync(`${cached}.br`, br);
		writeFileSync(`${cached}.gz`, gzipped);
	}
	return { br, gzipped };
}

async function precompressFile(path: string): Promise<Omit<Precompressed, 'file'>> {
	const bytes = readFileSync(path);
	const { br, gzipped } = await compress(bytes, BEST_QUALITY_ALWAYS.test(path));
	// A host would rather send the raw file than a "compressed" one that came out bigger.
	if (br.byteLength < bytes.byteLength) writeFileSync(`${path}.br`, br);
	if (gzipped.byteLength < bytes.byteLength) writeFileSync(`${path}.gz`, gzipped);
	return { raw: bytes.byteLength, gzip: gzipped.byteLength, brotli: br.byteLength };
}

export async function precompress(dir = BUILD_DIR): Promise<Precompressed[]> {
	const files = listFiles(dir).filter((path) => COMPRESSIBLE.has(extname(path)));
	const done = await Promise.all(files.map(async (path) => ({ file: relative(dir, path), ...(await precompressFile(path)) })));
	if (dir === BUILD_DIR && existsSync(CACHE_DIR)) {
		for (const name of readdirSync(CACHE_DIR)) if (!usedCacheEntries.has(name.replace(/\.(br|gz)$/, ''))) rmSync(join(CACHE_DIR, name));
	}
	return done;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const start = Date.now();
	const done = await precompress();
	const sum = (key: 'raw' | 'gzip' | 'brotli') => (done.reduce((s, f) => s + f[key], 0) / 1e6).toFixed(1);
	console.log(`precompressed ${done.length} files in ${relative(process.cwd(), BUILD_DIR)} in ${((Date.now() - start) / 1000).toFixed(1)} s: ${sum('raw')} MB raw, ${sum('gzip')} MB gzip, ${sum('brotli')} MB brotli`);
}
