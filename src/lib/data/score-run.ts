/**
 * Scoring in two steps, as the Scores screen runs it: the stage (normalised inputs, rebuilt only
 * when the definition's shape changes) and the combine (weights, percentiles, priority, ranks).
 * One sequence for the page, the build-time first view and the tests, so their rows agree.
 */
import type { Database, Row } from '$lib/db/types';
import type { ScoreDefinition } from '$lib/model/definition';
import { combineQuery, createStageTable, READ_STAGE } from '$lib/queries/scoring';

/** Build the stage table and read it back (seat facts and normalised inputs, ordered by code). */
export async function runStage(db: Database, definition: ScoreDefinition): Promise<Row[]> {
	await db.exec(createStageTable(definition));
	return (await db.query(READ_STAGE)).rows;
}

/** Combine over the current stage; both are ordered by code, so row i of each is the same seat. */
export async function runCombine(db: Database, definition: ScoreDefinition, stage: readonly Row[]): Promise<Row[]> {
	const query = combineQuery(definition);
	return (await db.query(query.sql, query.params)).rows.map((r, i) => ({ ...stage[i], ...r }));
}

/** Both steps: the rows the Scores table shows for a definition. */
export async function scoreDefinition(db: Database, definition: ScoreDefinition): Promise<Row[]> {
	return runCombine(db, definition, await runStage(db, definition));
}
