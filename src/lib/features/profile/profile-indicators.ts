/**
 * Which indicators the seat profile offers: the lens's own (its two scores' inputs, the default
 * for "similar seats" and the percentile strip), plus a few that describe a place rather than
 * score it (age, benefits, rurality, turnout, majority), offered for similarity and read for
 * "what makes this seat unusual".
 */
import type { BoundarySet, Indicator } from '$lib/model/catalogue';
import type { ScoreDefinition } from '$lib/model/definition';

const EXTRAS: Record<BoundarySet, string[]> = {
	'2010': ['profile.adults_65_plus_2018', 'profile.out_of_work_benefits_2017', 'profile.rural_2011', 'profile.density_2018'],
	'2024': ['direct.aged_65_plus_2021', 'direct.social_rented_2021', 'notional.profile.out_of_work_benefits_2017', 'notional.profile.rural_2011']
};

/** The ids of the lens's two scores, in order, once each. */
export function lensIndicatorIds(definition: ScoreDefinition): string[] {
	return [...new Set([...definition.scores.postIndustrial, ...definition.scores.threat].map((s) => s.id))];
}

/** Lens indicators first, then the describing extras that exist in this catalogue. */
export function profileCandidates(definition: ScoreDefinition, set: BoundarySet, year: number, known: ReadonlyMap<string, Indicator>): string[] {
	const extras = [...EXTRAS[set], `turnout.${year}`, `majority.${year}`];
	return [...new Set([...lensIndicatorIds(definition), ...extras])].filter((id) => known.has(id));
}
