import { examples, fuzzRuns, jsonCorpus } from '../../../tests/fuzz-corpus/corpus';
import { describe, expect, it } from 'vitest';
import type { Indicator } from './catalogue';
import { formatErrors, validateDefinition } from './definition';
import { defaultDefinition } from './lenses';

const indicator = (id: string, boundarySet: '2010' | '2024' = '2010') => ({ id, boundarySet }) as Indicator;
const catalogue = [
	...['census.mfg_mining', 'census.c11LongTermSick', 'census.routine', 'census.c11QualNone', 'deprivation.score', 'vote.ukip.2015', 'change.ukip.2010_2015', 'referendum.leave', 'challenger.gap.2015', 'challenger.top2.2015'].map((id) => indicator(id)),
	indicator('deprivation.score', '2024')
];

const errorsOf = (raw: unknown) => {
	const v = validateDefinition(raw, catalogue);
	return v.ok ? [] : v.errors;
};

describe('validateDefinition', () => {
	it('accepts the default 2015 definition and round-trips it through JSON', () => {
		const d = defaultDefinition('2015-ukip');
		const v = validateDefinition(JSON.parse(JSON.stringify(d)), catalogue);
		expect(v).toEqual({ ok: true, definition: d });
	});

	it('accepts a Centre for Cities class filter on the 2024 lens only, and names an unknown class', () => {
		const d = defaultDefinition('2024-reform');
		const cat24 = [...catalogue, ...[...d.scores.postIndustrial, ...d.scores.threat].map((x) => indicator(x.id, '2024'))];
		d.priority.eligibility.cityClasses = ['Hinterland', 'Deep rural'];
		const ok = validateDefinition(JSON.parse(JSON.stringify(d)), cat24);
		expect(ok).toEqual({ ok: true, definition: d });
		d.priority.eligibility.cityClasses = ['Town'];
		const bad = validateDefinition(d, cat24);
		expect(bad.ok ? [] : bad.errors).toEqual([{ path: 'priority.eligibility.cityClasses', message: 'must name Centre for Cities classes (City, Hinterland, Deep rural), got "Town"' }]);
		const old = defaultDefinition('2015-ukip');
		old.priority.eligibility.cityClasses = ['City'];
		expect(errorsOf(old)).toEqual([{ path: 'priority.eligibility.cityClasses', message: 'the Centre for Cities class exists only on the 2024 seats; the 2015-ukip lens uses the 2010 seats' }]);
		// An empty list is the same as no filter, and is not written back.
		old.priority.eligibility.cityClasses = [];
		const none = validateDefinition(old, catalogue);
		expect(none.ok && 'cityClasses' in none.definition.priority.eligibility).toBe(false);
	});

	it('names an unknown indicator', () => {
		const d = defaultDefinition('2015-ukip');
		d.scores.threat[1].id = 'vote.nonsense.2015';
		expect(errorsOf(d)).toEqual([{ path: 'scores.threat[1].id', message: 'unknown indicator "vote.nonsense.2015" for the 2010 boundary set' }]);
	});

	it('refuses an indicator from the other boundary set', () => {
		const d = defaultDefinition('2015-ukip');
		d.scores.postIndustrial[0].id = 'notional.census.mfg_mining';
		expect(errorsOf(d)[0].path).toBe('scores.postIndustrial[0].id');
	});

	it('refuses all weights zero', () => {
		const d = defaultDefinition('2015-ukip');
		d.scores.postIndustrial.forEach((s) => (s.weight = 0));
		expect(formatErrors(errorsOf(d))).toBe('scores.postIndustrial: all weights are zero: give at least one indicator a positive weight');
	});

	it('refuses NaN, negative and non-numeric weights, naming the field', () => {
		const d = defaultDefinition('2015-ukip') as unknown as { scores: { threat: { weight: unknown }[] } };
		d.scores.threat[0].weight = NaN;
		d.scores.threat[2].weight = -1;
		d.scores.threat[3].weight = '2';
		expect(errorsOf(d).map((e) => e.path)).toEqual(['scores.threat[0].weight', 'scores.threat[2].weight', 'scores.threat[3].weight']);
		expect(errorsOf(d)[0].message).toBe('must be a finite number ≥ 0, got NaN');
	});

	it('checks direction, normalisation, null policy, lens and percentiles', () => {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test writes invalid values deep into a definition
		const d = defaultDefinition('2015-ukip') as unknown as Record<string, any>;
		d.scores.threat[0].direction = 0;
		d.scores.threat[0].normalisation = 'log';
		d.scores.threat[0].nullPolicy = 'zero';
		d.priority.eligibility.minThreatPercentile = 150;
		expect(errorsOf(d).map((e) => e.path)).toEqual(['scores.threat[0].direction', 'scores.threat[0].normalisation', 'scores.threat[0].nullPolicy', 'priority.eligibility.minThreatPercentile']);
		expect(errorsOf({ ...d, lens: '1997' })).toEqual([{ path: 'lens', message: 'must be one of 2015-ukip, 2019-brexit, 2024-reform, got "1997"' }]);
	});

	it('refuses duplicates, empty scores and non-objects', () => {
		const d = defaultDefinition('2015-ukip');
		d.scores.threat.push({ ...d.scores.threat[0] });
		expect(errorsOf(d)[0].message).toContain('more than once');
		expect(errorsOf({ ...defaultDefinition('2015-ukip'), scores: { postIndustrial: [], threat: [] } }).map((e) => e.path)).toEqual(['scores.postIndustrial', 'scores.threat']);
		expect(errorsOf(null)[0].message).toBe('must be a JSON object');
		expect(errorsOf('x')).toHaveLength(1);
	});
});

describe('validateDefinition on arbitrary input', () => {
	it('returns a definition or field errors, never throws', async () => {
		const fc = (await import('fast-check')).default;
		const base = defaultDefinition('2015-ukip') as unknown as Record<string, unknown>;
		fc.assert(
			fc.property(fc.oneof(fc.anything(), fc.record({ version: fc.anything(), lens: fc.constantFrom('2015-ukip', '2024-reform', 'x'), scores: fc.anything(), priority: fc.anything() }), fc.constant(base)), (raw) => {
				const v = validateDefinition(raw, catalogue);
				if (!v.ok) expect(v.errors.every((e) => typeof e.path === 'string' && e.message.length > 0)).toBe(true);
			}),
			{ numRuns: fuzzRuns(5000), examples: examples(jsonCorpus('definition')) }
		);
	});
});
