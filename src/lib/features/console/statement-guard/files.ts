/**
 * Files, web addresses and table functions: checked on every token of every statement, whatever its
 * family. A table function that reads files or URLs, a string that is a web address, or a name
 * DuckDB would read as a file (in a FROM list or after a table keyword) is refused.
 */
import type { Token } from '../sql-lexer';
import { ALLOWED_SUMMARY, filesReason } from './reasons';
import { readName } from './tokens';

/** Table functions (and the like) that read files or URLs, run SQL from a string, or change state. */
const BLOCKED_FUNCTION =
	/^(?:read_.*|.*_scan(?:_.*)?|parquet_.*|sniff_csv|glob|query|query_table|json_execute_serialized_sql|iceberg_.*|delta_.*|sqlite_.*|postgres_.*|mysql_.*|st_read.*|load_.*|http_.*|excel_.*|ducklake_.*|checkpoint|force_checkpoint|enable_logging|disable_logging|truncate_duckdb_logs)$/;

/** A string that names something outside the page: any `scheme://…` address. */
export const URL_LIKE = /^\s*[a-z][a-z0-9+.-]*:\/\//i;
/** A name that DuckDB would read as a file (its replacement scans look at the extension). */
export const FILE_LIKE = /[/\\:*?]|\.(?:csv|tsv|tbl|txt|dat|parquet|json|jsonl|ndjson|geojson|xlsx|xls|arrow|ipc|feather|avro|orc|db|duckdb|sqlite|sqlite3|gz|gzip|zst|zstd|bz2|xz|lz4|zip|tar)$/i;

/** Keywords that start a data-changing statement; refused directly inside brackets. */
const NESTED_FORBIDDEN = new Set(['insert', 'update', 'delete', 'drop', 'create', 'alter', 'truncate', 'copy', 'attach', 'detach', 'install', 'merge', 'pragma', 'checkpoint']);

/** Keywords that end a FROM list at the same bracket depth. */
const FROM_ENDS = new Set(['where', 'group', 'having', 'qualify', 'window', 'order', 'limit', 'offset', 'union', 'except', 'intersect', 'select', 'returning', 'set', 'values', 'fetch']);
/** Keywords after which the next item is read as a table (or table function). */
const TABLE_INTRO = new Set(['from', 'join', 'using', 'into', 'update', 'table', 'describe', 'desc', 'summarize', 'show', 'pivot', 'unpivot', 'pivot_wider', 'pivot_longer']);
const TABLE_PREFIX = new Set(['lateral', 'only', 'all']);

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

export function scanTokens(t: Token[]): string | null {
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

const quoteText = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
