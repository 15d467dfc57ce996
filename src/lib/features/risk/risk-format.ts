/** Words and numbers for the risk views: the headline, the fitted model in plain words, a seat's story. */
import type { HolderLosses } from '$lib/model/risk/simulate';
import type { RiskModelFit } from '$lib/model/risk/fit';
import { RISK_PARTY_LABEL, type RiskParty } from '$lib/model/risk/parties';
import { SWING_MODEL_LABEL, SWING_MODELS } from '$lib/model/risk/swing';
import type { RiskSeat, RiskSummary } from '$lib/model/risk/transfer';

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const signed = (v: number, digits = 1) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(digits)}`;
const points = (v: number) => `${signed(v)} points`;

export function partyLabel(party: RiskParty | null): string {
	return party ? RISK_PARTY_LABEL[party] : '—';
}

/** "Labour: 31 of 232 expected lost (90%: 22–40)". */
export function lossHeadline(l: HolderLosses): string {
	return `${RISK_PARTY_LABEL[l.holder]}: ${Math.round(l.expectedLost)} of ${l.held} expected lost (90%: ${Math.round(l.low)}–${Math.round(l.high)})`;
}

/** A probability as a whole percent; the ends say "<1%" and ">99%" rather than a false certainty. */
export function formatPLoss(p: number | null): string {
	if (p === null) return '—';
	if (p === 0) return '0%';
	if (p === 1) return '100%';
	if (p < 0.01) return '<1%';
	if (p > 0.99) return '>99%';
	return `${Math.round(p * 100)}%`;
}

/** The holder whose losses lead the page: the first eligible holder the model knows, else the biggest. */
export function headlineHolder(losses: readonly HolderLosses[], preferred: readonly (RiskParty | null)[]): HolderLosses | null {
	for (const p of preferred) {
		const found = losses.find((l) => l.holder === p);
		if (found) return found;
	}
	return [...losses].sort((a, b) => b.held - a.held)[0] ?? null;
}

export function baseLabel(summary: Pick<RiskSummary, 'baseYear' | 'notionalBase'>): string {
	return summary.notionalBase ? `${summary.baseYear} (notional: carried onto these boundaries)` : String(summary.baseYear);
}

/** The fitted model in plain words, one sentence per fact. */
export function fitFacts(fit: RiskModelFit, draws: number, seed: number): { term: string; text: string }[] {
	const pairs = fit.pairs.map(([a, b]) => `${a}→${b}`).join(', ');
	const others = SWING_MODELS.filter((m) => m !== fit.swing).map((m) => `${SWING_MODEL_LABEL[m].toLowerCase()} ${fit.leadRmse[m].toFixed(1)}`);
	// A party on 35% is what the error sizes mean for a big party; they scale with √(share + 1).
	const scale = Math.sqrt(36);
	return [
		{
			term: 'Swing model',
			text: `${SWING_MODEL_LABEL[fit.swing]}: on the earlier elections it missed the holder's lead by ${fit.leadRmse[fit.swing].toFixed(1)} points (typical error), against ${others.join(' and ')} for the others.`
		},
		{ term: 'Fitted on', text: `${pairs} — only elections up to ${fit.baseYear}, so a forecast made then could have used the same numbers.` },
		{
			term: 'Local adjustment',
			text: fit.demographic ? `The part of the ${fit.demographic.fittedOn.join('→')} swing that a seat's Leave vote explained is carried forward.` : 'None: no earlier pair to fit it on, or Leave was not yet known.'
		},
		{
			term: 'Uncertainty',
			text: `A party on 35% moves by about ±${(fit.errors.shared * scale).toFixed(1)} points in every seat together (a national polling miss) and by ±${(fit.errors.seat * scale).toFixed(1)} points seat by seat (one standard deviation each), sized from the model's own misses.`
		},
		{ term: 'Simulation', text: `${thousands(draws)} simulated elections (seed ${seed}); P(loss) is the share of them in which the holder does not come first.` }
	];
}

/** A seat's risk in sentences: base lead, projected swing, projected lead and its range, P(loss). */
export function seatRiskLines(seat: RiskSeat, summary: Pick<RiskSummary, 'baseYear' | 'notionalBase' | 'draws'>): string[] {
	if (seat.exclusion || seat.pLoss === null || seat.holder === null) return [seat.exclusion ?? 'Not modelled.'];
	const base = `${summary.baseYear}${summary.notionalBase ? ' (notional)' : ''}`;
	const lines = [`${partyLabel(seat.holder)} held it in ${base} with a lead of ${points(seat.baseLead ?? 0)} over the nearest rival.`];
	if (seat.swing !== null && seat.lead !== null) {
		lines.push(`The scenario moves that lead by ${points(seat.swing)}, to ${points(seat.lead)} (90% range ${signed(seat.leadLow ?? 0)} to ${signed(seat.leadHigh ?? 0)}).`);
	}
	lines.push(`Projected winner: ${partyLabel(seat.winner)}. Chance ${partyLabel(seat.holder)} loses it: ${formatPLoss(seat.pLoss)} of ${thousands(summary.draws)} simulated elections.`);
	return lines;
}
