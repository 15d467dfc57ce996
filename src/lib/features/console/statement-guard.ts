/**
 * Decides whether SQL typed into the analyst's console may run. Pure: no DuckDB, no DOM.
 *
 * The text is first split into tokens by a lexer that follows DuckDB's own (PostgreSQL-derived)
 * rules, so comments, string literals, quoted names and dollar-quoted strings can never hide a
 * keyword from the checks below and never make a harmless word look like one:
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
 */

import { tokenize, type Token } from './sql-lexer';

export { tokenize };
export type { Token, TokenKind, LexResult } from './sql-lexer';

export interface GuardOptions {
	/** Tables the console may read but never change, e.g. `results`. Compared case-insensitively. */
	protectedTables: readonly string[];
	/** Name prefixes that are protected too, e.g. `upload_`. */
	protectedPrefixes?: readonly string[];
}

export type GuardResult = { ok: true; statements: string[] } | { ok: false; reason: string };

/** Longer texts are refused before lexing: the console is for hand-written queries. */
export const MAX_SQL_LENGTH = 200_000;

export const FILES_REASON = 'The console only queries the tables already loaded in this page: it cannot read files or web addresses, and nothing leaves the browser.';

const SETTINGS_REASON = 'Settings cannot be changed from the console: SET, RESET and setting PRAGMAs could switch extension loading back on. The PRAGMAs allowed are table_info, show_tables and database_size.';

const ALLOWED_SUMMARY = 'The console runs queries (SELECT, WITH, VALUES, FROM, TABLE, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN) and CREATE, DROP, ALTER, INSERT, UPDATE or DELETE on your own tables and views.';

// ---------------------------------------------------------------------------------------------
// Lexer

/** Table functions (and the like) that read files or URLs, run SQL from a string, or change state. */
const BLOCKED_FUNCTION =
	/^(?:read_.*|.*_scan(?:_.*)?|parquet_.*|sniff_csv|glob|query|query_table|json_execute_serialized_sql|iceberg_.*|delta_.*|sqlite_.*|postgres_.*|mysql_.*|st_read.*|load_.*|http_.*|excel_.*|ducklake_.*|checkpoint|force_checkpoint|enable_logging|disable_logging|truncate_duckdb_logs)$/;

/** A string that names something outside the page: any `scheme://…` address. */
const URL_LIKE = /^\s*[a-z][a-z0-9+.-]*:\/\//i;
/** A name that DuckDB would read as a file (its replacement scans look at the extension). */
const FILE_LIKE = /[/\\:*?]|\.(?:csv|tsv|tbl|txt|dat|parquet|json|jsonl|ndjson|geojson|xlsx|xls|arrow|ipc|feather|avro|orc|db|duckdb|sqlite|sqlite3|gz|gzip|zst|zstd|bz2|xz|lz4|zip|tar)$/i;

/** Keywords that start a data-changing statement; refused directly inside brackets. */
const NESTED_FORBIDDEN = new Set(['insert', 'update', 'delete', 'drop', 'create', 'alter', 'truncate', 'copy', 'attach', 'detach', 'install', 'merge', 'pragma', 'checkpoint']);

/** Keywords that end a FROM list at the same bracket depth. */
const FROM_ENDS = new Set(['where', 'group', 'having', 'qualify', 'window', 'order', 'limit', 'offset', 'union', 'except', 'intersect', 'select', 'returning', 'set', 'values', 'fetch']);
/** Keywords after which the next item is read as a table (or table function). */
const TABLE_INTRO = new Set(['from', 'join', 'using', 'into', 'update', 'table', 'describe', 'desc', 'summarize', 'show', 'pivot', 'unpivot', 'pivot_wider', 'pivot_longer']);
const TABLE_PREFIX = new Set(['lateral', 'only', 'all']);

function filesReason(detail: string): string {
	return `${detail}. ${FILES_REASON}`;
}

/**
 * A table name DuckDB does not find in its catalog goes to its replacement scans, which join a
 * qualified name's parts with dots and read the result as a path or URL if it looks like one:
 * `"https://host/data".csv` reads `https://host/data.csv`. So every part, and the joined name,
 * must not look like a file or an address.
 */
