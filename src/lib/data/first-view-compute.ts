/**
 * The first view's core, through the database door: the same calls, in the same order, that the
 * page makes for the default lens (prepare the indicators, score the default definition, read the
 * Data tab's table, run the risk model for the lens's own base and "no change"). The build runs it
 * in native DuckDB; the parity test runs it in DuckDB-wasm and compares.
 */
import type { Database } from '$lib/db/types';
import { defaultDefinition } from '$lib/model/lenses';
import { LENS_BOUNDARY_SET, type LensId } from '$lib/model/definition';
import type { RiskYear } from '$lib/model/risk/history';
import { runRisk } from '$lib/model/risk/run';
import { parseScenario } from '$lib/model/risk/scenario';
import { packRun } from '$lib/model/risk/transfer';
import { lensById } from '$lib/model/lenses';
import { constituencyOverview } from '$lib/queries/overview';
import { packedToJson, toColumnar, type FirstViewCore } from './first-view';
import { prepareIndicators } from './prepare-indicators';
import { loadRiskHistories } from './risk-inputs';
import { scoreDefinition } from './score-run';

/** The risk setting the first view is for: what a page without a link starts with. */
export const FIRST_VIEW_SPEC = 'no-change';

/** Needs the manifest's tables loaded; builds the indicator tables as the page does. */
export async function computeFirstViewCore(db: Database, lens: LensId): Promise<FirstViewCore> {
	const prepared = await prepareIndicators(db);
	const definition = defaultDefinition(lens);
	const scores = await scoreDefinition(db, definition);
	const overview = (await db.query(constituencyOverview())).rows;
	const histories = await loadRiskHistories(db);
	const scenario = parseScenario(FIRST_VIEW_SPEC);
	if (!scenario.ok) throw new Error(scenario.error);
	const run = runRisk(histories, LENS_BOUNDARY_SET[lens], lensById(lens).year as RiskYear, scenario.value);
	return { lens, definition, prepared, scores: toColumnar(scores), overview: toColumnar(overview), risk: packedToJson(packRun(run, FIRST_VIEW_SPEC).packed) };
}
