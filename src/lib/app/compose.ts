/**
 * The composition root: every state the views use, built once the engine, the tables and the
 * indicator catalogue are ready, and wired to each other here and nowhere else. Called after the
 * shell's awaits, outside any effect, so the states' deriveds live as long as the app (see
 * MapState's constructor).
 */
import type { Database } from '$lib/db/types';
import { Catalogue } from '$lib/data/catalogue.svelte';
import type { DataManifest } from '$lib/data/manifest';
import type { PreparedWithUploads } from '$lib/data/prepare-with-uploads';
import { REFERENCE_SEATS_QUERY } from '$lib/queries/uploads';
import { SeatSelection } from '$lib/features/selection/seat-selection.svelte';
import { ScoresState } from '$lib/features/scores/scores-state.svelte';
import { AllocationState } from '$lib/features/allocation/allocation-state.svelte';
import { CompareState } from '$lib/features/compare/compare-state.svelte';
import { ScenariosState } from '$lib/features/scenarios/scenarios-state.svelte';
import { RiskState } from '$lib/features/risk/risk-state.svelte';
import { MapState } from '$lib/features/map/map-state.svelte';
import { UploadsState, type RestoredUploads } from '$lib/features/upload/uploads-state.svelte';
import { referenceSeatsFromRows } from '$lib/features/upload/reference-seats';
import { ConsoleState } from '$lib/features/console/console-state.svelte';
import { protectedTablesFor, PROTECTED_PREFIXES } from '$lib/features/console/protected-tables';

export interface AppStates {
	catalogue: Catalogue;
	selection: SeatSelection;
	scores: ScoresState;
	allocation: AllocationState;
	risk: RiskState;
	scenarios: ScenariosState;
	compare: CompareState;
	uploads: UploadsState;
	console: ConsoleState;
	map: MapState;
}

export interface ComposeInput {
	db: Database;
	manifest: DataManifest;
	/** The catalogue with earlier uploads already in it (see prepareWithUploads). */
	withUploads: PreparedWithUploads;
	restored: RestoredUploads | null;
	restoreError: string | null;
	/** Load a lazy table (e.g. a small-area lookup) on first use. */
	ensureTable: (name: string) => Promise<void>;
	/** Tell the engine supervisor a console statement has to be interrupted. */
	interrupt: (reason: string) => void;
}

export async function composeStates(input: ComposeInput): Promise<AppStates> {
	const { db, manifest, withUploads } = input;
	const catalogue = new Catalogue(withUploads.prepared);
	const scores = new ScoresState(db, catalogue);
	// A seat picked under one lens means nothing under another: the selection follows the lens.
	const selection = new SeatSelection(() => scores.definition.lens);
	const allocation = new AllocationState(scores);
	const risk = new RiskState(db, scores);
	allocation.connect(db, scores, risk);
	const scenarios = new ScenariosState(db, catalogue, scores, allocation, risk);
	scores.rescore(true);
	scenarios.applyLink(location.search); // a shared link wins over the defaults
	void scenarios.open();
	const compare = new CompareState(db, scores);
	const reference = referenceSeatsFromRows((await db.query(REFERENCE_SEATS_QUERY)).rows);
	const uploads = new UploadsState(db, catalogue, reference, input.ensureTable);
	if (input.restored) uploads.adopt(input.restored, withUploads);
	uploads.error = input.restoreError;
	const protectedTables = protectedTablesFor(manifest);
	const console = new ConsoleState(db, () => ({ protectedTables, protectedPrefixes: [...PROTECTED_PREFIXES] }), { interrupt: input.interrupt });
	const map = new MapState(scores, selection, db, manifest, allocation, uploads.layers, risk);
	return { catalogue, selection, scores, allocation, risk, scenarios, compare, uploads, console, map };
}
