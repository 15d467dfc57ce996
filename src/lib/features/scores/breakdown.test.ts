import { describe, expect, it } from 'vitest';
import { breakdown } from './breakdown';
import type { ScoreDefinition } from '$lib/model/definition';

const definition: ScoreDefinition = {
	version: 1,
	lens: '2015-ukip',
	scores: {
		postIndustrial: [
			{ id: 'a', weight: 3, direction: 1, normalisation: 'minmax', nullPolicy: 'reweight' },
			{ id: 'b', weight: 1, direction: 1, normalisation: 'minmax', nullPolicy: 'reweight' }
		],
		threat: [{ id: 'c', weight: 1, direction: 1, normalisation: 'minmax', nullPolicy: 'reweight' }]
	},
	priority: { method: 'geometric', eligibility: { holders: [], nations: [], regions: [], minPostIndustrialPercentile: 0, minThreatPercentile: 0 } }
};
const rows = [
	{ code: 'X', nation: 'England', p0: 0, p1: 1, t0: 0.2 },
	{ code: 'Y', nation: 'Scotland', p0: 0.5, p1: 0, t0: 0.4 },
	{ code: 'Z', nation: 'Wales', p0: 1, p1: null, t0: 0.9 }
];

describe('breakdown', () => {
	it('gives weight share × distance from the national median for every indicator', () => {
		const b = breakdown(rows, definition, 'X', (id) => ({ id, label: id.toUpperCase(), notional: id === 'c', geography: id === 'c' ? 'notional' : 'direct' }) as never);
		expect(b.map((c) => c.label)).toEqual(['A', 'B', 'C']);
		expect(b[0]).toMatchObject({ weightShare: 0.75, value: 0, median: 0.5, contribution: -0.375 });
		expect(b[1]).toMatchObject({ weightShare: 0.25, value: 1, median: 0.5, contribution: 0.125 });
		expect(b[2]).toMatchObject({ notional: true, weightShare: 1, contribution: 0.2 - 0.4 });
	});

	it('flags a mixed indicator as notional only in the nations without direct figures', () => {
		const lookup = (id: string) => ({ id, label: id, notional: false, geography: id === 'a' ? 'mixed' : 'direct', directNations: ['England', 'Wales'] }) as never;
		expect(breakdown(rows, definition, 'X', lookup)[0].notional).toBe(false);
		expect(breakdown(rows, definition, 'Y', lookup)[0].notional).toBe(true);
		expect(breakdown(rows, definition, 'Y', lookup)[1].notional).toBe(false);
	});
	it('re-weights when the seat lacks an indicator', () => {
		const b = breakdown(rows, definition, 'Z', (id) => ({ id, label: id }) as never);
		expect(b[0].weightShare).toBe(1);
		expect(b[1]).toMatchObject({ weightShare: 0, value: null, contribution: null });
	});
	it('is empty for an unknown seat', () => {
		expect(breakdown(rows, definition, 'nope', () => undefined)).toEqual([]);
	});
});
