/**
 * The seat-risk part of a view: which election the projection starts from and the national
 * scenario as a spec string (`model/risk/scenario.ts`). It travels in links (`?s=`) and saved
 * scenarios as an optional field: absent means the defaults (the lens's own election, no change),
 * so links and records made before it existed mean what they meant.
 */
import type { BoundarySet } from '$lib/model/catalogue';
import type { FieldError } from '$lib/model/definition';
import { BASE_YEARS } from '$lib/model/risk/run';
import { formatScenario, parseScenario } from '$lib/model/risk/scenario';
import type { RiskYear } from '$lib/model/risk/history';

export interface RiskSetting {
	base: RiskYear;
	/** A valid scenario spec, in `formatScenario`'s canonical form. */
	spec: string;
	/** Present when the priority ranks eligible seats by P(loss) instead of the two scores. */
	priority?: 'p_loss';
}

export const DEFAULT_SPEC = 'no-change';

/** Elections offered as a "real result" scenario from `base`: the later ones on the same boundaries. */
export function resultYears(set: BoundarySet, base: RiskYear): RiskYear[] {
	return BASE_YEARS[set].filter((y) => y > base);
}

/** Whether a setting is what a link without one means, for this lens year. */
export function isDefaultSetting(setting: RiskSetting, lensYear: number): boolean {
	return setting.base === lensYear && setting.spec === DEFAULT_SPEC && !setting.priority;
}

const describe = (v: unknown) => {
	const text = typeof v === 'string' ? JSON.stringify(v) : String(v);
	return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

/** Untrusted input (a link, a stored record) to a setting for the lens's boundary set. */
export function validateRiskSetting(raw: unknown, set: BoundarySet, path = 'risk'): { ok: true; setting: RiskSetting } | { ok: false; errors: FieldError[] } {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, errors: [{ path, message: 'must be an object with a base year and a scenario' }] };
	const r = raw as Record<string, unknown>;
	const errors: FieldError[] = [];
	const years = BASE_YEARS[set];
	const base = r.base as RiskYear;
	if (!years.includes(base)) errors.push({ path: `${path}.base`, message: `the base election on the ${set} boundaries must be one of ${years.join(', ')}, got ${describe(r.base)}` });
	if (typeof r.spec !== 'string' || r.spec.length > 1000) {
		errors.push({ path: `${path}.spec`, message: `the scenario must be a text of at most 1,000 characters, got ${describe(r.spec)}` });
		return { ok: false, errors };
	}
	const parsed = parseScenario(r.spec);
	if (!parsed.ok) errors.push({ path: `${path}.spec`, message: parsed.error });
	else if (parsed.value.kind === 'result' && errors.length === 0 && !resultYears(set, base).includes(parsed.value.year)) {
		errors.push({ path: `${path}.spec`, message: `the real result of ${parsed.value.year} is not a later election than ${base} on the ${set} boundaries` });
	}
	if (r.priority !== undefined && r.priority !== 'p_loss') errors.push({ path: `${path}.priority`, message: `must be "p_loss" or left out, got ${describe(r.priority)}` });
	if (errors.length || !parsed.ok) return { ok: false, errors };
	const setting: RiskSetting = { base, spec: formatScenario(parsed.value) };
	if (r.priority === 'p_loss') setting.priority = 'p_loss';
	return { ok: true, setting };
}
