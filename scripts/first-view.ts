/**
 * The build-time first view (see src/lib/data/first-view.ts): the default lens scored, its risk
 * run (whose P(loss) ranks the eligible seats by default), the Data tab's table, and for readers the allocation, map colours and headline, computed
 * in native DuckDB with the app's own modules (the CLI's code path), written next to the data
 * through a temporary file, and recorded with its hash in the manifest.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { openNodeDatabase } from '../src/lib/db/node';
import { loadTables } from '../src/lib/data/load-tables';
import type { DataManifest } from '../src/lib/data/manifest';
import { computeFirstViewCore } from '../src/lib/data/first-view-compute';
import { encodeFirstView, FIRST_VIEW_FILE, FIRST_VIEW_VERSION, fromColumnar, packedFromJson, type FirstView, type FirstViewCore, type FirstViewDerived } from '../src/lib/data/first-view';
import { DEFAULT_LENS } from '../src/lib/model/lenses';
import { unpackRun } from '../src/lib/model/risk/transfer';
import { riskPartyOfWinner } from '../src/lib/model/risk/parties';
import { allocateSeats, DEFAULT_BUDGET_RULE } from '../src/lib/features/allocation/budget';
import { bivariateColour, classifyBivariate } from '../src/lib/features/map/classify';
import { headlineHolder } from '../src/lib/features/risk/risk-format';
import { rankByPLoss } from '../src/lib/features/risk/risk-priority';
import type { ScoredRow } from '../src/lib/features/scores/scores-state.svelte';

/** What the page derives from the core for the default view, by the same functions. */
export function deriveFirstView(core: FirstViewCore): FirstViewDerived {
	const scored = fromColumnar<ScoredRow>(core.scores);
	const risk = unpackRun(packedFromJson(core.risk));
	// The default priority ranks the eligible seats by P(loss), as the page's RiskState does.
	const rows = rankByPLoss(scored, (code) => risk.seats.get(code)?.pLoss ?? null);
	const allocation = allocateSeats(rows, DEFAULT_BUDGET_RULE);
	if (!allocation.ok) throw new Error(`The default allocation failed: ${allocation.error}`);
	const bivariate = classifyBivariate(
		rows.map((r) => (r.post_industrial_partial ? null : r.post_industrial)),
		rows.map((r) => (r.threat_partial ? null : r.threat))
	);
	const headline = headlineHolder(risk.losses, core.definition.priority.eligibility.holders.map(riskPartyOfWinner));
	return {
		allocation: { method: DEFAULT_BUDGET_RULE.method.kind, budget: DEFAULT_BUDGET_RULE.budget, total: allocation.total, seats: allocation.seats.map((s) => ({ code: s.code, amount: s.amount })) },
		map: {
			variable: 'bivariate',
			codes: rows.map((r) => r.code),
			cells: bivariate.cells.map((c) => (c ? `${c.x}-${c.y}` : null)),
			colours: bivariate.cells.map((c) => bivariateColour(c)),
			legend: Object.entries(bivariate.counts).map(([cell, count]) => ({ cell, count }))
		},
		headline: headline && { holder: headline.holder, held: headline.held, expectedLost: headline.expectedLost, low: headline.low, high: headline.high }
	};
}

/** Compute the first view from the built tables in `outDir`. */
export async function computeFirstView(outDir: string, manifest: DataManifest): Promise<FirstView> {
	const db = await openNodeDatabase();
	try {
		await loadTables(db, manifest, async (file) => new Uint8Array(readFileSync(join(outDir, file))));
		const core = await computeFirstViewCore(db, DEFAULT_LENS);
		return { version: FIRST_VIEW_VERSION, ...core, derived: deriveFirstView(core) };
	} finally {
		await db.close();
	}
}

/** Write the file (temporary name, then rename) and record it in the manifest; returns its size. */
export async function buildFirstView(outDir: string, log: (line: string) => void = () => {}): Promise<number> {
	const manifestPath = join(outDir, 'manifest.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as DataManifest;
	const bytes = encodeFirstView(await computeFirstView(outDir, manifest));
	const path = join(outDir, FIRST_VIEW_FILE);
	writeFileSync(`${path}.tmp`, bytes);
	renameSync(`${path}.tmp`, path);
	const firstView = { file: FIRST_VIEW_FILE, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
	if (JSON.stringify(manifest.firstView) !== JSON.stringify(firstView)) {
		writeFileSync(`${manifestPath}.tmp`, JSON.stringify({ ...manifest, firstView }, null, 2) + '\n');
		renameSync(`${manifestPath}.tmp`, manifestPath);
	}
	log(`  ${FIRST_VIEW_FILE}: the default view, ${(bytes.length / 1024).toFixed(0)} KB`);
	return bytes.length;
}
