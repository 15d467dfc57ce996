/**
 * SQL generated from a score definition. It mirrors `src/lib/features/scores/reference.ts` step
 * by step (see the method there); tests hold the two equal on the real data for every lens.
 *
 * Performance notes (see bench/): statistics are one-row aggregates cross-joined back, not
 * `OVER ()` windows, and every number the user can drag (weights, directions, minimum
 * percentiles) is a `$n` parameter. A weight change therefore reuses the prepared plan instead
 * of re-planning a long query. Statistics always span every seat of the boundary set, so
 * eligibility filters never change a seat's score.
 */
import type { IndicatorSetting, ScoreDefinition, ScoreKey } from '$lib/model/definition';
import { LENS_BOUNDARY_SET, SPEAKER_HOLDER } from '$lib/model/definition';
import { lensById } from '$lib/model/lenses';
import { indicatorTable, seatMeta } from './indicators';
import { ident, literal } from './sql';

export interface ParameterisedQuery {
	sql: string;
	params: number[];
}

const PREFIX: Record<ScoreKey, string> = { postIndustrial: 'p', threat: 't' };
const col = (key: ScoreKey, j: number) => `${PREFIX[key]}${j}`;

/** Percentile rank among non-null values, ascending: 0 for the lowest, ties share the lower rank. */
function percentRankSql(x: string): string {
	return `CASE WHEN ${x} IS NULL THEN NULL ELSE (rank() OVER (PARTITION BY ${x} IS NULL ORDER BY ${x}) - 1)::DOUBLE / greatest(count(${x}) OVER () - 1, 1) END`;
}

/** Competition rank, 1 = highest, among non-null values. */
function rankSql(x: string): string {
	return `CASE WHEN ${x} IS NULL THEN NULL ELSE rank() OVER (PARTITION BY ${x} IS NULL ORDER BY ${x} DESC) END`;
}

function normaliseSql(c: string, s: IndicatorSetting): string {
	const x = `i.${c}`;
	switch (s.normalisation) {
		case 'percentile':
			return percentRankSql(x);
		case 'minmax':
			return `CASE WHEN ${x} IS NULL THEN NULL WHEN s.${c}_max > s.${c}_min THEN (${x} - s.${c}_min) / (s.${c}_max - s.${c}_min) ELSE 0 END`;
		case 'zscore':
			return `CASE WHEN ${x} IS NULL THEN NULL WHEN s.${c}_sd > 0 THEN (${x} - s.${c}_mean) / s.${c}_sd ELSE 0 END`;
	}
}

function imputeSql(c: string, s: IndicatorSetting): string {
	if (s.nullPolicy === 'impute-national-median') return `coalesce(r.${c}, uk.${c})`;
	if (s.nullPolicy === 'impute-nation-median') return `coalesce(r.${c}, nat.${c}, uk.${c})`;
	return `r.${c}`;
}

type Entry = { key: ScoreKey; s: IndicatorSetting; c: string };

function entriesOf(definition: ScoreDefinition): Entry[] {
	return (['postIndustrial', 'threat'] as ScoreKey[]).flatMap((key) => definition.scores[key].map((s, j) => ({ key, s, c: col(key, j) })));
}

/**
 * Stage 1: every seat's normalised (direction-applied, imputed) indicator values. It depends on
 * the indicators, directions, normalisations and null policies, not on weights or eligibility,
 * so the app materialises it once per shape and re-runs only stage 2 while weights move.
 */
