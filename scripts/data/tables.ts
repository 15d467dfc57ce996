/**
 * Named SQL builders for the app's tables. Each reads verified sources (by id) and produces one
 * tidy table keyed by the GSS code. `expectedRows` is an invariant: the build stops if a join
 * drops or duplicates seats.
 */
export interface TableBuild {
	name: string;
	description: string;
	sources: string[];
	expectedRows: number;
	/** Loaded only when needed (e.g. small-area lookups for an upload), not at start-up. */
	lazy?: boolean;
	/** `src(id)` returns a `read_csv(...)` expression for a verified source. */
	sql(src: (id: string) => string): string;
}

export const TABLE_BUILDS: TableBuild[] = [
	{
		name: 'constituencies',
		description: 'Both boundary sets: code, name, nation, region.',
		sources: ['constituencies2010', 'constituencies2024'],
		expectedRows: 1300,
		sql: (src) => `
			SELECT '2010' AS boundary_set, ons_id AS code, constituency_name AS name, country AS nation,
			       region_name AS region, ons_region_id AS region_code, county_name AS county,
			       constituency_type AS seat_type
			FROM ${src('constituencies2010')}
			UNION ALL
			SELECT '2024', ons_id, constituency_name, country, region_name, ons_region_id, NULL,
			       constituency_type
			FROM ${src('constituencies2024')}
			ORDER BY boundary_set, code`
	},
	{
		name: 'results',
		description: 'General election results 2010–2024, one row per seat per election.',
		sources: ['results'],
		expectedRows: 3250,
		sql: (src) => `
			SELECT year::INTEGER AS year, boundary_set::VARCHAR AS boundary_set, ons_id AS code,
			       electorate, valid_votes, turnout_pct, winner, second, winner_key, second_key, majority,
			       con, lab, ld, green, snp, pc, ukip, brexit, reform, dup, sf, sdlp, uup, alliance, other,
			       right_populist_votes, right_populist_share
			FROM ${src('results')}
			ORDER BY year, code`
	},
	{
		name: 'census2011',
		description: 'Census 2011 constituency profile (2010 set, GB only), percentages.',
		sources: ['census2011'],
		expectedRows: 632,
		sql: (src) => `
			SELECT ONSConstID AS code, COLUMNS('^c11')
			FROM ${src('census2011')}
			ORDER BY code`
	},
	{
		name: 'census2011_codebook',
		description: 'Plain-English descriptions and Census table ids of the Census 2011 columns.',
		sources: ['censusCodebook', 'census2011'],
		expectedRows: 185,
		// The codebook misspells a few names (e.g. "Accommadation"): match each real census column
		// to its closest codebook entry, and keep only confident matches.
		sql: (src) => `
			WITH columns AS (
				SELECT column_name AS variable FROM (DESCRIBE SELECT * FROM ${src('census2011')})
				WHERE column_name LIKE 'c11%'
			),
			codebook AS (
				SELECT "Variable Name" AS name, "Description" AS description, "Census table" AS census_table
				FROM ${src('censusCodebook')} WHERE "Variable Name" LIKE 'c11%'
			),
			best AS (
				SELECT c.variable, arg_min(b.description, levenshtein(lower(b.name), lower(c.variable))) AS description,
				       arg_min(b.census_table, levenshtein(lower(b.name), lower(c.variable))) AS census_table,
				       min(levenshtein(lower(b.name), lower(c.variable))) AS distance
				FROM columns c, codebook b GROUP BY c.variable
			)
			SELECT variable,
			       CASE WHEN distance <= 2 THEN description ELSE variable END AS description,
			       CASE WHEN distance <= 2 THEN census_table END AS census_table
			FROM best ORDER BY variable`
	},
	{
		name: 'deprivation',
		description: 'UK composite IMD score by constituency, both boundary sets.',
		sources: ['deprivation2010', 'deprivation2024', 'parl25Lookup'],
		expectedRows: 1300,
		sql: (src) => `
			SELECT '2010' AS boundary_set, "gss-code" AS code, "pcon-deprivation-score" AS score,
			       "pcon-imd-pop-quintile" AS quintile, "pcon-imd-pop-decile" AS decile,
			       "low-deprivation" AS low_share, "medium-deprivation" AS medium_share,
			       "high-deprivation" AS high_share
			FROM ${src('deprivation2010')}
			UNION ALL
			SELECT '2024', l.PCON24CD, d."parl25-deprivation-score", d."parl25-imd-pop-quintile",
			       d."parl25-imd-pop-decile", d."low-deprivation", d."medium-deprivation",
			       d."high-deprivation"
			FROM ${src('deprivation2024')} d
			JOIN ${src('parl25Lookup')} l ON l."UKPARL.2025" = d.parl25
			ORDER BY boundary_set, code`
	},
	{
		name: 'eu_ref',
		description: 'EU referendum 2016 Leave and Remain % (2010 set).',
		sources: ['euRef'],
		expectedRows: 650,
		sql: (src) => `
			SELECT ons_id AS code, leave_pct, remain_pct, basis
			FROM ${src('euRef')}
			ORDER BY code`
	},
	{
		name: 'overlap',
		description: 'Population overlap between the 2010 and 2024 sets, in both directions.',
		sources: ['overlap2010to2024', 'overlap2024to2010'],
		expectedRows: 2600,
		sql: (src) => `
			SELECT '2010' AS from_set, PCON10CD AS from_code, PCON24CD AS to_code,
			       share_of_pcon10_pop AS share_of_from_pop, overlap_pop, pcon10_pop AS from_pop
			FROM ${src('overlap2010to2024')}
			UNION ALL
			SELECT '2024', PCON24CD, PCON10CD, share_of_pcon24_pop, overlap_pop, pcon24_pop
			FROM ${src('overlap2024to2010')}
			ORDER BY from_set, from_code, to_code`
	},
	{
		name: 'smallarea_2010',
		description: 'Small areas (LSOA 2011, data zones, NI SOAs) to 2010-set constituencies, with population for weighting.',
		sources: ['smallArea2010', 'smallArea2024'],
		expectedRows: 42619,
		lazy: true,
		// Population per small area comes from the 2024 overlap file (its lsoa_pop is the area's total).
		sql: (src) => `
			WITH pop AS (SELECT LSOA11CD AS area, max(lsoa_pop) AS population FROM ${src('smallArea2024')} GROUP BY 1)
			SELECT l.lsoa11 AS area, l.pcon AS code, p.population
			FROM ${src('smallArea2010')} l LEFT JOIN pop p ON p.area = l.lsoa11
			ORDER BY area`
	},
	{
		name: 'smallarea_2024',
		description: 'Small areas to 2024-set constituencies by population overlap (an area can be split).',
		sources: ['smallArea2024'],
		expectedRows: 44728,
		lazy: true,
		sql: (src) => `
			SELECT LSOA11CD AS area, PCON24CD AS code, share_of_lsoa_pop AS share, overlap_pop AS population
			FROM ${src('smallArea2024')}
			ORDER BY area, code`
	}
];

