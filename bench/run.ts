/**
 * `npm run bench`: product workloads measured side by side in one run, interleaved, after a
 * warm-up, reported as median and p90 and as ratios to native DuckDB and to a memory-scan floor.
 * Writes bench/results/latest.json and bench/results/latest.md. Timings live here, never in tests.
 *
 * Environment: BENCH_PORT (default 4391) for the preview server, BENCH_REPS (default 10) for the
 * fast workloads, BENCH_SLOW_REPS (default 5) for page loads, ingest and sensitivity.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { openNodeDatabase } from '../src/lib/db/node';
import { openWasmNodeDatabase } from '../src/lib/db/wasm-node';
import type { Database } from '../src/lib/db/types';
import { loadTables } from '../src/lib/data/load-tables';
import { prepareIndicators } from '../src/lib/data/prepare-indicators';
import { prepareBench, syntheticCsv, timedRescore } from './browser/workloads';
import { defaultDefinition } from '../src/lib/model/lenses';
import { DEFAULT_BUDGET_RULE } from '../src/lib/features/allocation/budget';
import { DEFAULT_SENSITIVITY_OPTIONS, runSensitivity, stageSeatsFromRows } from '../src/lib/features/sensitivity/sensitivity';
import { scoreQuery } from '../src/lib/queries/scoring';
import { loadRiskHistories } from '../src/lib/data/risk-inputs';
import { runRisk, type RiskHistories } from '../src/lib/model/risk/run';
import { buildData } from '../scripts/data/build';
import { PROJECT_ROOT, resolveDataDir } from '../scripts/data/sources';
import { inChromium } from './app-chromium';
import { bundleReport } from './bundle';
import { dropUpload, groupByCases, ingestCases, PLAIN_TS, scoreCases, smallAreaCases, WASM_NODE, type Engines } from './engines';
import { indicatorBuildCases, UPLOAD_COLUMN_COUNTS } from './upload-scale';
import { IMPORT_ROWS, seatCsv } from './import-frames';
import { writeGeoLayerFile } from './geo-layer-file';
import { measure, NATIVE, timed, toWorkload, type Measured, type Workload } from './harness';
import { toMarkdown, type BenchResult } from './report';

const brotliSize = (path: string) => brotliCompressSync(readFileSync(path)).length;

const started = performance.now();
const REPS = Number(process.env.BENCH_REPS ?? 10);
const SLOW_REPS = Number(process.env.BENCH_SLOW_REPS ?? 5);
const WARMUP = 2;
const PORT = Number(process.env.BENCH_PORT ?? 4391);
/** CSV ingest sizes (rows × 10 columns); BENCH_LARGE=1 adds 5e6 rows (about 0.3 GB of text). */
const INGEST_ROWS = process.env.BENCH_LARGE ? [1e5, 1e6, 5e6] : [1e5, 1e6];
const GROUP_BY_ROWS = [1e6, 1e7];
const SENSITIVITY_DRAWS = DEFAULT_SENSITIVITY_OPTIONS.draws;
const CHROMIUM = 'DuckDB-wasm in Chromium (the app)';
const outDir = join(PROJECT_ROOT, 'static/data');
const fast = { reps: REPS, warmup: WARMUP };
const slow = { reps: SLOW_REPS, warmup: 1 };

async function loaded(open: () => Promise<Database>) {
	const { manifest } = await buildData({ dataDir: resolveDataDir(), outDir });
	const db = await open();
	await loadTables(db, manifest, async (file) => new Uint8Array(readFileSync(join(outDir, file))));
	await prepareIndicators(db);
	await prepareBench(db);
	return { db, manifest };
}

/** A new histories object, so the per-base fit cache misses and the fit is timed too. */
const loadedCopy = (h: RiskHistories): RiskHistories => ({ '2010': h['2010'], '2024': h['2024'] });

