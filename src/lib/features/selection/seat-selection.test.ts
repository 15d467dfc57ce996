import { describe, expect, it } from 'vitest';
import { SeatSelection } from './seat-selection.svelte';

describe('SeatSelection', () => {
	it('keeps a selection and a highlight within their scope, and drops them when the scope changes', () => {
		let lens = '2015-ukip';
		const selection = new SeatSelection(() => lens);
		selection.selected = 'E14000642';
		selection.setHighlight(['E14000642', 'E14000733'], 'brushed');
		expect(selection.selected).toBe('E14000642');
		expect([...selection.highlight!.codes]).toEqual(['E14000642', 'E14000733']);
		lens = '2019-brexit';
		expect(selection.selected).toBeNull();
		expect(selection.highlight).toBeNull();
		selection.selected = 'E14000530';
		lens = '2015-ukip';
		expect(selection.selected).toBeNull(); // a new selection under the new lens replaced the old one
	});

	it('returns the same highlight object until it changes, and clears it with null', () => {
		const selection = new SeatSelection();
		selection.setHighlight(['A'], 'cell');
		const first = selection.highlight;
		expect(selection.highlight).toBe(first);
		selection.setHighlight(null);
		expect(selection.highlight).toBeNull();
	});
});
