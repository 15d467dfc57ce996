import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 4317);

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 90_000,
	expect: { timeout: 30_000 },
	// One spec file at a time by default. E2E_WORKERS=2 runs two: on the 2-core CI machine that took
	// 17.0 min against 20.5, but one run under two workers lost a reloaded upload-reload test (its
	// saved scenario never listed), which one worker has not shown; until that is understood, CI
	// runs one.
	fullyParallel: false,
	workers: Number(process.env.E2E_WORKERS ?? 1),
	retries: 0,
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		browserName: 'chromium',
		launchOptions: {
			executablePath: CHROMIUM_PATH,
			args: CHROMIUM_ARGS
		},
		trace: 'off',
		// Each test starts from nothing, as a first visit: the app's service worker would otherwise
		// answer requests that tests intercept with page.route. tests/e2e/offline.spec.ts allows it.
		serviceWorkers: 'block'
	},
	// The built app, served as `npm start` serves it (on a test port so a running app is left alone).
	webServer: {
		command: `npx vite preview --port ${PORT} --strictPort`,
		url: `http://localhost:${PORT}`,
		reuseExistingServer: false,
		timeout: 60_000
	}
});