export function normalisedStageSql(definition: ScoreDefinition): string {
	const set = LENS_BOUNDARY_SET[definition.lens];
	const entries = entriesOf(definition);
	const list = (f: (e: Entry) => string) => entries.map((e) => `, ${f(e)}`).join('');
	return `
WITH meta AS (${seatMeta(set, lensById(definition.lens).year)}),
raw AS (
	SELECT m.code, m.name, m.nation, m.region, m.holder, m.city_class${list(({ s, c }) => `v.${ident(s.id)} * ${s.direction === -1 ? '-1' : '1'} AS ${c}`)}
	FROM ${ident(indicatorTable(set))} v JOIN meta m ON m.code = v.code
),
nat AS (SELECT nation${list(({ c }) => `median(${c}) AS ${c}`)} FROM raw GROUP BY nation),
uk AS (SELECT count(*) AS seats${list(({ c }) => `median(${c}) AS ${c}`)} FROM raw),
imputed AS (
	SELECT r.code, r.name, r.nation, r.region, r.holder, r.city_class${list(({ s, c }) => `${imputeSql(c, s)} AS ${c}`)}
	FROM raw r LEFT JOIN nat ON nat.nation = r.nation CROSS JOIN uk
),
stats AS (
	SELECT count(*) AS seats${list(({ c }) => `avg(${c}) AS ${c}_mean, stddev_pop(${c}) AS ${c}_sd, min(${c}) AS ${c}_min, max(${c}) AS ${c}_max`)}
	FROM imputed
)
SELECT i.code, i.name, i.nation, i.region, i.holder, i.city_class${list(({ s, c }) => `${normaliseSql(c, s)} AS ${c}`)}
FROM imputed i CROSS JOIN stats s`;
}

/** What stage 1 depends on: when this key is unchanged, the materialised stage can be reused. */
export function stageKey(definition: ScoreDefinition): string {
	return JSON.stringify([definition.lens, entriesOf(definition).map(({ s }) => [s.id, s.direction, s.normalisation, s.nullPolicy])]);
}

export const STAGE_TABLE = 'score_stage';

export function createStageTable(definition: ScoreDefinition): string {
	return `CREATE OR REPLACE TEMP TABLE ${ident(STAGE_TABLE)} AS ${normalisedStageSql(definition)} ORDER BY code`;
}

export const READ_STAGE = `SELECT * FROM ${ident(STAGE_TABLE)} ORDER BY code`;

export interface CombineOptions {
	/** Table or CTE holding stage 1. */
	source?: string;
	/** SQL placed before the stage-2 CTEs (a `WITH stage AS (…)`). */
	prefix?: string;
	/**
	 * Also return the seat's name, nation, region, holder and normalised inputs. The app leaves
	 * them out on weight changes (it already has them from the stage), which halves the result.
	 */
	withInputs?: boolean;
}

