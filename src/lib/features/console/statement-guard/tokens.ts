/** Reading names, keywords and bracket groups from a statement's tokens; shared by every family. */
import type { Token } from '../sql-lexer';

export interface Context {
	isProtected(name: string): boolean;
}

/** Checks one statement; null when it may run. `readOnly`: only a query may stand here. */
export type Classify = (t: Token[], ctx: Context, readOnly: boolean) => string | null;

/** A possibly qualified name: `results`, `main.results`, `"Main"."Results"`. */
export function readName(t: Token[], i: number): { parts: string[]; next: number } | null {
	const parts: string[] = [];
	let j = i;
	for (;;) {
		const tok = t[j];
		if (!tok || (tok.kind !== 'word' && tok.kind !== 'ident')) return parts.length ? { parts, next: j - 1 } : null;
		parts.push(tok.value);
		if (t[j + 1]?.kind !== 'dot') return { parts, next: j + 1 };
		j += 2;
	}
}

export const isWord = (tok: Token | undefined, ...words: string[]) => tok?.kind === 'word' && words.includes(tok.value);

/** Skips a balanced bracket group starting at `i` (which must be `(`); returns the index after it. */
export function skipGroup(t: Token[], i: number): number {
	let depth = 0;
	for (let j = i; j < t.length; j++) {
		if (t[j].kind === 'lparen') depth++;
		else if (t[j].kind === 'rparen' && --depth === 0) return j + 1;
	}
	return t.length;
}