function fileNameReason(parts: string[]): string | null {
	const joined = parts.join('.');
	for (const text of [...parts, joined]) {
		if (URL_LIKE.test(text) || FILE_LIKE.test(text)) {
			const shown = parts.map((p) => (/^[a-z_][a-z0-9_]*$/.test(p) ? p : `"${p.replaceAll('"', '""')}"`)).join('.');
			const how = parts.length > 1 ? `DuckDB would read it as the file or address '${quoteText(joined)}'` : 'it looks like a file name or web address, not a table';
			return filesReason(`${quoteText(shown)} cannot be used as a table: ${how}`);
		}
	}
	return null;
}

const quoteText = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

function scanTokens(t: Token[]): string | null {
	/** Per bracket depth: are we in a FROM list, where a comma starts another table? */
	const fromList: boolean[] = [false];
	/** Bracket depths at which the arguments of a table function (in a FROM list) start. */
	const tableFnArgs: number[] = [];
	let depth = 0;
	let expectTable = false;
	for (let i = 0; i < t.length; i++) {
		const tok = t[i];
		const next = t[i + 1];

		if ((tok.kind === 'word' || tok.kind === 'ident') && next?.kind === 'lparen') {
			const name = tok.value.toLowerCase();
			if (BLOCKED_FUNCTION.test(name)) return filesReason(`${name}(…) cannot be used`);
		}
		if (tok.kind === 'string') {
			if (URL_LIKE.test(tok.value)) return filesReason(`'${quoteText(tok.value.trim())}' is a web address`);
			if (tableFnArgs.length && FILE_LIKE.test(tok.value)) return filesReason(`'${quoteText(tok.value)}' looks like a file name`);
		}
		if (tok.kind === 'lparen' && next?.kind === 'word' && NESTED_FORBIDDEN.has(next.value)) return `${next.value.toUpperCase()} cannot be used inside another statement. ${ALLOWED_SUMMARY}`;

		if (expectTable) {
			if (tok.kind === 'lparen' || (tok.kind === 'word' && TABLE_PREFIX.has(tok.value))) {
				// `FROM (…)`, `FROM LATERAL …`: the table itself is still to come.
			} else {
				expectTable = false;
				if (tok.kind === 'string') return filesReason(`'${quoteText(tok.value)}' is used as a table, which would read a file`);
				const name = tok.kind === 'word' || tok.kind === 'ident' ? readName(t, i) : null;
				if (name) {
					const refused = fileNameReason(name.parts);
					if (refused) return refused;
					if (t[name.next]?.kind === 'lparen') tableFnArgs.push(depth + 1);
				}
			}
		}

		if (tok.kind === 'lparen') {
			depth++;
			fromList[depth] = false;
		} else if (tok.kind === 'rparen') {
			if (tableFnArgs.at(-1) === depth) tableFnArgs.pop();
			depth = Math.max(0, depth - 1);
		} else if (tok.kind === 'word') {
			if (tok.value === 'from') fromList[depth] = true;
			else if (FROM_ENDS.has(tok.value)) fromList[depth] = false;
			if (TABLE_INTRO.has(tok.value)) expectTable = true;
		} else if (tok.kind === 'comma' && fromList[depth]) {
			expectTable = true;
		}
	}
	return null;
}

// ---------------------------------------------------------------------------------------------
// Statement classification

interface Context {
	isProtected(name: string): boolean;
}

