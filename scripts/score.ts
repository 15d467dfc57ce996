/**
 * Headless scoring: the same SQL as the app, in native DuckDB.
 *   npm run score -- --lens 2015 --out scores.csv [--definition my.json]
 * Exits non-zero with a readable message on a bad definition or missing data.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openNodeDatabase } from '../src/lib/db/node';
import { loadTables } from '../src/lib/data/load-tables';
import { prepareIndicators } from '../src/lib/data/prepare-indicators';
import { formatErrors, LENS_IDS, validateDefinition, type LensId } from '../src/lib/features/scores/definition';
import { defaultDefinition } from '../src/lib/features/scores/lenses';
import { toCsv } from '../src/lib/export/csv';
import { scoreQuery } from '../src/lib/queries/scoring';
import { buildData } from './data/build';
import { PROJECT_ROOT, resolveDataDir } from './data/sources';

const USAGE = 'Usage: npm run score -- --lens 2015|2019|2024 --out scores.csv [--definition definition.json]';

class CliError extends Error {}

function lensFrom(value: string | undefined): LensId {
	const lens = LENS_IDS.find((id) => id === value || id.startsWith(`${value}-`));
	if (!lens) throw new CliError(`Unknown lens "${value}". Choose one of: ${LENS_IDS.join(', ')} (or just the year).\n${USAGE}`);
	return lens;
}

async function main() {
	const { values } = parseArgs({
		options: { lens: { type: 'string' }, out: { type: 'string' }, definition: { type: 'string' }, help: { type: 'boolean' } }
	});
	if (values.help) return console.log(USAGE);
	if (!values.out) throw new CliError(`--out is required.\n${USAGE}`);
	const outDir = process.env.HEARTLANDS_OUT ?? join(PROJECT_ROOT, 'static/data');
	const { manifest } = await buildData({ dataDir: resolveDataDir(), outDir });
	const db = await openNodeDatabase();
	try {
		await loadTables(db, manifest, async (file) => new Uint8Array(readFileSync(join(outDir, file))));
		const { catalogue } = await prepareIndicators(db);
		let raw: unknown;
		if (values.definition) {
			try {
				raw = JSON.parse(readFileSync(values.definition, 'utf8'));
			} catch (error) {
				throw new CliError(`Cannot read the definition ${values.definition}: ${(error as Error).message}`);
			}
			if (values.lens && (raw as { lens?: string })?.lens !== lensFrom(values.lens)) {
				throw new CliError(`--lens ${values.lens} does not match the definition's lens "${(raw as { lens?: string })?.lens}".`);
			}
		} else {
			raw = defaultDefinition(lensFrom(values.lens ?? '2015'));
		}
		const validation = validateDefinition(raw, catalogue);
		if (!validation.ok) throw new CliError(`The definition is not valid:\n${formatErrors(validation.errors)}`);
		const query = scoreQuery(validation.definition);
		const rows = (await db.query(query.sql, query.params)).rows;
		const columns = ['code', 'name', 'nation', 'region', 'holder', 'post_industrial', 'threat', 'priority', 'post_industrial_rank', 'threat_rank', 'priority_rank', 'post_industrial_pct', 'threat_pct', 'eligible'];
		writeFileSync(values.out, toCsv(columns, rows.map((r) => columns.map((c) => r[c]))));
		const eligible = rows.filter((r) => r.eligible).length;
		console.log(`Scored ${rows.length} seats (${eligible} eligible) under lens ${validation.definition.lens}; wrote ${values.out}`);
	} finally {
		await db.close();
	}
}

main().catch((error) => {
	console.error(error instanceof CliError || error?.name === 'SourceCheckError' ? error.message : `Error: ${error?.stack ?? error}`);
	process.exit(1);
});
