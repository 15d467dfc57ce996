/**
 * `npm run bench`: product workloads measured side by side in one run, interleaved, after a
 * warm-up, reported as median and p90 and as ratios to native DuckDB. Writes
 * bench/results/latest.json and bench/results/latest.md. Timings live here, never in tests.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { openNodeDatabase } from '../src/lib/db/node';
import { openWasmNodeDatabase } from '../src/lib/db/wasm-node';
import type { Database } from '../src/lib/db/types';
import { loadTables } from '../src/lib/data/load-tables';
import { prepareIndicators } from '../src/lib/data/prepare-indicators';
import { prepareBench, syntheticCsv, timedIngest, timedRescore, type RescoreMode } from '../src/lib/data/bench-hooks';
import { buildData } from '../scripts/data/build';
import { PROJECT_ROOT, resolveDataDir } from '../scripts/data/sources';
import { summarise, type Summary } from './stats';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';

const REPS = Number(process.env.BENCH_REPS ?? 15);
/** CSV ingest sizes (rows × 10 columns); BENCH_LARGE=1 adds 5e6 rows (about 0.5 GB of text). */
const INGEST_ROWS = process.env.BENCH_LARGE ? [1e5, 1e6, 5e6] : [1e5, 1e6];
const INGEST_REPS = 5;
const WARMUP = 3;
const PORT = 4391;
const outDir = join(PROJECT_ROOT, 'static/data');

async function loaded(open: () => Promise<Database>) {
	const { manifest } = await buildData({ dataDir: resolveDataDir(), outDir });
	const db = await open();
	await loadTables(db, manifest, async (file) => new Uint8Array(readFileSync(join(outDir, file))));
	await prepareIndicators(db);
	return db;
}

const MODES: { mode: RescoreMode; name: string; target?: string }[] = [
	{ mode: 'weight-change', name: 'Weight change → re-score 650 seats (normalised stage cached, as the app does)', target: '≤ 20 ms median in the browser' },
	{ mode: 'full', name: 'New method shape → full re-score of 650 seats (one statement, as the CLI does)' }
];

async function inChromium(reps: number): Promise<{ samples: Record<string, number[]>; chromium: string; renderer: string }> {
	const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { cwd: PROJECT_ROOT, stdio: 'ignore', detached: true });
	try {
		const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
		const page = await browser.newPage();
		for (let i = 0; i < 60; i++) {
			try {
				await page.goto(`http://localhost:${PORT}/?bench`);
				break;
			} catch {
				await new Promise((r) => setTimeout(r, 500));
			}
		}
		await page.waitForSelector('main[data-phase="ready"]', { timeout: 120_000 });
		await page.waitForFunction(() => '__heartlandsBench' in globalThis);
		const renderer = await page.evaluate(() => {
			const gl = document.createElement('canvas').getContext('webgl');
			const info = gl?.getExtension('WEBGL_debug_renderer_info');
			return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'no WebGL';
		});
		const samples: Record<string, number[]> = {};
		for (const { mode } of MODES) {
			samples[mode] = await page.evaluate(async ({ reps, warmup, mode }) => {
				const hooks = (globalThis as unknown as { __heartlandsBench: { rescore(m: string, w: number): Promise<number> } }).__heartlandsBench;
				const out: number[] = [];
				for (let i = 0; i < warmup + reps; i++) {
					const t = await hooks.rescore(mode, 1 + (i % 7) / 10);
					if (i >= warmup) out.push(t);
				}
				return out;
			}, { reps, warmup: WARMUP, mode });
		}
		for (const rows of INGEST_ROWS) {
			const out: number[] = [];
			let bytes = 0;
			for (let i = 0; i < 1 + INGEST_REPS; i++) {
				const r = await page.evaluate((n) => (globalThis as unknown as { __heartlandsBench: { ingestCsv(n: number): Promise<{ ms: number; bytes: number }> } }).__heartlandsBench.ingestCsv(n), rows);
				bytes = r.bytes;
				if (i > 0) out.push(r.ms);
			}
			samples[`ingest-${rows}`] = out;
			samples[`ingest-${rows}-bytes`] = [bytes];
		}
		// The map: first scored paint from a warm cache (the page reloaded with the Map tab open),
		// and a weight change until the recoloured frame has rendered.
		const mapPaint: number[] = [];
		const geo = '[data-testid="geo-map"]';
		for (let i = 0; i < WARMUP + Math.min(reps, 8); i++) {
			await page.goto(`http://localhost:${PORT}/?bench&tab=map`);
			await page.waitForSelector(`${geo}:not([data-recolours="0"])`, { timeout: 120_000 });
			if (i >= WARMUP) mapPaint.push(Number(await page.getAttribute(geo, 'data-recoloured-at')));
		}
		await page.waitForFunction(() => '__heartlandsBench' in globalThis);
		const recolour: number[] = [];
		for (let i = 0; i < WARMUP + reps; i++) {
			const before = Number(await page.getAttribute(geo, 'data-recolours'));
			const start = await page.evaluate((w) => (globalThis as unknown as { __heartlandsBench: { moveWeight(w: number): number } }).__heartlandsBench.moveWeight(w), i % 2 ? 5 : 1);
			const changed = await page
				.waitForFunction(({ sel, n }) => Number(document.querySelector(sel)?.getAttribute('data-recolours')) > n, { sel: geo, n: before }, { timeout: 15_000 })
				.then(() => true, () => false);
			if (changed && i >= WARMUP) recolour.push(Number(await page.getAttribute(geo, 'data-recoloured-at')) - start);
		}
		samples['map-first-paint'] = mapPaint;
		samples['map-recolour'] = recolour;
		const version = browser.version();
		await browser.close();
		return { samples, chromium: version, renderer };
	} finally {
		try {
			process.kill(-server.pid!, 'SIGTERM');
		} catch {
			/* already gone */
		}
	}
}

