/**
 * "What makes this seat unusual": the indicators on which a seat sits furthest from the median
 * seat of its group (its nation, by default), measured in standard deviations of that group, and
 * said in plain words from the seat's percentile ("Leave 2016 is higher than in 95% of seats in
 * England"). The percentile counts seats strictly below (or above), so a tie is never called
 * "higher".
 */
import { median } from './reference';

export interface UnusualInput {
	id: string;
	label: string;
	/** The seat's value, or null when it has none. */
	value: number | null;
	/** The values of the comparison group (the seat's own included), nulls allowed. */
	group: readonly (number | null)[];
}

export interface Unusual {
	id: string;
	label: string;
	value: number;
	median: number;
	/** (value − group median) ÷ group standard deviation. */
	z: number;
	/** Share of the group's other seats with a lower value (z > 0) or a higher one (z < 0), 0–1. */
	share: number;
	direction: 'higher' | 'lower';
}

const finite = (xs: readonly (number | null)[]) => xs.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));

/** Share of `group` strictly below `value` (0–1); the seat itself counts once in the group and is left out. */
export function percentileBelow(value: number, group: readonly (number | null)[]): number {
	const xs = finite(group);
	const others = xs.length - 1;
	if (others <= 0) return 0;
	return xs.filter((v) => v < value).length / others;
}

export function percentileAbove(value: number, group: readonly (number | null)[]): number {
	const xs = finite(group);
	const others = xs.length - 1;
	if (others <= 0) return 0;
	return xs.filter((v) => v > value).length / others;
}

/** Fewer distinct values than this and an indicator is a category (yes/no), not a measure of "how far". */
const MIN_DISTINCT = 3;

/** Every indicator the seat has, with its z from the group median; largest |z| first, ties by id. */
export function unusualIndicators(inputs: readonly UnusualInput[], top: number): Unusual[] {
	const out: Unusual[] = [];
	for (const i of inputs) {
		if (i.value === null || !Number.isFinite(i.value)) continue;
		const xs = finite(i.group);
		if (xs.length < 2 || new Set(xs).size < MIN_DISTINCT) continue;
		const m = median(xs)!;
		const mean = xs.reduce((a, v) => a + v, 0) / xs.length;
		const sd = Math.sqrt(xs.reduce((a, v) => a + (v - mean) ** 2, 0) / xs.length);
		if (!(sd > 0)) continue;
		const z = (i.value - m) / sd;
		const direction = z >= 0 ? 'higher' : 'lower';
		const share = direction === 'higher' ? percentileBelow(i.value, xs) : percentileAbove(i.value, xs);
		out.push({ id: i.id, label: i.label, value: i.value, median: m, z, share, direction });
	}
	out.sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return out.slice(0, Math.max(0, top));
}

/** "Leave 2016 is higher than in 95% of seats in England." */
export function unusualText(u: Unusual, groupName: string): string {
	const pct = Math.floor(u.share * 100);
	return `${u.label} is ${u.direction} than in ${pct}% of seats in ${groupName}.`;
}
