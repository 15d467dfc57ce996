/** Which family a statement belongs to, by its first word, and that family's check. */
import type { Token } from '../sql-lexer';
import { ALLOWED_SUMMARY } from './reasons';
import { classifyRead, QUERY_HEADS, READ_HEADS } from './reads';
import { refusedStatement } from './refused';
import { checkPragma } from './settings';
import type { Context } from './tokens';
import { classifyWrite, WRITE_HEADS } from './writes';

export function classify(t: Token[], ctx: Context, readOnly: boolean): string | null {
	const head = t[0];
	if (!head) return 'A statement is missing.';
	if (head.kind === 'lparen') return null; // (SELECT …) UNION …
	if (head.kind !== 'word') return `A statement cannot start with ${head.kind === 'string' ? 'a string' : `“${head.value}”`}. ${ALLOWED_SUMMARY}`;
	const w = head.value;
	if (QUERY_HEADS.has(w)) return null;
	if (READ_HEADS.has(w)) return classifyRead(t, ctx, readOnly, classify);
	if (WRITE_HEADS.has(w)) return readOnly ? `Only a query can follow here, not ${w.toUpperCase()}.` : classifyWrite(t, ctx);
	if (w === 'pragma') return checkPragma(t);
	return refusedStatement(t);
}
