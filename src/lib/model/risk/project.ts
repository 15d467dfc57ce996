/**
 * Projecting a whole base election to a scenario: the swing model seat by seat, then the optional
 * demographic adjustment, with the special-seat rules applied first.
 */
import { isGbNation, sharesOf, type NationalShares, type SeatResult } from './history';
import { PARTY_INDEX, riskPartyOfWinner, type RiskParty } from './parties';
import { scenarioSwing, type NationalScenario } from './scenario';
import { normalise, projectSeat, type SwingModel } from './swing';
import type { ProjectedSeat } from './simulate';

export const EXCLUSION = {
	ni: 'Northern Ireland is not modelled: Great Britain’s parties barely stand there, and there is no NI scenario.',
	speaker: 'The Speaker’s seat: the main parties do not stand against the Speaker, so it is no party’s to lose.',
	noResult: 'No result for this seat at the base election.'
} as const;

/** Why the model gives a seat no P(loss), or null when it does. */
export function riskExclusion(seat: SeatResult): string | null {
	if (!isGbNation(seat.nation)) return EXCLUSION.ni;
	if (seat.winner === 'speaker') return EXCLUSION.speaker;
	if (!riskPartyOfWinner(seat.winner) || seat.votes.every((v) => v <= 0)) return EXCLUSION.noResult;
	return null;
}

/**
 * The part of the last swing that seat characteristics explained, carried forward: per party, the
 * slope of (real − projected share) on the seat's Leave share, fitted on the election pair that
 * ended at the base election. Added as `beta[p] × (leave − mean)` points.
 */
export interface DemographicAdjustment {
	beta: number[];
	mean: number;
	fittedOn: [number, number];
}

export interface SeatProjection extends ProjectedSeat {
	base: number[];
	exclusion: string | null;
	/** Change of the holder's lead from the base result to the projection, in points. */
	swing: number | null;
}

export function leadOf(shares: readonly number[], holder: number): number {
	let rival = -Infinity;
	shares.forEach((s, p) => {
		if (p !== holder && s > rival) rival = s;
	});
	return shares[holder] - rival;
}

export function projectElection(seats: readonly SeatResult[], baseNational: NationalShares, scenario: NationalScenario, model: SwingModel, demographic: DemographicAdjustment | null, realResult?: NationalShares): SeatProjection[] {
	return seats.map((seat) => {
		const exclusion = riskExclusion(seat);
		const shares = sharesOf(seat.votes);
		if (exclusion || !isGbNation(seat.nation)) return { code: seat.code, holder: null, projected: shares, base: shares, exclusion, swing: null };
		const { from, to } = scenarioSwing(scenario, seat.nation, baseNational, realResult);
		let projected = projectSeat(shares, from, to, model);
		if (demographic && seat.leave !== null && scenario.kind !== 'no-change') {
			const shift = seat.leave - demographic.mean;
			projected = normalise(
				projected.map((x, p) => (x > 0 ? x + demographic.beta[p] * shift : 0)),
				projected
			);
		}
		const holder = riskPartyOfWinner(seat.winner) as RiskParty;
		const h = PARTY_INDEX[holder];
		return { code: seat.code, holder, projected, base: shares, exclusion: null, swing: leadOf(projected, h) - leadOf(shares, h) };
	});
}
