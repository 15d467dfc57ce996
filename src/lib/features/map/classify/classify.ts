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
import { ClassificationError, MAX_CLASSES, MIN_CLASSES, validateCustomBreaks } from './custom-breaks';

export { ClassificationError, MAX_CLASSES, MAX_CUSTOM_BREAKS, MIN_CLASSES, parseCustomBreaks, validateCustomBreaks, type ClassificationErrorCode } from './custom-breaks';

export type ClassificationMethod = 'quantile' | 'equal-interval' | 'jenks' | 'custom';

export const CLASSIFICATION_METHODS: readonly ClassificationMethod[] = ['quantile', 'equal-interval', 'jenks', 'custom'];

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

/** Index of the first element greater than v (after = true) or not less than v. */
function bound(sorted: readonly number[], v: number, after: boolean): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid] < v || (after && sorted[mid] === v)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * Quantile breaks that never split ties. Each class aims at an equal share of the values not
 * yet classed. When the cut would fall inside a run of equal values, the whole run goes either
 * below or above the break, whichever leaves the class nearer its share (the larger class on a
 * draw, which reproduces the textbook ceil(i·n/k) cuts on untied data). Later classes share
 * what is left, so a big tie costs as few classes as the quantiles allow. With no more
 * distinct values than classes, each distinct value simply gets its own class.
 */
export function quantileBreaks(sorted: readonly number[], classes: number): number[] {
	const n = sorted.length;
	if (n === 0) return [];
	const max = sorted[n - 1];
	const distinct = sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
	if (distinct.length <= classes) return distinct.slice(0, -1);
	const breaks: number[] = [];
	let pos = 0;
	for (let left = classes; left > 1 && pos < n; left--) {
		const share = (n - pos) / left;
		const v = sorted[pos + Math.ceil(share) - 1];
		const runStart = bound(sorted, v, false);
		const runEnd = bound(sorted, v, true);
		// Each candidate is [break, end of the class]; both must leave the class non-empty
		// and something above the break.
		const candidates: [number, number][] = [];
		if (v < max) candidates.push([v, runEnd]);
		if (runStart > pos) candidates.push([sorted[runStart - 1], runStart]);
		if (candidates.length === 0) break;
		const off = ([, end]: [number, number]) => Math.abs(end - pos - share);
		const [b, end] = candidates.length === 2 && off(candidates[1]) < off(candidates[0]) ? candidates[1] : candidates[0];
		breaks.push(b);
		pos = end;
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
