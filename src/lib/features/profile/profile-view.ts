/**
 * Small pure helpers for the profile view: the percentile strip's rows, the allocation line, and
 * the link to a seat's profile (a real address, so it can be copied, opened in a new tab or sent).
 */
import type { Row } from '$lib/db/types';
import type { Indicator } from '$lib/model/catalogue';
import type { AllocationMethod } from '$lib/model/allocation/engine';
import { reason, type Allocation } from '$lib/features/allocation/budget';

export interface StripRow {
	id: string;
	label: string;
	unit: string;
	value: number | null;
	nation: (number | null)[];
	similar: (number | null)[];
}

const num = (r: Row | undefined, id: string) => (r && typeof r[id] === 'number' ? (r[id] as number) : null);

export function stripRows(rows: readonly Row[], code: string, ids: readonly string[], similar: readonly string[], lookup: (id: string) => Indicator | undefined): StripRow[] {
	const own = rows.find((r) => r.code === code);
	if (!own) return [];
	const nation = rows.filter((r) => r.nation === own.nation);
	const near = new Set(similar);
	const sim = rows.filter((r) => near.has(r.code as string));
	return ids.map((id) => ({
		id,
		label: lookup(id)?.label ?? id,
		unit: lookup(id)?.unit ?? '',
		value: num(own, id),
		nation: nation.map((r) => num(r, id)),
		similar: sim.map((r) => num(r, id))
	}));
}

export interface SeatAllocation {
	amount: number;
	rank: number | null;
	reason: string;
	funded: number;
	eligible: boolean;
}

/** The seat's line of the current allocation, or why there is none. */
export function seatAllocation(allocation: Allocation, method: AllocationMethod, code: string): SeatAllocation | { error: string } {
	if (!allocation.ok) return { error: allocation.error };
	const funded = allocation.seats.filter((s) => s.amount > 0).length;
	const seat = allocation.seats.find((s) => s.code === code);
	if (!seat) return { amount: 0, rank: null, reason: 'not eligible under the current rules', funded, eligible: false };
	return { amount: seat.amount, rank: seat.amount > 0 ? seat.rank : null, reason: reason(seat, method), funded, eligible: true };
}

const here = () => (typeof location === 'undefined' ? '' : location.search);

/**
 * The query string of a place in the app: `?seat=CODE` for a seat's profile, `?tab=NAME` for a
 * view, keeping every other parameter of `search` (the scenario's `s`). The shell's address bar
 * (app/navigation.ts) writes the same.
 */
export function placeQuery(view: string, seat: string | null, search: string): string {
	const params = new URLSearchParams(search);
	params.delete('tab');
	params.delete('seat');
	if (view === 'profile' && seat) params.set('seat', seat);
	else params.set('tab', view);
	return `?${params.toString()}`;
}

export const profileHref = (code: string, search = here()) => placeQuery('profile', code, search);
export const viewHref = (view: string, search = here()) => placeQuery(view, null, search);
