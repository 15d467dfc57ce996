import { describe, expect, it } from 'vitest';
import type { RiskModelFit } from '$lib/model/risk/fit';
import type { RiskRun } from '$lib/model/risk/run';
import { RISK_PARTIES } from '$lib/model/risk/parties';
import { fitFacts, formatPLoss, headlineHolder, lossHeadline, seatRiskLines } from './risk-format';
import { isDefaultSetting, pinScoreRanking, resultYears, validateRiskSetting } from './risk-setting';
import { packRun, unpackRun } from '$lib/model/risk/transfer';
import { rankByPLoss } from './risk-priority';
import { emptyForm, formFromSpec, specFromForm, type ScenarioForm } from './scenario-form';

const lab = { holder: 'lab' as const, held: 232, expectedLost: 31.4, low: 22, high: 40, distribution: [] };
const con = { holder: 'con' as const, held: 330, expectedLost: 12, low: 5, high: 20, distribution: [] };

describe('headline and formatting', () => {
	it('says expected losses with the 90% range', () => {
		expect(lossHeadline(lab)).toBe('Labour: 31 of 232 expected lost (90%: 22–40)');
	});
	it('never rounds a chance to a false certainty', () => {
		expect([0, 0.004, 0.234, 0.996, 1, null].map(formatPLoss)).toEqual(['0%', '<1%', '23%', '>99%', '100%', '—']);
	});
	it('leads with the first eligible holder the model knows, else the biggest', () => {
		expect(headlineHolder([con, lab], ['lab'])?.holder).toBe('lab');
		expect(headlineHolder([con, lab], [null, 'green'])?.holder).toBe('con');
		expect(headlineHolder([], ['lab'])).toBeNull();
	});
});

const gbForm = (shares: Partial<Record<(typeof RISK_PARTIES)[number], string>>): ScenarioForm => ({ ...emptyForm(), preset: 'custom', gb: { ...emptyForm().gb, ...shares } });

describe('scenario fields to spec and back', () => {
	it('builds the canonical spec from the fields', () => {
		expect(specFromForm(emptyForm())).toEqual({ ok: true, value: 'no-change' });
		expect(specFromForm({ ...emptyForm(), preset: 'result', year: 2019 })).toEqual({ ok: true, value: 'result:2019' });
		expect(specFromForm(gbForm({ lab: '25', con: '30', ruk: ' 25 ' }))).toEqual({ ok: true, value: 'con=30,lab=25,ruk=25' });
		const nations = { ...gbForm({ lab: '30' }), perNation: true };
		nations.nations.Scotland.snp = '45';
		expect(specFromForm(nations)).toEqual({ ok: true, value: 'lab=30;scotland:snp=45' });
	});
	it('names the field at fault', () => {
		expect(specFromForm(gbForm({ lab: '60', con: '60' }))).toEqual({ ok: false, error: 'Great Britain: shares sum to 120, more than 100.' });
		expect(specFromForm(gbForm({ lab: '2,5' }))).toEqual({ ok: false, error: 'Great Britain lab: “2,5” is not a number.' });
		expect(specFromForm(gbForm({ con: '-3' }))).toEqual({ ok: false, error: 'Great Britain con: a share cannot be negative (-3).' });
		expect(specFromForm(gbForm({ con: '101' })).ok).toBe(false);
		expect(specFromForm(gbForm({}))).toEqual({ ok: false, error: 'Great Britain: give at least one party’s share.' });
		const wales = { ...gbForm({ lab: '30' }), perNation: true };
		wales.nations.Wales.pc = 'x';
		expect(specFromForm(wales)).toEqual({ ok: false, error: 'Wales pc: “x” is not a number.' });
	});
	it('restores the fields from a spec (a reloaded link shows what was typed)', () => {
		for (const spec of ['no-change', 'result:2017', 'con=30,lab=25,ruk=25', 'lab=30;scotland:lab=20,snp=45;wales:pc=12']) {
			expect(specFromForm(formFromSpec(spec))).toEqual({ ok: true, value: spec });
		}
		expect(formFromSpec('con=30').gb.con).toBe('30');
		expect(formFromSpec('nonsense=1').preset).toBe('no-change');
	});
});

