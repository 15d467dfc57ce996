/**
 * "Similar seats": nearest neighbours in standardised indicator space.
 *
 * - Each indicator is turned into z-scores over every seat of the boundary set that has a value
 *   (mean and population standard deviation), so a percentage and a deprivation score weigh the
 *   same. An indicator with fewer than two values, or no spread, is left out: it cannot tell
 *   seats apart.
 * - Values can be missing (Northern Ireland has no Census rows in GB-only sources). Two seats are
 *   compared over the indicators both have, and the squared distance is rescaled by
 *   used ÷ shared, so a pair compared on 6 of 10 indicators is on the same footing as one compared
 *   on all 10. A pair sharing fewer than `minShared` indicators is not compared at all: a
 *   "neighbour" on one indicator says nothing.
 * - Ties in distance are broken by seat code, so the same data always gives the same list.
 */

/** One seat's values, in the order of the indicator list (null where missing). */
export interface SeatValues {
	code: string;
	values: readonly (number | null)[];
}

export interface Standardised {
	/** Per indicator: mean and standard deviation, or null when the indicator is left out. */
	stats: ({ mean: number; sd: number } | null)[];
	/** Per seat, the z-scores (null where missing or the indicator is left out). */
	z: Map<string, (number | null)[]>;
	/** How many indicators are in use (have a spread). */
	used: number;
}

export function standardise(seats: readonly SeatValues[], indicators: number): Standardised {
	const stats: Standardised['stats'] = [];
	for (let j = 0; j < indicators; j++) {
		const xs = seats.map((s) => s.values[j]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
		if (xs.length < 2) {
			stats.push(null);
			continue;
		}
		const mean = xs.reduce((a, v) => a + v, 0) / xs.length;
		const sd = Math.sqrt(xs.reduce((a, v) => a + (v - mean) ** 2, 0) / xs.length);
		stats.push(sd > 0 ? { mean, sd } : null);
	}
	const z = new Map<string, (number | null)[]>();
	for (const s of seats) {
		z.set(
			s.code,
			stats.map((st, j) => {
				const v = s.values[j];
				return st && typeof v === 'number' && Number.isFinite(v) ? (v - st.mean) / st.sd : null;
			})
		);
	}
	return { stats, z, used: stats.filter((s) => s !== null).length };
}

/** Rescaled Euclidean distance over the shared indicators, or null when fewer than `minShared` are shared. */
export function distance(a: readonly (number | null)[], b: readonly (number | null)[], used: number, minShared: number): { distance: number; shared: number } | null {
	let sum = 0;
	let shared = 0;
	for (let j = 0; j < a.length; j++) {
		const x = a[j];
		const y = b[j];
		if (x === null || y === null) continue;
		sum += (x - y) ** 2;
		shared++;
	}
	if (shared === 0 || shared < minShared) return null;
	return { distance: Math.sqrt((sum * used) / shared), shared };
}

export interface Neighbour {
	code: string;
	distance: number;
	/** Indicators the two seats were compared on. */
	shared: number;
}

export interface NearestOptions {
	k: number;
	/** Fewest shared indicators for a comparison; default half of those in use, rounded up (at least 1). */
	minShared?: number;
}

export interface Nearest {
	neighbours: Neighbour[];
	/** Indicators in use after standardising. */
	used: number;
	minShared: number;
	/** Seats left out because they share too few indicators with this one. */
	excluded: number;
}

/** The `k` seats nearest to `code` (never itself), closest first, ties by code. */
export function nearestSeats(seats: readonly SeatValues[], code: string, options: NearestOptions): Nearest {
	const indicators = seats[0]?.values.length ?? 0;
	const { z, used } = standardise(seats, indicators);
	const minShared = Math.max(1, options.minShared ?? Math.ceil(used / 2));
	const own = z.get(code);
	if (!own) return { neighbours: [], used, minShared, excluded: 0 };
	const found: Neighbour[] = [];
	let excluded = 0;
	for (const s of seats) {
		if (s.code === code) continue;
		const d = distance(own, z.get(s.code)!, used, minShared);
		if (d === null) excluded++;
		else found.push({ code: s.code, ...d });
	}
	found.sort((a, b) => a.distance - b.distance || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
	return { neighbours: found.slice(0, Math.max(0, Math.floor(options.k))), used, minShared, excluded };
}
