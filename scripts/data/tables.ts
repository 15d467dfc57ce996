/**
 * Named SQL builders for the app's tables. Each reads verified sources (by id) and produces one
 * tidy table keyed by the GSS code. `expectedRows` is an invariant: the build stops if a join
 * drops or duplicates seats.
 */
import { RESULTS_2005 } from './election-tables';

export interface TableBuild {
	name: string;
	description: string;
	sources: string[];
	expectedRows: number;
	/** Loaded only when needed (e.g. small-area lookups for an upload), not at start-up. */
	lazy?: boolean;
	/** `src(id)` returns a relation for a verified source: `read_csv(...)`, or a GeoJSON file's feature properties. */
	sql(src: (id: string) => string): string;
	/**
	 * Invariants checked on the built table (and its sources): each query returns the offending
	 * rows, and any row stops the build with `what` and the rows named.
	 */
	checks?: { what: string; sql: (src: (id: string) => string) => string }[];
}

/** Columns of the results table that hold one party's votes, by `winner_key`/`second_key`. */
const PARTY_VOTES = ['con', 'lab', 'ld', 'green', 'snp', 'pc', 'ukip', 'brexit', 'reform', 'dup', 'sf', 'sdlp', 'uup', 'alliance'];
const votesOf = (key: string) => `CASE ${key} ${PARTY_VOTES.map((p) => `WHEN '${p}' THEN ${p}`).join(' ')} END`;