describe('the risk setting in links and saved scenarios', () => {
	it('accepts later results on the same boundaries only', () => {
		expect(resultYears('2010', 2015)).toEqual([2017, 2019]);
		expect(resultYears('2024', 2019)).toEqual([2024]);
		expect(validateRiskSetting({ base: 2015, spec: 'result:2019' }, '2010')).toEqual({ ok: true, setting: { base: 2015, spec: 'result:2019' } });
		expect(validateRiskSetting({ base: 2019, spec: 'result:2017' }, '2010')).toMatchObject({ ok: false, errors: [{ path: 'risk.spec' }] });
		expect(validateRiskSetting({ base: 2015, spec: 'result:2024' }, '2010').ok).toBe(false);
	});
	it('names the field at fault and canonicalises the spec', () => {
		expect(validateRiskSetting({ base: 2024, spec: 'LAB=25, con=30' }, '2024')).toEqual({ ok: true, setting: { base: 2024, spec: 'con=30,lab=25' } });
		expect(validateRiskSetting({ base: 2016, spec: 'no-change' }, '2010')).toMatchObject({ ok: false, errors: [{ path: 'risk.base' }] });
		expect(validateRiskSetting({ base: 2015, spec: 'lab=70,con=50' }, '2010')).toMatchObject({ ok: false, errors: [{ path: 'risk.spec', message: expect.stringContaining('sum to 120') }] });
		expect(validateRiskSetting('x', '2010').ok).toBe(false);
		expect(validateRiskSetting({ base: 2015, spec: 5 }, '2010').ok).toBe(false);
	});
	it('knows the defaults, which links leave out', () => {
		expect(isDefaultSetting({ base: 2015, spec: 'no-change' }, 2015)).toBe(true);
		expect(isDefaultSetting({ base: 2010, spec: 'no-change' }, 2015)).toBe(false);
		expect(isDefaultSetting({ base: 2015, spec: 'lab=30' }, 2015)).toBe(false);
	});
});

const fit = { baseYear: 2015, swing: 'uniform', demographic: null, errors: { shared: 0.25, seat: 1 }, pairs: [[2010, 2015]], leadRmse: { uniform: 7.7, proportional: 9.1, transition: 8 } } as RiskModelFit;

describe('worker transfer', () => {
	const shares = (lab: number, con: number) => RISK_PARTIES.map((p) => (p === 'lab' ? lab : p === 'con' ? con : 0)).map((v, i, a) => (i === a.length - 1 ? 100 - lab - con : v));
	const run = {
		set: '2010',
		baseYear: 2015,
		notionalBase: false,
		scenario: { kind: 'no-change' },
		fit,
		projections: [
			{ code: 'E1', holder: 'lab', projected: shares(40, 45), base: shares(50, 30), exclusion: null, swing: -25 },
			{ code: 'N1', holder: null, projected: shares(0, 0), base: shares(0, 0), exclusion: 'Northern Ireland is not modelled.', swing: null }
		],
		simulation: {
			seats: [{ code: 'E1', pLoss: 0.7, projectedWinner: 'con', lead: -5, leadLow: -12, leadHigh: 3, leadQ1: -8, leadMedian: -5, leadQ3: -1 }],
			losses: [{ ...lab, held: 1, expectedLost: 0.7, low: 0, high: 1, distribution: [0.3, 0.7] }],
			draws: 2000,
			seed: 1
		}
	} as RiskRun;

	it('sends per-seat numbers as typed arrays and reads them back', () => {
		const { packed, transfer } = packRun(run, 'no-change');
		expect(transfer).toHaveLength(4);
		const summary = unpackRun(packed);
		expect(summary.seats.get('E1')).toMatchObject({ holder: 'lab', winner: 'con', pLoss: 0.7, baseLead: 20, lead: -5, leadLow: -12, leadHigh: 3, leadQ1: -8, leadMedian: -5, leadQ3: -1, swing: -25, exclusion: null });
		expect(summary.seats.get('E1')!.projected.slice(0, 2)).toEqual([45, 40]);
		expect(summary.seats.get('N1')).toMatchObject({ holder: null, pLoss: null, winner: null, lead: null, exclusion: 'Northern Ireland is not modelled.' });
		expect(summary).toMatchObject({ set: '2010', baseYear: 2015, spec: 'no-change', draws: 2000 });
	});

	it('explains a seat in words, and an excluded one by its reason', () => {
		const summary = unpackRun(packRun(run, 'no-change').packed);
		expect(seatRiskLines(summary.seats.get('E1')!, summary)).toEqual([
			'Labour held it in 2015 with a lead of +20.0 points over the nearest rival.',
			'The scenario moves that lead by −25.0 points, to −5.0 points (90% range −12.0 to +3.0).',
			'Projected winner: Conservative. Chance Labour loses it: 70% of 2,000 simulated elections.'
		]);
		expect(seatRiskLines(summary.seats.get('N1')!, summary)).toEqual(['Northern Ireland is not modelled.']);
		expect(seatRiskLines(summary.seats.get('E1')!, { ...summary, notionalBase: true })[0]).toContain('2015 (notional)');
	});

	it('describes the fitted model in plain words', () => {
		const facts = fitFacts(fit, 2000, 2016);
		expect(facts.map((f) => f.term)).toEqual(['Swing model', 'Fitted on', 'Local adjustment', 'Uncertainty', 'Simulation']);
		expect(facts[0].text).toContain('Uniform swing');
		expect(facts[1].text).toContain('2010→2015');
		expect(facts[3].text).toContain('±1.5 points');
		expect(facts[4].text).toContain('2,000 simulated elections');
	});
});

