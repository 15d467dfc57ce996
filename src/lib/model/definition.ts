/**
 * Score definitions are data: JSON that can be saved, shared, diffed and run by the CLI.
 * `validateDefinition` turns anything (parsed JSON, a URL, a file) into a definition or a list of
 * errors that each name the field at fault.
 */
import type { BoundarySet, Indicator } from './catalogue';

export type Normalisation = 'zscore' | 'minmax' | 'percentile';
/**
 * `partial`: seats without a value are scored on the other indicators, and that score is marked
 * partial: it is shown, but not ranked against complete scores (no percentile, rank or priority).
 */
export type NullPolicy = 'exclude' | 'impute-national-median' | 'impute-nation-median' | 'reweight' | 'partial';
export type ScoreKey = 'postIndustrial' | 'threat';
export type PriorityMethod = 'geometric' | 'mean' | 'min';
export type LensId = '2015-ukip' | '2019-brexit' | '2024-reform';

export const NORMALISATIONS: Normalisation[] = ['zscore', 'minmax', 'percentile'];
export const NULL_POLICIES: NullPolicy[] = ['exclude', 'impute-national-median', 'impute-nation-median', 'reweight', 'partial'];
export const PRIORITY_METHODS: PriorityMethod[] = ['geometric', 'mean', 'min'];
export const SCORE_KEYS: ScoreKey[] = ['postIndustrial', 'threat'];
export const LENS_IDS: LensId[] = ['2015-ukip', '2019-brexit', '2024-reform'];
/** Centre for Cities GE2024 classes (England and Wales, 2024 seats), as the source spells them. */
export const CITY_CLASSES = ['City', 'Hinterland', 'Deep rural'] as const;

export interface IndicatorSetting {
	id: string;
	weight: number;
	direction: 1 | -1;
	normalisation: Normalisation;
	nullPolicy: NullPolicy;
}

export interface Eligibility {
	/** Winner keys at the lens election (e.g. "lab"); empty means any holder. */
	holders: string[];
	/** Empty means every nation. */
	nations: string[];
	/** Empty means every region. */
	regions: string[];
	/**
	 * Centre for Cities class of the seat (`CITY_CLASSES`), 2024 lens only; absent or empty means
	 * any. Seats without a class (Scotland, Northern Ireland) are not eligible when it is set.
	 */
	cityClasses?: string[];
	/** Minimum percentile (0–100) of each score among all seats. */
	minPostIndustrialPercentile: number;
	minThreatPercentile: number;
}

export interface ScoreDefinition {
	version: 1;
	lens: LensId;
	scores: Record<ScoreKey, IndicatorSetting[]>;
	priority: { method: PriorityMethod; eligibility: Eligibility };
}

export interface FieldError {
	path: string;
	message: string;
}

export type Validation = { ok: true; definition: ScoreDefinition } | { ok: false; errors: FieldError[] };

/**
 * The Speaker's seat (`winner_key` "speaker": Buckingham to 2017, Chorley from 2019) is held by
 * the Speaker, not a party. It is never eligible for funding, whatever the filters say.
 */
export const SPEAKER_HOLDER = 'speaker';

export const LENS_BOUNDARY_SET: Record<LensId, BoundarySet> = { '2015-ukip': '2010', '2019-brexit': '2010', '2024-reform': '2024' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown) => (typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v)));

function validateSetting(raw: unknown, path: string, known: Map<string, Indicator>, set: BoundarySet, errors: FieldError[]): IndicatorSetting | null {
	if (!isObject(raw)) {
		errors.push({ path, message: 'must be an object with id, weight, direction, normalisation and nullPolicy' });
		return null;
	}
	const before = errors.length;
	if (typeof raw.id !== 'string' || !known.has(raw.id)) {
		errors.push({ path: `${path}.id`, message: `unknown indicator ${describe(raw.id)} for the ${set} boundary set` });
	}
	if (typeof raw.weight !== 'number' || !Number.isFinite(raw.weight) || raw.weight < 0) {
		errors.push({ path: `${path}.weight`, message: `must be a finite number ≥ 0, got ${describe(raw.weight)}` });
	}
	if (raw.direction !== 1 && raw.direction !== -1) {
		errors.push({ path: `${path}.direction`, message: `must be 1 (higher means more) or -1 (higher means less), got ${describe(raw.direction)}` });
	}
	if (!NORMALISATIONS.includes(raw.normalisation as Normalisation)) {
		errors.push({ path: `${path}.normalisation`, message: `must be one of ${NORMALISATIONS.join(', ')}, got ${describe(raw.normalisation)}` });
	}
	if (!NULL_POLICIES.includes(raw.nullPolicy as NullPolicy)) {
		errors.push({ path: `${path}.nullPolicy`, message: `must be one of ${NULL_POLICIES.join(', ')}, got ${describe(raw.nullPolicy)}` });
	}
	if (errors.length > before) return null;
	return { id: raw.id as string, weight: raw.weight as number, direction: raw.direction as 1 | -1, normalisation: raw.normalisation as Normalisation, nullPolicy: raw.nullPolicy as NullPolicy };
}