/** A possibly qualified name: `results`, `main.results`, `"Main"."Results"`. */
function readName(t: Token[], i: number): { parts: string[]; next: number } | null {
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

const isWord = (tok: Token | undefined, ...words: string[]) => tok?.kind === 'word' && words.includes(tok.value);

/** `action` completes "the console can read it but cannot …". */
function protectedReason(name: string, action: string): string {
	const copy = `my_${name.replace(/[^A-Za-z0-9_]+/g, '_').toLowerCase()}`;
	const quoted = /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
	return `"${name}" is one of the app's own tables: the console can read it but cannot ${action}. To work on a copy, run CREATE TABLE ${copy} AS SELECT * FROM ${quoted}.`;
}

/** Checks the target of a data-changing statement; `parts` is the (qualified) table name. */
function checkTarget(ctx: Context, parts: string[], action: string): string | null {
	const name = parts[parts.length - 1];
	return ctx.isProtected(name) ? protectedReason(name, action) : null;
}

/** Skips a balanced bracket group starting at `i` (which must be `(`); returns the index after it. */
function skipGroup(t: Token[], i: number): number {
	let depth = 0;
	for (let j = i; j < t.length; j++) {
		if (t[j].kind === 'lparen') depth++;
		else if (t[j].kind === 'rparen' && --depth === 0) return j + 1;
	}
	return t.length;
}

const QUERY_HEADS = new Set(['select', 'values', 'table', 'from', 'pivot', 'unpivot', 'pivot_wider', 'pivot_longer']);
const ALLOWED_PRAGMAS = new Set(['table_info', 'show_tables', 'database_size']);

function refusedKeyword(word: string, shown = word.toUpperCase()): string {
	const w = shown;
	switch (word) {
		case 'attach':
		case 'detach':
			return `${w} is not allowed. ${FILES_REASON}`;
		case 'install':
		case 'load':
			return `Extensions cannot be installed or loaded from the console (${w}). ${FILES_REASON}`;
		case 'set':
		case 'reset':
			return SETTINGS_REASON;
		case 'copy':
		case 'export':
		case 'import':
			return `${w} reads or writes files, which the console does not do: it only queries the tables already loaded in this page, and nothing leaves the browser. Use Download CSV to save a result.`;
		case 'checkpoint':
			return 'CHECKPOINT is not allowed in the console.';
		case 'call':
			return 'CALL is not allowed in the console; use SELECT * FROM a table function instead.';
		case 'begin':
		case 'commit':
		case 'rollback':
		case 'abort':
		case 'end':
		case 'start':
		case 'transaction':
			return `Transactions (${w}) are not available in the console: each statement takes effect on its own.`;
		default:
			return `${w} is not allowed in the console. ${ALLOWED_SUMMARY}`;
	}
}

function classify(t: Token[], ctx: Context, readOnly: boolean): string | null {
	const head = t[0];
	if (!head) return 'A statement is missing.';
	if (head.kind === 'lparen') return null; // (SELECT …) UNION …
	if (head.kind !== 'word') return `A statement cannot start with ${head.kind === 'string' ? 'a string' : `“${head.value}”`}. ${ALLOWED_SUMMARY}`;
	const w = head.value;
	if (QUERY_HEADS.has(w)) return null;
	const writes = (): string | null => (readOnly ? `Only a query can follow here, not ${w.toUpperCase()}.` : null);

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
		case 'pragma': {
			const name = t[1]?.kind === 'word' || t[1]?.kind === 'ident' ? t[1].value.toLowerCase() : '';
			if (!ALLOWED_PRAGMAS.has(name) || t.some((tok) => tok.kind === 'op' && tok.value === '=')) return SETTINGS_REASON;
			for (const tok of t) if (tok.kind === 'string' && (FILE_LIKE.test(tok.value) || URL_LIKE.test(tok.value))) return filesReason(`'${tok.value.slice(0, 60)}' looks like a file name`);
			return null;
		}
		case 'insert': {
			if (readOnly) return writes();
			let i = 1;
			if (isWord(t[i], 'or') && isWord(t[i + 1], 'replace', 'ignore')) i += 2;
			if (!isWord(t[i], 'into')) return 'Could not read the INSERT: INTO is missing.';
			const name = readName(t, i + 1);
			if (!name) return 'Could not read the INSERT: the table name is missing.';
			return checkTarget(ctx, name.parts, 'insert into it');
		}
		case 'update': {
			if (readOnly) return writes();
			if (isWord(t[1], 'extensions')) return refusedKeyword('install', 'UPDATE EXTENSIONS');
			const name = readName(t, isWord(t[1], 'only') ? 2 : 1);
			if (!name) return 'Could not read the UPDATE: the table name is missing.';
			const refused = checkTarget(ctx, name.parts, 'update it');
			if (refused) return refused;
			if (!t.some((tok) => isWord(tok, 'set'))) return 'Could not read the UPDATE: SET is missing.';
			return null;
		}
		case 'delete': {
			if (readOnly) return writes();
			if (!isWord(t[1], 'from')) return 'Could not read the DELETE: FROM is missing.';
			const name = readName(t, isWord(t[2], 'only') ? 3 : 2);
			if (!name) return 'Could not read the DELETE: the table name is missing.';
			return checkTarget(ctx, name.parts, 'delete from it');
		}
		case 'truncate': {
			if (readOnly) return writes();
			const name = readName(t, isWord(t[1], 'table') ? 2 : 1);
			if (!name) return 'Could not read the TRUNCATE: the table name is missing.';
			return checkTarget(ctx, name.parts, 'empty it');
		}
		case 'create': {
			if (readOnly) return writes();
			let i = 1;
			let replace = false;
			if (isWord(t[i], 'or') && isWord(t[i + 1], 'replace')) {
				replace = true;
				i += 2;
			}
			if (isWord(t[i], 'temp', 'temporary')) i++;
			if (!isWord(t[i], 'table', 'view')) {
				const what = t[i]?.kind === 'word' ? t[i].value.toUpperCase() : 'that';
				return `The console can create tables and views only, not ${what}. ${ALLOWED_SUMMARY}`;
			}
			const kind = t[i].value;
			i++;
			if (isWord(t[i], 'if') && isWord(t[i + 1], 'not') && isWord(t[i + 2], 'exists')) i += 3;
			const name = readName(t, i);
			if (!name) return `Could not read the CREATE ${kind.toUpperCase()}: the name is missing.`;
			return checkTarget(ctx, name.parts, replace ? 'replace it' : `create another ${kind} with its name`);
		}
		case 'drop': {
			if (readOnly) return writes();
			if (!isWord(t[1], 'table', 'view')) {
				const what = t[1]?.kind === 'word' ? t[1].value.toUpperCase() : 'that';
				return `The console can drop your own tables and views only, not ${what}.`;
			}
			let i = 2;
			if (isWord(t[i], 'if') && isWord(t[i + 1], 'exists')) i += 2;
			for (;;) {
				const name = readName(t, i);
				if (!name) return `Could not read the DROP: the name is missing.`;
				const refused = checkTarget(ctx, name.parts, 'drop it');
				if (refused) return refused;
				i = name.next;
				if (t[i]?.kind !== 'comma') break;
				i++;
			}
			return null;
		}
		case 'alter': {
			if (readOnly) return writes();
			if (!isWord(t[1], 'table', 'view')) return `The console can alter your own tables and views only.`;
			let i = 2;
			if (isWord(t[i], 'if') && isWord(t[i + 1], 'exists')) i += 2;
			if (isWord(t[i], 'only')) i++;
			const name = readName(t, i);
			if (!name) return 'Could not read the ALTER: the name is missing.';
			const refused = checkTarget(ctx, name.parts, 'alter or rename it');
			if (refused) return refused;
			for (let j = name.next; j < t.length; j++) {
				if (isWord(t[j], 'rename') && isWord(t[j + 1], 'to')) {
					const to = readName(t, j + 2);
					if (to && ctx.isProtected(to.parts[to.parts.length - 1])) {
						const target = to.parts[to.parts.length - 1];
						return `"${target}" is one of the app's own tables: another table cannot be renamed to take its place.`;
					}
				}
			}
			return null;
		}
		case 'comment': {
			if (readOnly) return writes();
			if (!isWord(t[1], 'on') || !isWord(t[2], 'table', 'view', 'column')) return 'The console can comment on your own tables, views and columns only.';
			const name = readName(t, 3);
			if (!name) return 'Could not read the COMMENT: the name is missing.';
			const owner = t[2].value === 'column' ? name.parts.slice(0, -1) : name.parts;
			for (const part of owner) if (ctx.isProtected(part)) return protectedReason(part, 'change its comments');
			return null;
		}
		case 'force':
			return isWord(t[1], 'checkpoint') ? refusedKeyword('checkpoint') : refusedKeyword('install', 'FORCE INSTALL');
		default:
			if (STATEMENT_KEYWORDS.has(w)) return refusedKeyword(w);
			return `“${t[0].value.toUpperCase()}” is not a statement the console can run. ${ALLOWED_SUMMARY}`;
	}
}

/** Words that start a DuckDB statement; used to tell a refused statement from a typo. */
const STATEMENT_KEYWORDS = new Set([
	'attach',
	'detach',
	'install',
	'load',
	'force',
	'set',
	'reset',
	'pragma',
	'copy',
	'export',
	'import',
	'checkpoint',
	'call',
	'begin',
	'commit',
	'rollback',
	'abort',
	'end',
	'start',
	'transaction',
	'vacuum',
	'analyze',
	'analyse',
	'prepare',
	'execute',
	'deallocate',
	'use',
	'merge',
	'grant',
	'revoke',
	'insert',
	'update',
	'delete',
	'create',
	'drop',
	'alter',
	'truncate',
	'comment',
	'explain',
	'describe',
	'desc',
	'show',
	'summarize',
	'with',
	'select',
	'values',
	'table',
	'from',
	'pivot',
	'unpivot'
]);

// ---------------------------------------------------------------------------------------------
// Entry points

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
