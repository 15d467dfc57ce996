/**
 * String similarity for *suggestions* only. A score here never matches a row by itself: the
 * user accepts or rejects each suggestion, because "Hartlepool" ≈ "Hartlepol" but
 * "Leeds East" ≈ "Leeds West" too, and a silent wrong match corrupts a score without a trace.
 */
import { looseTokens, normaliseName } from './names';

/** Edit distance (insertions, deletions, substitutions), two rows of memory. */
export function levenshtein(a: string, b: string): number {
	if (a === b) return 0;
	if (!a.length) return b.length;
	if (!b.length) return a.length;
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	let curr = new Array<number>(b.length + 1);
	for (let i = 1; i <= a.length; i++) {
		curr[0] = i;
		const ca = a.charCodeAt(i - 1);
		for (let j = 1; j <= b.length; j++) {
			const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
			curr[j] = Math.min(prev[j] + 1, curr[j - 1] + 1, prev[j - 1] + cost);
		}
		[prev, curr] = [curr, prev];
	}
	return prev[b.length];
}

/** 1 for equal strings, 0 for nothing in common. */
export function levenshteinSimilarity(a: string, b: string): number {
	const longest = Math.max(a.length, b.length);
	return longest === 0 ? 1 : 1 - levenshtein(a, b) / longest;
}

/** Jaro–Winkler: forgiving of transpositions and rewarding a shared start, as typos in names are. */
export function jaroWinkler(a: string, b: string): number {
	if (a === b) return 1;
	if (!a.length || !b.length) return 0;
	const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
	const aMatched = new Array<boolean>(a.length).fill(false);
	const bMatched = new Array<boolean>(b.length).fill(false);
	let matches = 0;
	for (let i = 0; i < a.length; i++) {
		const lo = Math.max(0, i - window);
		const hi = Math.min(b.length - 1, i + window);
		for (let j = lo; j <= hi; j++) {
			if (bMatched[j] || a[i] !== b[j]) continue;
			aMatched[i] = bMatched[j] = true;
			matches++;
			break;
		}
	}
	if (!matches) return 0;
	let transpositions = 0;
	for (let i = 0, j = 0; i < a.length; i++) {
		if (!aMatched[i]) continue;
		while (!bMatched[j]) j++;
		if (a[i] !== b[j]) transpositions++;
		j++;
	}
	const m = matches;
	const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
	let prefix = 0;
	while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
	return jaro + prefix * 0.1 * (1 - jaro);
}

function tokenSimilarity(a: string, b: string): number {
	return Math.max(jaroWinkler(a, b), levenshteinSimilarity(a, b));
}

/** Below this, two words count as different words rather than one misspelt. */
const SAME_WORD = 0.85;

/**
 * Symmetric soft token-set similarity: each word is paired with its closest word on the other
 * side, so word order does not matter, typos cost a little and missing words cost more.
 */
export function tokenSetSimilarity(a: readonly string[], b: readonly string[]): number {
	if (!a.length || !b.length) return 0;
	const best = (from: readonly string[], to: readonly string[]) =>
		from.reduce((sum, t) => {
			let top = 0;
			for (const u of to) top = Math.max(top, tokenSimilarity(t, u));
			return sum + (top >= SAME_WORD ? top : 0);
		}, 0);
	return (best(a, b) + best(b, a)) / (a.length + b.length);
}

/**
 * A short name whose every word appears in a longer one ("Grimsby" in "Great Grimsby and
 * Cleethorpes") is a likely intended seat; the score grows with the share of the longer name
 * covered, and stays below a typo-level score so a near-exact spelling ranks first.
 */
export function containment(a: readonly string[], b: readonly string[]): number {
	if (!a.length || a.length > b.length) return 0;
	let covered = 0;
	for (const t of a) {
		let top = 0;
		for (const u of b) top = Math.max(top, tokenSimilarity(t, u));
		if (top < SAME_WORD) return 0;
		covered += top;
	}
	return 0.75 + (0.2 * covered) / b.length;
}

/** A name prepared once, so comparing one input with 650 seats does not renormalise each seat. */
export interface NameForm {
	readonly norm: string;
	readonly tokens: readonly string[];
}

export function nameForm(name: string): NameForm {
	return { norm: normaliseName(name), tokens: looseTokens(name) };
}

/** How alike two constituency names are, in [0, 1], after the normalisations in names.ts. */
export function formSimilarity(a: NameForm, b: NameForm): number {
	return Math.max(jaroWinkler(a.norm, b.norm), tokenSetSimilarity(a.tokens, b.tokens), containment(a.tokens, b.tokens));
}

export function nameSimilarity(input: string, reference: string): number {
	return formSimilarity(nameForm(input), nameForm(reference));
}
