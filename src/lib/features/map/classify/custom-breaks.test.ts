import { describe, expect, it } from 'vitest';
import { ClassificationError, parseCustomBreaks, validateCustomBreaks } from './custom-breaks';

function errorOf(fn: () => unknown): ClassificationError {
	try {
		fn();
	} catch (e) {
		if (e instanceof ClassificationError) return e;
		throw e;
	}
	throw new Error('expected a ClassificationError');
}

describe('parseCustomBreaks', () => {
	it.each([
		['10, 20, 30', [10, 20, 30]],
		['10 20 30', [10, 20, 30]],
		['  10,20 ,  30  ', [10, 20, 30]],
		['10;20;30', [10, 20, 30]],
		['10\n20\t30', [10, 20, 30]],
		['-5.5, 0, .5, 1e3', [-5.5, 0, 0.5, 1000]],
		['42', [42]]
	])('parses %j', (text, expected) => expect(parseCustomBreaks(text)).toEqual(expected));

	it('rejects empty input', () => {
		for (const text of ['', '   ', ' , ,']) expect(errorOf(() => parseCustomBreaks(text)).code).toBe('empty');
	});

	it('names a token that is not a number', () => {
		const e = errorOf(() => parseCustomBreaks('10, abc, 30'));
		expect(e.code).toBe('not-a-number');
		expect(e.index).toBe(1);
		expect(e.message).toBe('break 2 ("abc") is not a number.');
		expect(errorOf(() => parseCustomBreaks('0x10')).code).toBe('not-a-number');
		expect(errorOf(() => parseCustomBreaks('10%')).code).toBe('not-a-number');
	});

	it('rejects infinite values', () => {
		expect(errorOf(() => parseCustomBreaks('1, Infinity')).code).toBe('not-finite');
		expect(errorOf(() => parseCustomBreaks('1e999')).code).toBe('not-finite');
	});

	it('rejects unsorted and duplicate breaks with readable messages', () => {
		const unsorted = errorOf(() => parseCustomBreaks('10 30 20'));
		expect(unsorted.code).toBe('unsorted');
		expect(unsorted.message).toContain('lowest to highest');
		expect(unsorted.message).toContain('20');
		const dup = errorOf(() => parseCustomBreaks('10, 20, 20'));
		expect(dup.code).toBe('duplicate');
		expect(dup.message).toBe('20 appears twice (break 2 and break 3); each break must be different.');
	});

	it('rejects more than 8 breaks (9 classes)', () => {
		expect(parseCustomBreaks('1 2 3 4 5 6 7 8')).toHaveLength(8);
		const e = errorOf(() => parseCustomBreaks('1 2 3 4 5 6 7 8 9'));
		expect(e.code).toBe('too-many');
		expect(e.message).toContain('9 breaks');
	});
});

describe('validateCustomBreaks', () => {
	it('accepts sorted finite numbers and copies them', () => {
		const input = [1, 2.5, 3];
		const out = validateCustomBreaks(input);
		expect(out).toEqual(input);
		expect(out).not.toBe(input);
	});

	it('rejects non-numbers and non-finite numbers', () => {
		expect(errorOf(() => validateCustomBreaks([1, '2'])).code).toBe('not-a-number');
		expect(errorOf(() => validateCustomBreaks([NaN])).code).toBe('not-a-number');
		expect(errorOf(() => validateCustomBreaks([-Infinity, 0])).message).toContain('-infinity');
		const e = errorOf(() => validateCustomBreaks([1, null]));
		expect(e).toBeInstanceOf(Error);
		expect(e.name).toBe('ClassificationError');
	});
});