describe('ranking eligible seats by P(loss)', () => {
	const row = (code: string, eligible: boolean) => ({ code, eligible, priority: 0.5, priority_rank: 1 }) as unknown as import('$lib/features/scores/scores-state.svelte').ScoredRow;
	it('replaces priority and rank for eligible seats, with SQL rank() ties, and leaves the rest unranked', () => {
		const p: Record<string, number | null> = { A: 0.2, B: 0.9, C: 0.2, D: 0.5, E: 0.99, F: null };
		const rows = ['A', 'B', 'C', 'D', 'E', 'F'].map((c) => row(c, c !== 'E'));
		const out = rankByPLoss(rows, (c) => p[c]);
		expect(out.map((r) => [r.code, r.priority, r.priority_rank])).toEqual([
			['A', 0.2, 3],
			['B', 0.9, 1],
			['C', 0.2, 3],
			['D', 0.5, 2],
			['E', null, null],
			['F', null, null]
		]);
		expect(rows[0].priority).toBe(0.5); // the input is not changed
	});
	it('is the default: the setting only says when the two scores rank instead', () => {
		expect(validateRiskSetting({ base: 2015, spec: 'no-change', priority: 'scores' }, '2010')).toEqual({ ok: true, setting: { base: 2015, spec: 'no-change', priority: 'scores' } });
		expect(validateRiskSetting({ base: 2015, spec: 'no-change' }, '2010')).toEqual({ ok: true, setting: { base: 2015, spec: 'no-change' } });
		// The old opt-in is not a value of the new format: only a format-1 state is pinned (below).
		expect(validateRiskSetting({ base: 2015, spec: 'no-change', priority: 'p_loss' }, '2010')).toMatchObject({ ok: false, errors: [{ path: 'risk.priority' }] });
		expect(validateRiskSetting({ base: 2015, spec: 'no-change', priority: 'max' }, '2010')).toMatchObject({ ok: false, errors: [{ path: 'risk.priority' }] });
		expect(isDefaultSetting({ base: 2015, spec: 'no-change', priority: 'scores' }, 2015)).toBe(false);
		expect(isDefaultSetting({ base: 2015, spec: 'no-change' }, 2015)).toBe(true);
	});
	it('pins the ranking of a state from before P(loss) was the default', () => {
		// No risk at all: the defaults of that time, written out.
		expect(pinScoreRanking(undefined, '2015-ukip')).toEqual({ base: 2015, spec: 'no-change', priority: 'scores' });
		expect(pinScoreRanking(undefined, '2024-reform')).toEqual({ base: 2024, spec: 'no-change', priority: 'scores' });
		// A scenario without the opt-in ranked by the scores; with it, by P(loss), now the default.
		expect(pinScoreRanking({ base: 2010, spec: 'result:2015' }, '2015-ukip')).toEqual({ base: 2010, spec: 'result:2015', priority: 'scores' });
		expect(pinScoreRanking({ base: 2010, spec: 'result:2015', priority: 'p_loss' }, '2015-ukip')).toEqual({ base: 2010, spec: 'result:2015' });
		// Damage is left for validation to name.
		expect(pinScoreRanking(undefined, 'no-such-lens')).toBeUndefined();
		expect(pinScoreRanking('x', '2015-ukip')).toBe('x');
		expect(pinScoreRanking({ base: 2015, spec: 'no-change', priority: 'max' }, '2015-ukip')).toEqual({ base: 2015, spec: 'no-change', priority: 'max' });
	});
});
