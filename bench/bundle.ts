/** Bytes per emitted file of the built app: raw, gzip -9 and (from `npm run build`'s .br files) brotli. */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR, measureBundle, totalGzip, type FileSize } from '../scripts/bundle-sizes';

export interface BundleRow extends FileSize {
	group: 'first load' | 'lazy' | 'DuckDB engine' | 'CSS';
	brotli: number | null;
}

export function bundleReport(dir = BUILD_DIR): { rows: BundleRow[]; firstLoadGzip: number; lazyGzip: number } {
	const sizes = measureBundle(dir);
	const brotli = (file: string) => (existsSync(join(dir, `${file}.br`)) ? statSync(join(dir, `${file}.br`)).size : null);
	const groups: [BundleRow['group'], FileSize[]][] = [
		['first load', sizes.firstLoad],
		['lazy', sizes.lazy],
		['CSS', sizes.css],
		['DuckDB engine', sizes.duckdb]
	];
	const rows = groups.flatMap(([group, files]) => files.map((f) => ({ ...f, group, brotli: brotli(f.file) })));
	return { rows, firstLoadGzip: totalGzip(sizes.firstLoad), lazyGzip: totalGzip(sizes.lazy) };
}
