/**
 * Fitting the seat-risk model for a base election, from earlier elections only.
 *
 * The rule: every parameter is fitted on election pairs that end at or before the base year, so a
 * forecast from the base could have been made with them. The 2016 referendum counts as known from
 * 2016: Leave is used for bases from 2015 on, since a forecast from the 2015 base (the fund's 2016
 * decision) is made after the referendum. `fitRiskModel` reads `history` only through
 * `yearsUpTo(base)`; a test holds it to that.
 *
 * Three things are fitted, each from the model's own out-of-sample misses:
 * - the swing model: the one whose projected holder's lead missed least (RMSE) on the earlier pairs,
 *   each pair projected with its own target's real per-nation shares;
 * - the demographic adjustment: from the pair ending at the base (see `project.ts`);
 * - the error sizes: the misses of the chosen model, in points per √(share + 1). The shared error is
 *   how far whole regions missed together; the per-seat error is what is left.
 */
import { isGbNation, nationalShares, sharesOf, type ElectionHistory, type RiskYear, type SeatResult } from './history';
import { PARTY_INDEX, RISK_PARTIES, riskPartyOfWinner } from './parties';
import { leadOf, projectElection, riskExclusion, type DemographicAdjustment } from './project';
import type { ErrorModel } from './simulate';
import { SWING_MODELS, type SwingModel } from './swing';
import { fitLogistic } from './metrics';

export const LEAVE_KNOWN_FROM_BASE = 2015;

export interface RiskModelFit {
	baseYear: RiskYear;
	swing: SwingModel;
	demographic: DemographicAdjustment | null;
	errors: ErrorModel;
	/** The pairs every parameter was fitted on. */
	pairs: [RiskYear, RiskYear][];
	/** RMSE of the projected holder's lead on those pairs, per swing model (the choice). */
	leadRmse: Record<SwingModel, number>;
}

/** The elections of each boundary set up to `base`: the only view of the history fitting gets. */
function yearsUpTo(histories: readonly ElectionHistory[], base: RiskYear): Map<RiskYear, readonly SeatResult[]>[] {
	return histories.map((h) => {
		const kept = new Map<RiskYear, readonly SeatResult[]>();
		for (const year of [...h.keys()].sort()) if (year <= base) kept.set(year, h.get(year)!);
		return kept;
	});
}

interface Pair {
	from: RiskYear;
	to: RiskYear;
	base: readonly SeatResult[];
	target: Map<string, SeatResult>;
}

function consecutivePairs(histories: Map<RiskYear, readonly SeatResult[]>[]): Pair[] {
	const pairs: Pair[] = [];
	for (const h of histories) {
		const years = [...h.keys()].sort();
		for (let i = 1; i < years.length; i++) {
			pairs.push({ from: years[i - 1], to: years[i], base: h.get(years[i - 1])!, target: new Map(h.get(years[i])!.map((s) => [s.code, s])) });
		}
	}
	return pairs;
}

interface Miss {
	region: string;
	/** Real minus projected share, per party, and the projected share it is scaled by. */
	residual: number[];
	projected: number[];
	leadMiss: number;
}

function pairMisses(pair: Pair, model: SwingModel, demographic: DemographicAdjustment | null): Miss[] {
	const seats = pair.base.filter((s) => {
		const t = pair.target.get(s.code);
		return t && !riskExclusion(s) && !riskExclusion(t);
	});
	const real = nationalShares([...pair.target.values()]);
	const projections = projectElection(seats, nationalShares(pair.base), { kind: 'result', year: pair.to }, model, demographic, real);
	return projections.map((p, i) => {
		const actual = sharesOf(pair.target.get(p.code)!.votes);
		const h = PARTY_INDEX[p.holder!];
		return { region: seats[i].region, residual: actual.map((a, k) => a - p.projected[k]), projected: p.projected, leadMiss: leadOf(actual, h) - leadOf(p.projected, h) };
	});
}

