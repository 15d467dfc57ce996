import fc from 'fast-check';
import { examples, fuzzRuns, textCorpus } from '../../../../tests/fuzz-corpus/corpus';
import { describe, expect, it } from 'vitest';
import type { AllocationMethod } from '$lib/model/allocation/engine';
import type { Indicator } from '$lib/model/catalogue';
import { LENS_BOUNDARY_SET, LENS_IDS, NORMALISATIONS, NULL_POLICIES, PRIORITY_METHODS, type IndicatorSetting, type LensId, type ScoreDefinition } from '$lib/model/definition';
import { defaultDefinition } from '$lib/model/lenses';
import { defaultScenarioState, type ScenarioState } from './scenario';
import { decodeState, encodeState, MAX_URL_STATE_LENGTH, stateFromSearchParams, tryDecodeState, UrlStateError, urlWithState } from './url-state';

const catalogue: Indicator[] = LENS_IDS.flatMap((lens) => {
	const d = defaultDefinition(lens);
	return [...d.scores.postIndustrial, ...d.scores.threat].map((s) => ({ id: s.id, boundarySet: LENS_BOUNDARY_SET[lens] }) as Indicator);
}).concat(['extra.one', 'extra.two'].flatMap((id) => (['2010', '2024'] as const).map((boundarySet) => ({ id, boundarySet }) as Indicator)));

const toBase64Url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** decodeState must return a state or throw a UrlStateError, nothing else. */
function outcome(text: string): 'ok' | 'error' {
	try {
		decodeState(text, catalogue);
		return 'ok';
	} catch (error) {
		expect(error).toBeInstanceOf(UrlStateError);
		expect((error as UrlStateError).message.length).toBeGreaterThan(0);
		expect((error as UrlStateError).message.length).toBeLessThan(1000);
		return 'error';
	}
}

const ids = (lens: LensId) => catalogue.filter((i) => i.boundarySet === LENS_BOUNDARY_SET[lens]).map((i) => i.id);
const weight = fc.oneof(
	fc.constant(1),
	fc.constant(0),
	fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }).map((w) => w + 0)
);
const settings = (pool: string[]) =>
	fc
		.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 6 })
		.chain((chosen) => fc.tuple(...chosen.map((id) => fc.record({ id: fc.constant(id), weight, direction: fc.constantFrom(1 as const, -1 as const), normalisation: fc.constantFrom(...NORMALISATIONS), nullPolicy: fc.constantFrom(...NULL_POLICIES) }))))
		.map((list): IndicatorSetting[] => list)
		.filter((list) => list.some((s) => s.weight > 0));