function stringList(raw: unknown, path: string, errors: FieldError[]): string[] {
	if (raw === undefined) return [];
	if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'string')) {
		errors.push({ path, message: 'must be a list of names' });
		return [];
	}
	return raw as string[];
}

function percentile(raw: unknown, path: string, errors: FieldError[]): number {
	if (raw === undefined) return 0;
	if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0 || raw > 100) {
		errors.push({ path, message: `must be a number from 0 to 100, got ${describe(raw)}` });
		return 0;
	}
	return raw;
}

export function validateDefinition(raw: unknown, catalogue: Indicator[]): Validation {
	const errors: FieldError[] = [];
	if (!isObject(raw)) return { ok: false, errors: [{ path: '(definition)', message: 'must be a JSON object' }] };
	if (raw.version !== 1) errors.push({ path: 'version', message: `must be 1, got ${describe(raw.version)}` });
	if (!LENS_IDS.includes(raw.lens as LensId)) {
		errors.push({ path: 'lens', message: `must be one of ${LENS_IDS.join(', ')}, got ${describe(raw.lens)}` });
		return { ok: false, errors };
	}
	const lens = raw.lens as LensId;
	const set = LENS_BOUNDARY_SET[lens];
	const known = new Map(catalogue.filter((i) => i.boundarySet === set).map((i) => [i.id, i]));
	const scores = {} as Record<ScoreKey, IndicatorSetting[]>;
	for (const key of SCORE_KEYS) {
		const list = isObject(raw.scores) ? raw.scores[key] : undefined;
		const path = `scores.${key}`;
		if (!Array.isArray(list) || list.length === 0) {
			errors.push({ path, message: 'must list at least one indicator' });
			scores[key] = [];
			continue;
		}
		const settings = list.map((s, i) => validateSetting(s, `${path}[${i}]`, known, set, errors));
		const valid = settings.filter((s): s is IndicatorSetting => s !== null);
		const seen = new Set<string>();
		valid.forEach((s) => {
			if (seen.has(s.id)) errors.push({ path, message: `lists indicator "${s.id}" more than once` });
			seen.add(s.id);
		});
		if (valid.length === list.length && valid.every((s) => s.weight === 0)) {
			errors.push({ path, message: 'all weights are zero: give at least one indicator a positive weight' });
		}
		scores[key] = valid;
	}
	const priority = isObject(raw.priority) ? raw.priority : {};
	const method = priority.method ?? 'geometric';
	if (!PRIORITY_METHODS.includes(method as PriorityMethod)) {
		errors.push({ path: 'priority.method', message: `must be one of ${PRIORITY_METHODS.join(', ')}, got ${describe(method)}` });
	}
	const e = isObject(priority.eligibility) ? priority.eligibility : {};
	const eligibility: Eligibility = {
		holders: stringList(e.holders, 'priority.eligibility.holders', errors),
		nations: stringList(e.nations, 'priority.eligibility.nations', errors),
		regions: stringList(e.regions, 'priority.eligibility.regions', errors),
		minPostIndustrialPercentile: percentile(e.minPostIndustrialPercentile, 'priority.eligibility.minPostIndustrialPercentile', errors),
		minThreatPercentile: percentile(e.minThreatPercentile, 'priority.eligibility.minThreatPercentile', errors)
	};
	const cityClasses = stringList(e.cityClasses, 'priority.eligibility.cityClasses', errors);
	const unknownClass = cityClasses.filter((c) => !(CITY_CLASSES as readonly string[]).includes(c));
	if (unknownClass.length) {
		errors.push({ path: 'priority.eligibility.cityClasses', message: `must name Centre for Cities classes (${CITY_CLASSES.join(', ')}), got ${unknownClass.map(describe).join(', ')}` });
	} else if (cityClasses.length && set !== '2024') {
		errors.push({ path: 'priority.eligibility.cityClasses', message: `the Centre for Cities class exists only on the 2024 seats; the ${lens} lens uses the ${set} seats` });
	}
	if (cityClasses.length) eligibility.cityClasses = cityClasses;
	if (errors.length) return { ok: false, errors };
	return { ok: true, definition: { version: 1, lens, scores, priority: { method: method as PriorityMethod, eligibility } } };
}

export function formatErrors(errors: FieldError[]): string {
	return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}
