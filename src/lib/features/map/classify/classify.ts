/**
 * Classification of a numeric column into choropleth classes.
 *
 * BREAK CONVENTION (used by every function here and by custom breaks):
 *   `breaks` is an ascending list of thresholds b[0] < b[1] < … < b[n-1]; each is the
 *   INCLUSIVE UPPER BOUND of a class, giving n + 1 classes:
 *     class 0      : v <= b[0]
 *     class i      : b[i-1] < v <= b[i]
 *     class n      : v > b[n-1]
 *   The data minimum and maximum are not in `breaks`; `ranges` gives each class's observed
 *   extent. For quantile and Jenks every break is a data value, so a value equal to a break is
 *   always in the same class as every other copy of it.
 *
 * Data never makes these functions throw: null, undefined, NaN and ±Infinity count as missing,
 * and degenerate data gives fewer classes (`breaks.length + 1` is always the class count).
 * Only invalid custom breaks throw, as ClassificationError.
 */

import { jenksBreaks } from './jenks';
import {
	ClassificationError,
	MAX_CLASSES,
	MIN_CLASSES,
	validateCustomBreaks
} from './custom-breaks';

export {
	ClassificationError,
	MAX_CLASSES,
	MAX_CUSTOM_BREAKS,
	MIN_CLASSES,
	parseCustomBreaks,
	validateCustomBreaks,
	type ClassificationErrorCode
} from './custom-breaks';

export type ClassificationMethod = 'quantile' | 'equal-interval' | 'jenks' | 'custom';

export const CLASSIFICATION_METHODS: readonly ClassificationMethod[] = [
	'quantile',
	'equal-interval',
	'jenks',
	'custom'
];

export const DEFAULT_CLASSES = 5;

export interface ClassifyOptions {
	method: ClassificationMethod;
	/** Requested class count, clamped to 2..9. Ignored for 'custom' (breaks decide it). */
	classes?: number;
	/** Required for 'custom'; see the break convention above. */
	customBreaks?: readonly number[];
}

/** Observed extent of the values in a class; null for a class no value fell into. */
export interface ClassRange {
	min: number | null;
	max: number | null;
}

export interface Classification {
	breaks: number[];
	/** Class index per input value (same order), or null when the value is missing. */
	classOf: (number | null)[];
	/** Values per class; length is breaks.length + 1. sum(counts) + missing = input length. */
	counts: number[];
	missing: number;
	ranges: ClassRange[];
}

export type NumericInput = readonly (number | null | undefined)[];

function isPresent(v: number | null | undefined): v is number {
	return typeof v === 'number' && Number.isFinite(v);
}

/** Clamps a requested class count to 2..9; non-numbers fall back to the default. */
export function clampClasses(classes: number | undefined): number {
	if (classes === undefined || !Number.isFinite(classes)) return DEFAULT_CLASSES;
	return Math.min(MAX_CLASSES, Math.max(MIN_CLASSES, Math.round(classes)));
}

/** Present values in ascending order. */
export function sortedPresent(values: NumericInput): number[] {
	return values.filter(isPresent).sort((a, b) => a - b);
}

/** Index of the first element greater than v in an ascending array. */
function upperBound(sorted: readonly number[], v: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid] <= v) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * Quantile breaks that never split ties. Each break is the value at the end of an equal share
 * of what is left; after a tie swallows more than its share, the remaining classes share the
 * remaining values, so a big tie costs one class rather than several. Runs of equal values
 * therefore stay whole and, with fewer distinct values than classes, each gets its own class.
 */
export function quantileBreaks(sorted: readonly number[], classes: number): number[] {
	const n = sorted.length;
	if (n === 0) return [];
	const max = sorted[n - 1];
	const breaks: number[] = [];
	let pos = 0;
	for (let left = classes; left > 1 && pos < n; left--) {
		const b = sorted[pos + Math.ceil((n - pos) / left) - 1];
		// A break at the maximum would leave the top class empty.
		if (b >= max) break;
		breaks.push(b);
		pos = upperBound(sorted, b);
	}
	return breaks;
}

