/**
 * Match report: how an uploaded key column resolves to the seats of one boundary set. Codes match
 * exactly; names match after normalisation (names.ts). Everything fuzzier arrives as a ranked
 * suggestion that the user must accept (`acceptSuggestion`), so no row is matched by a guess.
 *
 * Row numbers in the report are 0-based data-row indexes (the header is not a row).
 */
import { isNullToken } from '../read/infer';
import { type NameLevel, buildNameIndex, lookupName } from './names';
import { type NameForm, formSimilarity, nameForm } from './similarity';
import type { BoundarySet, ReferenceSeat } from '../types';

export type MatchHow = 'code' | 'exact' | 'alt-name' | NameLevel | 'accepted';

export interface Suggestion {
	readonly code: string;
	readonly name: string;
	readonly score: number;
}

export interface MatchedKey {
	readonly input: string;
	readonly rows: readonly number[];
	readonly code: string;
	readonly name: string;
	readonly how: MatchHow;
}

export interface UnmatchedKey {
	readonly input: string;
	readonly rows: readonly number[];
	readonly suggestions: readonly Suggestion[];
	/** The name fits several seats equally well after normalisation ("Leeds" alone). */
	readonly ambiguous: boolean;
}

/** A key that belongs to the other boundary set: never joined on the code, see the overlap lookups. */
export interface OtherSetKey {
	readonly input: string;
	readonly rows: readonly number[];
	readonly code: string;
	readonly name: string;
	readonly set: BoundarySet;
}

export interface UnknownKey {
	readonly input: string;
	readonly rows: readonly number[];
}

export interface DuplicateSeat {
	readonly code: string;
	readonly name: string;
	readonly rows: readonly number[];
	readonly inputs: readonly string[];
}

export interface MatchReport {
	readonly set: BoundarySet;
	readonly keyKind: 'code' | 'name';
	/** The seat code each data row resolved to, or null. */
	readonly rowCodes: readonly (string | null)[];
	readonly matched: readonly MatchedKey[];
	readonly unmatched: readonly UnmatchedKey[];
	readonly otherSet: readonly OtherSetKey[];
	readonly unknown: readonly UnknownKey[];
	readonly duplicates: readonly DuplicateSeat[];
	readonly blankRows: readonly number[];
	/** Seats of the set with no row: expected for GB-only data (no Northern Ireland). */
	readonly missingSeats: readonly ReferenceSeat[];
	readonly seatsInSet: number;
}

export interface NameMatchOptions {
	readonly maxSuggestions?: number;
	readonly minScore?: number;
	/** Suggestions cost 650 comparisons each; a wrongly chosen column could have a million values. */
	readonly maxSuggestedInputs?: number;
}

const OTHER: Record<BoundarySet, BoundarySet> = { '2010': '2024', '2024': '2010' };

/** A key column: a parsed column, or any array of strings (null for missing). */
export interface KeyValues {
	readonly length: number;
	at(index: number): string | null | undefined;
}

/** Distinct keys in first-seen order, with their rows; blanks apart. */
function groupKeys(values: KeyValues, canonical: (v: string) => string) {
	const groups = new Map<string, number[]>();
	const blankRows: number[] = [];
	let lastRaw: string | undefined;
	let lastRows: number[] | undefined;
	for (let row = 0; row < values.length; row++) {
		const value = values.at(row);
		if (value === null || value === undefined || isNullToken(value)) {
			blankRows.push(row);
			continue;
		}
		// Long-format files repeat a key on consecutive rows; skip the canonicalising then.
		if (value === lastRaw && lastRows) {
			lastRows.push(row);
			continue;
		}
		const key = canonical(value);
		let rows = groups.get(key);
		if (!rows) groups.set(key, (rows = []));
		rows.push(row);
		lastRaw = value;
		lastRows = rows;
	}
	return { groups, blankRows };
}

export function matchCodes(values: KeyValues, reference: readonly ReferenceSeat[], set: BoundarySet): MatchReport {
	const here = new Map(reference.filter((s) => s.set === set).map((s) => [s.code.toUpperCase(), s]));
	const there = new Map(reference.filter((s) => s.set === OTHER[set]).map((s) => [s.code.toUpperCase(), s]));
	const { groups, blankRows } = groupKeys(values, (v) => v.trim().toUpperCase());
	const matched: MatchedKey[] = [];
	const otherSet: OtherSetKey[] = [];
	const unknown: UnknownKey[] = [];
	for (const [input, rows] of groups) {
		// Five Scottish codes are in both sets; a code valid here is simply matched.
		const seat = here.get(input);
		const other = seat ? undefined : there.get(input);
		if (seat) matched.push({ input, rows, code: seat.code, name: seat.name, how: 'code' });
		else if (other) otherSet.push({ input, rows, code: other.code, name: other.name, set: other.set });
		else unknown.push({ input, rows });
	}
	return finalise(set, 'code', values.length, matched, [], otherSet, unknown, blankRows, [...here.values()]);
}

