/**
 * Lenses bundle the default method for one election and challenger (see the design brief). The
 * defaults are a starting point a committee can defend, not weights tuned to any backtest.
 */
import type { BoundarySet, ElectionYear, Party } from './catalogue';
import type { IndicatorSetting, LensId, ScoreDefinition } from './definition';

export interface Lens {
	id: LensId;
	label: string;
	year: ElectionYear;
	boundarySet: BoundarySet;
	challenger: Party;
	challengerLabel: string;
	summary: string;
}

export const LENSES: Lens[] = [
	{ id: '2015-ukip', label: '2015 / UKIP', year: 2015, boundarySet: '2010', challenger: 'ukip', challengerLabel: 'UKIP', summary: 'The 2016 decision: 2015 results, Census 2011, Leave 2016, on the 2010 boundaries.' },
	{ id: '2019-brexit', label: '2019 / Brexit Party', year: 2019, boundarySet: '2010', challenger: 'brexit', challengerLabel: 'Brexit Party', summary: '2019 results with the Brexit Party as challenger, Census 2011, Leave 2016, on the 2010 boundaries.' },
	{
		id: '2024-reform',
		label: '2024 / Reform UK',
		year: 2024,
		boundarySet: '2024',
		challenger: 'reform',
		challengerLabel: 'Reform UK',
		summary: '2024 results with Reform UK as challenger on the 2024 boundaries; Census 2021 and 2022 jobs measured on the new seats where they exist (England and Wales), Census 2011 and Leave 2016 carried across as notional values elsewhere.'
	}
];

export const DEFAULT_LENS: LensId = '2015-ukip';

export function lensById(id: LensId): Lens {
	return LENSES.find((l) => l.id === id)!;
}

const setting = (id: string, direction: 1 | -1 = 1, weight = 1, nullPolicy: IndicatorSetting['nullPolicy'] = 'impute-nation-median'): IndicatorSetting => ({
	id,
	weight,
	direction,
	normalisation: 'zscore',
	nullPolicy
});

/**
 * Census 2011 has no Northern Ireland rows. Rather than invent NI values (the UK median put all 18
 * NI seats between the 57th and 85th percentile), NI is scored on what exists (deprivation) and
 * that score is partial: shown, not ranked against GB. Imputing is a per-indicator choice, with
 * its caveat shown wherever it is made (`imputationCaveats`).
 */
const census = (id: string) => setting(id, 1, 1, 'partial');

function postIndustrial(set: BoundarySet): IndicatorSetting[] {
	if (set === '2024') {
		// Measured on the 2024 seats where it exists (Census 2021, BRES 2022; England and Wales),
		// 2011 carried across only where nothing newer exists (Scotland; routine occupations).
		return [census('best.manufacturing'), census('best.health'), census('notional.census.routine'), census('best.qual_none'), setting('deprivation.score')];
	}
	return [census('census.mfg_mining'), census('census.c11LongTermSick'), census('census.routine'), census('census.c11QualNone'), setting('deprivation.score')];
}

/** The 2024 lens's post-industrial inputs before direct figures were used: all 2011, notional. */
export function notionalOnlyPostIndustrial2024(): IndicatorSetting[] {
	return ['notional.census.mfg_mining', 'notional.census.c11LongTermSick', 'notional.census.routine', 'notional.census.c11QualNone'].map(census).concat(setting('deprivation.score'));
}

export function defaultDefinition(lensId: LensId): ScoreDefinition {
	const lens = lensById(lensId);
	const y = lens.year;
	const threat: IndicatorSetting[] =
		lensId === '2015-ukip'
			? [setting('vote.ukip.2015'), setting('change.ukip.2010_2015'), setting('referendum.leave'), setting('challenger.gap.2015', -1), setting('challenger.top2.2015')]
			: lensId === '2019-brexit'
				? [setting('vote.brexit.2019'), setting('change.right_populist.2017_2019'), setting('referendum.leave'), setting('challenger.gap.2019', -1), setting('challenger.top2.2019')]
				: [setting('vote.reform.2024'), setting('change.reform.2019n_2024'), setting('notional.referendum.leave'), setting(`challenger.gap.${y}`, -1), setting(`challenger.top2.${y}`)];
	return {
		version: 1,
		lens: lensId,
		scores: { postIndustrial: postIndustrial(lens.boundarySet), threat },
		priority: {
			method: 'geometric',
			eligibility: { holders: ['lab'], nations: [], regions: [], minPostIndustrialPercentile: 0, minThreatPercentile: 0 }
		}
	};
}
