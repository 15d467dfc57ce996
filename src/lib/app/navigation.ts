/**
 * Which view is shown, and which seat's profile, kept in the address bar: `?tab=NAME` for a view,
 * `?seat=CODE` for a profile (the scenario's `?s=` is the address bar's, see address-bar.svelte.ts).
 * A move between views or profiles pushes a history entry, so Back and Forward walk them; popstate
 * reads the address back. An unknown tab falls back to the briefing, silently.
 */
import { placeQuery } from '$lib/features/profile/profile-view';

export const VIEWS = [
	{ id: 'briefing', label: 'Briefing' },
	{ id: 'scores', label: 'Scores' },
	{ id: 'map', label: 'Map' },
	{ id: 'risk', label: 'Risk' },
	{ id: 'allocation', label: 'Allocation' },
	{ id: 'profile', label: 'Seat profile' },
	{ id: 'compare', label: 'Compare' },
	{ id: 'scenarios', label: 'Scenarios' },
	{ id: 'upload', label: 'Your data' },
	{ id: 'console', label: 'SQL console' },
	{ id: 'data', label: 'Constituency data' },
	{ id: 'method', label: 'Method' }
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

export interface Place {
	view: ViewId;
	seat: string | null;
}

const CODE = /^[A-Za-z0-9]{1,16}$/;

/** The place an address names: a seat opens its profile; otherwise the tab, else the briefing. */
export function placeFrom(search: string): Place {
	const params = new URLSearchParams(search);
	const raw = params.get('seat')?.trim() ?? '';
	// Anything that cannot be a code is still shown as "no such seat", never dropped silently.
	const seat = raw ? (CODE.test(raw) ? raw.toUpperCase() : raw.slice(0, 40)) : null;
	const tab = params.get('tab');
	const view = VIEWS.find((v) => v.id === tab)?.id;
	if (seat && (!view || view === 'profile')) return { view: 'profile', seat };
	return { view: view ?? 'briefing', seat: view === 'profile' ? seat : null };
}

/** The address of a place, keeping every other parameter (the scenario) and the hash. */
export function addressOf(place: Place, href: string): string {
	const url = new URL(href);
	url.search = placeQuery(place.view, place.seat, url.search);
	return url.toString();
}

/** The seat selected in a view other than the profile (`?tab=map&seat=CODE`), if the address names one. */
export function selectedFrom(search: string): string | null {
	const params = new URLSearchParams(search);
	const seat = params.get('seat')?.trim() ?? '';
	const tab = params.get('tab');
	if (!seat || !CODE.test(seat) || tab === 'profile' || !VIEWS.some((v) => v.id === tab)) return null;
	return seat.toUpperCase();
}

/**
 * The address with a view's selected seat (`seat=CODE` beside `tab=`), or without one. A profile's
 * seat is its place, and an address with no tab names the briefing, so both are left as they are.
 */
export function addressWithSelected(href: string, code: string | null): string {
	const url = new URL(href);
	const tab = url.searchParams.get('tab');
	if (tab === null || tab === 'profile') return href;
	if (code) url.searchParams.set('seat', code);
	else url.searchParams.delete('seat');
	return url.toString();
}