function version(pkg: string): string {
	return JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

async function main() {
	const native = await loaded(() => openNodeDatabase({ threads: 1 }));
	const wasm = await loaded(openWasmNodeDatabase);
	await prepareBench(native);
	await prepareBench(wasm);
	const samples: Record<string, { native: number[]; wasmNode: number[] }> = {};
	for (const { mode } of MODES) {
		samples[mode] = { native: [], wasmNode: [] };
		for (let i = 0; i < WARMUP + REPS; i++) {
			const weight = 1 + (i % 7) / 10;
			const a = await timedRescore(native, mode, weight);
			const b = await timedRescore(wasm, mode, weight);
			if (i >= WARMUP) {
				samples[mode].native.push(a);
				samples[mode].wasmNode.push(b);
			}
		}
	}
	const nativeIngest: Record<number, number[]> = {};
	for (const rows of INGEST_ROWS) {
		nativeIngest[rows] = [];
		for (let i = 0; i < 1 + INGEST_REPS; i++) {
			const ms = await timedIngest(native, syntheticCsv(rows));
			if (i > 0) nativeIngest[rows].push(ms);
		}
	}
	await native.close();
	await wasm.close();
	const browser = await inChromium(REPS);
	const workloads = MODES.map(({ mode, name, target }) => {
		const rows: { engine: string; summary: Summary }[] = [
			{ engine: 'native DuckDB (@duckdb/node-api, 1 thread)', summary: summarise(samples[mode].native) },
			{ engine: 'DuckDB-wasm in Node', summary: summarise(samples[mode].wasmNode) },
			{ engine: 'DuckDB-wasm in Chromium (the app)', summary: summarise(browser.samples[mode]) }
		];
		const base = rows[0].summary.median;
		return { name, target, rows: rows.map((r) => ({ ...r, ratioToNative: r.summary.median / base })) };
	});
	const environment = {
		date: new Date().toISOString(),
		cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
		memoryGiB: Math.round(totalmem() / 2 ** 30),
		node: process.version,
		chromium: browser.chromium,
		glRenderer: browser.renderer,
		packages: Object.fromEntries(['@duckdb/duckdb-wasm', '@duckdb/node-api', 'maplibre-gl', 'svelte', '@sveltejs/kit', 'vite'].map((p) => [p, version(p)]))
	};
	const browserOnly = [
		{ name: 'First scored map from a warm cache (navigation → recoloured map rendered, Map tab)', target: '≤ 1.5 s on real hardware', key: 'map-first-paint' },
		{ name: 'Weight change → recoloured map frame (feature-state, 650 seats, bivariate)', target: '≤ 50 ms on real hardware', key: 'map-recolour' }
	].map(({ name, target, key }) => ({
		name: `${name}; GL: ${browser.renderer}`,
		target,
		rows: [{ engine: 'DuckDB-wasm + MapLibre in Chromium', summary: summarise(browser.samples[key]), ratioToNative: NaN }]
	}));
	const ingest = INGEST_ROWS.map((rows) => {
		const bytes = browser.samples[`ingest-${rows}-bytes`][0];
		const mbps = (ms: number) => bytes / 1e6 / (ms / 1000);
		const nativeSummary = summarise(nativeIngest[rows]);
		const chromeSummary = summarise(browser.samples[`ingest-${rows}`]);
		return {
			name: `CSV ingest, ${rows.toLocaleString('en-GB')} rows × 10 columns (${(bytes / 1e6).toFixed(0)} MB): native ${mbps(nativeSummary.median).toFixed(0)} MB/s, Chromium ${mbps(chromeSummary.median).toFixed(0)} MB/s`,
			target: rows === 1e6 ? 'under 3 s in Chromium and within 4× of native' : undefined,
			rows: [
				{ engine: 'native DuckDB (@duckdb/node-api, 1 thread)', summary: nativeSummary, ratioToNative: 1 },
				{ engine: 'DuckDB-wasm in Chromium (the app)', summary: chromeSummary, ratioToNative: chromeSummary.median / nativeSummary.median }
			]
		};
	});
	const result = { environment, reps: REPS, warmup: WARMUP, workloads: [...workloads, ...ingest, ...browserOnly] };
	writeFileSync(join(PROJECT_ROOT, 'bench/results/latest.json'), JSON.stringify(result, null, 2) + '\n');
	const md = [
		`# Benchmark results`,
		'',
		`${environment.date} · ${environment.cpu} · ${environment.memoryGiB} GiB · Node ${environment.node} · Chromium ${environment.chromium} · GL: ${environment.glRenderer}`,
		'',
		`Packages: ${Object.entries(environment.packages).map(([p, v]) => `${p} ${v}`).join(', ')}. ${REPS} timed repetitions after ${WARMUP} warm-up, interleaved.`,
		'',
		...result.workloads.flatMap((w) => [
			`## ${w.name}`,
			'',
			...(w.target ? [`Target: ${w.target}.`, ''] : []),
			'| engine | median (ms) | p90 (ms) | × native |',
			'|---|---:|---:|---:|',
			...w.rows.map((r) => `| ${r.engine} | ${r.summary.median.toFixed(2)} | ${r.summary.p90.toFixed(2)} | ${Number.isNaN(r.ratioToNative) ? '—' : r.ratioToNative.toFixed(2)} |`),
			''
		])
	].join('\n');
	writeFileSync(join(PROJECT_ROOT, 'bench/results/latest.md'), md + '\n');
	console.log(md);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