/** Equal-width classes from min to max. Classes in gaps of the data may be empty. */
export function equalIntervalBreaks(sorted: readonly number[], classes: number): number[] {
	const n = sorted.length;
	if (n === 0) return [];
	const min = sorted[0];
	const max = sorted[n - 1];
	if (!(max > min)) return [];
	const breaks: number[] = [];
	// (max - min) * i / k rather than repeated adding, so no drift lands a break on the max.
	for (let i = 1; i < classes; i++) breaks.push(min + ((max - min) * i) / classes);
	return breaks;
}

/** Ordered breaks for the values under the given options (see the convention above). */
export function computeBreaks(values: NumericInput, options: ClassifyOptions): number[] {
	if (options.method === 'custom') {
		if (!options.customBreaks) {
			throw new ClassificationError('empty', 'Enter at least one break value, e.g. "10, 20, 30".');
		}
		return validateCustomBreaks(options.customBreaks);
	}
	const sorted = sortedPresent(values);
	const classes = clampClasses(options.classes);
	switch (options.method) {
		case 'quantile':
			return quantileBreaks(sorted, classes);
		case 'equal-interval':
			return equalIntervalBreaks(sorted, classes);
		case 'jenks':
			return jenksBreaks(sorted, classes);
	}
}

/** Class index of a value under the convention above, or null for a missing value. */
export function assignClass(value: number | null | undefined, breaks: readonly number[]): number | null {
	if (!isPresent(value)) return null;
	// First break the value does not exceed; binary search because maps call this per seat.
	let lo = 0;
	let hi = breaks.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (value <= breaks[mid]) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

/** Breaks, per-value classes and legend figures in one pass. */
export function classify(values: NumericInput, options: ClassifyOptions): Classification {
	const breaks = computeBreaks(values, options);
	const counts = new Array<number>(breaks.length + 1).fill(0);
	const ranges: ClassRange[] = counts.map(() => ({ min: null, max: null }));
	let missing = 0;
	const classOf = values.map((v) => {
		const c = assignClass(v, breaks);
		if (c === null || !isPresent(v)) {
			missing++;
			return null;
		}
		counts[c]++;
		const r = ranges[c];
		if (r.min === null || v < r.min) r.min = v;
		if (r.max === null || v > r.max) r.max = v;
		return c;
	});
	return { breaks, classOf, counts, missing, ranges };
}

/**
 * Sum of squared deviations from class means (Jenks' SDCM): the quantity Jenks minimises.
 */
export function withinClassSquares(values: NumericInput, breaks: readonly number[]): number {
	const sums = new Array<number>(breaks.length + 1).fill(0);
	const squares = new Array<number>(breaks.length + 1).fill(0);
	const counts = new Array<number>(breaks.length + 1).fill(0);
	const present = values.filter(isPresent);
	// Centring keeps the sum-of-squares shortcut accurate for large values.
	const centre = present.length ? present.reduce((a, b) => a + b, 0) / present.length : 0;
	for (const v of present) {
		const c = assignClass(v, breaks) as number;
		const x = v - centre;
		sums[c] += x;
		squares[c] += x * x;
		counts[c]++;
	}
	let total = 0;
	for (let c = 0; c < counts.length; c++) {
		if (counts[c] > 0) total += Math.max(0, squares[c] - (sums[c] * sums[c]) / counts[c]);
	}
	return total;
}

/**
 * Goodness of variance fit, 1 - SDCM / SDAM, in [0, 1]; 1 is a perfect fit. Data with no
 * spread fits perfectly by definition.
 */
export function goodnessOfVarianceFit(values: NumericInput, breaks: readonly number[]): number {
	const sdam = withinClassSquares(values, []);
	if (sdam === 0) return 1;
	return 1 - withinClassSquares(values, breaks) / sdam;
}
