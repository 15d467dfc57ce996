/**
 * Named scenarios (saved in IndexedDB), the link that reproduces the current view (`?s=` in the
 * URL, kept up to date as the user edits), and diffs between two saved scenarios.
 *
 * Several tabs may edit the same scenarios. Writes carry the revision this tab read (when it
 * opened the scenario, or started renaming it); the store refuses a write over a newer revision,
 * and `conflict` then offers save-as-copy, overwrite or discard. Each write is announced on a
 * BroadcastChannel so other tabs refresh their lists.
 */
import type { Database } from '$lib/db/types';
import type { AllocationState } from '$lib/features/allocation/allocation-state.svelte';
import { allocateSeats, type SeatFacts } from '$lib/features/allocation/budget';
import type { Indicator } from '$lib/model/catalogue';
import type { ScoreDefinition } from '$lib/model/definition';
import type { ScoresState } from '$lib/features/scores/scores-state.svelte';
import { scoreQuery } from '$lib/queries/scoring';
import { diffAllocations, type AllocationDiff, type AllocationLine } from './diff';
import { storageNotices } from '$lib/storage/storage-notices.svelte';
import { createScenario, type Scenario, type ScenarioState } from './scenario';
import { readScenario, toStoredScenario } from './scenario-migrations';
import { openScenarioStore } from './scenario-idb';
import { StorageError, type SavedScenario, type ScenarioStore } from './scenario-store';
import { STATE_PARAM, tryDecodeState, urlWithState } from './url-state';
import type { RiskState } from '$lib/features/risk/risk-state.svelte';
import { DEFAULT_SPEC, isDefaultSetting } from '$lib/features/risk/risk-setting';
import { rankByPLoss } from '$lib/features/risk/risk-priority';
import type { ScoredRow } from '$lib/features/scores/scores-state.svelte';
import { LENS_BOUNDARY_SET } from '$lib/model/definition';
import { lensById } from '$lib/model/lenses';
import type { RiskYear } from '$lib/model/risk/history';
import type { Catalogue } from '$lib/data/catalogue.svelte';

const CHANNEL = 'heartlands:scenarios';

/** A write refused because another tab changed the scenario first; the user decides what happens. */
export interface ScenarioConflict {
	id: string;
	/** The name before the change, for the message. */
	name: string;
	message: string;
	/** This tab's change: new settings (an update) or a new name (a rename); the other part is theirs. */
	mine: { name: string; state: ScenarioState } | { name: string; state: null } | { name: null; state: ScenarioState };
	/** The scenario as the other tab left it. */
	theirs: SavedScenario;
}

export class ScenariosState {
	list = $state.raw<SavedScenario[]>([]);
	/** Records hidden because they name an indicator this visit lacks. */
	quarantined = $state(0);
	/** The scenario last opened here, with the revision read then: "Update" writes over that. */
	opened = $state.raw<{ id: string; name: string; revision: number } | null>(null);
	conflict = $state.raw<ScenarioConflict | null>(null);
	persistent = $state(true);
	notice = $state<string | null>(null);
	error = $state<string | null>(null);
	/** A problem with the `?s=` link the page was opened with; the defaults were used instead. */
	linkError = $state<string | null>(null);
	diff = $state.raw<{ a: Scenario; b: Scenario; result: AllocationDiff } | null>(null);
	#store: ScenarioStore | null = null;
	#channel: BroadcastChannel | null = null;
	readonly #db: Database;
	readonly #indicators: Catalogue;
	readonly #scores: ScoresState;
	readonly #allocation: AllocationState;
	readonly #risk: RiskState | null;

	constructor(db: Database, catalogue: Catalogue, scores: ScoresState, allocation: AllocationState, risk: RiskState | null = null) {
		this.#db = db;
		this.#indicators = catalogue;
		this.#scores = scores;
		this.#allocation = allocation;
		this.#risk = risk;
		// Saved scenarios are read against the catalogue: list them again when an upload changes it.
		catalogue.onChange(() => void this.refresh());
	}

	/** Always the current catalogue: an upload added since the page opened is in it. */
	#catalogue = (): Indicator[] => this.#indicators.indicators;

