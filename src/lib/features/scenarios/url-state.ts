/**
 * The current scenario in a URL, so a copied link reproduces the view.
 *
 * JSON → UTF-8 → base64url (no padding). The JSON is `{ v, definition, budget }`, plus `risk`
 * (`{ base, spec, priority? }`) only when the seat-risk view differs from its defaults, with
 * values equal to their defaults left out (an indicator at weight 1, direction 1, z-score,
 * nation-median imputation is just `{"id":…}`), which roughly thirds the link. Keys are written
 * in a fixed order, so the same state always gives the same text (links can be compared).
 *
 * - Format 1: the priority's default was the combined score percentile (`risk.priority: 'p_loss'`
 *   opted in to P(loss); `risk` itself was added within format 1 as an optional key).
 * - Format 2: the priority's default is P(loss) under the risk scenario; ranking by the scores is
 *   written as `risk.priority: 'scores'`. A format-1 link is read by pinning the ranking it had
 *   (`pinScoreRanking`), so it still means what it meant.
 *
 * Decoding treats the text as hostile: anything wrong is a `UrlStateError` with a message a
 * committee member can act on, never another exception.
 */
import type { Indicator } from '$lib/model/catalogue';
import type { FieldError, IndicatorSetting, ScoreDefinition } from '$lib/model/definition';
import { pinScoreRanking } from '$lib/features/risk/risk-setting';
import { validateScenarioState, type BudgetRule, type ScenarioState } from './scenario';

export const URL_STATE_VERSION = 2;
/** Older formats still read (see above). */
const READABLE_VERSIONS: readonly unknown[] = [1, URL_STATE_VERSION];
export const MAX_URL_STATE_LENGTH = 20_000;
/** The query parameter that carries the state. */
export const STATE_PARAM = 's';

/** Whether a page address carries view settings (then the page is not the default view). */
export function hasLinkState(search: string): boolean {
	return new URLSearchParams(search).has(STATE_PARAM);
}

/**
 * Defaults left out of links (formats 1 and 2). They are part of the format: changing them would change
 * what old links mean, so a change needs a new format version.
 */
const SETTING_DEFAULTS: Omit<IndicatorSetting, 'id'> = { weight: 1, direction: 1, normalisation: 'zscore', nullPolicy: 'impute-nation-median' };

export type UrlStateErrorReason = 'empty' | 'too-long' | 'malformed' | 'unsupported-version' | 'invalid';

export class UrlStateError extends Error {
	constructor(
		readonly reason: UrlStateErrorReason,
		message: string,
		readonly errors: FieldError[] = []
	) {
		super(message);
		this.name = 'UrlStateError';
	}
}

function compactSetting(s: IndicatorSetting): Record<string, unknown> {
	const out: Record<string, unknown> = { id: s.id };
	if (s.weight !== SETTING_DEFAULTS.weight) out.weight = s.weight;
	if (s.direction !== SETTING_DEFAULTS.direction) out.direction = s.direction;
	if (s.normalisation !== SETTING_DEFAULTS.normalisation) out.normalisation = s.normalisation;
	if (s.nullPolicy !== SETTING_DEFAULTS.nullPolicy) out.nullPolicy = s.nullPolicy;
	return out;
}

/** The definition without defaults that validateDefinition restores by itself (see definition.ts). */
function compactDefinition(d: ScoreDefinition): Record<string, unknown> {
	const e = d.priority.eligibility;
	const eligibility: Record<string, unknown> = {};
	if (e.holders.length) eligibility.holders = [...e.holders];
	if (e.nations.length) eligibility.nations = [...e.nations];
	if (e.regions.length) eligibility.regions = [...e.regions];
	if (e.cityClasses?.length) eligibility.cityClasses = [...e.cityClasses];
	if (e.minPostIndustrialPercentile !== 0) eligibility.minPostIndustrialPercentile = e.minPostIndustrialPercentile;
	if (e.minThreatPercentile !== 0) eligibility.minThreatPercentile = e.minThreatPercentile;
	const priority: Record<string, unknown> = {};
	if (d.priority.method !== 'geometric') priority.method = d.priority.method;
	if (Object.keys(eligibility).length) priority.eligibility = eligibility;
	const out: Record<string, unknown> = {
		lens: d.lens,
		scores: { postIndustrial: d.scores.postIndustrial.map(compactSetting), threat: d.scores.threat.map(compactSetting) }
	};
	if (Object.keys(priority).length) out.priority = priority;
	return out;
}

