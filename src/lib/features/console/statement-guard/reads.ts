/**
 * Read-only statements. A query (SELECT, VALUES, TABLE, FROM-first, PIVOT) needs no check of its
 * own; WITH and EXPLAIN are checked by the statement they lead to, and DESCRIBE, SHOW and SUMMARIZE
 * take a table name or a query.
 */
import type { Token } from '../sql-lexer';
import { STATEMENT_KEYWORDS } from './refused';
import { isWord, readName, skipGroup, type Classify, type Context } from './tokens';

export const QUERY_HEADS = new Set(['select', 'values', 'table', 'from', 'pivot', 'unpivot', 'pivot_wider', 'pivot_longer']);

/** The statements that lead to a query or name a table. */
export const READ_HEADS = new Set(['with', 'explain', 'describe', 'desc', 'show', 'summarize']);

/** Checks a statement that starts with one of `READ_HEADS`; `classify` checks what it leads to. */
export function classifyRead(t: Token[], ctx: Context, readOnly: boolean, classify: Classify): string | null {
	const w = t[0].value;
	switch (w) {
		case 'with': {
			// WITH [RECURSIVE] name [(cols)] [USING KEY (…)] AS [NOT] [MATERIALIZED] (query), … main
			let i = isWord(t[1], 'recursive') ? 2 : 1;
			for (;;) {
				const name = readName(t, i);
				if (!name) return 'Could not read the WITH clause: a name is missing.';
				i = name.next;
				if (t[i]?.kind === 'lparen') i = skipGroup(t, i);
				if (isWord(t[i], 'using') && isWord(t[i + 1], 'key') && t[i + 2]?.kind === 'lparen') i = skipGroup(t, i + 2);
				if (!isWord(t[i], 'as')) return 'Could not read the WITH clause: AS is missing.';
				i++;
				if (isWord(t[i], 'not')) i++;
				if (isWord(t[i], 'materialized')) i++;
				if (t[i]?.kind !== 'lparen') return 'Could not read the WITH clause: ( is missing.';
				i = skipGroup(t, i);
				if (t[i]?.kind === 'comma') {
					i++;
					continue;
				}
				break;
			}
			return classify(t.slice(i), ctx, readOnly);
		}
		case 'explain': {
			let i = 1;
			if (isWord(t[i], 'analyze', 'analyse')) i++;
			if (t[i]?.kind === 'lparen') i = skipGroup(t, i);
			if (i >= t.length) return 'EXPLAIN needs a statement after it.';
			return classify(t.slice(i), ctx, readOnly);
		}
		case 'describe':
		case 'desc':
		case 'show':
		case 'summarize': {
			const rest = t.slice(1);
			if (!rest.length) return null;
			if (rest[0].kind === 'lparen' || (rest[0].kind === 'word' && (QUERY_HEADS.has(rest[0].value) || rest[0].value === 'with'))) return classify(rest, ctx, true);
			if (rest[0].kind === 'word' && STATEMENT_KEYWORDS.has(rest[0].value)) return `${w.toUpperCase()} takes a table name or a query, not ${rest[0].value.toUpperCase()}.`;
			return null;
		}
		default:
			return null;
	}
}
