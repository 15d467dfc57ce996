/**
 * A national scenario: the party shares the seat projections move towards. Three kinds:
 * - `no-change`: the base election's own shares (every seat keeps its base result);
 * - `result`: the real shares of a later election, per nation (for backtests);
 * - `custom`: the user's numbers (today's polls) for Great Britain and, optionally, per nation.
 * A spec string is the one text form, used by the CLI (`--national`), the URL and saved scenarios:
 *   `no-change` · `result:2019` · `con=43.6,lab=32.1,ld=11.6` · `con=40;scotland:snp=45,lab=20`
 * Parties left out of a custom group share what is left of 100 in proportion to their base shares.
 */
import { GB_NATIONS, RISK_PARTIES, RISK_PARTY_ALIASES, type GbNation, type RiskParty } from './parties';
import type { NationalShares, RiskYear } from './history';

export type PartyShares = Partial<Record<RiskParty, number>>;

export type NationalScenario = { kind: 'no-change' } | { kind: 'result'; year: RiskYear } | { kind: 'custom'; gb: PartyShares; nations: Partial<Record<GbNation, PartyShares>> };

export const NO_CHANGE: NationalScenario = { kind: 'no-change' };

const RESULT_YEARS: RiskYear[] = [2010, 2015, 2017, 2019, 2024];

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function parseGroup(text: string, where: string): Parsed<PartyShares> {
	const shares: PartyShares = {};
	let total = 0;
	for (const item of text
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)) {
		const eq = item.indexOf('=');
		if (eq < 0) return { ok: false, error: `${where}: “${item.slice(0, 40)}” is not party=percent.` };
		const name = item.slice(0, eq).trim().toLowerCase();
		const party = RISK_PARTY_ALIASES[name];
		if (!party) return { ok: false, error: `${where}: “${name.slice(0, 40)}” is not a known party (use ${RISK_PARTIES.join(', ')}).` };
		const raw = item.slice(eq + 1).trim();
		const value = Number(raw);
		if (raw === '' || !Number.isFinite(value)) return { ok: false, error: `${where} ${party}: “${raw.slice(0, 40)}” is not a number.` };
		if (value < 0) return { ok: false, error: `${where} ${party}: a share cannot be negative (${value}).` };
		if (value > 100) return { ok: false, error: `${where} ${party}: a share cannot exceed 100 (${value}).` };
		if (party in shares) return { ok: false, error: `${where}: ${party} is given twice.` };
		shares[party] = value;
		total += value;
	}
	if (Object.keys(shares).length === 0) return { ok: false, error: `${where}: no party shares given.` };
	if (total > 100 + 1e-9) return { ok: false, error: `${where}: shares sum to ${Math.round(total * 10) / 10}, more than 100.` };
	return { ok: true, value: shares };
}

function nationOf(text: string): GbNation | 'GB' | null {
	const t = text.trim().toLowerCase();
	if (t === 'gb' || t === 'great britain') return 'GB';
	return GB_NATIONS.find((n) => n.toLowerCase() === t) ?? null;
}