const percentile = fc.oneof(
	fc.constant(0),
	fc.double({ min: 0, max: 100, noNaN: true }).map((p) => p + 0)
);
const definitionArb: fc.Arbitrary<ScoreDefinition> = fc.constantFrom(...LENS_IDS).chain((lens) =>
	fc.record({
		version: fc.constant(1 as const),
		lens: fc.constant(lens),
		scores: fc.record({ postIndustrial: settings(ids(lens)), threat: settings(ids(lens)) }),
		priority: fc.record({
			method: fc.constantFrom(...PRIORITY_METHODS),
			eligibility: fc.record({
				holders: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
				nations: fc.array(fc.string({ unit: 'grapheme', maxLength: 8 }), { maxLength: 3 }),
				regions: fc.array(fc.constantFrom('North East', 'Yorkshire and The Humber', 'Ynys Môn ✓'), { maxLength: 3 }),
				minPostIndustrialPercentile: percentile,
				minThreatPercentile: percentile
			})
		})
	})
);
const pounds = fc.integer({ min: 0, max: 1_000_000 });
const methodArb: fc.Arbitrary<AllocationMethod> = fc.oneof(
	fc.record({ kind: fc.constant('proportional' as const), floor: pounds, cap: pounds }, { requiredKeys: ['kind'] }).filter((m) => m.floor === undefined || m.cap === undefined || m.floor <= m.cap),
	fc.record({ kind: fc.constant('topn' as const), n: fc.integer({ min: 1, max: 650 }) }),
	fc.record({ kind: fc.constant('tiers' as const), tiers: fc.array(fc.record({ seats: fc.integer({ min: 1, max: 100 }), amount: pounds }), { minLength: 1, maxLength: 5 }) }),
	fc
		.record(
			{
				kind: fc.constant('marginal' as const),
				beta: fc.double({ min: 0.01, max: 50, noNaN: true }),
				s0: fc.integer({ min: 1, max: 1_000_000 }),
				objective: fc.oneof(fc.constant({ kind: 'expected-seats' as const }), fc.record({ kind: fc.constant('hold-at-least' as const), seats: fc.integer({ min: 1, max: 650 }) })),
				localShare: fc.double({ min: 0, max: 0.99, noNaN: true }).map((x) => x + 0),
				includeLong: fc.boolean(),
				floor: pounds,
				cap: pounds
			},
			{ requiredKeys: ['kind', 'beta', 's0', 'objective', 'localShare', 'includeLong'] }
		)
		.filter((m) => m.floor === undefined || m.cap === undefined || m.floor <= m.cap)
);
const stateArb: fc.Arbitrary<ScenarioState> = fc.record({ definition: definitionArb, budget: fc.record({ budget: fc.integer({ min: 1, max: 1e12 }), method: methodArb }) });

