/**
 * Statements the console never runs: attaching databases, installing or loading extensions,
 * settings (SET, RESET), reading or writing files (COPY, EXPORT, IMPORT), CHECKPOINT, CALL and
 * transactions. Each gets a reason that says why; a word that starts no statement is a typo.
 */
import type { Token } from '../sql-lexer';
import { ALLOWED_SUMMARY, FILES_REASON, SETTINGS_REASON } from './reasons';
import { isWord } from './tokens';

export function refusedKeyword(word: string, shown = word.toUpperCase()): string {
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

/** Checks a statement that starts with a word no other family takes. */
export function refusedStatement(t: Token[]): string | null {
	const w = t[0].value;
	if (w === 'force') return isWord(t[1], 'checkpoint') ? refusedKeyword('checkpoint') : refusedKeyword('install', 'FORCE INSTALL');
	if (STATEMENT_KEYWORDS.has(w)) return refusedKeyword(w);
	return `“${t[0].value.toUpperCase()}” is not a statement the console can run. ${ALLOWED_SUMMARY}`;
}

/** Words that start a DuckDB statement; used to tell a refused statement from a typo. */
export const STATEMENT_KEYWORDS = new Set([
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
