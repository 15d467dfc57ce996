/**
 * Sizes of the built app (`build/`), shared by the bundle budget test and the benchmark so both
 * count the same bytes. "First load" is what the browser must fetch before the first view: the
 * entry modules and modulepreloads named in `index.html`, plus everything they import statically.
 * Every other app chunk is lazy (MapLibre opens with the Map tab, the sensitivity worker with a run).
 * DuckDB's own wasm and worker files are counted apart: they are not app code, and the brief budgets
 * app JavaScript "excluding the wasm".
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT } from './data/sources';

export interface FileSize {
	/** Path relative to the build directory, with forward slashes. */
	file: string;
	raw: number;
	gzip: number;
}

export interface BundleSizes {
	/** App JavaScript needed for the first view. */
	firstLoad: FileSize[];
	/** App JavaScript fetched later, on demand (dynamic imports, app-owned workers). */
	lazy: FileSize[];
	/** DuckDB-wasm's own worker scripts and wasm modules. */
	duckdb: FileSize[];
	css: FileSize[];
}

/** DuckDB-wasm ships these; Vite copies them in under hashed names (`duckdb-eh.<hash>.wasm`). */
const DUCKDB_FILE = /(^|\/)duckdb-[^/]*\.(wasm|js)$/;

export function gzipSize(bytes: Uint8Array): number {
	return gzipSync(bytes, { level: 9 }).byteLength;
}

export function listFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? listFiles(path) : [path];
	});
}

/** Static `import … from "x"`, `import "x"` and `export … from "x"`; never `import("x")`. */
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[^"'()]*?\bfrom\s*)?["']([^"']+\.js)["']/g;

export function staticImports(code: string): string[] {
	return [...code.matchAll(STATIC_IMPORT)].map((m) => m[1]);
}

/** Module URLs that `index.html` starts or preloads, relative to the build directory. */
export function entryModules(html: string): string[] {
	const preloads = [...html.matchAll(/<link[^>]*href="([^"]+\.js)"[^>]*rel="modulepreload"/g)].map((m) => m[1]);
	const started = [...html.matchAll(/import\("([^"]+\.js)"\)/g)].map((m) => m[1]);
	return [...new Set([...preloads, ...started])].map((url) => posix.normalize(url));
}

function firstLoadFiles(buildDir: string): Set<string> {
	const seen = new Set<string>();
	const queue = entryModules(readFileSync(join(buildDir, 'index.html'), 'utf8'));
	while (queue.length) {
		const file = queue.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		const code = readFileSync(join(buildDir, file), 'utf8');
		for (const spec of staticImports(code)) queue.push(posix.join(posix.dirname(file), spec));
	}
	return seen;
}

export function measureBundle(buildDir: string): BundleSizes {
	if (!existsSync(join(buildDir, 'index.html'))) {
		throw new Error(`${buildDir}/index.html is missing: run \`npm run build\` first`);
	}
	const firstLoad = firstLoadFiles(buildDir);
	const sizes: BundleSizes = { firstLoad: [], lazy: [], duckdb: [], css: [] };
	for (const path of listFiles(join(buildDir, '_app'))) {
		const file = relative(buildDir, path).split(/[\\/]/).join('/');
		const isJs = file.endsWith('.js');
		if (!isJs && !file.endsWith('.css') && !file.endsWith('.wasm')) continue;
		const bytes = readFileSync(path);
		const size = { file, raw: bytes.byteLength, gzip: gzipSize(bytes) };
		if (DUCKDB_FILE.test(file)) sizes.duckdb.push(size);
		else if (file.endsWith('.css')) sizes.css.push(size);
		else if (isJs) (firstLoad.has(file) ? sizes.firstLoad : sizes.lazy).push(size);
	}
	for (const list of Object.values(sizes)) list.sort((a: FileSize, b: FileSize) => b.gzip - a.gzip);
	return sizes;
}

export const totalGzip = (files: FileSize[]) => files.reduce((sum, f) => sum + f.gzip, 0);

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** "a.js 263.8 KB gz, b.js 19.3 KB gz, …": the biggest files first, for failure messages. */
export function describeBiggest(files: FileSize[], count = 5): string {
	return files
		.slice(0, count)
		.map((f) => `${f.file} ${kb(f.gzip)} gz (${kb(f.raw)} raw)`)
		.join(', ');
}

export const BUILD_DIR = join(PROJECT_ROOT, 'build');