describe('encodeState / decodeState', () => {
	it('round-trips the default state compactly in URL-safe characters', () => {
		const state = defaultScenarioState('2024-reform');
		const text = encodeState(state);
		expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
		// Defaults are left out: under half the plain JSON in base64url (836 against 1,918 since the
		// census indicators default to the "partial" missing-value policy, which links spell out).
		const plain = btoa(JSON.stringify(state)).replace(/=+$/, '').length;
		expect(text.length).toBeLessThan(plain / 2);
		expect(text.length).toBeLessThan(toBase64Url(JSON.stringify(state)).length / 2);
		expect(decodeState(text, catalogue)).toEqual(state);
	});

	it('round-trips any valid state (property)', () => {
		fc.assert(
			fc.property(stateArb, (state) => {
				expect(decodeState(encodeState(state), catalogue)).toEqual(state);
			}),
			{ numRuns: 300 }
		);
	});

	it('round-trips the Centre for Cities class filter on the 2024 lens, and an old link without it', () => {
		const state = defaultScenarioState('2024-reform');
		const filtered: ScenarioState = { ...state, definition: { ...state.definition, priority: { ...state.definition.priority, eligibility: { ...state.definition.priority.eligibility, cityClasses: ['Hinterland', 'Deep rural'] } } } };
		expect(decodeState(encodeState(filtered), catalogue).definition.priority.eligibility.cityClasses).toEqual(['Hinterland', 'Deep rural']);
		expect(decodeState(encodeState(state), catalogue).definition.priority.eligibility.cityClasses ?? []).toEqual([]);
	});

	it('carries the seat-risk scenario as an optional key, left out at its defaults; new ones round-trip', () => {
		const state = defaultScenarioState('2015-ukip');
		const plain = encodeState(state);
		expect(JSON.parse(Buffer.from(plain, 'base64url').toString('utf8'))).toMatchObject({ v: 2 });
		expect(JSON.parse(Buffer.from(plain, 'base64url').toString('utf8'))).not.toHaveProperty('risk');
		expect(decodeState(plain, catalogue)).toEqual(state);
		expect(decodeState(plain, catalogue)).not.toHaveProperty('risk');
		const withRisk: ScenarioState = { ...state, risk: { base: 2015, spec: 'con=30,lab=25,ruk=25' } };
		expect(decodeState(encodeState(withRisk), catalogue)).toEqual(withRisk);
		const url = urlWithState(new URL('https://example.org/?tab=risk'), withRisk);
		expect(stateFromSearchParams(url.searchParams, catalogue)?.risk).toEqual({ base: 2015, spec: 'con=30,lab=25,ruk=25' });
		const byScores: ScenarioState = { ...state, risk: { base: 2010, spec: 'result:2015', priority: 'scores' } };
		expect(decodeState(encodeState(byScores), catalogue)).toEqual(byScores);
		expect(JSON.parse(Buffer.from(encodeState(byScores), 'base64url').toString('utf8')).risk).toEqual({ base: 2010, spec: 'result:2015', priority: 'scores' });
	});

	it('reads a format-1 link (P(loss) not yet the default) with the ranking it had', () => {
		const state = defaultScenarioState('2015-ukip');
		// Exactly what format 1 wrote for this state (the compact definition and budget are unchanged in format 2).
		const { definition, budget } = JSON.parse(Buffer.from(encodeState(state), 'base64url').toString('utf8'));
		const v1 = (risk?: unknown) => toBase64Url(JSON.stringify({ v: 1, definition, budget, ...(risk === undefined ? {} : { risk }) }));
		// No risk key: the defaults of that time, which ranked by the two scores.
		expect(decodeState(v1(), catalogue).risk).toEqual({ base: 2015, spec: 'no-change', priority: 'scores' });
		// A scenario without the opt-in also ranked by the scores.
		expect(decodeState(v1({ base: 2015, spec: 'result:2019' }), catalogue).risk).toEqual({ base: 2015, spec: 'result:2019', priority: 'scores' });
		// The old opt-in is the new default, so it is left out.
		expect(decodeState(v1({ base: 2010, spec: 'result:2015', priority: 'p_loss' }), catalogue).risk).toEqual({ base: 2010, spec: 'result:2015' });
		expect(tryDecodeState(v1({ base: 2015, spec: 'no-change', priority: 'max' }), catalogue)).toMatchObject({ ok: false, error: { errors: [{ path: 'risk.priority' }] } });
		// Everything else reads as before, and re-encoding keeps the pinned ranking in format 2.
		const read = decodeState(v1(), catalogue);
		expect(read.definition).toEqual(state.definition);
		expect(decodeState(encodeState(read), catalogue)).toEqual(read);
		// A format-2 link without a risk key means the new default.
		expect(decodeState(toBase64Url(JSON.stringify({ v: 2, definition, budget })), catalogue)).not.toHaveProperty('risk');
	});

	it('round-trips the marginal method; a link made before it existed still reads as before', () => {
		const state = defaultScenarioState('2015-ukip');
		const marginal: ScenarioState = { ...state, budget: { budget: 750_000, method: { kind: 'marginal', beta: 2.25, s0: 4000, objective: { kind: 'hold-at-least', seats: 210 }, localShare: 0.4, includeLong: true, cap: 8000 } } };
		expect(decodeState(encodeState(marginal), catalogue)).toEqual(marginal);
		// An old-style link (proportional, no marginal fields) decodes unchanged.
		const old = toBase64Url(JSON.stringify({ v: 1, definition: { lens: '2015-ukip', scores: { postIndustrial: state.definition.scores.postIndustrial, threat: state.definition.scores.threat } }, budget: { budget: 1_000_000, method: { kind: 'proportional' } } }));
		expect(decodeState(old, catalogue).budget).toEqual({ budget: 1_000_000, method: { kind: 'proportional' } });
		const bad = { ...marginal, budget: { ...marginal.budget, method: { ...marginal.budget.method, beta: -1 } } } as ScenarioState;
		expect(() => decodeState(encodeState(bad), catalogue)).toThrow(/budget\.method\.beta/);
	});

	it('refuses a bad risk scenario in a link, naming the field', () => {
		const state = defaultScenarioState('2015-ukip');
		const bad = (risk: unknown) => tryDecodeState(encodeState({ ...state, risk } as ScenarioState), catalogue);
		expect(bad({ base: 2015, spec: 'lab=60,con=60' })).toMatchObject({ ok: false, error: { reason: 'invalid', errors: [{ path: 'risk.spec', message: expect.stringContaining('sum to 120') }] } });
		// 2024 is not an election on the 2015 lens's boundaries.
		expect(bad({ base: 2024, spec: 'no-change' })).toMatchObject({ ok: false, error: { errors: [{ path: 'risk.base' }] } });
	});

	it('is deterministic: equal states give equal text whatever the key order', () => {
		const state = defaultScenarioState();
		const reordered = JSON.parse(JSON.stringify({ budget: state.budget, definition: { priority: state.definition.priority, scores: state.definition.scores, lens: state.definition.lens, version: 1 } }));
		expect(encodeState(reordered)).toBe(encodeState(state));
	});

	it('never throws anything but UrlStateError on arbitrary text (fuzz)', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 300 }), (text) => void outcome(text)),
			{ numRuns: fuzzRuns(5000), examples: examples(textCorpus('url-state')) }
		);
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => void outcome(text)),
			{ numRuns: fuzzRuns(2000) }
		);
		fc.assert(
			fc.property(fc.base64String({ maxLength: 300 }), (text) => void outcome(text.replace(/=+$/, ''))),
			{ numRuns: 500 }
		);
	});

	it('never throws anything but UrlStateError on arbitrary JSON (fuzz)', () => {
		fc.assert(
			fc.property(fc.jsonValue(), (value) => void outcome(toBase64Url(JSON.stringify(value)))),
			{ numRuns: fuzzRuns(1000) }
		);
		// Near misses: a valid link with one part replaced by anything.
		const valid = JSON.parse(Buffer.from(encodeState(defaultScenarioState()), 'base64url').toString('utf8'));
		fc.assert(
			fc.property(fc.constantFrom('v', 'definition', 'budget'), fc.jsonValue(), (key, value) => void outcome(toBase64Url(JSON.stringify({ ...valid, [key]: value })))),
			{ numRuns: fuzzRuns(1000) }
		);
		expect(outcome(toBase64Url('['.repeat(14_000)))).toBe('error');
	});

	it('says what is wrong, in words', () => {
		const message = (text: string) => (tryDecodeState(text, catalogue) as { ok: false; error: UrlStateError }).error;
		expect(message('')).toMatchObject({ reason: 'empty', message: 'This link has no scenario in it.' });
		expect(message('not base64!')).toMatchObject({ reason: 'malformed' });
		expect(message(toBase64Url('{"v":1'))).toMatchObject({ reason: 'malformed' });
		expect(message(toBase64Url('{"v":7}')).message).toMatch(/newer version of Heartlands \(link format 7\)/);
		const tooLong = message('A'.repeat(MAX_URL_STATE_LENGTH + 1));
		expect(tooLong.reason).toBe('too-long');
		expect(tooLong.message).toMatch(/too long to read \(20,001 characters; the limit is 20,000\)/);
		const state = defaultScenarioState();
		state.budget.budget = 0;
		const invalid = message(encodeState(state));
		expect(invalid.reason).toBe('invalid');
		expect(invalid.errors.map((e) => e.path)).toEqual(['budget.budget']);
		expect(invalid.message).toMatch(/^This link's scenario can't be used: budget\.budget: the budget must be/);
	});

	it('reads and writes the s parameter', () => {
		const state = defaultScenarioState('2019-brexit');
		const url = urlWithState(new URL('https://example.org/heartlands/?tab=allocation#map'), state);
		expect(url.searchParams.get('tab')).toBe('allocation');
		expect(url.hash).toBe('#map');
		expect(stateFromSearchParams(url.searchParams, catalogue)).toEqual(state);
		expect(stateFromSearchParams(new URLSearchParams('tab=x'), catalogue)).toBeNull();
	});
});