	current(): ScenarioState {
		const state: ScenarioState = { definition: $state.snapshot(this.#scores.definition) as ScoreDefinition, budget: $state.snapshot(this.#allocation.rule) };
		// Left out at its defaults, so a view without a scenario keeps the link it always had.
		const risk = this.#risk?.setting;
		if (risk && !isDefaultSetting(risk, this.#scores.lens.year)) state.risk = { ...risk };
		return state;
	}

	apply(state: ScenarioState) {
		this.#allocation.setRule(structuredClone(state.budget));
		this.#scores.load(structuredClone(state.definition));
		this.#risk?.apply(state.risk);
	}

	/** Apply the state in the page's link, if any; a bad link is reported, never half-applied. */
	applyLink(search: string) {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a temporary value, not state
		const text = new URLSearchParams(search).get(STATE_PARAM);
		if (text === null) return;
		const decoded = tryDecodeState(text, this.#catalogue());
		if (decoded.ok) this.apply(decoded.state);
		else this.linkError = `The link's settings could not be used, so the defaults are shown: ${decoded.error.message}`;
	}

	/** The address of the current view, for copying and for keeping the address bar current. */
	link(base: string): string {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a temporary value, not state
		return urlWithState(new URL(base), this.current()).toString();
	}

	async open() {
		const opened = await openScenarioStore(this.#catalogue);
		this.#store = opened.store;
		this.persistent = opened.persistent;
		if (opened.reason) this.notice = opened.reason;
		const swept = await opened.store.sweep().catch(() => null);
		if (swept) storageNotices.add(swept.moved);
		if (typeof BroadcastChannel !== 'undefined' && opened.persistent) {
			this.#channel = new BroadcastChannel(CHANNEL);
			this.#channel.onmessage = () => void this.refresh();
		}
		await this.refresh();
	}

	async refresh() {
		if (!this.#store) return;
		try {
			this.list = await this.#store.list();
			this.quarantined = (await this.#store.setAside()).length;
		} catch (error) {
			this.error = (error as Error).message;
		}
	}

	async #run(action: () => Promise<void>) {
		this.error = null;
		try {
			await action();
			this.#channel?.postMessage({ type: 'changed' });
		} catch (error) {
			this.error = (error as Error).message;
		}
		await this.refresh();
	}

	/** Open a saved scenario: apply it, and remember which revision this tab read. */
	openScenario(scenario: SavedScenario) {
		this.apply(scenario.state);
		this.opened = { id: scenario.id, name: scenario.name, revision: scenario.revision };
	}

	save(name: string) {
		return this.#run(async () => {
			const saved = await this.#store!.save(createScenario(name, this.current(), this.#catalogue()));
			this.opened = { id: saved.id, name: saved.name, revision: saved.revision };
		});
	}

	/** Save the current settings over a scenario, refusing if another tab changed it since this tab read it. */
	update(id: string) {
		const listed = this.list.find((s) => s.id === id);
		if (!listed) return Promise.resolve();
		const expected = this.opened?.id === id ? this.opened.revision : listed.revision;
		const state = this.current();
		return this.#write(id, listed.name, { name: null, state }, () => this.#store!.update(id, state, expected));
	}

	/** `expected`: the revision shown when renaming began. */
	rename(id: string, name: string, expected?: number) {
		const listed = this.list.find((s) => s.id === id);
		return this.#write(id, listed?.name ?? name, { name, state: null }, () => this.#store!.rename(id, name, expected));
	}

	#write(id: string, name: string, mine: ScenarioConflict['mine'], write: () => Promise<SavedScenario>) {
		this.conflict = null;
		return this.#run(async () => {
			try {
				const saved = await write();
				if (this.opened?.id === id) this.opened = { id, name: saved.name, revision: saved.revision };
			} catch (error) {
				if (!(error instanceof StorageError) || error.kind !== 'conflict' || !error.theirs) throw error;
				this.conflict = { id, name, message: error.message, mine, theirs: error.theirs };
			}
		});
	}

	/** The user's answer to a conflict: keep both, overwrite the other tab's change, or drop this one. */
	resolve(choice: 'copy' | 'overwrite' | 'discard') {
		const conflict = this.conflict;
		this.conflict = null;
		if (!conflict || choice === 'discard') return this.refresh();
		const { mine, theirs } = conflict;
		if (choice === 'copy') {
			// A copy holds this tab's change on top of the other tab's version.
			const name = `${mine.name ?? theirs.name} (copy)`.slice(0, 120);
			return this.#run(async () => {
				const saved = await this.#store!.save(createScenario(name, mine.state ?? theirs.state, this.#catalogue()));
				this.opened = { id: saved.id, name: saved.name, revision: saved.revision };
			});
		}
		// Overwrite only what this tab changed: its settings, or its name.
		return this.#write(conflict.id, conflict.name, mine, () => (mine.state ? this.#store!.update(conflict.id, mine.state, 'force') : this.#store!.rename(conflict.id, mine.name!)));
	}

