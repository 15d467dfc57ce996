/**
 * Named scenarios (saved in IndexedDB), the link that reproduces the current view (`?s=` in the
 * URL, kept up to date as the user edits), and diffs between two saved scenarios.
 */
import type { Database } from '$lib/db/types';
import type { AllocationState } from '$lib/features/allocation/allocation-state.svelte';
import { allocateSeats, type SeatFacts } from '$lib/features/allocation/budget';
import type { Indicator } from '$lib/features/scores/catalogue';
import type { ScoreDefinition } from '$lib/features/scores/definition';
import type { ScoresState } from '$lib/features/scores/scores-state.svelte';
import { scoreQuery } from '$lib/queries/scoring';
import { diffAllocations, type AllocationDiff, type AllocationLine } from './diff';
import { createScenario, validateScenario, type Scenario, type ScenarioState } from './scenario';
import { openScenarioStore, type ScenarioStore } from './scenario-store';
import { STATE_PARAM, tryDecodeState, urlWithState } from './url-state';

export class ScenariosState {
	list = $state.raw<Scenario[]>([]);
	quarantined = $state(0);
	persistent = $state(true);
	notice = $state<string | null>(null);
	error = $state<string | null>(null);
	/** A problem with the `?s=` link the page was opened with; the defaults were used instead. */
	linkError = $state<string | null>(null);
	diff = $state.raw<{ a: Scenario; b: Scenario; result: AllocationDiff } | null>(null);
	#store: ScenarioStore | null = null;
	readonly #db: Database;
	readonly #scores: ScoresState;
	readonly #allocation: AllocationState;
	readonly #catalogue: Indicator[];

	constructor(db: Database, scores: ScoresState, allocation: AllocationState, catalogue: Indicator[]) {
		this.#db = db;
		this.#scores = scores;
		this.#allocation = allocation;
		this.#catalogue = catalogue;
	}

	current(): ScenarioState {
		return { definition: $state.snapshot(this.#scores.definition) as ScoreDefinition, budget: $state.snapshot(this.#allocation.rule) };
	}

	apply(state: ScenarioState) {
		this.#allocation.setRule(structuredClone(state.budget));
		this.#scores.load(structuredClone(state.definition));
	}

	/** Apply the state in the page's link, if any; a bad link is reported, never half-applied. */
	applyLink(search: string) {
		const text = new URLSearchParams(search).get(STATE_PARAM);
		if (text === null) return;
		const decoded = tryDecodeState(text, this.#catalogue);
		if (decoded.ok) this.apply(decoded.state);
		else this.linkError = `The link's settings could not be used, so the defaults are shown: ${decoded.error.message}`;
	}

	/** The address of the current view, for copying and for keeping the address bar current. */
	link(base: string): string {
		return urlWithState(new URL(base), this.current()).toString();
	}

	async open() {
		const opened = await openScenarioStore(this.#catalogue);
		this.#store = opened.store;
		this.persistent = opened.persistent;
		if (opened.reason) this.notice = opened.reason;
		await this.refresh();
	}

	async refresh() {
		if (!this.#store) return;
		try {
			this.list = await this.#store.list();
			this.quarantined = (await this.#store.quarantined()).length;
		} catch (error) {
			this.error = (error as Error).message;
		}
	}

	async #run(action: () => Promise<void>) {
		this.error = null;
		try {
			await action();
		} catch (error) {
			this.error = (error as Error).message;
		}
		await this.refresh();
	}

	save(name: string) {
		return this.#run(async () => {
			await this.#store!.save(createScenario(name, this.current(), this.#catalogue));
		});
	}

	rename(id: string, name: string) {
		return this.#run(() => this.#store!.rename(id, name));
	}

	remove(id: string) {
		if (this.diff && (this.diff.a.id === id || this.diff.b.id === id)) this.diff = null;
		return this.#run(() => this.#store!.remove(id));
	}

	/** Add scenarios from a workspace file; each is validated, ids already saved are skipped. */
	async addScenarios(records: unknown[]): Promise<{ added: number; refused: string[] }> {
		const refused: string[] = [];
		let added = 0;
		for (const [i, record] of records.entries()) {
			const v = validateScenario(record, this.#catalogue);
			if (!v.ok) refused.push(`scenario ${i + 1}: ${v.errors[0]?.path} ${v.errors[0]?.message}`);
			else if (!this.list.some((s) => s.id === v.scenario.id)) {
				await this.#store!.save(v.scenario);
				added++;
			}
		}
		await this.refresh();
		return { added, refused };
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

	async #lines(scenario: Scenario): Promise<AllocationLine[]> {
		const q = scoreQuery(scenario.state.definition);
		const rows = (await this.#db.query(q.sql, q.params)).rows as unknown as SeatFacts[];
		const allocation = allocateSeats(rows, scenario.state.budget);
		if (!allocation.ok) throw new Error(`“${scenario.name}” cannot be allocated: ${allocation.error}`);
		return allocation.seats.map((s) => ({ code: s.code, name: s.name, rank: s.rank, amount: s.amount }));
	}
}
