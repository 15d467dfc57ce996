/**
 * What the map can show: the two scores, priority, the bivariate post-industrial × threat view,
 * or any catalogue indicator of the lens's boundary set. Variable ids are plain strings so they
 * can sit in a <select> and in file names.
 */
import type { Indicator } from '$lib/model/catalogue';

export type ScoreVariable = 'post_industrial' | 'threat' | 'priority' | 'allocation' | 'p_loss' | 'p_loss_change';
export type VariableId = 'bivariate' | ScoreVariable | `indicator:${string}`;

export interface VariableInfo {
	id: VariableId;
	kind: 'bivariate' | 'score' | 'indicator';
	label: string;
	/** Shown in the legend, tooltip and exports. */
	unit: string;
	/** Carried from the 2010 boundaries through the overlap lookups. */
	notional: boolean;
	indicator: Indicator | null;
}

export const SCORE_VARIABLES: Record<ScoreVariable, { label: string; unit: string }> = {
	// Scores are weighted means of normalised indicators: unitless, so the unit just says "score".
	post_industrial: { label: 'Post-industrial score', unit: 'score' },
	threat: { label: 'Challenger-threat score', unit: 'score' },
	priority: { label: 'Priority', unit: 'combined percentile, 0–1' },
	allocation: { label: 'Proposed allocation (£)', unit: '£' },
	p_loss: { label: 'P(loss): chance the holder loses it', unit: 'probability, 0–1 (scenario on the Risk tab)' },
	p_loss_change: { label: 'Change in P(loss) from the allocation', unit: 'probability points, after − before (expected-seats method)' }
};

/**
 * P(loss) is coloured on fixed bands of the 0–1 scale (not quantiles of the seats), so the same
 * colour means the same risk under every scenario and a change of scenario visibly recolours.
 */
export const P_LOSS_BREAKS: readonly number[] = [0.05, 0.25, 0.5, 0.75, 0.95];

export const BIVARIATE_LABEL = 'Post-industrial × threat (bivariate)';

const isScore = (id: string): id is ScoreVariable => id in SCORE_VARIABLES;

export function indicatorVariable(id: string): VariableId {
	return `indicator:${id}`;
}

export function indicatorIdOf(id: VariableId): string | null {
	return id.startsWith('indicator:') ? id.slice('indicator:'.length) : null;
}

export function describeVariable(id: VariableId, indicators: ReadonlyMap<string, Indicator>): VariableInfo | null {
	if (id === 'bivariate') return { id, kind: 'bivariate', label: BIVARIATE_LABEL, unit: 'terciles of each score', notional: false, indicator: null };
	if (isScore(id)) return { id, kind: 'score', ...SCORE_VARIABLES[id], notional: false, indicator: null };
	const indicatorId = indicatorIdOf(id);
	const indicator = indicatorId === null ? undefined : indicators.get(indicatorId);
	if (!indicator) return null;
	return { id, kind: 'indicator', label: indicator.label, unit: indicator.unit, notional: indicator.notional, indicator };
}

/**
 * The variable to actually show for the current boundary set. An indicator of the other set is
 * swapped for its notional twin when there is one (census.x ↔ notional.census.x), so switching
 * lens keeps the same measure on screen; otherwise the map falls back to the post-industrial
 * score rather than showing a blank map.
 */
export function resolveVariable(id: VariableId, indicators: ReadonlyMap<string, Indicator>): VariableInfo {
	const direct = describeVariable(id, indicators);
	if (direct) return direct;
	const indicatorId = indicatorIdOf(id);
	if (indicatorId !== null) {
		const twin = indicatorId.startsWith('notional.') ? indicatorId.slice('notional.'.length) : `notional.${indicatorId}`;
		const swapped = describeVariable(indicatorVariable(twin), indicators);
		if (swapped) return swapped;
	}
	return describeVariable('post_industrial', indicators)!;
}

/** Indicators for the variable <select>, grouped as in the catalogue. */
export function indicatorGroups(indicators: ReadonlyMap<string, Indicator>): { group: string; items: Indicator[] }[] {
	const groups = new Map<string, Indicator[]>();
	for (const indicator of indicators.values()) {
		const list = groups.get(indicator.group) ?? [];
		list.push(indicator);
		groups.set(indicator.group, list);
	}
	return [...groups].map(([group, items]) => ({ group, items }));
}
