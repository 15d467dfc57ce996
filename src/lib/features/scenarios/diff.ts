/**
 * The difference between two allocations (scenario A and scenario B): money moved per seat, rank
 * changes, and which seats are funded in one and not the other.
 *
 * Conventions:
 * - A seat missing from one side counts as £0 and no rank there (it was not eligible).
 * - "Funded" means an amount above £0, as in the allocation view.
 * - moved = amountB − amountA, so Σ moved = totalB − totalA.
 * - rankChange = rankA − rankB: positive means the seat climbed in B (rank 1 is the top).
 * - totalMoved = Σ|moved| / 2: with equal budgets, the pounds that changed hands.
 * - Rows are sorted by |moved| descending, then code (code-unit order, independent of locale).
 */

export type AllocationLine = { code: string; name?: string; rank: number | null; amount: number };

export type DiffStatus = 'only-a' | 'only-b' | 'both' | 'neither';

export type SeatDiff = {
	code: string;
	name?: string;
	amountA: number;
	amountB: number;
	moved: number;
	rankA: number | null;
	rankB: number | null;
	rankChange: number | null;
	status: DiffStatus;
};

export type AllocationDiff = {
	seats: SeatDiff[];
	totals: {
		fundedOnlyInA: number;
		fundedOnlyInB: number;
		fundedInBoth: number;
		totalA: number;
		totalB: number;
		totalMoved: number;
	};
};

function byCode(lines: readonly AllocationLine[], side: string): Map<string, AllocationLine> {
	const map = new Map<string, AllocationLine>();
	for (const line of lines) {
		if (map.has(line.code)) throw new RangeError(`allocation ${side} lists seat ${line.code} more than once`);
		if (!Number.isFinite(line.amount)) throw new RangeError(`allocation ${side}: seat ${line.code} has no valid amount (${String(line.amount)})`);
		map.set(line.code, line);
	}
	return map;
}

export function diffAllocations(a: readonly AllocationLine[], b: readonly AllocationLine[]): AllocationDiff {
	const left = byCode(a, 'A');
	const right = byCode(b, 'B');
	const codes = new Set([...left.keys(), ...right.keys()]);
	const seats: SeatDiff[] = [];
	const totals = { fundedOnlyInA: 0, fundedOnlyInB: 0, fundedInBoth: 0, totalA: 0, totalB: 0, totalMoved: 0 };
	let absolute = 0;
	for (const code of codes) {
		const la = left.get(code);
		const lb = right.get(code);
		const amountA = la?.amount ?? 0;
		const amountB = lb?.amount ?? 0;
		const rankA = la?.rank ?? null;
		const rankB = lb?.rank ?? null;
		const fundedA = amountA > 0;
		const fundedB = amountB > 0;
		const status: DiffStatus = fundedA && fundedB ? 'both' : fundedA ? 'only-a' : fundedB ? 'only-b' : 'neither';
		if (status === 'both') totals.fundedInBoth++;
		else if (status === 'only-a') totals.fundedOnlyInA++;
		else if (status === 'only-b') totals.fundedOnlyInB++;
		const moved = amountB - amountA;
		totals.totalA += amountA;
		totals.totalB += amountB;
		absolute += Math.abs(moved);
		const name = lb?.name ?? la?.name;
		const row: SeatDiff = { code, amountA, amountB, moved, rankA, rankB, rankChange: rankA !== null && rankB !== null ? rankA - rankB : null, status };
		if (name !== undefined) row.name = name;
		seats.push(row);
	}
	totals.totalMoved = absolute / 2;
	seats.sort((x, y) => Math.abs(y.moved) - Math.abs(x.moved) || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
	return { seats, totals };
}
