/**
 * The composition root: every state the views use, wired to each other here and nowhere else.
 * Built either once the engine, the tables and the indicator catalogue are ready, or at once from
 * the build-time first view, with the database behind an EngineGate so that the states' queries
 * wait for the engine. Called outside any effect, so the states' deriveds live as long as the app
 * (see MapState's constructor).
 */
import type { Database } from '$lib/db/types';
import { Catalogue } from '$lib/data/catalogue.svelte';
import type { DataManifest } from '$lib/data/manifest';
import type { PreparedWithUploads } from '$lib/data/prepare-with-uploads';
import type { PreparedIndicators } from '$lib/data/prepare-indicators';
import { fromColumnar, packedFromJson, type FirstViewCore } from '$lib/data/first-view';
import { unpackRun } from '$lib/model/risk/transfer';
import { REFERENCE_SEATS_QUERY } from '$lib/queries/uploads';
import { SeatSelection } from '$lib/features/selection/seat-selection.svelte';
import { ScoresState, type ScoredRow } from '$lib/features/scores/scores-state.svelte';
import { AllocationState } from '$lib/features/allocation/allocation-state.svelte';
import { CompareState } from '$lib/features/compare/compare-state.svelte';
import { ScenariosState } from '$lib/features/scenarios/scenarios-state.svelte';
import { RiskState } from '$lib/features/risk/risk-state.svelte';
import { MapState } from '$lib/features/map/map-state.svelte';
import { UploadsState, type RestoredUploads } from '$lib/features/upload/uploads-state.svelte';
import { referenceSeatsFromRows } from '$lib/features/upload/match/reference-seats';
import type { ReferenceSeat } from '$lib/features/upload/types';
import { ConsoleState } from '$lib/features/console/console-state.svelte';
import { protectedTablesFor, PROTECTED_PREFIXES } from '$lib/features/console/protected-tables';
import { ProfileState } from '$lib/features/profile/profile-state.svelte';

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
	profile: ProfileState;
}

export interface ComposeInput {
	db: Database;
	manifest: DataManifest;
	/** The indicator catalogue (with earlier uploads already in it on the live path). */
	prepared: PreparedIndicators;
	/** The build-time results to show until DuckDB's own arrive (the default view only). */
	firstView?: FirstViewCore | null;
	/** Whether the engine is still starting (the first view is on screen). */
	starting?: () => boolean;
	/** Load a lazy table (e.g. a small-area lookup) on first use. */
	ensureTable: (name: string) => Promise<void>;
	/** Tell the engine supervisor a console statement has to be interrupted. */
	interrupt: (reason: string) => void;
}

export function composeStates(input: ComposeInput): AppStates {
	const { db, manifest, firstView } = input;
	const catalogue = new Catalogue(input.prepared);
	const scores = new ScoresState(db, catalogue, input.starting);
	// A seat picked under one lens means nothing under another: the selection follows the lens.
	const selection = new SeatSelection(() => scores.definition.lens);
	const allocation = new AllocationState(scores);
	const risk = new RiskState(db, scores);
	allocation.connect(db, scores, risk);
	const scenarios = new ScenariosState(db, catalogue, scores, allocation, risk);
	if (firstView) {
		scores.seed(fromColumnar<ScoredRow>(firstView.scores), firstView.definition);
		risk.seed(unpackRun(packedFromJson(firstView.risk)));
	}
	scores.rescore('load');
	scenarios.applyLink(location.search); // a shared link wins over the defaults
	void scenarios.open();
	const compare = new CompareState(db, scores);
	let reference: Promise<ReferenceSeat[]> | null = null;
	const loadReference = () =>
		(reference ??= db.query(REFERENCE_SEATS_QUERY).then(
			(r) => referenceSeatsFromRows(r.rows),
			(error: unknown) => {
				reference = null; // asked again on the next file
				throw error;
			}
		));
	const uploads = new UploadsState(db, catalogue, loadReference, input.ensureTable);
	const protectedTables = protectedTablesFor(manifest);
	const console = new ConsoleState(db, () => ({ protectedTables, protectedPrefixes: [...PROTECTED_PREFIXES] }), { interrupt: input.interrupt });
	const map = new MapState(scores, selection, db, manifest, allocation, uploads.layers, risk);
	const profile = new ProfileState(db, scores);
	return { catalogue, selection, scores, allocation, risk, scenarios, compare, uploads, console, map, profile };
}

/**
 * Earlier uploads, once the engine has loaded them: into the catalogue (on the first-view path,
 * where it started without them) and the Upload tab's library.
 */
export function adoptUploads(states: AppStates, restored: RestoredUploads | null, withUploads: PreparedWithUploads, restoreError: string | null) {
	if (withUploads.prepared !== states.catalogue.prepared && withUploads.loaded.length) states.catalogue.replace(withUploads.prepared);
	if (restored) states.uploads.adopt(restored, withUploads);
	states.uploads.error = restoreError;
}
