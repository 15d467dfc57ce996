/**
 * Jenks natural breaks by the Fisher (1958) / Jenks (1977) optimal method: the partition of
 * the sorted values into k contiguous classes with the least total within-class sum of squared
 * deviations. Heuristic "iterative" Jenks can stop at a local optimum; this one cannot.
 *
 * The dynamic programme runs over distinct values weighted by their counts. That guarantees
 * tied values are never split between classes (a tie straddling a boundary would read as a
 * mistake on the map) and makes heavily tied data cheaper. Each layer is filled by
 * divide-and-conquer, which is valid because the optimal split point is monotone in the end
 * point for this cost (Wang & Song 2011, Ckmeans.1d.dp), giving O(k·m·log m) for m distinct
 * values instead of O(k·m²).
 */

interface Weighted {
	values: number[];
	weights: number[];
}

/** Distinct values of an ascending array, with how often each occurs. */
export function distinctWithCounts(sorted: readonly number[]): Weighted {
	const values: number[] = [];
	const weights: number[] = [];
	for (const v of sorted) {
		const last = values.length - 1;
		if (last >= 0 && values[last] === v) weights[last]++;
		else {
			values.push(v);
			weights.push(1);
		}
	}
	return { values, weights };
}

/**
 * Optimal breaks for ascending, finite values. Returns the inclusive upper bound of every
 * class but the last, so at most classes - 1 numbers; fewer when there are not enough
 * distinct values to fill every class.
 */
export function jenksBreaks(sorted: readonly number[], classes: number): number[] {
	const { values, weights } = distinctWithCounts(sorted);
	const m = values.length;
	if (m <= 1) return [];
	// Not enough distinct values: each is its own class, which is trivially optimal.
	if (m <= classes) return values.slice(0, -1);

	// Centre on the mean so prefix sums of squares do not lose precision on large offsets.
	let total = 0;
	let wsum = 0;
	for (let i = 0; i < m; i++) {
		total += values[i] * weights[i];
		wsum += weights[i];
	}
	const centre = total / wsum;
	const W = new Float64Array(m + 1);
	const S = new Float64Array(m + 1);
	const SS = new Float64Array(m + 1);
	for (let i = 0; i < m; i++) {
		const x = values[i] - centre;
		W[i + 1] = W[i] + weights[i];
		S[i + 1] = S[i] + weights[i] * x;
		SS[i + 1] = SS[i] + weights[i] * x * x;
	}
	// Within-class sum of squares of distinct values [i, j).
	const cost = (i: number, j: number): number => {
		const w = W[j] - W[i];
		const s = S[j] - S[i];
		return Math.max(0, SS[j] - SS[i] - (s * s) / w);
	};

	// best[g][j]: least cost of splitting the first j distinct values into g + 1 classes;
	// from[g][j]: where the last of those classes starts.
	const best: Float64Array[] = [];
	const from: Int32Array[] = [];
	const first = new Float64Array(m + 1);
	for (let j = 1; j <= m; j++) first[j] = cost(0, j);
	best.push(first);
	from.push(new Int32Array(m + 1));

	for (let g = 1; g < classes; g++) {
		const prev = best[g - 1];
		const cur = new Float64Array(m + 1).fill(Infinity);
		const arg = new Int32Array(m + 1);
		// j ends a prefix holding g + 1 non-empty classes, so j >= g + 1 and the split i >= g.
		const fill = (jLo: number, jHi: number, iLo: number, iHi: number): void => {
			if (jLo > jHi) return;
			const mid = (jLo + jHi) >> 1;
			let bestCost = Infinity;
			let bestI = Math.max(iLo, g);
			for (let i = Math.max(iLo, g); i <= Math.min(iHi, mid - 1); i++) {
				const c = prev[i] + cost(i, mid);
				// Strict "<" keeps the earliest split on exact ties, so results are deterministic.
				if (c < bestCost) {
					bestCost = c;
					bestI = i;
				}
			}
			cur[mid] = bestCost;
			arg[mid] = bestI;
			fill(jLo, mid - 1, iLo, bestI);
			fill(mid + 1, jHi, bestI, iHi);
		};
		fill(g + 1, m, g, m - 1);
		best.push(cur);
		from.push(arg);
	}

	const breaks: number[] = [];
	let end = m;
	for (let g = classes - 1; g > 0; g--) {
		const start = from[g][end];
		breaks.push(values[start - 1]);
		end = start;
	}
	return breaks.reverse();
}
