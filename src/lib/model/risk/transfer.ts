/**
 * What the risk worker sends the page: only what the views show, as typed arrays whose buffers
 * are transferred rather than copied. `packRun` runs in the worker, `unpackRun` in the page.
 */
import type { BoundarySet } from '$lib/model/catalogue';
import type { RiskYear } from '$lib/model/risk/history';
import { PARTY_INDEX, RISK_PARTIES, type RiskParty } from '$lib/model/risk/parties';
import { leadOf } from '$lib/model/risk/project';
import type { RiskModelFit } from '$lib/model/risk/fit';
import type { RiskRun } from '$lib/model/risk/run';
import type { HolderLosses } from '$lib/model/risk/simulate';

export interface RiskSeat {
	code: string;
	holder: RiskParty | null;
	/** Null for a seat the model leaves out; `exclusion` says why. */
	pLoss: number | null;
	winner: RiskParty | null;
	/** Holder's share minus the strongest rival's, in points: at the base, projected, and the 90% range. */
	baseLead: number | null;
	lead: number | null;
	leadLow: number | null;
	leadHigh: number | null;
	/** The simulated leads' quartiles and median (the box of the lead's distribution). */
	leadQ1: number | null;
	leadMedian: number | null;
	leadQ3: number | null;
	/** Change of the holder's lead from base to projection. */
	swing: number | null;
	/** Projected shares (percent, `RISK_PARTIES` order). */
	projected: number[];
	exclusion: string | null;
}

/** What a run was of and how it was made, with the national results (small: sent as is). */
interface RunFacts {
	set: BoundarySet;
	baseYear: RiskYear;
	notionalBase: boolean;
	spec: string;
	fit: RiskModelFit;
	losses: HolderLosses[];
	draws: number;
	seed: number;
}

export interface RiskSummary extends RunFacts {
	seats: ReadonlyMap<string, RiskSeat>;
}

const NP = RISK_PARTIES.length;
/** Columns of `numbers`, per seat. */
const COLS = ['pLoss', 'baseLead', 'lead', 'leadLow', 'leadHigh', 'swing', 'leadQ1', 'leadMedian', 'leadQ3'] as const;
const NC = COLS.length;

export interface PackedRun extends RunFacts {
	codes: string[];
	exclusions: (string | null)[];
	/** Party index per seat, -1 for none. */
	holder: Int8Array;
	winner: Int8Array;
	/** `COLS` per seat, NaN for none. */
	numbers: Float64Array;
	projected: Float64Array;
}

export function packRun(run: RiskRun, spec: string): { packed: PackedRun; transfer: Transferable[] } {
	const n = run.projections.length;
	const risk = new Map(run.simulation.seats.map((s) => [s.code, s]));
	const holder = new Int8Array(n).fill(-1);
	const winner = new Int8Array(n).fill(-1);
	const numbers = new Float64Array(n * NC).fill(NaN);
	const projected = new Float64Array(n * NP);
	run.projections.forEach((p, i) => {
		projected.set(p.projected, i * NP);
		const r = risk.get(p.code);
		if (!p.holder || !r) return;
		const h = PARTY_INDEX[p.holder];
		holder[i] = h;
		winner[i] = PARTY_INDEX[r.projectedWinner];
		const row = [r.pLoss, leadOf(p.base, h), r.lead, r.leadLow, r.leadHigh, p.swing ?? NaN, r.leadQ1, r.leadMedian, r.leadQ3];
		numbers.set(row, i * NC);
	});
	const packed: PackedRun = {
		set: run.set,
		baseYear: run.baseYear,
		notionalBase: run.notionalBase,
		spec,
		fit: run.fit,
		losses: run.simulation.losses,
		draws: run.simulation.draws,
		seed: run.simulation.seed,
		codes: run.projections.map((p) => p.code),
		exclusions: run.projections.map((p) => p.exclusion),
		holder,
		winner,
		numbers,
		projected
	};
	return { packed, transfer: [holder.buffer, winner.buffer, numbers.buffer, projected.buffer] };
}

const num = (v: number) => (Number.isNaN(v) ? null : v);

export function unpackRun(p: PackedRun): RiskSummary {
	const seats = new Map<string, RiskSeat>();
	p.codes.forEach((code, i) => {
		const at = (c: (typeof COLS)[number]) => num(p.numbers[i * NC + COLS.indexOf(c)]);
		seats.set(code, {
			code,
			holder: p.holder[i] >= 0 ? RISK_PARTIES[p.holder[i]] : null,
			winner: p.winner[i] >= 0 ? RISK_PARTIES[p.winner[i]] : null,
			pLoss: at('pLoss'),
			baseLead: at('baseLead'),
			lead: at('lead'),
			leadLow: at('leadLow'),
			leadHigh: at('leadHigh'),
			leadQ1: at('leadQ1'),
			leadMedian: at('leadMedian'),
			leadQ3: at('leadQ3'),
			swing: at('swing'),
			projected: Array.from(p.projected.subarray(i * NP, (i + 1) * NP)),
			exclusion: p.exclusions[i]
		});
	});
	const { set, baseYear, notionalBase, spec, fit, losses, draws, seed } = p;
	return { set, baseYear, notionalBase, spec, fit, losses, draws, seed, seats };
}
