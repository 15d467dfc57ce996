/** CLI for the data build. Usage: `npm run data [-- --force]`. See scripts/data/build.ts. */
import { join } from 'node:path';
import { buildData } from './data/build';
import { buildFirstView } from './first-view';
import { PROJECT_ROOT, resolveDataDir } from './data/sources';

const dataDir = resolveDataDir();
const outDir = process.env.HEARTLANDS_OUT ?? join(PROJECT_ROOT, 'static/data');
try {
	await buildData({ dataDir, outDir, force: process.argv.includes('--force'), log: (l) => console.log(l) });
	// Always recomputed: it depends on the app's scoring and risk code as well as the data.
	await buildFirstView(outDir, (l) => console.log(l));
} catch (error) {
	console.error(`\n${(error as Error).message}\n`);
	process.exit(1);
}