export function matchNames(values: KeyValues, reference: readonly ReferenceSeat[], set: BoundarySet, options: NameMatchOptions = {}): MatchReport {
	const index = buildNameIndex(reference, set);
	const otherIndex = buildNameIndex(reference, OTHER[set]);
	const forms = index.seats.map((seat) => ({ seat, forms: [seat.name, ...(seat.altNames ?? [])].map(nameForm) }));
	const { groups, blankRows } = groupKeys(values, (v) => v.trim());
	const matched: MatchedKey[] = [];
	const unmatched: UnmatchedKey[] = [];
	const otherSet: OtherSetKey[] = [];
	let suggested = 0;
	for (const [input, rows] of groups) {
		const found = lookupName(index, input);
		if (found.kind === 'match') {
			matched.push({ input, rows, code: found.seat.code, name: found.seat.name, how: found.how });
			continue;
		}
		if (found.kind === 'none') {
			const other = lookupName(otherIndex, input);
			if (other.kind === 'match') {
				otherSet.push({ input, rows, code: other.seat.code, name: other.seat.name, set: other.seat.set });
				continue;
			}
		}
		const ambiguous = found.kind === 'ambiguous';
		const suggestions = ambiguous ? found.seats.map((s) => ({ code: s.code, name: s.name, score: 1 })) : suggested++ < (options.maxSuggestedInputs ?? 200) ? suggest(nameForm(input), forms, options) : [];
		unmatched.push({ input, rows, suggestions, ambiguous });
	}
	return finalise(set, 'name', values.length, matched, unmatched, otherSet, [], blankRows, index.seats);
}

function suggest(input: NameForm, candidates: readonly { seat: ReferenceSeat; forms: readonly NameForm[] }[], options: NameMatchOptions): Suggestion[] {
	const minScore = options.minScore ?? 0.8;
	const scored: Suggestion[] = [];
	for (const { seat, forms } of candidates) {
		let score = 0;
		for (const form of forms) score = Math.max(score, formSimilarity(input, form));
		if (score >= minScore) scored.push({ code: seat.code, name: seat.name, score: Math.round(score * 1000) / 1000 });
	}
	return scored.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)).slice(0, options.maxSuggestions ?? 3);
}

/** Rebuilds the row-level view (row codes, duplicates, missing seats) from the per-key lists. */
function finalise(set: BoundarySet, keyKind: 'code' | 'name', rowTotal: number, matched: MatchedKey[], unmatched: UnmatchedKey[], otherSet: OtherSetKey[], unknown: UnknownKey[], blankRows: readonly number[], seats: readonly ReferenceSeat[]): MatchReport {
	const rowCodes: (string | null)[] = new Array<string | null>(rowTotal).fill(null);
	const bySeat = new Map<string, { rows: number[]; inputs: string[] }>();
	for (const m of matched) {
		for (const r of m.rows) rowCodes[r] = m.code;
		const entry = bySeat.get(m.code) ?? { rows: [], inputs: [] };
		for (const r of m.rows) entry.rows.push(r); // no spread: a long-format file can repeat a key 100k times
		entry.inputs.push(m.input);
		bySeat.set(m.code, entry);
	}
	const byCode = new Map(seats.map((s) => [s.code, s]));
	const duplicates: DuplicateSeat[] = [];
	for (const [code, { rows, inputs }] of bySeat) {
		if (rows.length < 2) continue;
		duplicates.push({ code, name: byCode.get(code)?.name ?? code, rows: rows.sort((a, b) => a - b), inputs });
	}
	const missingSeats = seats.filter((s) => !bySeat.has(s.code));
	return {
		set,
		keyKind,
		rowCodes,
		matched,
		unmatched,
		otherSet,
		unknown,
		duplicates,
		blankRows,
		missingSeats,
		seatsInSet: seats.length
	};
}

/**
 * The user accepted `code` for the unmatched key `input` (a suggestion, or a seat picked by
 * hand). Returns a new report; the old one is untouched so the wizard can undo.
 */
export function acceptSuggestion(report: MatchReport, input: string, code: string, reference: readonly ReferenceSeat[]): MatchReport {
	const seat = reference.find((s) => s.set === report.set && s.code === code);
	const key = report.unmatched.find((u) => u.input === input);
	if (!seat || !key) return report;
	const seats = reference.filter((s) => s.set === report.set);
	return finalise(
		report.set,
		report.keyKind,
		report.rowCodes.length,
		[...report.matched, { input, rows: key.rows, code: seat.code, name: seat.name, how: 'accepted' }],
		report.unmatched.filter((u) => u !== key),
		[...report.otherSet],
		[...report.unknown],
		report.blankRows,
		seats
	);
}

/** How many data rows resolved to a seat. */
export function matchedRowCount(report: MatchReport): number {
	return report.rowCodes.reduce((n, c) => (c === null ? n : n + 1), 0);
}