function compactBudget(rule: BudgetRule): Record<string, unknown> {
	const m = rule.method;
	let method: Record<string, unknown>;
	if (m.kind === 'proportional') {
		method = { kind: m.kind };
		// floor: 0 is kept (not stripped) so that a state always decodes to exactly itself.
		if (m.floor !== undefined) method.floor = m.floor;
		if (m.cap !== undefined) method.cap = m.cap;
	} else if (m.kind === 'topn') method = { kind: m.kind, n: m.n };
	else if (m.kind === 'marginal') {
		// Every field written (no defaults stripped), in a fixed order: added within format 1, so older
		// links, which never name this kind, mean what they meant.
		const objective = m.objective.kind === 'hold-at-least' ? { kind: m.objective.kind, seats: m.objective.seats } : { kind: m.objective.kind };
		method = { kind: m.kind, beta: m.beta, s0: m.s0, objective, localShare: m.localShare, includeLong: m.includeLong };
		if (m.floor !== undefined) method.floor = m.floor;
		if (m.cap !== undefined) method.cap = m.cap;
	} else method = { kind: m.kind, tiers: m.tiers.map((t) => ({ seats: t.seats, amount: t.amount })) };
	return { budget: rule.budget, method };
}

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A compact, URL-safe, deterministic encoding of a (valid) scenario state. */
export function encodeState(state: ScenarioState): string {
	const out: Record<string, unknown> = { v: URL_STATE_VERSION, definition: compactDefinition(state.definition), budget: compactBudget(state.budget) };
	if (state.risk) out.risk = { base: state.risk.base, spec: state.risk.spec, ...(state.risk.priority ? { priority: state.risk.priority } : {}) };
	const json = JSON.stringify(out);
	return toBase64Url(new TextEncoder().encode(json));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** 20,000 rather than a locale's format: messages must not vary with the browser's language. */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const DAMAGED = "This link's scenario is damaged and can't be read. Check that the whole link was copied.";

function expandSettings(list: unknown): unknown {
	return Array.isArray(list) ? list.map((s) => (isObject(s) ? { ...SETTING_DEFAULTS, ...s } : s)) : list;
}

function parse(text: string): unknown {
	if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new UrlStateError('malformed', DAMAGED);
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
	const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
	return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
}

function decode(text: unknown, catalogue: Indicator[]): ScenarioState {
	if (typeof text !== 'string' || text.trim() === '') throw new UrlStateError('empty', 'This link has no scenario in it.');
	if (text.length > MAX_URL_STATE_LENGTH) {
		throw new UrlStateError('too-long', `This link's scenario is too long to read (${thousands(text.length)} characters; the limit is ${thousands(MAX_URL_STATE_LENGTH)}). It may have been altered or pasted twice.`);
	}
	let raw: unknown;
	try {
		raw = parse(text.trim());
	} catch (error) {
		if (error instanceof UrlStateError) throw error;
		throw new UrlStateError('malformed', DAMAGED);
	}
	if (!isObject(raw)) throw new UrlStateError('malformed', DAMAGED);
	if (!READABLE_VERSIONS.includes(raw.v)) {
		const newer = typeof raw.v === 'number' && raw.v > URL_STATE_VERSION;
		throw new UrlStateError('unsupported-version', newer ? `This link was made by a newer version of Heartlands (link format ${raw.v}); this version reads format ${URL_STATE_VERSION}. Reload the page to update.` : DAMAGED);
	}
	const d = raw.definition;
	const definition = isObject(d) ? { ...d, version: 1, scores: isObject(d.scores) ? { ...d.scores, postIndustrial: expandSettings(d.scores.postIndustrial), threat: expandSettings(d.scores.threat) } : d.scores } : d;
	// A format-1 link ranked by the scores unless it said otherwise: pin that before validating.
	const risk = raw.v === 1 ? pinScoreRanking(raw.risk, isObject(d) ? d.lens : undefined) : raw.risk;
	const checked = validateScenarioState({ definition, budget: raw.budget, risk }, catalogue);
	if (!checked.ok) {
		// Messages can quote hostile values; keep each short enough to show.
		const errors = checked.errors.map((e) => ({ path: e.path.slice(0, 120), message: e.message.length > 200 ? `${e.message.slice(0, 197)}…` : e.message }));
		const shown = errors
			.slice(0, 3)
			.map((e) => `${e.path}: ${e.message}`)
			.join('; ');
		const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
		throw new UrlStateError('invalid', `This link's scenario can't be used: ${shown}${more}.`, errors);
	}
	return checked.state;
}

/**
 * The validated state in `text`. Throws only `UrlStateError` (its message is meant for the
 * user, and `errors` names each field at fault when the content, not the encoding, is wrong).
 */
export function decodeState(text: string, catalogue: Indicator[]): ScenarioState {
	try {
		return decode(text, catalogue);
	} catch (error) {
		if (error instanceof UrlStateError) throw error;
		// Anything else (e.g. a stack overflow on absurdly nested JSON) is still just a bad link.
		throw new UrlStateError('malformed', DAMAGED);
	}
}

/** The same as decodeState, as a result value for callers that prefer not to catch. */
export function tryDecodeState(text: string, catalogue: Indicator[]): { ok: true; state: ScenarioState } | { ok: false; error: UrlStateError } {
	try {
		return { ok: true, state: decodeState(text, catalogue) };
	} catch (error) {
		return { ok: false, error: error as UrlStateError };
	}
}

/** The state in a URL's `s` parameter: null when there is none, otherwise as decodeState. */
export function stateFromSearchParams(params: URLSearchParams, catalogue: Indicator[]): ScenarioState | null {
	const text = params.get(STATE_PARAM);
	return text === null ? null : decodeState(text, catalogue);
}

/** A copy of `url` carrying `state` (other parameters and the hash are kept). */
export function urlWithState(url: URL, state: ScenarioState): URL {
	const next = new URL(url);
	next.searchParams.set(STATE_PARAM, encodeState(state));
	return next;
}