/** Geometry outputs: copied with properties reduced to what the app reads. */
export interface GeoBuild {
	name: string;
	file: string;
	source: string;
	kind: 'boundaries' | 'outline' | 'hexjson';
	boundarySet: '2010' | '2024' | 'none';
	codeProperty?: string;
	nameProperty?: string;
	expectedFeatures: number;
}

export const GEO_BUILDS: GeoBuild[] = [
	{ name: 'boundaries2010', file: 'boundaries-2010.topojson', source: 'boundaries2010', kind: 'boundaries', boundarySet: '2010', codeProperty: 'PCON22CD', nameProperty: 'PCON22NM', expectedFeatures: 650 },
	{ name: 'boundaries2024', file: 'boundaries-2024.topojson', source: 'boundaries2024', kind: 'boundaries', boundarySet: '2024', codeProperty: 'PCON24CD', nameProperty: 'PCON24NM', expectedFeatures: 650 },
	{ name: 'outline', file: 'outline.topojson', source: 'outline', kind: 'outline', boundarySet: 'none', expectedFeatures: 4 },
	{ name: 'hex2010', file: 'hex-2010.hexjson', source: 'hex2010', kind: 'hexjson', boundarySet: '2010', expectedFeatures: 650 },
	{ name: 'hex2024', file: 'hex-2024.hexjson', source: 'hex2024', kind: 'hexjson', boundarySet: '2024', expectedFeatures: 650 }
];
