/**
 * The only places SQL text is assembled from values. Identifiers always go through `ident`, string
 * values through `literal`; builders never splice raw user text into SQL.
 */

/** Quote an identifier: `a"b` → `"a""b"`. Safe for any string, including hostile column names. */
export function ident(name: string): string {
	if (name.includes('\u0000')) throw new Error('Identifier contains a NUL character');
	return `"${name.replaceAll('"', '""')}"`;
}

/** Quote a string literal: `it's` → `'it''s'`. */
export function literal(value: string): string {
	if (value.includes('\u0000')) throw new Error('String contains a NUL character');
	return `'${value.replaceAll("'", "''")}'`;
}

/** A finite number as SQL, refusing NaN/Infinity rather than emitting invalid SQL. */
export function num(value: number): string {
	if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
	return String(value);
}
