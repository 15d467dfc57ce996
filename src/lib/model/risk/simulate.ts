/**
 * The seeded Monte Carlo behind P(loss). Each draw adds to every projected share a shared error
 * (one per party per draw, the same in every seat) and a per-seat error, both scaled by
 * √(share + 1) because big shares move more points than small ones. Shares are clipped at zero and
 * rescaled to 100; a party that does not stand (projected 0) stays at 0. The holder loses a draw
 * when another party comes first. Error sizes come from `fit.ts`, never from the pair being tested.
 */
import { RISK_PARTIES, type RiskParty } from './parties';
import { fastNormalSource, quantileSorted } from './random';

export interface ErrorModel {
	/** SD of the shared error, in points per √(share + 1). */
	shared: number;
	/** SD of the per-seat error, in the same units. */
	seat: number;
}

export interface ProjectedSeat {
	code: string;
	/** The party holding the seat at the base election, or null when the model leaves it out. */
	holder: RiskParty | null;
	projected: number[];
}

export interface SeatRisk {
	code: string;
	pLoss: number;
	/** Winner of the central projection. */
	projectedWinner: RiskParty;
	/** Holder's share minus the strongest rival's, central projection and 5–95% range of the draws. */
	lead: number;
	leadLow: number;
	leadHigh: number;
	/** The draws' lower quartile, median and upper quartile: with the range, the lead's distribution. */
	leadQ1: number;
	leadMedian: number;
	leadQ3: number;
}

export interface HolderLosses {
	holder: RiskParty;
	held: number;
	expectedLost: number;
	low: number;
	high: number;
	/** `distribution[k]`: share of draws in which the holder lost exactly k seats. */
	distribution: number[];
}

export interface SimulationResult {
	seats: SeatRisk[];
	/** With `keepDraws`: each seat's lead in every draw, unsorted (draw d is the same national error everywhere). */
	leadDraws?: Float64Array[];
	losses: HolderLosses[];
	draws: number;
	seed: number;
}

const NP = RISK_PARTIES.length;

function leadOf(shares: ArrayLike<number>, holder: number): number {
	let rival = -Infinity;
	for (let p = 0; p < NP; p++) if (p !== holder && shares[p] > rival) rival = shares[p];
	return shares[holder] - rival;
}

function argmax(shares: ArrayLike<number>): number {
	let best = 0;
	for (let p = 1; p < NP; p++) if (shares[p] > shares[best]) best = p;
	return best;
}

export function simulate(seats: readonly ProjectedSeat[], errors: ErrorModel, options: { draws: number; seed: number; keepDraws?: boolean }): SimulationResult {
	const { draws, seed } = options;
	const normal = fastNormalSource(seed);
	const modelled = seats.filter((s) => s.holder !== null);
	const leads = modelled.map(() => new Float64Array(draws));
	const lostCount = new Float64Array(modelled.length);
	const holderIndex = modelled.map((s) => RISK_PARTIES.indexOf(s.holder!));
	const lostByHolder = new Map<number, Int32Array>();
	for (const h of new Set(holderIndex)) lostByHolder.set(h, new Int32Array(draws));
	// Flat arrays, and √(share + 1) once per seat and party rather than once per draw.
	const base = new Float64Array(modelled.length * NP);
	const scale = new Float64Array(modelled.length * NP);
	modelled.forEach((seat, s) => {
		for (let p = 0; p < NP; p++) {
			base[s * NP + p] = seat.projected[p];
			scale[s * NP + p] = seat.projected[p] > 0 ? Math.sqrt(seat.projected[p] + 1) : 0;
		}
	});
	const shared = new Float64Array(NP);
	const draw = new Float64Array(NP);
	for (let d = 0; d < draws; d++) {
		for (let p = 0; p < NP; p++) shared[p] = errors.shared * normal();
		for (let s = 0; s < modelled.length; s++) {
			const o = s * NP;
			let total = 0;
			for (let p = 0; p < NP; p++) {
				const k = scale[o + p];
				const v = k > 0 ? base[o + p] + k * (shared[p] + errors.seat * normal()) : 0;
				draw[p] = v > 0 ? v : 0;
				total += draw[p];
			}
			const h = holderIndex[s];
			// Rescaling to 100 never changes who is first, only the size of the lead.
			const lead = total > 0 ? (leadOf(draw, h) * 100) / total : 0;
			leads[s][d] = lead;
			if (lead < 0) {
				lostCount[s]++;
				lostByHolder.get(h)![d]++;
			}
		}
	}
	const leadDraws = options.keepDraws ? leads.map((l) => l.slice()) : undefined;
	const risks = modelled.map((seat, s) => {
		const sorted = leads[s].sort();
		return {
			code: seat.code,
			pLoss: lostCount[s] / draws,
			projectedWinner: RISK_PARTIES[argmax(seat.projected)],
			lead: leadOf(seat.projected, holderIndex[s]),
			leadLow: quantileSorted(sorted, 0.05),
			leadHigh: quantileSorted(sorted, 0.95),
			leadQ1: quantileSorted(sorted, 0.25),
			leadMedian: quantileSorted(sorted, 0.5),
			leadQ3: quantileSorted(sorted, 0.75)
		};
	});
	const losses = [...lostByHolder.entries()].map(([h, perDraw]) => {
		const held = holderIndex.filter((x) => x === h).length;
		const counts = new Array<number>(held + 1).fill(0);
		for (const k of perDraw) counts[k]++;
		const distribution = counts.map((c) => c / draws);
		const sorted = Float64Array.from(perDraw).sort();
		return {
			holder: RISK_PARTIES[h],
			held,
			expectedLost: sorted.reduce((a, b) => a + b, 0) / draws,
			// Whole seats: the range is widened to the counts either side.
			low: Math.floor(quantileSorted(sorted, 0.05)),
			high: Math.ceil(quantileSorted(sorted, 0.95)),
			distribution
		};
	});
	return { seats: risks, losses, draws, seed, ...(leadDraws ? { leadDraws } : {}) };
}
