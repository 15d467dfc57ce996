/**
 * Election tables used only by the seat-risk model's fitting: the notional 2005 result on the 2010
 * boundaries (BES), so the model for the 2010 base has an earlier pair (2005→2010) to learn from.
 */
import type { TableBuild } from './tables';

const WINNER_KEY = `CASE Winner05 WHEN 'Labour' THEN 'lab' WHEN 'Conservative' THEN 'con' WHEN 'Liberal Democrat' THEN 'ld'
	WHEN 'Scottish National Party' THEN 'snp' WHEN 'Plaid Cymru' THEN 'pc' WHEN 'Other' THEN 'other' END`;

export const RESULTS_2005: TableBuild = {
	name: 'results2005',
	description: 'Notional 2005 general election result on the 2010 boundaries (Great Britain), votes per party; fits the seat-risk model.',
	sources: ['besResults2005', 'constituencies2010'],
	expectedRows: 632,
	// Blank vote cells mean the party did not stand. `other` is everyone else: the total minus the
	// named parties (BNP included, since the model has no BNP line).
	sql: (src) => `
		SELECT ONSConstID AS code, ${WINNER_KEY} AS winner_key, Electorate05::INTEGER AS electorate, TotalVote05::INTEGER AS valid_votes,
		       coalesce(ConVote05, 0)::INTEGER AS con, coalesce(LabVote05, 0)::INTEGER AS lab, coalesce(LDVote05, 0)::INTEGER AS ld,
		       coalesce(SNPVote05, 0)::INTEGER AS snp, coalesce(PCVote05, 0)::INTEGER AS pc, coalesce(GreenVote05, 0)::INTEGER AS green,
		       coalesce(UKIPVote05, 0)::INTEGER AS ukip,
		       (TotalVote05 - coalesce(ConVote05, 0) - coalesce(LabVote05, 0) - coalesce(LDVote05, 0) - coalesce(SNPVote05, 0)
		        - coalesce(PCVote05, 0) - coalesce(GreenVote05, 0) - coalesce(UKIPVote05, 0))::INTEGER AS other
		FROM ${src('besResults2005')}
		ORDER BY code`,
	checks: [
		{ what: 'a 2005 winner is not one of the parties the file names', sql: () => `SELECT code FROM results2005 WHERE winner_key IS NULL` },
		{ what: 'the named parties’ 2005 votes exceed the total', sql: () => `SELECT code, valid_votes, other FROM results2005 WHERE other < 0 OR valid_votes <= 0` },
		{
			what: 'a 2005 code is not a Great Britain seat of the 2010 set',
			sql: (src) => `SELECT ONSConstID AS code FROM ${src('besResults2005')} WHERE ONSConstID NOT IN (SELECT ons_id FROM ${src('constituencies2010')} WHERE country <> 'Northern Ireland')`
		}
	]
};
