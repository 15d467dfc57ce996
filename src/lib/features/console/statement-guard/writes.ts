/**
 * Statements that create or change tables and views: allowed on the analyst's own, refused on a
 * protected one (the app's tables), and never where only a query may stand.
 */
import type { Token } from '../sql-lexer';
import { ALLOWED_SUMMARY } from './reasons';
import { refusedKeyword } from './refused';
import { isWord, readName, type Context } from './tokens';

/** The statements that write. */
export const WRITE_HEADS = new Set(['insert', 'update', 'delete', 'truncate', 'create', 'drop', 'alter', 'comment']);

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

/** Checks a statement that starts with one of `WRITE_HEADS`. */
export function classifyWrite(t: Token[], ctx: Context): string | null {
	switch (t[0].value) {
		case 'insert': {
			let i = 1;
			if (isWord(t[i], 'or') && isWord(t[i + 1], 'replace', 'ignore')) i += 2;
			if (!isWord(t[i], 'into')) return 'Could not read the INSERT: INTO is missing.';
			const name = readName(t, i + 1);
			if (!name) return 'Could not read the INSERT: the table name is missing.';
			return checkTarget(ctx, name.parts, 'insert into it');
		}
		case 'update': {
			if (isWord(t[1], 'extensions')) return refusedKeyword('install', 'UPDATE EXTENSIONS');
			const name = readName(t, isWord(t[1], 'only') ? 2 : 1);
			if (!name) return 'Could not read the UPDATE: the table name is missing.';
			const refused = checkTarget(ctx, name.parts, 'update it');
			if (refused) return refused;
			if (!t.some((tok) => isWord(tok, 'set'))) return 'Could not read the UPDATE: SET is missing.';
			return null;
		}
		case 'delete': {
			if (!isWord(t[1], 'from')) return 'Could not read the DELETE: FROM is missing.';
			const name = readName(t, isWord(t[2], 'only') ? 3 : 2);
			if (!name) return 'Could not read the DELETE: the table name is missing.';
			return checkTarget(ctx, name.parts, 'delete from it');
		}
		case 'truncate': {
			const name = readName(t, isWord(t[1], 'table') ? 2 : 1);
			if (!name) return 'Could not read the TRUNCATE: the table name is missing.';
			return checkTarget(ctx, name.parts, 'empty it');
		}
		case 'create': {
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
			if (!isWord(t[1], 'on') || !isWord(t[2], 'table', 'view', 'column')) return 'The console can comment on your own tables, views and columns only.';
			const name = readName(t, 3);
			if (!name) return 'Could not read the COMMENT: the name is missing.';
			const owner = t[2].value === 'column' ? name.parts.slice(0, -1) : name.parts;
			for (const part of owner) if (ctx.isProtected(part)) return protectedReason(part, 'change its comments');
			return null;
		}
		default:
			return null;
	}
}
