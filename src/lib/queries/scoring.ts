/**
 * SQL generated from a score definition. It mirrors `src/lib/features/scores/reference.ts` step
 * by step (see the method there); tests hold the two equal on the real data for every lens.
 * Window functions compute every statistic over all seats of the boundary set, never only the
 * eligible ones, so eligibility filters cannot change a seat's score.
 */
import type { IndicatorSetting, ScoreDefinition, ScoreKey } from '$lib/features/scores/definition';
import { LENS_BOUNDARY_SET } from '$lib/features/scores/definition';
import { lensById } from '$lib/features/scores/lenses';
import { indicatorTable, seatMeta } from './indicators';
import { ident, literal, num } from './sql';

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

function imputeSql(x: string, s: IndicatorSetting): string {
	switch (s.nullPolicy) {
		case 'impute-national-median':
			return `coalesce(${x}, median(${x}) OVER ())`;
		case 'impute-nation-median':
			return `coalesce(${x}, median(${x}) OVER (PARTITION BY nation), median(${x}) OVER ())`;
		default:
			return x;
	}
}

function normaliseSql(x: string, s: IndicatorSetting): string {
	switch (s.normalisation) {
		case 'percentile':
			return percentRankSql(x);
		case 'minmax':
			return `CASE WHEN ${x} IS NULL THEN NULL WHEN max(${x}) OVER () > min(${x}) OVER () THEN (${x} - min(${x}) OVER ()) / (max(${x}) OVER () - min(${x}) OVER ()) ELSE 0 END`;
		case 'zscore':
			return `CASE WHEN ${x} IS NULL THEN NULL WHEN stddev_pop(${x}) OVER () > 0 THEN (${x} - avg(${x}) OVER ()) / stddev_pop(${x}) OVER () ELSE 0 END`;
	}
}

function combineSql(key: ScoreKey, settings: IndicatorSetting[]): string {
	const used = settings.map((s, j) => ({ s, c: col(key, j) })).filter(({ s }) => s.weight > 0);
	if (!used.length) return 'NULL::DOUBLE';
	const excluded = used.filter(({ s }) => s.nullPolicy === 'exclude').map(({ c }) => `${c} IS NULL`);
	const sum = used.map(({ s, c }) => `${num(s.weight)} * coalesce(${c}, 0)`).join(' + ');
	const weights = used.map(({ s, c }) => `CASE WHEN ${c} IS NULL THEN 0 ELSE ${num(s.weight)} END`).join(' + ');
	const exclude = excluded.length ? `WHEN ${excluded.join(' OR ')} THEN NULL ` : '';
	return `CASE ${exclude}WHEN (${weights}) = 0 THEN NULL ELSE (${sum}) / (${weights}) END`;
}

function priorityExpr(method: ScoreDefinition['priority']['method']): string {
	if (method === 'mean') return '(post_industrial_pct + threat_pct) / 2';
	if (method === 'min') return 'least(post_industrial_pct, threat_pct)';
	return 'sqrt(post_industrial_pct * threat_pct)';
}

function eligibleSql(definition: ScoreDefinition): string {
	const e = definition.priority.eligibility;
	const conditions = ['post_industrial_pct IS NOT NULL', 'threat_pct IS NOT NULL'];
	const inList = (column: string, values: string[]) => `${column} IN (${values.map(literal).join(', ')})`;
	if (e.holders.length) conditions.push(`coalesce(${inList('holder', e.holders)}, false)`);
	if (e.nations.length) conditions.push(inList('nation', e.nations));
	if (e.regions.length) conditions.push(inList('region', e.regions));
	conditions.push(`post_industrial_pct * 100 >= ${num(e.minPostIndustrialPercentile)}`);
	conditions.push(`threat_pct * 100 >= ${num(e.minThreatPercentile)}`);
	return conditions.join(' AND ');
}

/** One row per seat of the lens's boundary set, with scores, percentiles, priority, ranks and the normalised inputs. */
export function scoreQuery(definition: ScoreDefinition): string {
	const set = LENS_BOUNDARY_SET[definition.lens];
	const keys: ScoreKey[] = ['postIndustrial', 'threat'];
	const entries = keys.flatMap((key) => definition.scores[key].map((s, j) => ({ key, s, c: col(key, j) })));
	const raw = entries.map(({ s, c }) => `v.${ident(s.id)} * ${s.direction === -1 ? '-1' : '1'} AS ${c}`);
	const imputed = entries.map(({ s, c }) => `${imputeSql(c, s)} AS ${c}`);
	const normalised = entries.map(({ s, c }) => `${normaliseSql(c, s)} AS ${c}`);
	const outputs = entries.map(({ c }) => c);
	return `
WITH meta AS (${seatMeta(set, lensById(definition.lens).year)}),
raw AS (
	SELECT m.code, m.name, m.nation, m.region, m.holder, ${raw.join(', ')}
	FROM ${ident(indicatorTable(set))} v JOIN meta m ON m.code = v.code
),
imputed AS (SELECT code, name, nation, region, holder, ${imputed.join(', ')} FROM raw),
normalised AS (SELECT code, name, nation, region, holder, ${normalised.join(', ')} FROM imputed),
scored AS (
	SELECT *, ${combineSql('postIndustrial', definition.scores.postIndustrial)} AS post_industrial,
	          ${combineSql('threat', definition.scores.threat)} AS threat
	FROM normalised
),
percentiles AS (
	SELECT *, ${percentRankSql('post_industrial')} AS post_industrial_pct, ${percentRankSql('threat')} AS threat_pct FROM scored
),
prioritised AS (
	SELECT *, (${eligibleSql(definition)}) AS eligible,
	       CASE WHEN ${eligibleSql(definition)} THEN ${priorityExpr(definition.priority.method)} END AS priority
	FROM percentiles
)
SELECT code, name, nation, region, holder, post_industrial, threat, post_industrial_pct, threat_pct, priority, coalesce(eligible, false) AS eligible,
       ${rankSql('post_industrial')} AS post_industrial_rank,
       ${rankSql('threat')} AS threat_rank,
       ${rankSql('priority')} AS priority_rank${outputs.length ? ',' : ''}
       ${outputs.join(', ')}
FROM prioritised
ORDER BY code`;
}

/** Wide indicator rows for the reference scorer and the breakdown: meta plus the requested ids. */
export function seatInputsQuery(definition: ScoreDefinition, ids: string[]): string {
	const set = LENS_BOUNDARY_SET[definition.lens];
	const columns = ids.map((id) => `v.${ident(id)}`);
	return `WITH meta AS (${seatMeta(set, lensById(definition.lens).year)})
		SELECT m.code, m.name, m.nation, m.region, m.holder${columns.length ? ', ' : ''}${columns.join(', ')}
		FROM ${ident(indicatorTable(set))} v JOIN meta m ON m.code = v.code ORDER BY m.code`;
}
