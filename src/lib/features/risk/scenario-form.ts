/**
 * The scenario editor's fields and the spec string they stand for. The fields are kept as typed
 * text (so a half-typed number stays on screen); `specFromForm` checks them and gives either the
 * canonical spec or a message naming the field at fault, in `parseScenario`'s words.
 */
import { GB_NATIONS, RISK_PARTIES, type GbNation, type RiskParty } from '$lib/model/risk/parties';
import type { RiskYear } from '$lib/model/risk/history';
import { formatScenario, parseScenario, type Parsed, type PartyShares } from '$lib/model/risk/scenario';

export type Preset = 'no-change' | 'result' | 'custom';
export type ShareFields = Record<RiskParty, string>;

export interface ScenarioForm {
	preset: Preset;
	year: RiskYear | null;
	gb: ShareFields;
	perNation: boolean;
	nations: Record<GbNation, ShareFields>;
}

export const emptyShares = (): ShareFields => Object.fromEntries(RISK_PARTIES.map((p) => [p, ''])) as ShareFields;

export function emptyForm(): ScenarioForm {
	return { preset: 'no-change', year: null, gb: emptyShares(), perNation: false, nations: { England: emptyShares(), Scotland: emptyShares(), Wales: emptyShares() } };
}

function group(fields: ShareFields, where: string): Parsed<string> {
	const items: string[] = [];
	for (const p of RISK_PARTIES) {
		const raw = fields[p].trim();
		if (raw === '') continue;
		// Checked here because a comma or semicolon would change the spec's structure.
		if (!/^\d+(\.\d+)?$|^\.\d+$/.test(raw)) {
			const negative = /^-\s*\d/.test(raw);
			return { ok: false, error: negative ? `${where} ${p}: a share cannot be negative (${raw}).` : `${where} ${p}: “${raw.slice(0, 40)}” is not a number.` };
		}
		items.push(`${p}=${raw}`);
	}
	return { ok: true, value: items.join(',') };
}

/** The canonical spec for the fields, or the message naming the field at fault. */
export function specFromForm(form: ScenarioForm): Parsed<string> {
	if (form.preset === 'no-change') return { ok: true, value: 'no-change' };
	if (form.preset === 'result') return form.year === null ? { ok: false, error: 'Real result: choose an election.' } : { ok: true, value: `result:${form.year}` };
	const groups: string[] = [];
	const gb = group(form.gb, 'Great Britain');
	if (!gb.ok) return gb;
	if (gb.value) groups.push(gb.value);
	if (form.perNation) {
		for (const n of GB_NATIONS) {
			const g = group(form.nations[n], n);
			if (!g.ok) return g;
			if (g.value) groups.push(`${n.toLowerCase()}:${g.value}`);
		}
	}
	if (groups.length === 0) return { ok: false, error: 'Great Britain: give at least one party’s share.' };
	const parsed = parseScenario(groups.join(';'));
	return parsed.ok ? { ok: true, value: formatScenario(parsed.value) } : parsed;
}

const fieldsOf = (shares: PartyShares | undefined): ShareFields => {
	const fields = emptyShares();
	for (const p of RISK_PARTIES) if (shares?.[p] !== undefined) fields[p] = String(shares[p]);
	return fields;
};

/** The fields that show a spec (from a link or a saved scenario). An unreadable spec gives "no change". */
export function formFromSpec(spec: string): ScenarioForm {
	const form = emptyForm();
	const parsed = parseScenario(spec);
	if (!parsed.ok) return form;
	const s = parsed.value;
	if (s.kind === 'result') return { ...form, preset: 'result', year: s.year };
	if (s.kind === 'custom') {
		const nations = { England: fieldsOf(s.nations.England), Scotland: fieldsOf(s.nations.Scotland), Wales: fieldsOf(s.nations.Wales) };
		return { ...form, preset: 'custom', gb: fieldsOf(s.gb), perNation: Object.keys(s.nations).length > 0, nations };
	}
	return form;
}
