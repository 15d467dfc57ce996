/**
 * The measurement behind the default priority (src/lib/model/risk/default-priority.ts), through the
 * app's own path: the 2015 lens's default definition scored by the app's SQL, its eligible seats
 * re-ranked by `rankByPLoss` with P(loss) from `runRisk` under "no change" (the worker's call and
 * defaults), and the AUC of each ranking against the seats Labour lost in 2017 and in 2019.
 * Every figure the app and README quote is recomputed here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/db/types';
import { prepareIndicators } from '../../src/lib/data/prepare-indicators';
import { loadRiskHistories } from '../../src/lib/data/risk-inputs';
import { auc } from '../../src/lib/model/backtest';
import { defaultDefinition } from '../../src/lib/model/lenses';
import { heldOutcomes } from '../../src/lib/model/risk/backtest';
import { DEFAULT_PRIORITY_EVIDENCE } from '../../src/lib/model/risk/default-priority';
import { sharesOf } from '../../src/lib/model/risk/history';
import { PARTY_INDEX } from '../../src/lib/model/risk/parties';
import { leadOf } from '../../src/lib/model/risk/project';
import { runRisk, type RiskHistories } from '../../src/lib/model/risk/run';
import { NO_CHANGE } from '../../src/lib/model/risk/scenario';
import { scoreQuery } from '../../src/lib/queries/scoring';
import { rankByPLoss } from '../../src/lib/features/risk/risk-priority';
import type { ScoredRow } from '../../src/lib/features/scores/scores-state.svelte';
import { openLoadedDatabase } from './helpers';

let db: Database;
let histories: RiskHistories;
let scored: ScoredRow[];
beforeAll(async () => {
	({ db } = await openLoadedDatabase());
	await prepareIndicators(db);
	histories = await loadRiskHistories(db);
	const q = scoreQuery(defaultDefinition('2015-ukip'));
	scored = (await db.query(q.sql, q.params)).rows as unknown as ScoredRow[];
}, 120_000);
afterAll(async () => db?.close());

/** AUC of three rankings of the eligible seats (rank 1 = most at risk) against "Labour lost it". */
function measure(target: 2017 | 2019) {
	const run = runRisk(histories, '2010', 2015, NO_CHANGE);
	const pLoss = new Map(run.simulation.seats.map((s) => [s.code, s.pLoss]));
	const byPLoss = new Map(rankByPLoss(scored, (code) => pLoss.get(code) ?? null).map((r) => [r.code, r.priority_rank]));
	const byScores = new Map(scored.map((r) => [r.code, r.priority_rank]));
	const outcomes = heldOutcomes(histories['2010'].get(2015)!, histories['2010'].get(target)!, 'lab');
	const eligible = outcomes.filter((o) => byScores.get(o.seat.code) !== null && byScores.get(o.seat.code) !== undefined);
	const rankAuc = (ranks: Map<string, number | null>) => auc(eligible.map((o) => ({ score: -ranks.get(o.seat.code)!, outcome: o.lost })));
	const lead = (o: (typeof outcomes)[number]) => leadOf(sharesOf(o.seat.votes), PARTY_INDEX.lab);
	return {
		seats: eligible.length,
		lost: eligible.reduce((a, o) => a + o.lost, 0),
		pLoss: rankAuc(byPLoss)!,
		scores: rankAuc(byScores)!,
		majority: auc(eligible.map((o) => ({ score: -lead(o), outcome: o.lost })))!,
		everyHeldSeatEligible: eligible.length === outcomes.length
	};
}

describe('the default priority, measured', () => {
	it.each(DEFAULT_PRIORITY_EVIDENCE.map((e) => [e.target, e] as const))(
		'Labour 2015 → %i: the figures the app quotes',
		(target, quoted) => {
			const m = measure(target);
			// The default eligibility (held by Labour) is exactly the held seats the outcome is defined on.
			expect(m.everyHeldSeatEligible).toBe(true);
			expect([m.seats, m.lost]).toEqual([quoted.seats, quoted.lost]);
			expect(m.pLoss).toBeCloseTo(quoted.pLoss, 3);
			expect(m.scores).toBeCloseTo(quoted.scores, 3);
			expect(m.majority).toBeCloseTo(quoted.majority, 3);
			// The reason for the default: it ranks the real losses better than the old default and than majority alone.
			expect(m.pLoss).toBeGreaterThan(m.scores);
			expect(m.pLoss).toBeGreaterThan(m.majority);
		},
		60_000
	);
});