/** Stage 2: weighted scores, percentiles, eligibility, priority and ranks, read from stage 1. */
export function combineQuery(definition: ScoreDefinition, options: CombineOptions = {}): ParameterisedQuery {
	const { source = STAGE_TABLE, prefix = '', withInputs = false } = options;
	const params: number[] = [];
	const param = (value: number) => {
		params.push(value);
		return `$${params.length}::DOUBLE`;
	};
	const entries = entriesOf(definition);
	// Only weights that are used get a parameter: DuckDB rejects parameters the SQL never reads.
	const weight = new Map(entries.filter(({ s }) => s.weight > 0).map(({ s, c }) => [c, param(s.weight)]));
	/** True where a weighted `partial` indicator is missing: the score is shown but not ranked. */
	const partial = (key: ScoreKey) => {
		const missing = entries.filter((e) => e.key === key && e.s.weight > 0 && e.s.nullPolicy === 'partial').map((e) => `${e.c} IS NULL`);
		return missing.length ? `(${missing.join(' OR ')})` : 'false';
	};
	const combine = (key: ScoreKey) => {
		const used = entries.filter((e) => e.key === key && e.s.weight > 0);
		if (!used.length) return 'NULL::DOUBLE';
		const excluded = used.filter((e) => e.s.nullPolicy === 'exclude').map((e) => `${e.c} IS NULL`);
		const sum = used.map((e) => `${weight.get(e.c)} * coalesce(${e.c}, 0)`).join(' + ');
		const weights = used.map((e) => `CASE WHEN ${e.c} IS NULL THEN 0 ELSE ${weight.get(e.c)} END`).join(' + ');
		return `CASE ${excluded.length ? `WHEN ${excluded.join(' OR ')} THEN NULL ` : ''}WHEN (${weights}) = 0 THEN NULL ELSE (${sum}) / (${weights}) END`;
	};
	const e = definition.priority.eligibility;
	const inList = (column: string, values: string[]) => `${column} IN (${values.map(literal).join(', ')})`;
	const eligible = [
		'post_industrial_pct IS NOT NULL',
		'threat_pct IS NOT NULL',
		`coalesce(holder <> ${literal(SPEAKER_HOLDER)}, true)`,
		e.holders.length ? `coalesce(${inList('holder', e.holders)}, false)` : '',
		e.nations.length ? inList('nation', e.nations) : '',
		e.regions.length ? inList('region', e.regions) : '',
		e.cityClasses?.length ? `coalesce(${inList('city_class', e.cityClasses)}, false)` : '',
		`post_industrial_pct * 100 >= ${param(e.minPostIndustrialPercentile)}`,
		`threat_pct * 100 >= ${param(e.minThreatPercentile)}`
	]
		.filter(Boolean)
		.join(' AND ');
	const priority = { mean: '(post_industrial_pct + threat_pct) / 2', min: 'least(post_industrial_pct, threat_pct)', geometric: 'sqrt(post_industrial_pct * threat_pct)' }[definition.priority.method];
	const inputs = withInputs ? `name, nation, region, holder, city_class, ` : '';
	const outputs = withInputs ? entries.map((x) => `, ${x.c}`).join('') : '';
	const sql = `${prefix}${prefix ? ',' : 'WITH'}
scored AS (SELECT *, ${combine('postIndustrial')} AS post_industrial, ${combine('threat')} AS threat,
	${partial('postIndustrial')} AS post_industrial_partial, ${partial('threat')} AS threat_partial FROM ${source}),
ranked AS (SELECT *, CASE WHEN post_industrial_partial THEN NULL ELSE post_industrial END AS post_industrial_ranked,
	CASE WHEN threat_partial THEN NULL ELSE threat END AS threat_ranked FROM scored),
percentiles AS (SELECT *, ${percentRankSql('post_industrial_ranked')} AS post_industrial_pct, ${percentRankSql('threat_ranked')} AS threat_pct FROM ranked),
prioritised AS (SELECT *, coalesce(${eligible}, false) AS eligible FROM percentiles),
final AS (SELECT *, CASE WHEN eligible THEN ${priority} END AS priority FROM prioritised)
SELECT code, ${inputs}post_industrial, threat, post_industrial_pct, threat_pct, priority, eligible,
       post_industrial_partial, threat_partial,
       ${rankSql('post_industrial_ranked')} AS post_industrial_rank,
       ${rankSql('threat_ranked')} AS threat_rank,
       ${rankSql('priority')} AS priority_rank${outputs}
FROM final
ORDER BY code`;
	return { sql, params };
}

/** Both stages in one statement: what the CLI and the parity tests run. */
export function scoreQuery(definition: ScoreDefinition): ParameterisedQuery {
	return combineQuery(definition, { source: 'stage', prefix: `WITH stage AS (${normalisedStageSql(definition)})`, withInputs: true });
}

/** Wide indicator rows for the reference scorer: meta plus the requested ids. */
export function seatInputsQuery(definition: ScoreDefinition, ids: string[]): string {
	const set = LENS_BOUNDARY_SET[definition.lens];
	const columns = ids.map((id) => `v.${ident(id)}`);
	return `WITH meta AS (${seatMeta(set, lensById(definition.lens).year)})
		SELECT m.code, m.name, m.nation, m.region, m.holder, m.city_class${columns.length ? ', ' : ''}${columns.join(', ')}
		FROM ${ident(indicatorTable(set))} v JOIN meta m ON m.code = v.code ORDER BY m.code`;
}
