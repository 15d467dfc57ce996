import { describe, expect, it } from 'vitest';
import { addressOf, addressWithSelected, placeFrom, selectedFrom } from './navigation';

describe('placeFrom', () => {
	it('opens the briefing by default and on an unknown tab', () => {
		expect(placeFrom('')).toEqual({ view: 'briefing', seat: null });
		expect(placeFrom('?tab=nonsense')).toEqual({ view: 'briefing', seat: null });
		expect(placeFrom('?tab=allocation&s=abc')).toEqual({ view: 'allocation', seat: null });
	});

	it('opens a profile for ?seat=, upper-casing a code', () => {
		expect(placeFrom('?seat=e14000642')).toEqual({ view: 'profile', seat: 'E14000642' });
		expect(placeFrom('?tab=profile&seat=E14000642')).toEqual({ view: 'profile', seat: 'E14000642' });
		expect(placeFrom('?tab=profile')).toEqual({ view: 'profile', seat: null });
		// A named tab wins over a seat.
		expect(placeFrom('?tab=map&seat=E14000642')).toEqual({ view: 'map', seat: null });
		// Not a code at all: still the profile, which says there is no such seat.
		expect(placeFrom('?seat=<b>').seat).toBe('<b>');
	});
});

describe('addressOf', () => {
	it('writes the view or the seat and keeps the scenario', () => {
		expect(addressOf({ view: 'map', seat: null }, 'http://x/?seat=E1&s=abc#h')).toBe('http://x/?s=abc&tab=map#h');
		expect(addressOf({ view: 'profile', seat: 'E14000642' }, 'http://x/?tab=scores&s=abc')).toBe('http://x/?s=abc&seat=E14000642');
		expect(addressOf({ view: 'profile', seat: null }, 'http://x/')).toBe('http://x/?tab=profile');
	});

	it('round-trips through placeFrom', () => {
		for (const place of [
			{ view: 'briefing', seat: null },
			{ view: 'profile', seat: 'S14000021' },
			{ view: 'console', seat: null }
		] as const) {
			expect(placeFrom(new URL(addressOf(place, 'http://x/?s=q')).search)).toEqual(place);
		}
	});
});

describe('the selected seat in the address', () => {
	it('is read beside a tab other than the profile, upper-cased, and only when it can be a code', () => {
		expect(selectedFrom('?tab=map&seat=e14000642')).toBe('E14000642');
		expect(selectedFrom('?tab=scores&seat=E14000642&s=abc')).toBe('E14000642');
		expect(selectedFrom('?seat=E14000642')).toBeNull(); // no tab: that is a profile
		expect(selectedFrom('?tab=profile&seat=E14000642')).toBeNull();
		expect(selectedFrom('?tab=nonsense&seat=E14000642')).toBeNull();
		expect(selectedFrom('?tab=map&seat=%3Cscript%3E')).toBeNull();
	});
	it('is written beside a view tab, removed when nothing is selected, and never on a profile or the bare briefing', () => {
		expect(addressWithSelected('https://h.test/?tab=map&s=x', 'E14000642')).toBe('https://h.test/?tab=map&s=x&seat=E14000642');
		expect(addressWithSelected('https://h.test/?tab=map&seat=E14000642', null)).toBe('https://h.test/?tab=map');
		expect(addressWithSelected('https://h.test/?seat=E14000642', 'E14000530')).toBe('https://h.test/?seat=E14000642');
		expect(addressWithSelected('https://h.test/', 'E14000530')).toBe('https://h.test/');
		expect(selectedFrom(new URL(addressWithSelected('https://h.test/?tab=risk', 'E14000530')).search)).toBe('E14000530');
	});
});
