/** The method in plain English, generated from the definition so it can never drift from it. */
import type { Indicator } from '$lib/model/catalogue';
import type { IndicatorSetting, NullPolicy, Normalisation, ScoreDefinition, ScoreKey } from '$lib/model/definition';

export const NORMALISATION_TEXT: Record<Normalisation, string> = {
	zscore: 'z-score (distance from the average seat in standard deviations)',
	minmax: 'min–max (0 for the lowest seat, 1 for the highest)',
	percentile: 'percentile rank (share of seats below it)'
};

export const NULL_POLICY_TEXT: Record<NullPolicy, string> = {
	exclude: 'seats without a value get no score',
	'impute-national-median': 'missing values take the UK median',
	'impute-nation-median': "missing values take their nation's median (the UK median where the nation has none)",
	reweight: 'the indicator is dropped for seats without a value and the other weights re-scaled',
	partial: 'seats without a value are scored on the other indicators only; that score is marked partial and is not ranked against complete scores'
};

export const SCORE_LABEL: Record<ScoreKey, string> = { postIndustrial: 'Post-industrial score', threat: 'Challenger-threat score' };

export function describeScore(settings: IndicatorSetting[], lookup: (id: string) => Indicator | undefined): string {
	const used = settings.filter((s) => s.weight > 0);
	const total = used.reduce((a, s) => a + s.weight, 0);
	if (!used.length) return 'No indicator has a positive weight.';
	const parts = used.map((s) => {
		const label = lookup(s.id)?.label ?? s.id;
		const share = Math.round((100 * s.weight) / total);
		return `${share}% × ${label}${s.direction === -1 ? ' (reversed: lower counts as higher)' : ''}`;
	});
	return `The weighted average of ${parts.join(', ')}, each normalised first.`;
}

/** What ranks the eligible seats when it is P(loss): the risk run's base election and scenario. */
export interface PLossRanking {
	baseYear: number;
	/** The scenario spec (`no-change`, `result:2019`, `lab=30,…`). */
	spec: string;
	notional?: boolean;
}

/** The priority in words; `byPLoss` when the eligible seats are ranked by P(loss) (the default). */
export function describePriority(definition: ScoreDefinition, holderLabel: (key: string) => string, byPLoss: PLossRanking | null = null): string {
	const how = { geometric: 'the geometric mean', mean: 'the average', min: 'the lower' }[definition.priority.method];
	const e = definition.priority.eligibility;
	const filters = [
		e.holders.length ? `held by ${e.holders.map(holderLabel).join(' or ')}` : 'held by any party',
		e.nations.length ? `in ${e.nations.join(' or ')}` : '',
		e.regions.length ? `in ${e.regions.join(' or ')}` : '',
		e.cityClasses?.length ? `classed ${e.cityClasses.join(' or ')} by Centre for Cities` : '',
		e.minPostIndustrialPercentile > 0 ? `post-industrial at or above the ${e.minPostIndustrialPercentile}th percentile` : '',
		e.minThreatPercentile > 0 ? `threat at or above the ${e.minThreatPercentile}th percentile` : ''
	].filter(Boolean);
	if (byPLoss) {
		const scenario = byPLoss.spec === 'no-change' ? 'no change' : byPLoss.spec.startsWith('result:') ? `the real result of ${byPLoss.spec.slice(7)}` : `the national shares ${byPLoss.spec}`;
		return `Priority is P(loss), the chance (0–1) that the holder loses the seat, from the ${byPLoss.baseYear}${byPLoss.notional ? ' (notional)' : ''} election under ${scenario}, for seats ${filters.join(', ')}. Other seats get no priority.`;
	}
	return `Priority is ${how} of the two scores' percentile ranks (0–1), for seats ${filters.join(', ')}. Other seats get no priority.`;
}
