/**
 * The console's SQL lexer: splits text into tokens exactly where DuckDB would, so comments,
 * strings, quoted names and dollar-quoting can never hide a keyword from the statement guard.
 */
export type TokenKind = 'word' | 'ident' | 'string' | 'number' | 'param' | 'op' | 'lparen' | 'rparen' | 'comma' | 'dot' | 'semicolon';

export interface Token {
	kind: TokenKind;
	/** word: lower case; ident: the name without quotes; string: the decoded text; others: as typed. */
	value: string;
	/** Offsets into the original text: `text.slice(start, end)` is the token as typed. */
	start: number;
	end: number;
}

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; reason: string };

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isIdentStart = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c.charCodeAt(0) >= 0x80);
const isIdentCont = (c: string | undefined) => isIdentStart(c) || isDigit(c) || c === '$';

// Characters DuckDB does not read as white space (vertical tab) or that no hand-typed query holds.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// DuckDB swaps these for spaces in a pre-pass with its own, simpler idea of quoting, before lexing;
// two readings of the same text cannot both be followed, so such text is refused.
const UNICODE_SPACE = /[\u00a0\u2000-\u200b\u202f\u205f\u2060\u3000\ufeff]/;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
const DOLLAR_PARAM = /\$(?:[0-9]+|[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)/y;
const DIGITS = '[0-9](?:_?[0-9])*';
const NUMBER = new RegExp(`(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][-+]?${DIGITS})?`, 'y');

const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class LexError extends Error {}

/**
 * After a closing quote, DuckDB continues the same string if only white space and `--` comments,
 * including at least one line break, stand before the next `'`. Returns the index after that
 * quote, or -1.
 */
function continuation(sql: string, from: number): number {
	let j = from;
	let newline = false;
	while (j < sql.length) {
		const c = sql[j];
		if (c === '\n' || c === '\r') {
			newline = true;
			j++;
		} else if (isSpace(c)) {
			j++;
		} else if (c === '-' && sql[j + 1] === '-') {
			while (j < sql.length && sql[j] !== '\n' && sql[j] !== '\r') j++;
		} else break;
	}
	return newline && sql[j] === "'" ? j + 1 : -1;
}

/** Reads a single-quoted string whose opening quote is at `quote`; returns its text and end. */
function readString(sql: string, quote: number, backslashEscapes: boolean): { value: string; end: number } {
	let value = '';
	let j = quote + 1;
	for (;;) {
		if (j >= sql.length) throw new LexError("The query has a string that is never closed (a missing ').");
		const c = sql[j];
		if (c === "'") {
			if (sql[j + 1] === "'") {
				value += "'";
				j += 2;
				continue;
			}
			const next = continuation(sql, j + 1);
			if (next < 0) return { value, end: j + 1 };
			j = next;
			continue;
		}
		if (c === '\\' && backslashEscapes) {
			if (j + 1 >= sql.length) throw new LexError("The query has a string that is never closed (a missing ').");
			const e = sql[j + 1];
			const octal = /^[0-7]{1,3}/.exec(sql.slice(j + 1, j + 4));
			const hex = e === 'x' ? /^[0-9A-Fa-f]{1,2}/.exec(sql.slice(j + 2, j + 4)) : null;
			const uni = e === 'u' ? /^[0-9A-Fa-f]{4}/.exec(sql.slice(j + 2, j + 6)) : e === 'U' ? /^[0-9A-Fa-f]{8}/.exec(sql.slice(j + 2, j + 10)) : null;
			if (octal) {
				value += String.fromCharCode(parseInt(octal[0], 8));
				j += 1 + octal[0].length;
			} else if (hex) {
				value += String.fromCharCode(parseInt(hex[0], 16));
				j += 2 + hex[0].length;
			} else if (uni) {
				const code = parseInt(uni[0], 16);
				value += code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
				j += 2 + uni[0].length;
			} else {
				value += SIMPLE_ESCAPES[e] ?? e;
				j += 2;
			}
			continue;
		}
		value += c;
		j++;
	}
}

/** Splits SQL into tokens exactly where DuckDB would; comments and white space are dropped. */
export function tokenize(sql: string): LexResult {
	if (CONTROL.test(sql)) return { ok: false, reason: 'The query contains control characters; retype it as plain text.' };
	if (UNICODE_SPACE.test(sql)) return { ok: false, reason: 'The query contains a non-breaking or other special space (often pasted from a document); replace it with an ordinary space.' };
	const tokens: Token[] = [];
	const n = sql.length;
	let i = 0;
	const push = (kind: TokenKind, value: string, start: number, end: number) => {
		tokens.push({ kind, value, start, end });
		i = end;
	};
	try {
		while (i < n) {
			const c = sql[i];
			const next = sql[i + 1];
			if (isSpace(c)) {
				i++;
			} else if (c === '-' && next === '-') {
				while (i < n && sql[i] !== '\n' && sql[i] !== '\r') i++;
			} else if (c === '/' && next === '*') {
				let depth = 1;
				let j = i + 2;
				while (j < n && depth > 0) {
					if (sql[j] === '/' && sql[j + 1] === '*') {
						depth++;
						j += 2;
					} else if (sql[j] === '*' && sql[j + 1] === '/') {
						depth--;
						j += 2;
					} else j++;
				}
				if (depth > 0) throw new LexError('The query has a /* comment that is never closed with */.');
				i = j;
			} else if (c === "'") {
				const s = readString(sql, i, false);
				push('string', s.value, i, s.end);
			} else if (c === '"') {
				let value = '';
				let j = i + 1;
				for (;;) {
					if (j >= n) throw new LexError('The query has a quoted name that is never closed (a missing ").');
					if (sql[j] === '"') {
						if (sql[j + 1] === '"') {
							value += '"';
							j += 2;
							continue;
						}
						break;
					}
					value += sql[j++];
				}
				push('ident', value, i, j + 1);
			} else if (c === '$') {
				DOLLAR_TAG.lastIndex = i;
				const tag = DOLLAR_TAG.exec(sql);
				if (tag) {
					const close = sql.indexOf(tag[0], i + tag[0].length);
					if (close < 0) throw new LexError(`The query has a dollar-quoted string that is never closed (a missing ${tag[0]}).`);
					push('string', sql.slice(i + tag[0].length, close), i, close + tag[0].length);
					continue;
				}
				DOLLAR_PARAM.lastIndex = i;
				const param = DOLLAR_PARAM.exec(sql);
				if (param) push('param', param[0], i, i + param[0].length);
				else push('op', c, i, i + 1);
			} else if (isDigit(c) || (c === '.' && isDigit(next))) {
				NUMBER.lastIndex = i;
				const m = NUMBER.exec(sql)!;
				push('number', m[0], i, i + m[0].length);
			} else if (isIdentStart(c)) {
				let j = i + 1;
				while (j < n && isIdentCont(sql[j])) j++;
				const word = sql.slice(i, j);
				if (j - i === 1 && sql[j] === "'" && /[eExXbBnN]/.test(word)) {
					// E'…' takes backslash escapes; X'…', B'…' and N'…' are read like plain strings.
					const s = readString(sql, j, word === 'e' || word === 'E');
					push('string', s.value, i, s.end);
				} else {
					push('word', word.toLowerCase(), i, j);
				}
			} else if (c === '(') push('lparen', c, i, i + 1);
			else if (c === ')') push('rparen', c, i, i + 1);
			else if (c === ',') push('comma', c, i, i + 1);
			else if (c === ';') push('semicolon', c, i, i + 1);
			else if (c === '.') push('dot', c, i, i + 1);
			else push('op', c, i, i + 1);
		}
	} catch (error) {
		if (error instanceof LexError) return { ok: false, reason: error.message };
		throw error;
	}
	return { ok: true, tokens };
}

// ---------------------------------------------------------------------------------------------
// Checks that apply to every token of every statement
