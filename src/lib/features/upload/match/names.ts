/**
 * Constituency name normalisation. Real files spell the same seat many ways: the Electoral
 * Commission writes "Ayrshire Central", "Hull West & Hessle" and "Durham, City of" where the
 * Commons Library writes "Central Ayrshire", "Kingston upon Hull West and Hessle" and
 * "City Of Durham". Each of the three keys below is a normalisation, not a guess: a name that
 * equals a seat's key at some level, when no other seat in the set shares that key, is the seat.
 * Anything looser is left to similarity.ts and only ever suggested.
 */
import type { BoundarySet, ReferenceSeat } from '../types';

export type NameLevel = 'normalised' | 'word-order' | 'prefix';
export const NAME_LEVELS: readonly NameLevel[] = ['normalised', 'word-order', 'prefix'];

/** Whole-token abbreviations, after lower-casing and punctuation removal ("St." → "st"). */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
	saint: 'st',
	n: 'north',
	s: 'south',
	e: 'east',
	w: 'west',
	ne: 'north east',
	nw: 'north west',
	se: 'south east',
	sw: 'south west',
	nth: 'north',
	sth: 'south',
	c: 'central',
	cent: 'central',
	ctrl: 'central',
	gt: 'great',
	mt: 'mount'
};

/** Words whose presence or absence never distinguishes two seats in either set. */
const STOP_WORDS = new Set(['and', 'the', 'of']);

/** Case, accents, "&", punctuation and abbreviations: "St. Helens N" → "st helens north". */
export function normaliseName(name: string): string {
	const basic = name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/['’‘`]/g, '')
		.replace(/&|\+/g, ' and ')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
	if (!basic) return '';
	return basic
		.split(' ')
		.map((t) => ABBREVIATIONS[t] ?? t)
		.join(' ');
}

export function nameTokens(name: string): string[] {
	const n = normaliseName(name);
	return n ? n.split(' ') : [];
}

/** Word order and filler words ignored: "Ayrshire Central" = "Central Ayrshire". */
function wordOrderKey(tokens: readonly string[]): string {
	return tokens
		.filter((t) => !STOP_WORDS.has(t))
		.sort()
		.join(' ');
}

/**
 * Also without a parenthetical ("(Western Isles)") and the "City of" / "Kingston upon" style
 * prefixes that some publishers drop ("Hull East", "Durham, City of").
 */
export function looseTokens(name: string): string[] {
	const tokens = nameTokens(name.replace(/\([^)]*\)/g, ' '));
	const out: string[] = [];
	for (let i = 0; i < tokens.length; i++) {
		const t = tokens[i];
		const next = tokens[i + 1];
		if ((t === 'city' || t === 'cities') && next === 'of') {
			i++;
			continue;
		}
		if (t === 'kingston' && next === 'upon' && tokens[i + 2] === 'hull') {
			i++;
			continue;
		}
		out.push(t);
	}
	return out.filter((t) => !STOP_WORDS.has(t));
}

export function nameKey(name: string, level: NameLevel): string {
	switch (level) {
		case 'normalised':
			return normaliseName(name);
		case 'word-order':
			return wordOrderKey(nameTokens(name));
		case 'prefix':
			return wordOrderKey(looseTokens(name));
	}
}

export interface NameIndex {
	readonly set: BoundarySet;
	readonly seats: readonly ReferenceSeat[];
	readonly byCode: ReadonlyMap<string, ReferenceSeat>;
	/** level → key → codes sharing it (more than one code means the key is ambiguous). */
	readonly keys: ReadonlyMap<NameLevel, ReadonlyMap<string, readonly string[]>>;
	/** Exact names and alternative names, before any normalisation. */
	readonly exact: ReadonlyMap<string, readonly string[]>;
}

export function buildNameIndex(reference: readonly ReferenceSeat[], set: BoundarySet): NameIndex {
	const seats = reference.filter((s) => s.set === set);
	const byCode = new Map(seats.map((s) => [s.code, s]));
	const keys = new Map<NameLevel, Map<string, string[]>>(NAME_LEVELS.map((l) => [l, new Map()]));
	const exact = new Map<string, string[]>();
	const add = (map: Map<string, string[]>, key: string, code: string) => {
		if (!key) return;
		const codes = map.get(key);
		if (!codes) map.set(key, [code]);
		else if (!codes.includes(code)) codes.push(code);
	};
	for (const seat of seats) {
		for (const name of [seat.name, ...(seat.altNames ?? [])]) {
			add(exact, name.trim(), seat.code);
			for (const level of NAME_LEVELS) add(keys.get(level)!, nameKey(name, level), seat.code);
		}
	}
	return { set, seats, byCode, keys, exact };
}

export type NameLookup = { readonly kind: 'match'; readonly seat: ReferenceSeat; readonly how: 'exact' | 'alt-name' | NameLevel } | { readonly kind: 'ambiguous'; readonly seats: readonly ReferenceSeat[] } | { readonly kind: 'none' };

/** The seat a name means once normalised, if exactly one seat fits at the strictest level that fits any. */
export function lookupName(index: NameIndex, input: string): NameLookup {
	const trimmed = input.trim();
	const exact = index.exact.get(trimmed);
	if (exact?.length === 1) {
		const seat = index.byCode.get(exact[0])!;
		return { kind: 'match', seat, how: seat.name.trim() === trimmed ? 'exact' : 'alt-name' };
	}
	for (const level of NAME_LEVELS) {
		const key = nameKey(trimmed, level);
		const codes = key ? index.keys.get(level)!.get(key) : undefined;
		if (!codes) continue;
		const seats = codes.map((c) => index.byCode.get(c)!);
		return codes.length === 1 ? { kind: 'match', seat: seats[0], how: level } : { kind: 'ambiguous', seats };
	}
	return { kind: 'none' };
}
