/**
 * Parsing and validation of user-typed class breaks.
 *
 * Breaks follow the convention documented in classify.ts: each break is the inclusive
 * upper bound of a class, so n breaks make n + 1 classes.
 */

/** Classes a map can show; more than 9 cannot be told apart reliably by colour. */
export const MIN_CLASSES = 2;
export const MAX_CLASSES = 9;
/** n breaks make n + 1 classes, so the class limits bound how many breaks a user may type. */
export const MAX_CUSTOM_BREAKS = MAX_CLASSES - 1;

export type ClassificationErrorCode = 'empty' | 'not-a-number' | 'not-finite' | 'unsorted' | 'duplicate' | 'too-many';

/**
 * Raised only for bad breaks a person typed (or a caller passed), never for bad data:
 * data problems are absorbed into "missing" so a map always renders. The message is
 * written to be shown to the user as is.
 */
export class ClassificationError extends Error {
	readonly code: ClassificationErrorCode;
	/** Zero-based position of the offending break, when there is one. */
	readonly index: number | null;

	constructor(code: ClassificationErrorCode, message: string, index: number | null = null) {
		super(message);
		this.name = 'ClassificationError';
		this.code = code;
		this.index = index;
	}
}

// A plain decimal, optionally signed, optionally with an exponent. Stricter than Number(),
// which would quietly accept "0x10", "" or "  " and give surprising breaks.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

function ordinal(index: number): string {
	return `break ${index + 1}`;
}

/**
 * Checks breaks from any source and returns them as a fresh array. Throws
 * ClassificationError naming the first problem found.
 */
export function validateCustomBreaks(breaks: readonly unknown[]): number[] {
	if (breaks.length === 0) {
		throw new ClassificationError('empty', 'Enter at least one break value, e.g. "10, 20, 30".');
	}
	if (breaks.length > MAX_CUSTOM_BREAKS) {
		throw new ClassificationError('too-many', `Too many breaks: ${breaks.length} breaks would make ${breaks.length + 1} classes; ` + `the most is ${MAX_CUSTOM_BREAKS} breaks (${MAX_CLASSES} classes).`);
	}
	const out: number[] = [];
	breaks.forEach((b, i) => {
		if (typeof b !== 'number' || Number.isNaN(b)) {
			throw new ClassificationError('not-a-number', `${ordinal(i)} is not a number.`, i);
		}
		if (!Number.isFinite(b)) {
			throw new ClassificationError('not-finite', `${ordinal(i)} must be a finite number, not ${b > 0 ? 'infinity' : '-infinity'}.`, i);
		}
		out.push(b);
	});
	for (let i = 1; i < out.length; i++) {
		if (out[i] === out[i - 1]) {
			throw new ClassificationError('duplicate', `${out[i]} appears twice (${ordinal(i - 1)} and ${ordinal(i)}); each break must be different.`, i);
		}
		if (out[i] < out[i - 1]) {
			throw new ClassificationError('unsorted', `Breaks must go from lowest to highest, but ${out[i]} (${ordinal(i)}) comes after ${out[i - 1]}.`, i);
		}
	}
	return out;
}

/**
 * Parses text such as "10, 20, 30", "10 20 30" or "10;20;30" into validated breaks.
 * Commas are separators, so thousands separators ("1,000") are not supported.
 */
export function parseCustomBreaks(text: string): number[] {
	const tokens = text
		.trim()
		.split(/[\s,;]+/)
		.filter((t) => t.length > 0);
	const values = tokens.map((token, i) => {
		if (DECIMAL.test(token)) return Number(token);
		if (/^[+-]?(?:inf|infinity|∞)$/i.test(token)) {
			throw new ClassificationError('not-finite', `${ordinal(i)} ("${token}") must be a finite number.`, i);
		}
		throw new ClassificationError('not-a-number', `${ordinal(i)} ("${token}") is not a number.`, i);
	});
	// Overflowing literals such as "1e999" parse to Infinity; validation reports them.
	return validateCustomBreaks(values);
}