export const TABLE_BUILDS: TableBuild[] = [
	{
		name: 'constituencies',
		description: 'Both boundary sets: code, official name, nation, region.',
		sources: ['constituencies2010', 'constituencies2024', 'boundaries2010'],
		expectedRows: 1300,
		// The 2010-set lookup spells 18 names in title case ("Stoke-On-Trent North"); the names are
		// the ONS official ones from the boundary file ("Stoke-on-Trent North"). `alt_name` keeps
		// the lookup's spelling where it differs, for matching uploads.
		sql: (src) => `
			SELECT '2010' AS boundary_set, l.ons_id AS code, b.PCON22NM AS name, l.country AS nation,
			       l.region_name AS region, l.ons_region_id AS region_code, l.county_name AS county,
			       l.constituency_type AS seat_type,
			       CASE WHEN l.constituency_name <> b.PCON22NM THEN l.constituency_name END AS alt_name
			FROM ${src('constituencies2010')} l JOIN ${src('boundaries2010')} b ON b.PCON22CD = l.ons_id
			UNION ALL
			SELECT '2024', ons_id, constituency_name, country, region_name, ons_region_id, NULL,
			       constituency_type, NULL
			FROM ${src('constituencies2024')}
			ORDER BY boundary_set, code`,
		checks: [
			{
				what: 'names differ from the official ones other than in letter case',
				sql: () => `SELECT code, name, alt_name FROM constituencies WHERE lower(alt_name) <> lower(name)`
			}
		]
	},
	{
		name: 'results',
		description: 'General election results 2010–2024, one row per seat per election, with the winner’s own votes.',
		sources: ['results', 'ecResults2010', 'hocResults2017', 'hocResults2019', 'hocResults2024'],
		expectedRows: 3250,
		// `other` is every minor candidate together, so where an independent, the Speaker or a minor
		// party won it is not the winner's vote. `winner_votes` is: the party's column where the
		// winner has one; else the HoC "Of which other winner" (2017: other_winner; 2019, 2024); in
		// 2010 the Electoral Commission's own column for the winner (the largest vote in the seat);
		// in 2015, whose HoC file has no such column, the runner-up's votes plus the majority.
		sql: (src) => `
			WITH ec AS (
				SELECT * EXCLUDE ("Press Association Reference", "Constituency Name", Region, "Election Year", Electorate, Votes)
				FROM ${src('ecResults2010')}
			),
			other_winner AS (
				SELECT 2010 AS year, ons_id AS code, max(votes) AS votes
				FROM (UNPIVOT ec ON COLUMNS(* EXCLUDE (ons_id)) INTO NAME candidate VALUE votes) GROUP BY ons_id
				UNION ALL SELECT 2017, ons_id, other_winner FROM ${src('hocResults2017')}
				UNION ALL SELECT 2019, "ONS ID", "Of which other winner" FROM ${src('hocResults2019')}
				UNION ALL SELECT 2024, "ONS ID", "Of which other winner" FROM ${src('hocResults2024')}
			),
			r AS (SELECT * FROM ${src('results')})
			SELECT r.year::INTEGER AS year, r.boundary_set::VARCHAR AS boundary_set, r.ons_id AS code,
			       electorate, valid_votes, turnout_pct, winner, second, winner_key, second_key, majority,
			       con, lab, ld, green, snp, pc, ukip, brexit, reform, dup, sf, sdlp, uup, alliance, other,
			       right_populist_votes, right_populist_share,
			       coalesce(${votesOf('winner_key')},
			                CASE WHEN r.year = 2015 THEN ${votesOf('second_key')} + majority ELSE o.votes END)::INTEGER AS winner_votes
			FROM r LEFT JOIN other_winner o ON o.code = r.ons_id AND o.year = r.year
			ORDER BY year, code`,
		checks: [
			{ what: 'the winner’s votes are unknown', sql: () => `SELECT year, code, winner FROM results WHERE winner_votes IS NULL OR winner_votes <= 0` },
			{
				what: 'the winner’s votes minus the runner-up’s are not the majority',
				sql: () => `SELECT year, code, winner, second, winner_votes, majority FROM results
					WHERE ${votesOf('second_key')} IS NOT NULL AND winner_votes - ${votesOf('second_key')} <> majority`
			},
			{
				what: 'an "other" winner’s votes exceed all other candidates together',
				sql: () => `SELECT year, code, winner, winner_votes, other FROM results WHERE winner_key IN ('other', 'speaker') AND winner_votes > other`
			}
		]
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
		name: 'direct2024',
		description: 'Figures measured on the 2024 seats themselves: Centre for Cities (E&W) and HoC Census 2021/2022 demographics, in % of residents, households or jobs; and the Centre for Cities class (City, Hinterland, Deep rural).',
		sources: ['constituencies2024', 'cfc2024', 'hocCensus2021'],
		expectedRows: 650,
		// Centre for Cities covers England and Wales (575 seats; the deprived-decile share England
		// only); the HoC demographics cover every seat for age, and all but Scotland for tenure.
		// HoC values are shares (0–1), turned into % here.
		sql: (src) => `
			WITH hoc AS (
				SELECT ons_id AS code,
				       100 * sum(value) FILTER (WHERE topic = 'Housing tenure' AND variable = 'Social rented') AS social_rented_2021,
				       100 * sum(value) FILTER (WHERE topic = 'Age' AND variable = 'Aged 65 years and over') AS aged_65_plus_2021,
				       100 * sum(value) FILTER (WHERE topic = 'Age' AND variable = 'Aged 16 to 24 years') AS aged_16_24_2021
				FROM ${src('hocCensus2021')} GROUP BY ons_id
			)
			SELECT c.ons_id AS code,
			       f.share_of_residents_that_have_no_formal_qualifications_2021::DOUBLE AS no_qualifications_2021,
			       f.share_of_residents_that_are_in_bad_v_bad_heath_2021::DOUBLE AS bad_health_2021,
			       f.share_of_jobs_in_manufacturing_2022::DOUBLE AS manufacturing_jobs_2022,
			       f.share_of_neighbourhoods_in_most_deprived_decile_2019::DOUBLE AS most_deprived_decile_2019,
			       h.social_rented_2021, h.aged_65_plus_2021, h.aged_16_24_2021,
			       f.city_hinterland_deep_rural::VARCHAR AS city_class
			FROM ${src('constituencies2024')} c
			LEFT JOIN ${src('cfc2024')} f ON f.pcon24cd = c.ons_id
			LEFT JOIN hoc h ON h.code = c.ons_id
			ORDER BY code`,
		checks: [
			{
				what: 'a Centre for Cities or HoC census code is not a 2024-set seat',
				sql: (src) => `SELECT pcon24cd AS code FROM ${src('cfc2024')} WHERE pcon24cd NOT IN (SELECT ons_id FROM ${src('constituencies2024')})
					UNION ALL SELECT DISTINCT ons_id FROM ${src('hocCensus2021')} WHERE ons_id NOT IN (SELECT ons_id FROM ${src('constituencies2024')})`
			},
			{
				what: 'a Centre for Cities seat has no class, or a class other than City, Hinterland or Deep rural',
				sql: (src) => `SELECT pcon24cd AS code, city_hinterland_deep_rural AS class FROM ${src('cfc2024')}
					WHERE coalesce(city_hinterland_deep_rural NOT IN ('City', 'Hinterland', 'Deep rural'), true)`
			}
		]
	},
	{
		name: 'profile2010',
		description: 'Out-of-work benefits 2017 (GB), rural share 2011 (England) and mid-2018 population and adult age (UK), on the 2010 seats.',
		sources: ['constituencies2010', 'benefits2017', 'rural2011', 'population2018'],
		expectedRows: 650,
		// Benefits: claimants in thousands over the file's population (its vintage is not documented),
		// so the ESA share is precise to about ten claimants. Ages are shares of adults (18+), as Rae
		// published them. Density is the mid-2018 population over Rae's area in km².
		sql: (src) => `
			SELECT c.ons_id AS code,
			       b."% on benefits"::DOUBLE AS out_of_work_benefits_2017,
			       (100.0 * 1000 * b."ESA (000s)" / nullif(b.Population, 0))::DOUBLE AS esa_claimants_2017,
			       r."Rural % 2011"::DOUBLE AS rural_2011,
			       p.pop_mid2018::DOUBLE AS population_2018,
			       (p.pop_mid2018 / nullif(p.area_sq_km, 0))::DOUBLE AS density_2018,
			       p.pct_18_24::DOUBLE AS adults_18_24_2018,
			       p.pct_25_49::DOUBLE AS adults_25_49_2018,
			       p.pct_50_64::DOUBLE AS adults_50_64_2018,
			       p.pct_65plus::DOUBLE AS adults_65_plus_2018
			FROM ${src('constituencies2010')} c
			LEFT JOIN ${src('benefits2017')} b ON b.id = c.ons_id
			LEFT JOIN ${src('rural2011')} r ON r.PCON11CD = c.ons_id
			LEFT JOIN ${src('population2018')} p ON p.ons_id = c.ons_id
			ORDER BY code`,
		checks: [
			{
				what: 'a benefits, rural or population code is not a 2010-set seat',
				sql: (src) => `SELECT id AS code, 'benefits2017' AS source FROM ${src('benefits2017')} WHERE id NOT IN (SELECT ons_id FROM ${src('constituencies2010')})
					UNION ALL SELECT PCON11CD, 'rural2011' FROM ${src('rural2011')} WHERE PCON11CD NOT IN (SELECT ons_id FROM ${src('constituencies2010')})
					UNION ALL SELECT ons_id, 'population2018' FROM ${src('population2018')} WHERE ons_id NOT IN (SELECT ons_id FROM ${src('constituencies2010')})`
			},
			{
				what: 'a seat appears more than once in a benefits, rural or population file',
				sql: (src) => `SELECT id AS code FROM ${src('benefits2017')} GROUP BY id HAVING count(*) > 1
					UNION ALL SELECT PCON11CD FROM ${src('rural2011')} GROUP BY PCON11CD HAVING count(*) > 1
					UNION ALL SELECT ons_id FROM ${src('population2018')} GROUP BY ons_id HAVING count(*) > 1`
			},
			{
				what: 'a share is outside 0–100',
				sql: () => `SELECT code FROM profile2010 WHERE out_of_work_benefits_2017 NOT BETWEEN 0 AND 100 OR rural_2011 NOT BETWEEN 0 AND 100
					OR adults_65_plus_2018 NOT BETWEEN 0 AND 100 OR adults_18_24_2018 NOT BETWEEN 0 AND 100`
			}
		]
	},
	{
		name: 'eu_ref',
		description: 'EU referendum 2016 Leave and Remain % (2010 set), with the NI count corrections applied.',
		sources: ['euRef', 'euRefNiCorrections'],
		expectedRows: 650,
		// The compiled file is wrong for two NI seats (SOURCES.md): the announced constituency counts
		// replace its figures, and `correction_source` names the count.
		sql: (src) => `
			SELECT e.ons_id AS code, coalesce(c.leave_pct, e.leave_pct) AS leave_pct,
			       coalesce(c.remain_pct, e.remain_pct) AS remain_pct,
			       CASE WHEN c.ons_id IS NULL THEN e.basis ELSE 'NI constituency count (correction)' END AS basis,
			       c.leave_votes, c.remain_votes,
			       CASE WHEN c.ons_id IS NOT NULL THEN e.leave_pct END AS leave_pct_as_compiled,
			       c.source AS correction_source
			FROM ${src('euRef')} e LEFT JOIN ${src('euRefNiCorrections')} c ON c.ons_id = e.ons_id
			ORDER BY code`,
		checks: [
			{
				what: 'a Leave correction names a seat that is not in the 2010 set',
				sql: (src) => `SELECT c.ons_id, c.constituency_name FROM ${src('euRefNiCorrections')} c
					ANTI JOIN ${src('euRef')} e ON e.ons_id = c.ons_id`
			},
			{
				what: 'a Leave correction’s name does not match its code',
				sql: (src) => `SELECT c.ons_id, c.constituency_name, e.constituency_name AS name_in_leave_file
					FROM ${src('euRefNiCorrections')} c JOIN ${src('euRef')} e ON e.ons_id = c.ons_id
					WHERE lower(c.constituency_name) <> lower(e.constituency_name)`
			},
			{
				what: 'a Leave correction’s percentages do not follow from its counts',
				sql: (src) => `SELECT ons_id, leave_votes, remain_votes, leave_pct, remain_pct FROM ${src('euRefNiCorrections')}
					WHERE abs(100.0 * leave_votes / (leave_votes + remain_votes) - leave_pct) > 0.005
					   OR abs(100.0 * remain_votes / (leave_votes + remain_votes) - remain_pct) > 0.005`
			}
		]
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
	},
	RESULTS_2005
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
