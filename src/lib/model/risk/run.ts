/**
 * One call from base election and scenario to P(loss) for every seat: fit (earlier elections only),
 * project, simulate. The app runs it in a worker; the CLI and the tests run it directly.
 */
import type { BoundarySet } from '../catalogue';
import { fitRiskModel, type RiskModelFit } from './fit';
import { nationalShares, type ElectionHistory, type RiskYear } from './history';
import { projectElection, type SeatProjection } from './project';
import type { NationalScenario } from './scenario';
import { simulate, type SimulationResult } from './simulate';

export type RiskHistories = Record<BoundarySet, ElectionHistory>;

/** Base elections offered per boundary set; 2019 on the 2024 set is notional. */
export const BASE_YEARS: Record<BoundarySet, RiskYear[]> = { '2010': [2010, 2015, 2017, 2019], '2024': [2019, 2024] };

export const DEFAULT_DRAWS = 2000;
export const DEFAULT_SEED = 2016;

export interface RiskRun {
	set: BoundarySet;
	baseYear: RiskYear;
	notionalBase: boolean;
	scenario: NationalScenario;
	fit: RiskModelFit;
	projections: SeatProjection[];
	simulation: SimulationResult;
}

/** Fits are the slow part and depend only on the base year: keep them per base. */
const fitCache = new WeakMap<RiskHistories, Map<RiskYear, RiskModelFit>>();

export function fitFor(histories: RiskHistories, baseYear: RiskYear): RiskModelFit {
	let byYear = fitCache.get(histories);
	if (!byYear) fitCache.set(histories, (byYear = new Map()));
	let fit = byYear.get(baseYear);
	if (!fit) byYear.set(baseYear, (fit = fitRiskModel([histories['2010'], histories['2024']], baseYear)));
	return fit;
}

export function runRisk(histories: RiskHistories, set: BoundarySet, baseYear: RiskYear, scenario: NationalScenario, options: { draws?: number; seed?: number; keepDraws?: boolean } = {}): RiskRun {
	const base = histories[set].get(baseYear);
	if (!base) throw new Error(`There is no ${baseYear} election on the ${set} boundaries.`);
	const fit = fitFor(histories, baseYear);
	const realResult = scenario.kind === 'result' ? histories[set].get(scenario.year) : undefined;
	if (scenario.kind === 'result' && !realResult) throw new Error(`There is no ${scenario.year} result on the ${set} boundaries.`);
	const projections = projectElection(base, nationalShares(base), scenario, fit.swing, fit.demographic, realResult && nationalShares(realResult));
	const simulation = simulate(projections, fit.errors, { draws: options.draws ?? DEFAULT_DRAWS, seed: options.seed ?? DEFAULT_SEED, keepDraws: options.keepDraws });
	return { set, baseYear, notionalBase: base.some((s) => s.notional), scenario, fit, projections, simulation };
}
