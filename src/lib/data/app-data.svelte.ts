/**
 * App-wide data state: the engine, the manifest, per-dataset progress and the overview rows.
 * Big arrays are `$state.raw`: they are replaced whole, never mutated, so Svelte need not proxy them.
 */
import { untrack } from 'svelte';
import { reloadEngine, superviseBrowserEngine } from './browser-engine';
import type { EngineHealth } from './engine-recovery';
import type { Database, Row } from '$lib/db/types';
import { challengerTotals, constituencyOverview, LEAVE_CORRECTIONS_QUERY, type OverviewRow } from '$lib/queries/overview';
import { PUBLISHED_TOTALS } from '$lib/features/about/national-totals';
import { ScoresState } from '$lib/features/scores/scores-state.svelte';
import { AllocationState } from '$lib/features/allocation/allocation-state.svelte';
import { CompareState } from '$lib/features/compare/compare-state.svelte';
import { ScenariosState } from '$lib/features/scenarios/scenarios-state.svelte';
import { RiskState } from '$lib/features/risk/risk-state.svelte';
import { restoreUploads, UploadsState, type RestoredUploads } from '$lib/features/upload/uploads-state.svelte';
import { ConsoleState } from '$lib/features/console/console-state.svelte';
import { protectedTablesFor, PROTECTED_PREFIXES } from '$lib/features/console/protected-tables';
import { prepareWithUploads } from './prepare-with-uploads';
import { referenceSeatsFromRows } from '$lib/features/upload/match/reference-seats';
import { REFERENCE_SEATS_QUERY } from '$lib/queries/uploads';
import { fetchDataBytes, fetchDataText } from './fetch-bytes';
import { initialProgress, loadTable, loadTables, type DatasetProgress } from './load-tables';
import { parseManifest, type DataManifest } from './manifest';

export type Phase = 'idle' | 'loading' | 'ready' | 'failed' | 'stopped';
export type EngineStatus = 'waiting' | 'starting' | 'ready' | 'failed';

export class AppData {
	phase = $state<Phase>('idle');
	engine = $state<EngineStatus>('waiting');
	error = $state<string | null>(null);
	datasets = $state<DatasetProgress[]>([]);
	manifest = $state.raw<DataManifest | null>(null);
	overview = $state.raw<OverviewRow[]>([]);
	/** For the Method tab: the Leave corrections applied and the challenger's national totals. */
	dataNotes = $state.raw<{ corrections: Row[]; totals: Row[] } | null>(null);
	scores = $state.raw<ScoresState | null>(null);
	allocation = $state.raw<AllocationState | null>(null);
	compare = $state.raw<CompareState | null>(null);
	scenarios = $state.raw<ScenariosState | null>(null);
	risk = $state.raw<RiskState | null>(null);
	uploads = $state.raw<UploadsState | null>(null);
	console = $state.raw<ConsoleState | null>(null);
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache the view never reads; reactivity would only add work
	#lazy = new Map<string, Promise<void>>();
	/** Attribution lines, each once, for the footer and every export. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a temporary value, not state
	readonly attribution = $derived(this.manifest ? [...new Set(this.manifest.sources.map((s) => s.attribution))] : []);
	db: Database | null = null;
	/** The engine after start-up: a crash is reported here while it is rebuilt (engine-recovery.ts). */
	health = $state<EngineHealth>({ state: 'ok' });
	#engine = superviseBrowserEngine({
		rebuild: () => (this.phase === 'ready' && this.manifest ? (db) => this.#rebuild(db) : null),
		onHealth: (health) => (this.health = health)
	});
	#loading: AbortController | null = null;

	/** Reload a fresh engine after a crash; scenarios, uploads and the current view stay as they are. */
	async #rebuild(db: Database) {
		this.#lazy.clear();
		const rebuilt = await reloadEngine(db, this.manifest!, fetchDataBytes, this.uploads?.datasets ?? []);
		this.uploads?.setAsideOnRebuild(rebuilt);
		this.scores?.setPrepared(rebuilt.prepared);
	}

	/** Stop loading: downloads are aborted and the half-loaded engine is thrown away, so a retry starts clean. */
	stop() {
		if (this.phase !== 'loading') return;
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

	/** Saved scenarios are read against the catalogue: list them again when an upload changes it. */
	#relistOnCatalogueChange(scores: ScoresState, scenarios: ScenariosState) {
		$effect.root(() => {
			$effect(() => {
				void scores.prepared;
				void untrack(() => scenarios.refresh());
			});
		});
	}

	/** Keep the address bar equal to the current view, so copying it reproduces the view. */
	#keepAddressCurrent(scenarios: ScenariosState) {
		let timer: ReturnType<typeof setTimeout> | undefined;
		$effect.root(() => {
			$effect(() => {
				const link = scenarios.link(location.href);
				clearTimeout(timer);
				timer = setTimeout(() => history.replaceState(history.state, '', link), 250);
			});
		});
	}

	async start(): Promise<void> {
		if (this.phase === 'loading' || this.phase === 'ready') return;
		this.phase = 'loading';
		this.error = null;
		const loading = (this.#loading = new AbortController());
		const fetchBytes = (file: string, onBytes?: (n: number) => void) => fetchDataBytes(file, onBytes, loading.signal);
		try {
			// Start the engine and the downloads together: the wasm is the biggest download.
			this.engine = 'starting';
			const dbReady = this.#engine.ready().then(
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
			await loadTables(dbReady, manifest, fetchBytes, (name, patch) => {
				const i = this.datasets.findIndex((d) => d.name === name);
				if (i >= 0) this.datasets[i] = { ...this.datasets[i], ...patch };
			});
			this.db = await dbReady;
			this.overview = (await this.db.query(constituencyOverview())).rows as unknown as OverviewRow[];
			this.dataNotes = {
				corrections: (await this.db.query(LEAVE_CORRECTIONS_QUERY)).rows,
				totals: (await this.db.query(challengerTotals(PUBLISHED_TOTALS))).rows
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
			const withUploads = await prepareWithUploads(this.db, restored?.datasets ?? []);
			const prepared = withUploads.prepared;
			const scores = new ScoresState(this.db, prepared);
			const allocation = new AllocationState(scores);
			const risk = new RiskState(this.db, scores);
			allocation.connect(this.db, scores, risk);
			const scenarios = new ScenariosState(this.db, scores, allocation, risk);
			scores.rescore(true);
			scenarios.applyLink(location.search); // a shared link wins over the defaults
			void scenarios.open();
			this.#keepAddressCurrent(scenarios);
			this.#relistOnCatalogueChange(scores, scenarios);
			this.allocation = allocation;
			this.scenarios = scenarios;
			this.risk = risk;
			this.compare = new CompareState(this.db, scores);
			const reference = referenceSeatsFromRows((await this.db.query(REFERENCE_SEATS_QUERY)).rows);
			const uploads = new UploadsState(this.db, scores, reference, (name) => this.ensureTable(name));
			this.uploads = uploads;
			if (restored) uploads.adopt(restored, withUploads);
			uploads.error = restoreError;
			const protectedTables = protectedTablesFor(manifest);
			this.console = new ConsoleState(this.db, () => ({ protectedTables, protectedPrefixes: [...PROTECTED_PREFIXES] }), {
				interrupt: (reason) => this.#engine.engineDied(reason)
			});
			this.scores = scores;
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a temporary value, not state
			if (new URLSearchParams(location.search).has('bench')) {
				await (await import('./bench-hooks')).installBenchHooks(this.db, scores);
			}
			this.phase = 'ready';
		} catch (error) {
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
}
