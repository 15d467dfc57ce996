/**
 * Column type inference. Spreadsheets write numbers for people, not machines: "72,580",
 * "£1,200", "45.2%", "n/a". We read those as numbers, but a column with any leading-zero value
 * ("00123", most codes) stays text, because turning it into 123 would lose the key. The user can
 * override any column; the profile then reports what would not convert under the chosen type.
 */

import type { Cells } from './text-column';

export type ColumnType = 'integer' | 'number' | 'percent' | 'text' | 'boolean';
export type NumberUnit = '%' | '£' | '$' | '€';

export interface ParsedNumber {
	readonly value: number;
	readonly unit: NumberUnit | null;
	/** Written without a decimal point or exponent. */
	readonly integer: boolean;
	/** Written with a superfluous leading zero ("007"): the mark of a code, not a quantity. */
	readonly leadingZero: boolean;
}

export interface ColumnProfile {
	readonly name: string;
	readonly type: ColumnType;
	readonly inferred: ColumnType;
	readonly overridden: boolean;
	/** '%' for percent columns (values kept as written: "45.2%" → 45.2), a currency symbol, or null. */
	readonly unit: NumberUnit | null;
	readonly nullCount: number;
	readonly nonNullCount: number;
	/** Non-null values that would become null under `type`. */
	readonly unparseableCount: number;
	readonly unparseable: readonly string[];
	/** A few distinct values, for the preview. */
	readonly examples: readonly string[];
}

const NULL_TOKENS = new Set(['', 'na', 'n/a', 'nan', 'null', '#n/a', '-', '–', '—', '..', '.']);
const TRUE_TOKENS = new Set(['true', 'yes', 'y', 't']);
const FALSE_TOKENS = new Set(['false', 'no', 'n', 'f']);
const MAX_EXAMPLES = 5;
/** In a big column, a stray footnote ("see note 3") should not turn 10,000 numbers into text. */
const TOLERANT_MIN_VALUES = 50;
const TOLERANT_SHARE = 0.98;

