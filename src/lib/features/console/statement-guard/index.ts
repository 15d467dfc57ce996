/**
 * Decides whether SQL typed into the analyst's console may run. Pure: no DuckDB, no DOM.
 *
 * The text is first split into tokens by a lexer that follows DuckDB's own (PostgreSQL-derived)
 * rules, so comments, string literals, quoted names and dollar-quoted strings can never hide a
 * keyword from the checks (one module per statement family beside this index: classify, reads,
 * writes, settings, refused, files) and never make a harmless word look like one:
 *
 * - `--` comments run to the end of the line; `/* *\/` comments nest;
 * - `'…'` strings escape a quote as `''`; `E'…'` strings also take backslash escapes, and a string
 *   continues across a line break into the next `'…'` (DuckDB joins them);
 * - `"…"` names escape a quote as `""`; `$tag$…$tag$` strings end at the first matching tag;
 * - identifiers may contain `$`, so `x$a$` is a name, not the start of a dollar-quoted string.
 *
 * Anything the lexer cannot read exactly as DuckDB would (an unterminated string or comment,
 * control characters) is refused rather than guessed at.
 *
 * The statements are split on every `;` outside those constructs, and every statement must pass
 * before any runs. Allowed: read-only queries (SELECT, WITH … SELECT, VALUES, TABLE x, FROM-first,
 * PIVOT, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN of an allowed statement, and PRAGMA table_info /
 * show_tables / database_size), and creating or changing the analyst's own tables and views
 * (CREATE [TEMP] TABLE|VIEW, DROP TABLE|VIEW, ALTER, INSERT, UPDATE, DELETE, TRUNCATE) whose name is
 * not protected. Refused: anything that changes a protected table; ATTACH/DETACH; INSTALL/LOAD;
 * SET/RESET and PRAGMA settings; COPY, EXPORT/IMPORT DATABASE; CHECKPOINT; CALL; transactions; and
 * reading files or URLs (`read_csv(…)`, `glob(…)`, `FROM 'file.csv'`, `FROM "https://…"`).
 *
 * The console runs each statement as a prepared statement as well, so DuckDB itself refuses a
 * piece that turns out to hold more than one statement: the guard is not the only line of defence.
 *
 * One module per family of statements: `reads.ts` (queries, WITH, EXPLAIN, DESCRIBE…), `writes.ts`
 * (CREATE, DROP, ALTER, INSERT… on the analyst's own tables), `settings.ts` (PRAGMA), `refused.ts`
 * (ATTACH, INSTALL, SET, COPY, transactions…) and `files.ts` (files, addresses and table functions,
 * checked on every statement); `classify.ts` picks the family.
 */

import { tokenize, type Token } from '../sql-lexer';
import { classify } from './classify';
import { scanTokens } from './files';
import { isWord, type Context } from './tokens';

export { tokenize };
export type { Token, TokenKind, LexResult } from '../sql-lexer';
export { FILES_REASON } from './reasons';

export interface GuardOptions {
	/** Tables the console may read but never change, e.g. `results`. Compared case-insensitively. */
	protectedTables: readonly string[];
	/** Name prefixes that are protected too, e.g. `upload_`. */
	protectedPrefixes?: readonly string[];
}

export type GuardResult = { ok: true; statements: string[] } | { ok: false; reason: string };

/** Longer texts are refused before lexing: the console is for hand-written queries. */
export const MAX_SQL_LENGTH = 200_000;

export function makeProtection(options: GuardOptions): (name: string) => boolean {
	const tables = new Set(options.protectedTables.map((n) => n.toLowerCase()));
	const prefixes = (options.protectedPrefixes ?? []).map((p) => p.toLowerCase()).filter(Boolean);
	return (name) => {
		const lower = name.toLowerCase();
		return tables.has(lower) || prefixes.some((p) => lower.startsWith(p));
	};
}

/** Splits the token list on semicolons; empty statements are dropped. */
export function splitTokens(tokens: Token[]): Token[][] {
	const statements: Token[][] = [];
	let current: Token[] = [];
	for (const tok of tokens) {
		if (tok.kind === 'semicolon') {
			if (current.length) statements.push(current);
			current = [];
		} else current.push(tok);
	}
	if (current.length) statements.push(current);
	return statements;
}

/**
 * May this SQL run in the console? On success, the statements to run in order, each as typed
 * (from its first token to its last, so leading and trailing comments are left out).
 */
export function guardSql(sql: string, options: GuardOptions): GuardResult {
	if (sql.length > MAX_SQL_LENGTH) return { ok: false, reason: `The query is longer than ${MAX_SQL_LENGTH.toLocaleString('en-GB')} characters.` };
	const lexed = tokenize(sql);
	if (!lexed.ok) return lexed;
	const statements = splitTokens(lexed.tokens);
	if (!statements.length) return { ok: false, reason: 'There is no SQL to run.' };
	const ctx: Context = { isProtected: makeProtection(options) };
	for (const [index, t] of statements.entries()) {
		const reason = classify(t, ctx, false) ?? scanTokens(t);
		if (reason) return { ok: false, reason: statements.length > 1 ? `Statement ${index + 1}: ${reason}` : reason };
	}
	return { ok: true, statements: statements.map((t) => sql.slice(t[0].start, t[t.length - 1].end)) };
}

/** Could this (allowed) statement create, drop or rename a table or view? Then the schema is re-read. */
export function mayChangeSchema(statement: string): boolean {
	const lexed = tokenize(statement);
	if (!lexed.ok) return true;
	return lexed.tokens.some((tok) => isWord(tok, 'create', 'drop', 'alter'));
}
