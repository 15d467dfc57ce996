/**
 * The app shell's state: start-up (engine, manifest, tables, earlier uploads), progress and
 * failure, and the states the views use once everything is in (built by compose.ts). The engine
 * is supervised: after a crash it is rebuilt and every state keeps what the user had.
 * Big arrays are `$state.raw`: they are replaced whole, never mutated, so Svelte need not proxy them.
 */
import { reloadEngine, superviseBrowserEngine } from '$lib/engine/browser-engine';
import type { EngineHealth } from '$lib/engine/engine-recovery';
import type { Database, Row } from '$lib/db/types';
import { challengerTotals, constituencyOverview, LEAVE_CORRECTIONS_QUERY, type OverviewRow } from '$lib/queries/overview';
import { prepareWithUploads } from '$lib/data/prepare-with-uploads';
import { fetchDataBytes, fetchDataText } from '$lib/data/fetch-bytes';
import { initialProgress, loadTable, loadTables, type DatasetProgress } from '$lib/data/load-tables';
import { parseManifest, type DataManifest } from '$lib/data/manifest';
import { restoreUploads, type RestoredUploads } from '$lib/features/upload/uploads-state.svelte';
import { RiskBacktestState } from '$lib/features/risk-backtest/risk-backtest-state.svelte';
import { PUBLISHED_TOTALS } from './about/national-totals';
import { keepAddressCurrent } from './address-bar.svelte';
import { adoptUploads, composeStates, type AppStates } from './compose';
import { EngineGate } from '$lib/engine/engine-gate.svelte';
import { FIRST_VIEW_FILE, fromColumnar, readFirstView, type FirstViewCore } from '$lib/data/first-view';
import type { PreparedIndicators } from '$lib/data/prepare-indicators';
import { hasLinkState } from '$lib/features/scenarios/url-state';

/** The longest the engine waits for the first view to be on screen before it starts anyway. */
const ENGINE_DEFER_MAX_MS = 2500;

export type Phase = 'idle' | 'loading' | 'ready' | 'failed' | 'stopped';
export type EngineStatus = 'waiting' | 'starting' | 'ready' | 'failed';

