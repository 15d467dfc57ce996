/**
 * Nothing leaves, in the real browser: the DuckDB worker runs under the page's policy, DuckDB-wasm
 * is locked, and the app is served with headers that forbid framing. A second local server (another
 * origin: another port) counts every request it gets and answers with CORS open, so a request that
 * got through would succeed and be counted.
 */
import { expect, test, type Page, type Worker } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openApp } from './app';

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
const throughDoor = (page: Page, sql: string) =>
	page.evaluate((q) => (window as unknown as { __heartlandsDebug: { query(sql: string): Promise<Answer> } }).__heartlandsDebug.query(q), sql);

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

test('fetch and XHR from inside the DuckDB worker to another origin are blocked', async ({ page, baseURL }) => {
	await openApp(page, '/?debug');
	const worker = await engineWorker(page);
	// The worker can fetch from the app's own origin, so a failure below is the policy at work.
	expect(await worker.evaluate((url) => fetch(url).then((r) => r.status), `${baseURL}/favicon.svg`)).toBe(200);
	const fetched = await worker.evaluate((url) => fetch(url).then((r) => r.text(), (e: Error) => `blocked: ${e.message}`), `${other}/from-worker-fetch`);
	expect(fetched).toMatch(/^blocked:/);
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
	expect(xhr).toMatch(/^blocked/);
	expect(requests).toEqual([]);
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