const version = (pkg: string): string => JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const log = (what: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${what}`);
const withRows = (m: Measured, engine: string, samples: number[] | undefined): Measured => {
	if (samples) m.samples.set(engine, samples);
	return m;
};

async function nodeWorkloads() {
	const { db: native, manifest } = await loaded(() => openNodeDatabase({ threads: 1 }));
	const { db: wasm } = await loaded(openWasmNodeDatabase);
	const e: Engines = { native, wasm };
	const measured: Record<string, Measured> = {};
	log('re-score');
	measured['weight-change'] = await measure(
		[
			{ engine: NATIVE, run: () => timedRescore(native, 'weight-change', 1.1) },
			{ engine: WASM_NODE, run: () => timedRescore(wasm, 'weight-change', 1.1) }
		],
		fast
	);
	measured.score = await measure(await scoreCases(e), fast);
	log('small areas');
	measured.smallAreas = await measure(await smallAreaCases(e, manifest, (f) => new Uint8Array(readFileSync(join(outDir, f)))), fast);
	for (const rows of GROUP_BY_ROWS) {
		log(`group-by ${rows}`);
		measured[`group-${rows}`] = await measure(await groupByCases(e, rows), rows > 1e6 ? slow : fast);
		await dropUpload(e);
	}
	const csvBytes: Record<number, number> = {};
	for (const rows of INGEST_ROWS) {
		log(`ingest ${rows}`);
		const csv = syntheticCsv(rows);
		csvBytes[rows] = csv.byteLength;
		measured[`ingest-${rows}`] = await measure(ingestCases(e, csv, rows === INGEST_ROWS[0]), slow);
	}
	const uploadMemory: Record<number, Record<string, string>> = {};
	for (const columns of UPLOAD_COLUMN_COUNTS) {
		log(`indicator build with ${columns} uploaded columns`);
		const build = await indicatorBuildCases(e, columns);
		measured[`uploads-${columns}`] = await measure(build.cases, slow);
		uploadMemory[columns] = await build.memory();
		await build.cleanup();
	}
	// The sensitivity analysis is plain TypeScript; Node runs the same function the worker runs.
	const definition = defaultDefinition('2015-ukip');
	const q = scoreQuery(definition);
	const input = { seats: stageSeatsFromRows((await native.query(q.sql, q.params)).rows, definition), definition, budget: DEFAULT_BUDGET_RULE };
	measured.sensitivity = await measure([{ engine: `${PLAIN_TS} in Node, no worker`, run: () => timed(() => runSensitivity(input, { ...DEFAULT_SENSITIVITY_OPTIONS }).seats.length) }], slow);
	// The seat-risk model is plain TypeScript too; the app's worker runs the same `runRisk`.
	const histories = await loadRiskHistories(native);
	const scenario = { kind: 'result' as const, year: 2019 as const };
	runRisk(histories, '2010', 2015, scenario);
	measured.risk = await measure(
		[
			{ engine: `project + simulate, fit cached (${PLAIN_TS}, Node; what a slider move costs)`, run: () => timed(() => runRisk(histories, '2010', 2015, scenario).simulation.draws) },
			{ engine: 'fit from earlier elections + project + simulate (nothing cached)', run: () => timed(() => runRisk(loadedCopy(histories), '2010', 2015, scenario).simulation.draws) }
		],
		slow
	);
	await native.close();
	await wasm.close();
	return { measured, csvBytes, uploadMemory };
}

async function main() {
	const { measured, csvBytes, uploadMemory } = await nodeWorkloads();
	log('Chromium');
	const codes = readFileSync(join(outDir, 'constituencies.csv'), 'utf8')
		.split('\n')
		.filter((l) => l.startsWith('2010,'))
		.map((l) => l.split(',')[1]);
	const importCsv = { rows: IMPORT_ROWS, bytes: seatCsv(codes, IMPORT_ROWS) };
	const geoDir = mkdtempSync(join(tmpdir(), 'heartlands-bench-geo-'));
	const geoLayerFile = join(geoDir, 'zones.geojson');
	const geoLayer = writeGeoLayerFile(geoLayerFile);
	const browser = await inChromium({ port: PORT, reps: REPS, slowReps: SLOW_REPS, warmup: WARMUP, rescoreModes: ['weight-change', 'full'], ingestRows: INGEST_ROWS, sensitivityDraws: SENSITIVITY_DRAWS, importCsv, geoLayerFile, log }).finally(() =>
		rmSync(geoDir, { recursive: true, force: true })
	);
	const s = browser.samples;
	const gl = `GL: ${browser.renderer}`;
	const swNote = s['service-worker-controlled'][0] ? 'served by the service worker' : 'HTTP cache only, no service worker in control';
	const workloads: Workload[] = [
		toWorkload('Weight change → re-score 650 seats (normalised stage cached, as the app does)', withRows(measured['weight-change'], CHROMIUM, s['rescore-weight-change']), '≤ 20 ms median in the browser'),
		toWorkload('Score 650 seats from the indicator table (full method, one statement as the CLI runs it)', withRows(measured.score, CHROMIUM, s['rescore-full'])),
		toWorkload('Small-area upload (42,619 rows × 3 values) → 650 seats, population-weighted mean', measured.smallAreas),
		...GROUP_BY_ROWS.map((rows) => toWorkload(`Group-by score over a synthetic upload: ${rows.toLocaleString('en-GB')} rows → 650 keys`, measured[`group-${rows}`])),
		...INGEST_ROWS.map((rows) => {
			const w = toWorkload(
				`CSV ingest, ${rows.toLocaleString('en-GB')} rows × 10 columns (${(csvBytes[rows] / 1e6).toFixed(0)} MB)`,
				withRows(measured[`ingest-${rows}`], CHROMIUM, s[`ingest-${rows}`]),
				rows === 1e6 ? 'under 3 s in Chromium and within 4× of native' : undefined
			);
			w.throughput = Object.fromEntries(w.rows.map((r) => [r.engine, (csvBytes[rows] / 1e6 / (r.summary.median / 1000)).toFixed(0)]));
			return w;
		}),
		...UPLOAD_COLUMN_COUNTS.map((columns) => ({
			...toWorkload(`Indicator tables rebuilt with ${columns.toLocaleString('en-GB')} uploaded columns (650 seats; start-up and every import do this)`, measured[`uploads-${columns}`]),
			extra: { heading: 'DuckDB memory after (MB)', values: uploadMemory[columns] }
		})),
		toWorkload(
			`Upload wizard, ${IMPORT_ROWS.toLocaleString('en-GB')}-row CSV (${(importCsv.bytes.byteLength / 1e6).toFixed(0)} MB): longest frame gap while it is read, and while it is imported; then the import's time`,
			{
				samples: new Map([
					['longest gap while reading (worker)', s['import-stage-gap']],
					['longest gap while importing', s['import-commit-gap']],
					['Import click → imported', s['import-commit']]
				]),
				skipped: new Map()
			},
			'no frame gap over 200 ms'
		),
		toWorkload(
			`GeoJSON area layer, ${geoLayer.positions.toLocaleString('en-GB')} positions (the detailed 2024 seats, densified): longest frame gap while it is read, imported, drawn on the Map tab, and after a reload (start-up included; ${gl})`,
			{
				samples: new Map([
					['while reading (worker)', s['geo-stage-gap']],
					['while importing', s['geo-import-gap']],
					['Map tab until the layer is drawn', s['geo-map-gap']],
					['reload until the layer is drawn', s['geo-reload-gap']]
				]),
				skipped: new Map()
			},
			'no frame gap over 200 ms'
		),
		toWorkload('Seat-risk model, base 2015 → the real 2019 shares, 650 seats × 2,000 draws (plain TypeScript; the app runs it in a worker)', measured.risk, 'finishes while a slider is dragged (well under 250 ms)'),
		toWorkload(`Monte Carlo sensitivity, ${SENSITIVITY_DRAWS} draws (in Chromium: a module worker, start-up included)`, withRows(measured.sensitivity, 'the app in Chromium (worker)', s.sensitivity)),
		toWorkload(
			`First scored map, cold: fresh browser context, nothing cached (navigation → coloured map on screen; ${gl})`,
			{
				samples: new Map([
					['first view from the build (this design)', s['map-first-paint-cold']],
					['  its MapLibre frame (pan, zoom and hover from here)', s['maplibre-first-frame-cold']],
					['computed live (no first view)', s['map-first-paint-cold-live']],
					['  its MapLibre frame', s['maplibre-first-frame-cold-live']]
				]),
				skipped: new Map()
			},
			'≤ 2.0 s'
		),
		toWorkload(
			`First scored map, warm: repeat visit, ${swNote} (${gl})`,
			{
				samples: new Map([
					['first view from the build (this design)', s['map-first-paint-warm']],
					['  its MapLibre frame (pan, zoom and hover from here)', s['maplibre-first-frame-warm']],
					['computed live (no first view)', s['map-first-paint-warm-live']],
					['  its MapLibre frame', s['maplibre-first-frame-warm-live']]
				]),
				skipped: new Map()
			},
			'≤ 1.0 s'
		),
		toWorkload(
			`The landing view (the briefing): navigation → headline allocation, top ten seats and funded-seat map on screen (cold, then warm; ${gl})`,
			{
				samples: new Map([
					['cold, first view from the build', s['briefing-cold']],
					['cold, computed live', s['briefing-cold-live']],
					['warm, first view from the build', s['briefing-warm']],
					['warm, computed live', s['briefing-warm-live']]
				]),
				skipped: new Map()
			},
			'≤ 1.0 s warm, ≤ 2.0 s cold'
		),
		toWorkload(
			'Until an edit re-scores: navigation → DuckDB-wasm has loaded the tables and re-scored (cold, then warm)',
			{
				samples: new Map([
					['cold, first view', s['engine-live-cold']],
					['cold, live only', s['engine-live-cold-live']],
					['warm, first view', s['engine-live-warm']],
					['warm, live only', s['engine-live-warm-live']]
				]),
				skipped: new Map()
			},
			'reported, no target: edits made before this are kept and applied then'
		),
		toWorkload(`Weight change → recoloured map frame (DuckDB + feature-state + frame; no debounce, one run in flight; ${gl})`, { samples: new Map([['the app in Chromium', s['map-recolour']]]), skipped: new Map() }, '≤ 50 ms on real hardware'),
		toWorkload(`Map step alone: recolour all 650 seats until MapLibre is idle (${gl})`, {
			samples: new Map([
				['feature-state (the app)', s['recolour-feature-state']],
				['setData on the GeoJSON source (baseline)', s['recolour-set-data']]
			]),
			skipped: new Map()
		})
	];
	const result: BenchResult = {
		environment: {
			date: new Date().toISOString(),
			cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
			memoryGiB: Math.round(totalmem() / 2 ** 30),
			node: process.version,
			chromium: browser.chromium,
			glRenderer: browser.renderer,
			packages: Object.fromEntries(['@duckdb/duckdb-wasm', '@duckdb/node-api', 'arquero', 'maplibre-gl', 'svelte', '@sveltejs/kit', 'vite'].map((p) => [p, version(p)])),
			durationSeconds: (performance.now() - started) / 1000
		},
		reps: REPS,
		slowReps: SLOW_REPS,
		warmup: WARMUP,
		workloads,
		bundle: bundleReport(),
		firstView: { transferBytes: s['first-view-transfer-bytes'][0], withTablesBytes: s['first-view-transfer-with-tables-bytes'][0], fileBytes: brotliSize(join(PROJECT_ROOT, 'build/data/first-view.json')) }
	};
	writeFileSync(join(PROJECT_ROOT, 'bench/results/latest.json'), JSON.stringify(result, null, 2) + '\n');
	const md = toMarkdown(result);
	writeFileSync(join(PROJECT_ROOT, 'bench/results/latest.md'), md);
	console.log(md);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
