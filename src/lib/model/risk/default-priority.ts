/**
 * Why the priority ranks the eligible seats by P(loss) by default, in numbers a committee can check.
 * Measured on the app's own data with the app's own path (`tests/unit/default-priority.test.ts`
 * recomputes every figure here and fails if one drifts): the 2015 / UKIP lens's default eligible
 * seats (held by Labour in 2015), ranked three ways, against the seats Labour really lost at the
 * next two elections. The Speaker's seat in the target year (Chorley in 2019) is no loss and is
 * left out. P(loss) is the model under "no change" from 2015: fitted on 2005–2015 and the 2016
 * referendum only, told nothing about the later result. AUC: the chance that a seat Labour lost is
 * ranked above one it held (1 perfect, 0.5 a coin toss).
 */
export interface PriorityEvidence {
	target: 2017 | 2019;
	seats: number;
	lost: number;
	/** The default: P(loss) under no change, 2,000 draws, the app's seed. */
	pLoss: number;
	/** The combined score percentile (the default before P(loss)). */
	scores: number;
	/** Labour's 2015 majority alone, smaller first. */
	majority: number;
}

export const DEFAULT_PRIORITY_EVIDENCE: readonly PriorityEvidence[] = [
	{ target: 2017, seats: 232, lost: 6, pLoss: 0.89, scores: 0.763, majority: 0.886 },
	{ target: 2019, seats: 231, lost: 46, pLoss: 0.825, scores: 0.764, majority: 0.821 }
];