	remove(id: string) {
		if (this.diff && (this.diff.a.id === id || this.diff.b.id === id)) this.diff = null;
		if (this.opened?.id === id) this.opened = null;
		return this.#run(() => this.#store!.remove(id));
	}

	/** Add scenarios from a workspace file; each is validated, ids already saved are skipped. */
	async addScenarios(records: unknown[]): Promise<{ added: number; refused: string[] }> {
		const refused: string[] = [];
		let added = 0;
		const saved: string[] = [];
		try {
			for (const [i, record] of records.entries()) {
				// Older workspace files hold older scenario formats: migrate as the store does.
				const v = readScenario(record, this.#catalogue());
				if (!v.ok) refused.push(`scenario ${i + 1} (${v.name}): ${v.reason}`);
				else if (!this.list.some((s) => s.id === v.scenario.id)) {
					await this.#store!.save(v.scenario);
					saved.push(v.scenario.id);
					added++;
				}
			}
		} catch (error) {
			// All or nothing: take back what this import saved before the failure (say, a full disk).
			for (const id of saved) await this.#store!.remove(id).catch(() => {});
			await this.refresh();
			throw error;
		}
		if (added) this.#channel?.postMessage({ type: 'changed' });
		await this.refresh();
		return { added, refused };
	}

	/** Scenarios as stored (format version and revision included), for the workspace file. */
	exportable(): unknown[] {
		return this.list.map((s) => toStoredScenario(s, s.revision));
	}

	/** Score and allocate both scenarios off-screen (the current view is untouched), then diff. */
	async compare(aId: string, bId: string) {
		const a = this.list.find((s) => s.id === aId);
		const b = this.list.find((s) => s.id === bId);
		if (!a || !b) return;
		this.error = null;
		try {
			const [la, lb] = [await this.#lines(a), await this.#lines(b)];
			this.diff = { a, b, result: diffAllocations(la, lb) };
		} catch (error) {
			this.error = (error as Error).message;
		}
	}

	/**
	 * What changed between a saved scenario (A, scored off-screen) and the current view (B), for the
	 * briefing. The current allocation is the one on screen, so the two sides are what a committee
	 * saw then and sees now.
	 */
	async sinceSaved(id: string): Promise<{ scenario: Scenario; result: AllocationDiff } | { error: string }> {
		const scenario = this.list.find((s) => s.id === id);
		if (!scenario) return { error: 'That scenario is no longer saved in this browser.' };
		const now = this.#allocation.allocation;
		if (!now.ok) return { error: `The current allocation cannot be made: ${now.error}` };
		try {
			const then = await this.#lines(scenario);
			return {
				scenario,
				result: diffAllocations(
					then,
					now.seats.map((s) => ({ code: s.code, name: s.name, rank: s.rank, amount: s.amount }))
				)
			};
		} catch (error) {
			return { error: (error as Error).message };
		}
	}

	async #lines(scenario: Scenario): Promise<AllocationLine[]> {
		const { definition, risk } = scenario.state;
		const q = scoreQuery(definition);
		let rows = (await this.#db.query(q.sql, q.params)).rows as unknown as SeatFacts[];
		// Ranked as the scenario ranks: by P(loss) under its own scenario unless it pinned the scores.
		if (this.#risk && risk?.priority !== 'scores') {
			const setting = risk ?? { base: lensById(definition.lens).year as RiskYear, spec: DEFAULT_SPEC };
			const pLoss = await this.#risk.pLossFor(LENS_BOUNDARY_SET[definition.lens], setting);
			rows = rankByPLoss(rows as unknown as ScoredRow[], (code) => pLoss.get(code) ?? null) as unknown as SeatFacts[];
		}
		const allocation = allocateSeats(rows, scenario.state.budget);
		if (!allocation.ok) throw new Error(`“${scenario.name}” cannot be allocated: ${allocation.error}`);
		return allocation.seats.map((s) => ({ code: s.code, name: s.name, rank: s.rank, amount: s.amount }));
	}
}
