/** The seat-risk model's inputs, read through the database door for both boundary sets. */
import type { Database } from '$lib/db/types';
import { riskInputsQuery } from '$lib/queries/risk';
import { historyFromRows } from '$lib/model/risk/rows';
import type { RiskHistories } from '$lib/model/risk/run';

export async function loadRiskHistories(db: Database): Promise<RiskHistories> {
	const [a, b] = [await db.query(riskInputsQuery('2010')), await db.query(riskInputsQuery('2024'))];
	return { '2010': historyFromRows(a.rows), '2024': historyFromRows(b.rows) };
}