export class App {
	phase = $state<Phase>('idle');
	engine = $state<EngineStatus>('waiting');
	error = $state<string | null>(null);
	datasets = $state<DatasetProgress[]>([]);
	manifest = $state.raw<DataManifest | null>(null);
	overview = $state.raw<OverviewRow[]>([]);
	/** For the Method tab: the Leave corrections applied and the challenger's national totals. */
	dataNotes = $state.raw<{ corrections: Row[]; totals: Row[] } | null>(null);
	/** Every view's state, once the data is in; null before. */
	states = $state.raw<AppStates | null>(null);
	/** The backtest panel (Scores and Method tabs): computed only when one of them asks. */
	readonly backtest = new RiskBacktestState(() => this.db);
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache the view never reads; reactivity would only add work
	#lazy = new Map<string, Promise<void>>();
	/** Attribution lines, each once, for the footer and every export. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a temporary value, not state
	readonly attribution = $derived(this.manifest ? [...new Set(this.manifest.sources.map((s) => s.attribution))] : []);
	db: Database | null = null;
	/** The engine after start-up: a crash is reported here while it is rebuilt (engine-recovery.ts). */
	health = $state<EngineHealth>({ state: 'ok' });
	#engine = superviseBrowserEngine({
		rebuild: () => (this.#loaded && this.manifest ? (db) => this.#rebuild(db) : null),
		onHealth: (health) => (this.health = health)
	});
	#loading: AbortController | null = null;
	/** The tables are in the engine (a crash after this is rebuilt; before it, loading reports it). */
	#loaded = false;
	/** Whether the build-time first view was painted, and if not why (for tests and the bench). */
	firstView = $state('not used');

	/** Reload a fresh engine after a crash; scenarios, uploads and the current view stay as they are. */
	async #rebuild(db: Database) {
		this.#lazy.clear();
		const rebuilt = await reloadEngine(db, this.manifest!, fetchDataBytes, this.states?.uploads.datasets ?? []);
		this.states?.uploads.setAsideOnRebuild(rebuilt);
		this.states?.catalogue.replace(rebuilt.prepared);
	}

	/** Stop loading: downloads are aborted and the half-loaded engine is thrown away, so a retry starts clean. */
	stop() {
		if (!this.#loading || this.#loaded) return; // nothing loading (the first view may be on screen meanwhile)
		this.#loading?.abort();
		this.#engine.reset();
	}

	/** Load a lazy table (e.g. a small-area lookup) once, on first use. */
	ensureTable(name: string): Promise<void> {
		const table = this.manifest?.tables.find((t) => t.name === name);
		if (!table || !this.db) return Promise.reject(new Error(`Unknown data table ${name}.`));
		const db = this.db;
		let loading = this.#lazy.get(name);
		if (!loading) {
			loading = fetchDataBytes(table.file).then((bytes) => loadTable(db, table, bytes));
			loading.catch(() => this.#lazy.delete(name));
			this.#lazy.set(name, loading);
		}
		return loading;
	}

	/** The current start's signal that the first view is on screen (see `#whenPainted`). */
	#onPainted: (() => void) | null = null;

	/** The first view is on screen (said by the view shown: the map after its first coloured frame). */
	painted() {
		this.#onPainted?.();
	}

	/** Until `painted()`, or ENGINE_DEFER_MAX_MS at most, so a view that never says so cannot hold the engine back. */
	#whenPainted(): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => this.painted(), ENGINE_DEFER_MAX_MS);
			this.#onPainted = () => {
				clearTimeout(timer);
				this.#onPainted = null;
				resolve();
			};
		});
	}

	async start(): Promise<void> {
		if (this.phase === 'loading' || this.phase === 'ready') return;
		this.phase = 'loading';
		this.error = null;
		this.states = null;
		this.#loaded = false;
		const loading = (this.#loading = new AbortController());
		const fetchBytes = (file: string, onBytes?: (n: number) => void) => fetchDataBytes(file, onBytes, loading.signal);
		const gate = new EngineGate(this.#engine);
		try {
			this.engine = 'starting';
			// The default view (no settings in the link) can be painted from the build-time results. The
			// engine then starts once that view is on screen: its compile and table loads would otherwise
			// take the CPU from the first paint. With nothing to paint first, it starts at once.
			const firstViewBytes = hasLinkState(location.search) ? null : fetchBytes(FIRST_VIEW_FILE).catch(() => null);
			const mayStart = firstViewBytes ? this.#whenPainted() : Promise.resolve();
			const dbReady = mayStart
				.then(() => this.#engine.ready())
				.then(
					(db) => {
						this.engine = 'ready';
						return db;
					},
					(error: Error) => {
						this.engine = 'failed';
						throw new Error(`The DuckDB engine did not start: ${error.message}`);
					}
				);
			dbReady.catch(() => {});
			const manifest = parseManifest(await fetchDataText('manifest.json', loading.signal));
			this.manifest = manifest;
			this.datasets = initialProgress(manifest);
			const bytes = await firstViewBytes;
			const checked = bytes ? await readFirstView(bytes, manifest.firstView) : null;
			this.firstView = checked?.ok ? 'shown' : checked ? `ignored: ${checked.reason}` : 'not used';
			this.db = gate;
			const first = checked?.ok ? checked.view : null;
			if (!first) this.painted(); // nothing to paint first: start the engine now
			if (first) {
				this.overview = fromColumnar<OverviewRow>(first.overview);
				this.#compose(gate, manifest, first.prepared, first);
				this.phase = 'ready';
			}
			await loadTables(dbReady, manifest, fetchBytes, (name, patch) => {
				const i = this.datasets.findIndex((d) => d.name === name);
				if (i >= 0) this.datasets[i] = { ...this.datasets[i], ...patch };
			});
			const db = await dbReady;
			if (!first) this.overview = (await db.query(constituencyOverview())).rows as unknown as OverviewRow[];
			this.dataNotes = {
				corrections: (await db.query(LEAVE_CORRECTIONS_QUERY)).rows,
				totals: (await db.query(challengerTotals(PUBLISHED_TOTALS))).rows
			};
			// Earlier uploads join the catalogue from the start, so the indicator tables are usually built
			// once; one that cannot load is set aside and the app starts without it.
			let restored: RestoredUploads | null = null;
			let restoreError: string | null = null;
			try {
				restored = await restoreUploads();
			} catch (error) {
				restoreError = `Earlier uploads could not be restored: ${(error as Error).message}`;
			}
			const withUploads = await prepareWithUploads(db, restored?.datasets ?? []);
			const states = this.states ?? this.#compose(gate, manifest, withUploads.prepared, null);
			adoptUploads(states, restored, withUploads, restoreError);
			this.#loaded = true;
			gate.release();
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a temporary value, not state
			if (new URLSearchParams(location.search).has('bench')) {
				// The one door to the benchmark code, outside the app's modules and its bundle.
				await (await import('../../../bench/browser/entry')).installBench(db, states.scores);
			}
			this.phase = 'ready';
		} catch (error) {
			gate.fail(error as Error);
			if (loading.signal.aborted) {
				if (this.#loading === loading) this.phase = 'stopped'; // unless a retry has already begun
				return;
			}
			this.error = (error as Error).message;
			this.phase = 'failed';
		} finally {
			if (this.#loading === loading) this.#loading = null;
		}
	}

	#compose(gate: EngineGate, manifest: DataManifest, prepared: PreparedIndicators, firstView: FirstViewCore | null): AppStates {
		const states = composeStates({
			db: gate,
			manifest,
			prepared,
			firstView,
			starting: () => !gate.open,
			ensureTable: (name) => this.ensureTable(name),
			interrupt: (reason) => this.#engine.engineDied(reason)
		});
		keepAddressCurrent(states.scenarios);
		this.states = states;
		return states;
	}
}
