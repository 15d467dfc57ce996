/**
 * The built app in headless Chromium (served by `vite preview`): engine work through the `?bench`
 * hooks, and the user-visible moments read from GeoMap's `data-recolours`/`data-recoloured-at`.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import type { RescoreMode } from './browser/workloads';
import { PROJECT_ROOT } from '../scripts/data/sources';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { geoFrameGaps, importFrameGaps } from './import-frames';

export interface ChromiumOptions {
	port: number;
	reps: number;
	/** Repetitions for the slow workloads (page loads, ingest, sensitivity). */
	slowReps: number;
	warmup: number;
	rescoreModes: RescoreMode[];
	ingestRows: number[];
	sensitivityDraws: number;
	/** A large CSV to take through the upload wizard, measuring frame gaps. */
	importCsv?: { rows: number; bytes: Buffer };
	/** A large GeoJSON area layer (a path) to import and open on the Map tab, measuring frame gaps. */
	geoLayerFile?: string;
	log: (what: string) => void;
}

export interface ChromiumResult {
	samples: Record<string, number[]>;
	ingestBytes: Record<number, number>;
	chromium: string;
	renderer: string;
}

const GEO = '[data-testid="geo-map"]';

type Hooks = {
	rescore(m: string, w: number): Promise<number>;
	moveWeight(w: number): number;
	ingestCsv(n: number): Promise<{ ms: number; bytes: number }>;
	sensitivity(draws: number): Promise<number>;
	timeRecolour(selector: string, mode: string, round: number): Promise<number>;
};
/** The page's hooks; spelled out inside each `page.evaluate`, whose function runs in the page. */
type BenchGlobal = { __heartlandsBench: Hooks };

export async function withServer<T>(port: number, work: () => Promise<T>): Promise<T> {
	const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], { cwd: PROJECT_ROOT, stdio: 'ignore', detached: true });
	try {
		return await work();
	} finally {
		try {
			process.kill(-server.pid!, 'SIGTERM');
		} catch {
			/* already gone */
		}
	}
}

async function gotoWhenUp(page: Page, url: string) {
	for (let i = 0; ; i++) {
		try {
			await page.goto(url);
			return;
		} catch (error) {
			if (i > 60) throw error;
			await new Promise((r) => setTimeout(r, 500));
		}
	}
}

/**
 * Navigate to the Map tab and return the page's own clock (ms since navigation) at the first
 * coloured map on screen (the SVG first paint, or MapLibre's frame if that came first), at
 * MapLibre's first coloured frame, and when DuckDB-wasm had re-scored (edits apply live from then).
 */
async function firstScoredMap(page: Page, url: string): Promise<{ map: number; maplibre: number; engine: number }> {
	await page.goto(url);
	await page.waitForSelector(`${GEO}:not([data-recolours="0"])`, { timeout: 120_000 });
	const maplibre = Number(await page.getAttribute(GEO, 'data-recoloured-at'));
	const preview = Number((await page.getAttribute('[data-testid="map-view"]', 'data-preview-at')) || Infinity);
	await page.waitForSelector('main[data-scored="true"]', { timeout: 120_000 });
	return { map: Math.min(preview, maplibre), maplibre, engine: await page.evaluate(() => performance.now()) };
}

/**
 * The landing view (the briefing, no tab in the link): the page's clock at the first animation
 * frame where the headline allocation, the top ten seats and the funded-seat map are all there.
 */
async function briefingShown(page: Page, url: string): Promise<number> {
	await page.goto(url);
	const at = await page.waitForFunction(
		() => {
			const top = document.querySelectorAll('[data-testid="briefing-top"] li').length >= 10;
			const map = document.querySelector('[data-testid="briefing"] svg path.funded') !== null;
			const allocated = /£/.test(document.querySelector('[data-testid="figure-allocated"]')?.textContent ?? '');
			return top && map && allocated ? performance.now() : null;
		},
		undefined,
		{ polling: 'raf', timeout: 120_000 }
	);
	return Number(await at.jsonValue());
}

