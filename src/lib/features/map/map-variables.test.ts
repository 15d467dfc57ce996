import { describe, expect, it } from 'vitest';
import type { Indicator } from '$lib/model/catalogue';
import { describeVariable, indicatorGroups, indicatorIdOf, resolveVariable } from './map-variables';

const ind = (id: string, group: Indicator['group'] = 'Census 2011', notional = false): Indicator => ({
	id,
	label: id,
	description: '',
	group,
	source: '',
	year: '2011',
	unit: '% of residents',
	boundarySet: notional ? '2024' : '2010',
	naturalDirection: 1,
	notional,
	geography: notional ? 'notional' : 'direct',
	formula: { kind: 'census', column: 'x' }
});
const set2010 = new Map([
	['census.a', ind('census.a')],
	['deprivation.score', ind('deprivation.score', 'Deprivation')]
]);
const set2024 = new Map([['notional.census.a', ind('notional.census.a', 'Census 2011', true)]]);

describe('map variables', () => {
	it('describes scores, bivariate and indicators', () => {
		expect(describeVariable('threat', set2010)?.label).toBe('Challenger-threat score');
		expect(describeVariable('bivariate', set2010)?.kind).toBe('bivariate');
		expect(describeVariable('indicator:census.a', set2010)?.unit).toBe('% of residents');
		expect(describeVariable('indicator:nope', set2010)).toBeNull();
		expect(indicatorIdOf('indicator:census.a')).toBe('census.a');
		expect(indicatorIdOf('priority')).toBeNull();
	});

	it('swaps an indicator for its notional twin across boundary sets, else falls back to a score', () => {
		expect(resolveVariable('indicator:census.a', set2024).id).toBe('indicator:notional.census.a');
		expect(resolveVariable('indicator:census.a', set2024).notional).toBe(true);
		expect(resolveVariable('indicator:notional.census.a', set2010).id).toBe('indicator:census.a');
		expect(resolveVariable('indicator:deprivation.x', set2024).id).toBe('post_industrial');
	});

	it('groups indicators for the select', () => {
		expect(indicatorGroups(set2010).map((g) => g.group)).toEqual(['Census 2011', 'Deprivation']);
	});
});