// sign, currency, sign, integer part (plain or with well-formed thousands commas), fraction,
// exponent, percent. "1,2" is refused: it may be a decimal comma and guessing would be wrong.
const NUMBER = /^([+\-\u2212]?)([£$€]?)\s?([+\-\u2212]?)(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?(?:[eE]([+-]?\d+))?\s?(%?)$/;

const isDigit = (c: number) => c >= 48 && c <= 57;

export function isNullToken(text: string): boolean {
	// Most cells are long or start with a digit; only short ones can be a null word.
	if (isDigit(text.charCodeAt(0))) return false;
	if (text.length > 8) {
		const t = text.trim();
		return t === '' || (t.length <= 4 && NULL_TOKENS.has(t.toLowerCase()));
	}
	return NULL_TOKENS.has(text.trim().toLowerCase());
}

export function parseBoolean(text: string): boolean | null {
	const t = text.trim().toLowerCase();
	return TRUE_TOKENS.has(t) ? true : FALSE_TOKENS.has(t) ? false : null;
}

/** "72,580" → 72580; "£1,200" → 1200 (£); "45.2%" → 45.2 (%); "−3" → −3. Anything else → null. */
export function parseNumber(text: string): ParsedNumber | null {
	const plain = parsePlainNumber(text);
	if (plain) return plain;
	const m = NUMBER.exec(text.trim());
	if (!m) return null;
	const [, sign1, currency, sign2, whole, fraction, exponent, percent] = m;
	if (whole === undefined && fraction === undefined) return null;
	if (sign1 && sign2) return null;
	if (currency && percent) return null;
	const negative = (sign1 || sign2) === '-' || (sign1 || sign2) === '\u2212';
	const digits = (whole ?? '0').replace(/,/g, '');
	const value = Number(`${digits}${fraction ? `.${fraction}` : ''}${exponent ? `e${exponent}` : ''}`);
	if (!Number.isFinite(value)) return null;
	return {
		value: negative ? -value : value,
		unit: percent ? '%' : currency ? (currency as NumberUnit) : null,
		integer: fraction === undefined && exponent === undefined,
		leadingZero: digits.length > 1 && digits.startsWith('0')
	};
}

/**
 * The common case, "-123" or "4.56", without the regex: type inference runs this on every cell
 * of every column, and a hand-written scan is several times faster.
 */
function parsePlainNumber(t: string): ParsedNumber | null {
	const n = t.length;
	let i = t.charCodeAt(0) === 45 ? 1 : 0;
	const intStart = i;
	while (i < n && isDigit(t.charCodeAt(i))) i++;
	const intEnd = i;
	if (intEnd === intStart) return null;
	let integer = true;
	if (i < n && t.charCodeAt(i) === 46) {
		const fracStart = ++i;
		while (i < n && isDigit(t.charCodeAt(i))) i++;
		if (i === fracStart) return null;
		integer = false;
	}
	if (i !== n) return null;
	return {
		value: Number(t),
		unit: null,
		integer,
		leadingZero: intEnd - intStart > 1 && t.charCodeAt(intStart) === 48
	};
}

/** A string cell as the value the column type gives it; null for blanks and for what does not fit. */
export function convertValue(text: string, type: ColumnType): number | boolean | string | null {
	if (isNullToken(text)) return null;
	switch (type) {
		case 'text':
			return text;
		case 'boolean':
			return parseBoolean(text);
		case 'integer': {
			const n = parseNumber(text);
			return n && Number.isSafeInteger(n.value) ? n.value : null;
		}
		case 'number':
		case 'percent':
			return parseNumber(text)?.value ?? null;
	}
}

export function convertColumn(values: Cells, type: ColumnType): (number | boolean | string | null)[] {
	const out = new Array<number | boolean | string | null>(values.length);
	for (let i = 0; i < values.length; i++) out[i] = convertValue(values.at(i) ?? '', type);
	return out;
}

/** Distinct values kept as examples, up to MAX_EXAMPLES, with a count of all. */
class Tally {
	count = 0;
	readonly examples: string[] = [];
	add(value: string): void {
		this.count++;
		if (this.examples.length < MAX_EXAMPLES && !this.examples.includes(value)) this.examples.push(value);
	}
}

/**
 * One pass over the column: each value is classified once, and what would fail under every
 * type is counted on the way, so an override needs no second pass over a million rows.
 */
export function profileColumn(name: string, values: Cells, override?: ColumnType): ColumnProfile {
	let nullCount = 0;
	let percents = 0;
	let leadingZero = false;
	let currency: NumberUnit | null = null;
	const examples = new Tally();
	const notNumber = new Tally();
	const notInteger = new Tally();
	const notBoolean = new Tally();
	for (let i = 0; i < values.length; i++) {
		const raw = values.at(i) ?? '';
		if (isNullToken(raw)) {
			nullCount++;
			continue;
		}
		if (examples.examples.length < MAX_EXAMPLES) examples.add(raw);
		// Boolean words are short; skip the lower-casing for everything longer.
		if (raw.length > 7 || isDigit(raw.charCodeAt(0)) || parseBoolean(raw) === null) notBoolean.add(raw);
		const n = parseNumber(raw);
		if (!n) {
			notNumber.add(raw);
			notInteger.add(raw);
			continue;
		}
		if (!n.integer || !Number.isSafeInteger(n.value)) notInteger.add(raw);
		if (n.unit === '%') percents++;
		else if (n.unit && !currency) currency = n.unit;
		if (n.leadingZero) leadingZero = true;
	}
	const nonNullCount = values.length - nullCount;
	const failures: Record<ColumnType, Tally> = {
		text: new Tally(),
		boolean: notBoolean,
		integer: notInteger,
		number: notNumber,
		percent: notNumber
	};
	const inferred = decide();
	const type = override ?? inferred;
	return {
		name,
		type,
		inferred,
		overridden: override !== undefined && override !== inferred,
		unit: type === 'percent' ? '%' : type === 'integer' || type === 'number' ? currency : null,
		nullCount,
		nonNullCount,
		unparseableCount: failures[type].count,
		unparseable: failures[type].examples,
		examples: examples.examples
	};

	function decide(): ColumnType {
		if (nonNullCount === 0 || leadingZero) return 'text';
		if (notBoolean.count === 0) return 'boolean';
		const numeric = nonNullCount - notNumber.count;
		const allNumeric = numeric === nonNullCount;
		const mostlyNumeric = nonNullCount >= TOLERANT_MIN_VALUES && numeric >= TOLERANT_SHARE * nonNullCount;
		if (!allNumeric && !mostlyNumeric) return 'text';
		if (percents > 0) return 'percent';
		return notInteger.count === notNumber.count ? 'integer' : 'number';
	}
}

export function inferColumns(table: { readonly header: readonly string[]; readonly columns: readonly Cells[] }, overrides: Readonly<Record<string, ColumnType>> = {}): ColumnProfile[] {
	return table.header.map((name, c) => profileColumn(name, table.columns[c], Object.hasOwn(overrides, name) ? overrides[name] : undefined));
}
