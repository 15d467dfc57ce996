/**
 * PRAGMA: three read-only ones are allowed; every other PRAGMA, and any that sets a value, is a
 * setting, which the console never changes (SET and RESET are refused in `refused.ts`).
 */
import type { Token } from '../sql-lexer';
import { FILE_LIKE, URL_LIKE } from './files';
import { filesReason, SETTINGS_REASON } from './reasons';

const ALLOWED_PRAGMAS = new Set(['table_info', 'show_tables', 'database_size']);

export function checkPragma(t: Token[]): string | null {
	const name = t[1]?.kind === 'word' || t[1]?.kind === 'ident' ? t[1].value.toLowerCase() : '';
	if (!ALLOWED_PRAGMAS.has(name) || t.some((tok) => tok.kind === 'op' && tok.value === '=')) return SETTINGS_REASON;
	for (const tok of t) if (tok.kind === 'string' && (FILE_LIKE.test(tok.value) || URL_LIKE.test(tok.value))) return filesReason(`'${tok.value.slice(0, 60)}' looks like a file name`);
	return null;
}
