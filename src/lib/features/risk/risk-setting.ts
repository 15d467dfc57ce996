/**
 * The seat-risk part of a view: which election the projection starts from, the national scenario
 * as a spec string (`model/risk/scenario.ts`) and how the priority ranks the eligible seats. It
 * travels in links (`?s=`) and saved scenarios as an optional field: absent means the defaults
 * (the lens's own election, no change, eligible seats ranked by P(loss)).
 *
 * P(loss) became the default ranking in link format 2 and scenario format 2. Before, the default
 * was the combined score percentile; `pinScoreRanking` turns a state of that time into one that
 * says so explicitly, so old links and records rank as they did when they were made.
 */
import type { BoundarySet } from '$lib/model/catalogue';
import type { FieldError } from '$lib/model/definition';
import { BASE_YEARS } from '$lib/model/risk/run';
import { formatScenario, parseScenario } from '$lib/model/risk/scenario';
import type { RiskYear } from '$lib/model/risk/history';
import { LENSES } from '$lib/model/lenses';

export interface RiskSetting {
	base: RiskYear;
	/** A valid scenario spec, in `formatScenario`'s canonical form. */
	spec: string;
	/**
	 * Present when the priority ranks eligible seats by the two scores (the combined percentile);
	 * absent, the default, it ranks them by P(loss) under this scenario.
	 */
	priority?: 'scores';
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A raw risk setting from before P(loss) became the default ranking (link format 1, scenario
 * format 1 or earlier), in the new format: what it ranked by is written out. Absent altogether, it
 * meant the defaults of its time (the lens's own election, no change, ranked by the two scores);
 * an explicit `priority: 'p_loss'` is the new default and is dropped. Anything else is left for
 * validation to name. `lensId` is the state's lens, unvalidated.
 */
export function pinScoreRanking(risk: unknown, lensId: unknown): unknown {
	if (risk === undefined) {
		const lens = LENSES.find((l) => l.id === lensId);
		return lens ? { base: lens.year, spec: DEFAULT_SPEC, priority: 'scores' } : undefined;
	}
	if (!isObject(risk)) return risk;
	if (risk.priority === undefined) return { ...risk, priority: 'scores' };
	if (risk.priority === 'p_loss') {
		const { priority: _, ...rest } = risk;
		return rest;
	}
	return risk;
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
	if (r.priority !== undefined && r.priority !== 'scores') errors.push({ path: `${path}.priority`, message: `must be "scores" (rank by the two scores) or left out (rank by P(loss)), got ${describe(r.priority)}` });
	if (errors.length || !parsed.ok) return { ok: false, errors };
	const setting: RiskSetting = { base, spec: formatScenario(parsed.value) };
	if (r.priority === 'scores') setting.priority = 'scores';
	return { ok: true, setting };
}
