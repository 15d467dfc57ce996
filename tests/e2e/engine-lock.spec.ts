/**
 * Nothing leaves, in the real browser: the DuckDB worker runs under the page's policy, DuckDB-wasm
 * is locked, and the app is served with headers that forbid framing. A second local server (another
 * origin: another port) counts every request it gets and answers with CORS open, so a request that
 * got through would succeed and be counted.
 */
import { expect, test, type Page, type Worker } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { openApp } from './app';

const BUILD_DIR = resolve('build');
let server: Server;
let requests: string[] = [];
let other = '';

test.beforeAll(async () => {
	server = createServer((req, res) => {
		requests.push(`${req.method} ${req.url}`);
		res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/csv' }).end('secret\nLEAKED\n');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	other = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
test.beforeEach(() => {
	requests = [];
});

/** The DuckDB engine's worker, found by the name the app gives it (ENGINE_WORKER_NAME). */
async function engineWorker(page: Page): Promise<Worker> {
	for (const worker of page.workers()) {
		if ((await worker.evaluate(() => self.name)) === 'heartlands-duckdb') return worker;
	}
	throw new Error(`no DuckDB worker among ${page.workers().length} workers`);
}

type Answer = { rows: unknown[] } | { error: string };
const throughDoor = (page: Page, sql: string) => page.evaluate((q) => (window as unknown as { __heartlandsDebug: { query(sql: string): Promise<Answer> } }).__heartlandsDebug.query(q), sql);

test('the counting server answers a request from outside the page (the test could see a leak)', async () => {
	expect(await (await fetch(`${other}/control`)).text()).toContain('LEAKED');
	expect(requests).toEqual(['GET /control']);
});

test('the app is served with its security headers', async ({ page }) => {
	const response = await page.goto('/');
	const headers = response!.headers();
	expect(headers['content-security-policy']).toContain("connect-src 'self' blob:;");
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['x-frame-options']).toBe('DENY');
	expect(headers['x-content-type-options']).toBe('nosniff');
});

/** Fetch and XHR from inside the DuckDB worker: to the app's own origin (works) and to the other one. */
async function probeFromEngineWorker(page: Page, baseURL: string) {
	const worker = await engineWorker(page);
	// The worker can fetch from the app's own origin, so a failure below is the policy at work.
	expect(await worker.evaluate((url) => fetch(url).then((r) => r.status), `${baseURL}/favicon.svg`)).toBe(200);
	const fetched = await worker.evaluate(
		(url) =>
			fetch(url).then(
				(r) => r.text(),
				(e: Error) => `blocked: ${e.message}`
			),
		`${other}/from-worker-fetch`
	);
	const xhr = await worker.evaluate(
		(url) =>
			new Promise<string>((resolve) => {
				const request = new XMLHttpRequest();
				request.onload = () => resolve(request.responseText);
				request.onerror = () => resolve('blocked');
				try {
					request.open('GET', url);
					request.send();
				} catch (e) {
					resolve(`blocked: ${(e as Error).message}`);
				}
			}),
		`${other}/from-worker-xhr`
	);
	return { fetched, xhr };
}

test('fetch and XHR from inside the DuckDB worker to another origin are blocked', async ({ page, baseURL }) => {
	await openApp(page, '/?debug');
	const { fetched, xhr } = await probeFromEngineWorker(page, baseURL!);
	expect(fetched).toMatch(/^blocked:/);
	expect(xhr).toMatch(/^blocked/);
	expect(requests).toEqual([]);
});

/** The built app served as a bare static host would: the files and their types, no security headers. */
function bareStaticHost(): Server {
	const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml' };
	return createServer(async (req, res) => {
		const path = new URL(req.url!, 'http://x').pathname;
		const file = join(BUILD_DIR, path.endsWith('/') ? `${path}index.html` : path);
		if (!file.startsWith(BUILD_DIR)) return void res.writeHead(403).end();
		try {
			const body = await readFile(file);
			res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
		} catch {
			res.writeHead(404).end();
		}
	});
}

test("on a host that sends no headers, the page's own policy still binds the DuckDB worker", async ({ page }) => {
	const host = bareStaticHost();
	await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
	const bare = `http://localhost:${(host.address() as AddressInfo).port}`;
	try {
		const served = await page.goto(`${bare}/?debug`);
		expect(served!.headers()['content-security-policy']).toBeUndefined();
		await openApp(page, `${bare}/?debug`);
		// Only the <meta> policy is left, and the worker inherits it because it is a blob: worker.
		const { fetched, xhr } = await probeFromEngineWorker(page, bare);
		expect(fetched).toMatch(/^blocked:/);
		expect(xhr).toMatch(/^blocked/);
		expect(requests).toEqual([]);
	} finally {
		host.closeAllConnections();
		await new Promise<void>((resolve) => host.close(() => resolve()));
	}
});

test('statements sent through the db door, past the console guard, reach no other origin and DuckDB says why', async ({ page }) => {
	await openApp(page, '/?debug');
	const settings = await throughDoor(page, "SELECT current_setting('enable_external_access') AS external, current_setting('lock_configuration') AS locked");
	expect(settings).toEqual({ rows: [{ external: false, locked: true }] });

	const disabled = /Permission Error: Cannot access file ".*" - file system operations are disabled by configuration/;
	const cases: [string, RegExp][] = [
		[`SELECT * FROM read_csv('${other}/a.csv')`, disabled],
		[`SELECT * FROM '${other}/b.csv'`, disabled],
		[`SELECT * FROM "${other}/c".csv`, disabled],
		['SET enable_external_access = true', /the configuration has been locked/],
		[`SELECT * FROM read_csv('${other}/after-set.csv')`, disabled],
		[`LOAD '${other}/x.duckdb_extension.wasm'`, /Loading external extensions is disabled through configuration/],
		['LOAD httpfs', /Loading external extensions is disabled through configuration/],
		[`ATTACH '${other}/x.db' AS remote`, disabled]
	];
	for (const [sql, why] of cases) {
		const answer = await throughDoor(page, sql);
		expect('error' in answer ? answer.error : 'it ran', sql).toMatch(why);
	}
	// DuckDB-wasm's INSTALL only records the name; whatever it does, it must not fetch anything.
	await throughDoor(page, `INSTALL httpfs FROM '${other}'`);
	expect(requests).toEqual([]);

	// The app's own data is still there, and the engine still works.
	expect(await throughDoor(page, 'SELECT count(*)::INTEGER AS n FROM results')).toEqual({ rows: [{ n: 3250 }] });
});

test('another site cannot frame the app', async ({ page, baseURL }) => {
	const framer = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<iframe src="${baseURL}/"></iframe>`));
	await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
	try {
		await page.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`);
		const frame = page.frames().find((f) => f !== page.mainFrame());
		expect(frame).toBeDefined();
		// The page (and its iframe) has loaded; the blocked frame never became the app.
		expect(frame!.url()).not.toBe(`${baseURL}/`);
		expect(await page.locator('iframe').contentFrame().locator('main').count()).toBe(0);
	} finally {
		await new Promise<void>((resolve) => framer.close(() => resolve()));
	}
});