/** Least-squares slope per party of the residual on Leave, over GB seats with a Leave figure. */
function fitDemographic(pair: Pair, model: SwingModel): DemographicAdjustment | null {
	const seats = pair.base.filter((s) => s.leave !== null && pair.target.has(s.code) && !riskExclusion(s) && !riskExclusion(pair.target.get(s.code)!));
	if (seats.length < 30) return null;
	const misses = pairMisses({ ...pair, base: seats }, model, null);
	const leave = seats.map((s) => s.leave!);
	const mean = leave.reduce((a, b) => a + b, 0) / leave.length;
	const sxx = leave.reduce((a, x) => a + (x - mean) ** 2, 0);
	const beta = RISK_PARTIES.map((_, p) => misses.reduce((a, m, i) => a + (leave[i] - mean) * m.residual[p], 0) / sxx);
	return { beta, mean, fittedOn: [pair.from, pair.to] };
}

function demographicFor(pairs: Pair[], base: RiskYear, model: SwingModel): DemographicAdjustment | null {
	if (base < LEAVE_KNOWN_FROM_BASE) return null;
	const last = pairs.filter((p) => p.to === base).at(-1);
	return last ? fitDemographic(last, model) : null;
}

function errorModel(misses: Miss[]): ErrorModel {
	const groups = new Map<string, { sum: number; n: number }>();
	let total = 0;
	let count = 0;
	for (const m of misses) {
		m.residual.forEach((r, p) => {
			if (m.projected[p] <= 0) return;
			const u = r / Math.sqrt(m.projected[p] + 1);
			const key = `${m.region}|${p}`;
			const g = groups.get(key) ?? { sum: 0, n: 0 };
			g.sum += u;
			g.n++;
			groups.set(key, g);
			total += u * u;
			count++;
		});
	}
	// Split the mean square into the part regions share and the part within them.
	let between = 0;
	let weight = 0;
	for (const g of groups.values()) {
		between += g.n * (g.sum / g.n) ** 2;
		weight += g.n;
	}
	const sharedSq = between / weight;
	const seatSq = Math.max(total / count - sharedSq, 0);
	const groupSize = weight / groups.size;
	// The region means carry some seat noise (seatSq / n): take it out of the shared part.
	return { shared: Math.sqrt(Math.max(sharedSq - seatSq / groupSize, 0)), seat: Math.sqrt(seatSq) };
}

export function fitRiskModel(histories: readonly ElectionHistory[], baseYear: RiskYear): RiskModelFit {
	const pairs = consecutivePairs(yearsUpTo(histories, baseYear));
	if (pairs.length === 0) throw new Error(`No election pair ends by ${baseYear}: nothing to fit the model on.`);
	const missesBy = {} as Record<SwingModel, Miss[]>;
	const leadRmse = {} as Record<SwingModel, number>;
	for (const model of SWING_MODELS) {
		missesBy[model] = pairs.flatMap((pair) => pairMisses(pair, model, demographicFor(pairs, pair.from, model)));
		const sq = missesBy[model].reduce((a, m) => a + m.leadMiss ** 2, 0);
		leadRmse[model] = Math.sqrt(sq / missesBy[model].length);
	}
	const swing = SWING_MODELS.reduce((best, m) => (leadRmse[m] < leadRmse[best] ? m : best));
	return {
		baseYear,
		swing,
		demographic: demographicFor(pairs, baseYear, swing),
		errors: errorModel(missesBy[swing]),
		pairs: pairs.map((p) => [p.from, p.to]),
		leadRmse
	};
}

/** GB seats the holder's model covers, for reporting: not NI, not the Speaker. */
export function modelledSeats(seats: readonly SeatResult[]): SeatResult[] {
	return seats.filter((s) => isGbNation(s.nation) && !riskExclusion(s) && riskPartyOfWinner(s.winner) !== null);
}

/**
 * The simple rule the model must beat, made a probability: a logistic curve of "the holder lost" on
 * the holder's lead at the base election, fitted on the same earlier pairs as the model.
 */
export function fitMajorityBaseline(histories: readonly ElectionHistory[], baseYear: RiskYear): { a: number; b: number } {
	const xs: number[] = [];
	const ys: (0 | 1)[] = [];
	for (const pair of consecutivePairs(yearsUpTo(histories, baseYear))) {
		for (const seat of pair.base) {
			const target = pair.target.get(seat.code);
			if (!target || riskExclusion(seat) || riskExclusion(target)) continue;
			const holder = riskPartyOfWinner(seat.winner)!;
			xs.push(leadOf(sharesOf(seat.votes), PARTY_INDEX[holder]));
			ys.push(riskPartyOfWinner(target.winner) === holder ? 0 : 1);
		}
	}
	return fitLogistic(xs, ys);
}
