/**
 * The seat profile's state: which seat (and on which boundary set), the indicator values of every
 * seat of that set (for "similar seats", the percentile strip and "unusual"), the vote history,
 * and the user's choice of k and of the indicators similarity uses. Scores, risk and allocation are
 * read from their own states, so the profile always shows the current lens, scenario and budget.
 *
 * A code on the other boundary set from the lens switches the lens to one on the seat's set
 * (scores and risk are per set) and says so: the link names a seat, and the seat decides.
 */
import type { Database, Row } from '$lib/db/types';
import type { ScoresState } from '$lib/features/scores/scores-state.svelte';
import type { BoundarySet } from '$lib/model/catalogue';
import { LENSES } from '$lib/model/lenses';
import { nearestSeats, type Nearest } from '$lib/model/similarity';
import { unusualIndicators, type Unusual } from '$lib/model/unusual';
import { voteHistory } from '$lib/queries/history';
import { profileIndicators, seatLookup, type SeatLookupRow } from '$lib/queries/profile';
import { lensIndicatorIds, profileCandidates } from './profile-indicators';

export const DEFAULT_K = 10;
export const MAX_K = 30;
export type ProfileStatus = 'none' | 'loading' | 'ready' | 'unknown' | 'error';

export class ProfileState {
	readonly #db: Database;
	readonly #scores: ScoresState;
	/** The code asked for (as in the link), or null for "no seat chosen". */
	code = $state<string | null>(null);
	seat = $state.raw<SeatLookupRow | null>(null);
	status = $state<ProfileStatus>('none');
	error = $state<string | null>(null);
	/** Set when opening the seat switched the lens. */
	lensNote = $state<string | null>(null);
	k = $state(DEFAULT_K);
	/** Indicators for similarity chosen by the user, or null for the lens's own. */
	chosen = $state.raw<string[] | null>(null);
	#matrix = $state.raw<{ key: string; rows: Row[] } | null>(null);
	history = $state.raw<Row[]>([]);
	#request = 0;

	readonly candidates = $derived.by(() => profileCandidates(this.#scores.definition, this.#scores.boundarySet, this.#scores.lens.year, this.#scores.indicators));
	readonly lensIds = $derived.by(() => lensIndicatorIds(this.#scores.definition).filter((id) => this.candidates.includes(id)));
	readonly similarityIds = $derived.by(() => (this.chosen ?? this.lensIds).filter((id) => this.candidates.includes(id)));
	/** The matrix, only when it is for the current set and candidates (never a stale one). */
	readonly rows = $derived.by(() => (this.#matrix?.key === this.#matrixKey() ? this.#matrix.rows : null));
	readonly nearest = $derived.by((): Nearest | null => {
		const rows = this.rows;
		const code = this.seat?.code;
		if (!rows || !code || !this.similarityIds.length) return null;
		const ids = this.similarityIds;
		return nearestSeats(
			rows.map((r) => ({ code: r.code as string, values: ids.map((id) => (typeof r[id] === 'number' ? (r[id] as number) : null)) })),
			code,
			{ k: this.k }
		);
	});
	readonly unusual = $derived.by((): Unusual[] => {
		const rows = this.rows;
		const seat = this.seat;
		if (!rows || !seat) return [];
		const own = rows.find((r) => r.code === seat.code);
		if (!own) return [];
		const group = rows.filter((r) => r.nation === seat.nation);
		const value = (r: Row, id: string) => (typeof r[id] === 'number' ? (r[id] as number) : null);
		return unusualIndicators(
			this.candidates.map((id) => ({ id, label: this.#scores.indicator(id)?.label ?? id, value: value(own, id), group: group.map((r) => value(r, id)) })),
			5
		);
	});

	constructor(db: Database, scores: ScoresState) {
		this.#db = db;
		this.#scores = scores;
	}

	#matrixKey(): string {
		return `${this.#scores.boundarySet}|${this.candidates.join(',')}`;
	}

	/** Open a seat by code (from a link or a click); null shows the seat search. */
	async open(code: string | null) {
		const request = ++this.#request;
		this.code = code;
		this.lensNote = null;
		if (code === null) {
			this.seat = null;
			this.status = 'none';
			return;
		}
		if (this.seat?.code === code && this.seat.boundary_set === this.#scores.boundarySet) {
			this.status = 'ready';
			return;
		}
		this.status = 'loading';
		try {
			const found = (await this.#db.query(seatLookup(code))).rows as unknown as SeatLookupRow[];
			if (request !== this.#request) return;
			if (!found.length) {
				this.seat = null;
				this.status = 'unknown';
				return;
			}
			// A code in both sets (a few Scottish seats) stays on the current lens's set.
			const seat = found.find((s) => s.boundary_set === this.#scores.boundarySet) ?? found[0];
			if (seat.boundary_set !== this.#scores.boundarySet) this.#switchLens(seat.boundary_set);
			this.history = (await this.#db.query(voteHistory(seat.boundary_set, [seat.code]))).rows;
			if (request !== this.#request) return;
			this.seat = seat;
			this.status = 'ready';
			this.error = null;
		} catch (error) {
			if (request !== this.#request) return;
			this.error = (error as Error).message;
			this.status = 'error';
		}
	}

	#switchLens(set: BoundarySet) {
		const lens = LENSES.find((l) => l.boundarySet === set)!;
		const from = this.#scores.lens.label;
		this.#scores.setLens(lens.id);
		this.lensNote = `This seat is on the ${set} boundaries, so the lens changed from ${from} to ${lens.label} (its default method).`;
	}

	/** Read every seat's candidate indicators for the current set, once per set and candidate list. */
	async loadMatrix() {
		const key = this.#matrixKey();
		if (this.#matrix?.key === key) return;
		try {
			const rows = (await this.#db.query(profileIndicators(this.#scores.boundarySet, this.candidates))).rows;
			if (key === this.#matrixKey()) this.#matrix = { key, rows };
		} catch (error) {
			this.error = (error as Error).message;
		}
	}

	setK(k: number) {
		if (Number.isFinite(k)) this.k = Math.min(MAX_K, Math.max(1, Math.round(k)));
	}

	toggleIndicator(id: string, on: boolean) {
		const current = this.similarityIds;
		this.chosen = on ? this.candidates.filter((c) => c === id || current.includes(c)) : current.filter((c) => c !== id);
	}

	resetIndicators() {
		this.chosen = null;
	}
}