/** Parse a spec string; the error names the field at fault. */
export function parseScenario(spec: string): Parsed<NationalScenario> {
	const text = spec.trim();
	if (text === '' || text === 'no-change') return { ok: true, value: NO_CHANGE };
	const result = /^result:(\d{4})$/.exec(text);
	if (result) {
		const year = Number(result[1]) as RiskYear;
		if (!RESULT_YEARS.includes(year)) return { ok: false, error: `result:${year}: there is no general election result for ${year} (use ${RESULT_YEARS.join(', ')}).` };
		return { ok: true, value: { kind: 'result', year } };
	}
	let gb: PartyShares | null = null;
	const nations: Partial<Record<GbNation, PartyShares>> = {};
	for (const group of text
		.split(';')
		.map((g) => g.trim())
		.filter(Boolean)) {
		const colon = group.indexOf(':');
		const nation = colon >= 0 ? nationOf(group.slice(0, colon)) : 'GB';
		if (!nation) {
			const name = group.slice(0, colon).trim().slice(0, 40);
			const ni = /northern|^ni$/i.test(name);
			return { ok: false, error: ni ? 'Northern Ireland is not modelled: Great Britain’s parties barely stand there.' : `“${name}” is not England, Scotland, Wales or GB.` };
		}
		const parsed = parseGroup(colon >= 0 ? group.slice(colon + 1) : group, nation === 'GB' ? 'Great Britain' : nation);
		if (!parsed.ok) return parsed;
		if (nation === 'GB') {
			if (gb) return { ok: false, error: 'Great Britain’s shares are given twice.' };
			gb = parsed.value;
		} else {
			if (nations[nation]) return { ok: false, error: `${nation}’s shares are given twice.` };
			nations[nation] = parsed.value;
		}
	}
	return { ok: true, value: { kind: 'custom', gb: gb ?? {}, nations } };
}

const fmt = (shares: PartyShares) =>
	RISK_PARTIES.filter((p) => shares[p] !== undefined)
		.map((p) => `${p}=${Math.round(shares[p]! * 100) / 100}`)
		.join(',');

/** The spec string of a scenario: `parseScenario(formatScenario(s))` gives `s` back. */
export function formatScenario(scenario: NationalScenario): string {
	if (scenario.kind === 'no-change') return 'no-change';
	if (scenario.kind === 'result') return `result:${scenario.year}`;
	const groups: string[] = [];
	if (Object.keys(scenario.gb).length) groups.push(fmt(scenario.gb));
	for (const n of GB_NATIONS) if (scenario.nations[n]) groups.push(`${n.toLowerCase()}:${fmt(scenario.nations[n]!)}`);
	return groups.join(';');
}

/** A full share vector from a partial one: the parties left out share the rest by their base shares. */
export function completeShares(given: PartyShares, base: readonly number[]): number[] {
	const named = RISK_PARTIES.map((p) => given[p]);
	const rest = 100 - named.reduce<number>((a, v) => a + (v ?? 0), 0);
	const baseRest = base.reduce((a, b, i) => a + (named[i] === undefined ? b : 0), 0);
	const unnamed = named.filter((v) => v === undefined).length;
	return named.map((v, i) => v ?? (baseRest > 0 ? (rest * base[i]) / baseRest : unnamed ? rest / unnamed : 0));
}

/**
 * A Great Britain target carried to one nation: each party's nation share scales by its GB ratio
 * (so an SNP fall in GB is a fall in Scotland, and England gets no SNP), then rescaled to 100.
 */
export function nationTarget(gbFrom: readonly number[], gbTo: readonly number[], nationFrom: readonly number[]): number[] {
	const scaled = nationFrom.map((s, i) => (gbFrom[i] > 0 ? (s * gbTo[i]) / gbFrom[i] : gbTo[i]));
	const total = scaled.reduce((a, b) => a + b, 0);
	return total > 0 ? scaled.map((s) => (s * 100) / total) : [...nationFrom];
}

/** The national shares a seat in `nation` moves from and to (always the nation's own shares). */
export function scenarioSwing(scenario: NationalScenario, nation: GbNation, base: NationalShares, realResult?: NationalShares): { from: number[]; to: number[] } {
	if (scenario.kind === 'no-change') return { from: base[nation], to: base[nation] };
	if (scenario.kind === 'result') {
		if (!realResult) throw new Error(`The ${scenario.year} result is needed for this scenario.`);
		return { from: base[nation], to: realResult[nation] };
	}
	const own = scenario.nations[nation];
	if (own) return { from: base[nation], to: completeShares(own, base[nation]) };
	if (Object.keys(scenario.gb).length === 0) return { from: base[nation], to: base[nation] };
	return { from: base[nation], to: nationTarget(base.GB, completeShares(scenario.gb, base.GB), base[nation]) };
}