/** Brotli bytes of what a fresh visit fetches until the coloured map, DuckDB's engine files apart. */
async function firstViewTransfer(browser: Browser, url: string): Promise<{ bytes: number; withTables: number; files: string[] }> {
	const context = await browser.newContext();
	const page = await context.newPage();
	const paths = new Set<string>();
	page.on('request', (request) => {
		const path = new URL(request.url()).pathname;
		if (new URL(request.url()).origin === new URL(url).origin) paths.add(path);
	});
	await page.goto(url);
	await page.waitForSelector(`${GEO}:not([data-recolours="0"])`, { timeout: 120_000 });
	const seen = [...paths];
	await context.close();
	const files = seen.filter((p) => !/duckdb/i.test(p)).map((p) => (p === '/' ? 'index.html' : p.replace(/^\//, '').split('?')[0]));
	const size = (file: string) => {
		const path = join(PROJECT_ROOT, 'build', file);
		return existsSync(`${path}.br`) ? statSync(`${path}.br`).size : existsSync(path) ? statSync(path).size : 0;
	};
	// The tables in data/*.csv are the engine's inputs (loaded behind the first view), not the view's.
	const own = files.filter((f) => !/^data\/.*\.csv$/.test(f));
	return { bytes: own.reduce((sum, f) => sum + size(f), 0), withTables: files.reduce((sum, f) => sum + size(f), 0), files };
}

async function repeat(n: number, warmup: number, run: (i: number) => Promise<number>): Promise<number[]> {
	const out: number[] = [];
	for (let i = 0; i < warmup + n; i++) {
		const ms = await run(i);
		if (i >= warmup) out.push(ms);
	}
	return out;
}

export function inChromium(o: ChromiumOptions): Promise<ChromiumResult> {
	const base = `http://localhost:${o.port}`;
	return withServer(o.port, async () => {
		const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
		try {
			return await measureAll(browser, base, o);
		} finally {
			await browser.close();
		}
	});
}

async function measureAll(browser: Browser, base: string, o: ChromiumOptions): Promise<ChromiumResult> {
	// One long-lived context: its HTTP cache and service worker make the "warm" visits.
	const warm: BrowserContext = await browser.newContext();
	const page = await warm.newPage();
	await gotoWhenUp(page, `${base}/?bench`);
	await page.waitForSelector('main[data-phase="ready"]', { timeout: 120_000 });
	await page.waitForFunction(() => '__heartlandsBench' in globalThis);
	const renderer = await page.evaluate(() => {
		const gl = document.createElement('canvas').getContext('webgl');
		const info = gl?.getExtension('WEBGL_debug_renderer_info');
		return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'no WebGL';
	});
	o.log('Chromium: engine hooks');
	const samples: Record<string, number[]> = {};
	const ingestBytes: Record<number, number> = {};
	for (const mode of o.rescoreModes) {
		samples[`rescore-${mode}`] = await repeat(o.reps, o.warmup, (i) => page.evaluate(({ mode, w }) => (globalThis as unknown as BenchGlobal).__heartlandsBench.rescore(mode, w), { mode, w: 1 + (i % 7) / 10 }));
	}
	for (const rows of o.ingestRows) {
		samples[`ingest-${rows}`] = await repeat(o.slowReps, 1, async () => {
			const r = await page.evaluate((n) => (globalThis as unknown as BenchGlobal).__heartlandsBench.ingestCsv(n), rows);
			ingestBytes[rows] = r.bytes;
			return r.ms;
		});
	}
	samples.sensitivity = await repeat(o.slowReps, 1, () => page.evaluate((d) => (globalThis as unknown as BenchGlobal).__heartlandsBench.sensitivity(d), o.sensitivityDraws));
	await page.evaluate(() => navigator.serviceWorker?.ready.then(() => true));

	o.log('Chromium: first scored map, cold and warm, first view against live only');
	// First scored map: a fresh context (nothing cached, no service worker) against the warm one,
	// this design (the build-time first view) against the previous one (everything computed live),
	// interleaved so all four see the same machine load.
	for (const key of ['map-first-paint', 'maplibre-first-frame', 'engine-live']) for (const mode of ['cold', 'warm', 'cold-live', 'warm-live']) samples[`${key}-${mode}`] = [];
	for (const mode of ['cold', 'warm', 'cold-live', 'warm-live']) samples[`briefing-${mode}`] = [];
	// "Live": the same default view named in the link (`?s=`, as the page writes it into the address),
	// which the page computes in DuckDB-wasm instead of painting the first view. (Withholding the file
	// with page.route would not do: the warm visits' service worker answers before any route.)
	await page.waitForURL(/[?&]s=/, { timeout: 10_000 });
	const link = new URLSearchParams({ s: new URL(page.url()).searchParams.get('s')! }).toString();
	for (let i = 0; i < 1 + o.slowReps; i++) {
		for (const live of [false, true]) {
			const mapUrl = live ? `${base}/?tab=map&${link}` : `${base}/?tab=map`;
			const landingUrl = live ? `${base}/?${link}` : `${base}/`;
			const fresh = await browser.newContext();
			const cold = await firstScoredMap(await fresh.newPage(), mapUrl);
			await fresh.close();
			const warmVisit = await firstScoredMap(page, mapUrl);
			const freshLanding = await browser.newContext();
			const coldLanding = await briefingShown(await freshLanding.newPage(), landingUrl);
			await freshLanding.close();
			const warmLanding = await briefingShown(page, landingUrl);
			if (i < 1) continue;
			const suffix = live ? '-live' : '';
			samples[`map-first-paint-cold${suffix}`].push(cold.map);
			samples[`map-first-paint-warm${suffix}`].push(warmVisit.map);
			samples[`maplibre-first-frame-cold${suffix}`].push(cold.maplibre);
			samples[`maplibre-first-frame-warm${suffix}`].push(warmVisit.maplibre);
			samples[`engine-live-cold${suffix}`].push(cold.engine);
			samples[`engine-live-warm${suffix}`].push(warmVisit.engine);
			samples[`briefing-cold${suffix}`].push(coldLanding);
			samples[`briefing-warm${suffix}`].push(warmLanding);
		}
	}
	const transfer = await firstViewTransfer(browser, `${base}/?tab=map`);
	samples['first-view-transfer-bytes'] = [transfer.bytes];
	samples['first-view-transfer-with-tables-bytes'] = [transfer.withTables];
	o.log(`  first view fetched ${transfer.files.length} files: ${(transfer.bytes / 1024).toFixed(0)} KB brotli for the view, ${(transfer.withTables / 1024).toFixed(0)} KB with the engine's tables (wasm apart)`);
	samples['service-worker-controlled'] = [Number(await page.evaluate(() => navigator.serviceWorker?.controller !== null))];

	o.log('Chromium: recolour');
	// Weight change through the app's state → debounce → DuckDB → feature-state → rendered frame.
	await firstScoredMap(page, `${base}/?bench&tab=map`);
	await page.waitForFunction(() => '__heartlandsBench' in globalThis);
	samples['map-recolour'] = [];
	for (let i = 0; i < o.warmup + o.reps; i++) {
		const before = Number(await page.getAttribute(GEO, 'data-recolours'));
		const start = await page.evaluate((w) => (globalThis as unknown as BenchGlobal).__heartlandsBench.moveWeight(w), i % 2 ? 5 : 1);
		const changed = await page
			.waitForFunction(({ sel, n }) => Number(document.querySelector(sel)?.getAttribute('data-recolours')) > n, { sel: GEO, n: before }, { timeout: 15_000 })
			.then(
				() => true,
				() => false
			);
		if (changed && i >= o.warmup) samples['map-recolour'].push(Number(await page.getAttribute(GEO, 'data-recoloured-at')) - start);
	}
	// The map step alone, all 650 seats recoloured: feature-state against rebuilding the source.
	for (const mode of ['feature-state', 'set-data'] as const) samples[`recolour-${mode}`] = [];
	for (let i = 0; i < o.warmup + o.reps; i++) {
		for (const mode of ['feature-state', 'set-data'] as const) {
			const ms = await page.evaluate(({ sel, mode, i }) => (globalThis as unknown as BenchGlobal).__heartlandsBench.timeRecolour(sel, mode, i), { sel: GEO, mode, i });
			if (i >= o.warmup) samples[`recolour-${mode}`].push(ms);
		}
	}
	await warm.close();

	if (o.importCsv) {
		o.log(`Chromium: ${o.importCsv.rows.toLocaleString('en-GB')}-row CSV through the upload wizard`);
		const gaps = await importFrameGaps(browser, base, o.importCsv.bytes);
		samples['import-stage-gap'] = [gaps.stageGapMs];
		samples['import-commit-gap'] = [gaps.importGapMs];
		samples['import-commit'] = [gaps.importMs];
	}
	if (o.geoLayerFile) {
		o.log('Chromium: large GeoJSON area layer through the wizard and onto the map');
		const gaps = await geoFrameGaps(browser, base, o.geoLayerFile);
		samples['geo-stage-gap'] = [gaps.stageGapMs];
		samples['geo-import-gap'] = [gaps.importGapMs];
		samples['geo-map-gap'] = [gaps.mapGapMs];
		samples['geo-reload-gap'] = [gaps.reloadGapMs];
	}
	return { samples, ingestBytes, chromium: browser.version(), renderer };
}
