/**
 * The indicator catalogue: every usable column, and the derived election measures, described for a
 * committee (label, plain-English description, source, year, unit, boundary set, natural direction).
 *
 * Entries carry a structured `formula`, not SQL: `src/lib/queries/indicators.ts` compiles formulas
 * to SQL, and coverage (which nations have values) is measured from the data, not declared.
 */

export type BoundarySet = '2010' | '2024';
export type Party = 'con' | 'lab' | 'ld' | 'green' | 'snp' | 'pc' | 'ukip' | 'brexit' | 'reform' | 'right_populist';
export type ElectionYear = 2010 | 2015 | 2017 | 2019 | 2024;

export type Formula =
	| { kind: 'census'; column: string }
	| { kind: 'census-sum'; columns: string[] }
	| { kind: 'deprivation'; column: 'score' | 'high_share' }
	| { kind: 'leave' }
	| { kind: 'share'; party: Party; year: ElectionYear }
	| { kind: 'change'; party: Party; from: ElectionYear; fromParty?: Party; to: ElectionYear }
	| { kind: 'majority-share'; year: ElectionYear }
	| { kind: 'turnout'; year: ElectionYear }
	| { kind: 'challenger-gap' | 'challenger-second' | 'challenger-top-two'; party: Party; year: ElectionYear }
	/** A 2010-set indicator carried onto the 2024 set by population overlap. */
	| { kind: 'notional'; of: string }
	/** A 2024-set value minus a notional 2010-set value (e.g. Reform 2024 vs notional 2019). */
	| { kind: 'change-from-notional'; current: Formula; notionalOf: string }
	/** A 2010-set figure from the benefits, rural and population files (table `profile2010`). */
	| { kind: 'profile'; column: ProfileColumn }
	/** A figure measured on the 2024 seats themselves (table `direct2024`). */
	| { kind: 'direct'; column: DirectColumn }
	/** The direct 2024 figure where it exists, else a notional 2010-set value (flagged per seat). */
	| { kind: 'fallback'; column: DirectColumn; notionalOf: string }
	/** A column of a dataset the analyst uploaded (one row per seat, already matched). */
	| { kind: 'upload'; table: string; column: string };

export type DirectColumn = 'no_qualifications_2021' | 'bad_health_2021' | 'manufacturing_jobs_2022' | 'most_deprived_decile_2019' | 'social_rented_2021' | 'aged_65_plus_2021' | 'aged_16_24_2021';

export type ProfileColumn = 'out_of_work_benefits_2017' | 'esa_claimants_2017' | 'rural_2011' | 'population_2018' | 'density_2018' | 'adults_18_24_2018' | 'adults_25_49_2018' | 'adults_50_64_2018' | 'adults_65_plus_2018';

/**
 * Where a value was measured: `direct` on the indicator's own boundary set; `notional`, carried
 * from the 2010 set by population overlap; `mixed`, direct in `directNations` and notional elsewhere.
 */
export type Geography = 'direct' | 'notional' | 'mixed';

export type IndicatorGroup = 'Census 2011' | 'Census 2021 and newer' | 'Benefits, rurality and population' | 'Deprivation' | 'EU referendum' | 'Vote share' | 'Vote change' | 'Contest' | 'Challenger' | 'Uploaded';

export interface Indicator {
	id: string;
	label: string;
	description: string;
	group: IndicatorGroup;
	source: string;
	year: string;
	unit: string;
	boundarySet: BoundarySet;
	/** +1: higher values mean more of what the score measures (decline, threat); −1: the opposite. */
	naturalDirection: 1 | -1;
	/** Carried across boundary sets through the overlap lookups. */
	notional: boolean;
	geography: Geography;
	/** For `mixed`: the nations with direct values (the rest are notional). */
	directNations?: string[];
	formula: Formula;
}

const NATION_LIST = (n: string[]) => (n.length > 1 ? `${n.slice(0, -1).join(', ')} and ${n.at(-1)}` : n[0]);

/** The geography in words, for the catalogue, the breakdown and the Method tab. */
export function geographyText(i: Pick<Indicator, 'geography' | 'boundarySet' | 'directNations'>): string {
	if (i.geography === 'notional') return 'notional: carried from the 2010 seats by population overlap';
	if (i.geography === 'mixed') return `direct on the 2024 seats in ${NATION_LIST(i.directNations ?? [])}; notional 2011 elsewhere`;
	return `direct on the ${i.boundarySet} seats`;
}

/** True where this seat's value of the indicator is notional (always, never, or by nation). */
export function notionalFor(i: Pick<Indicator, 'geography' | 'directNations'>, nation: string): boolean {
	return i.geography === 'notional' || (i.geography === 'mixed' && !(i.directNations ?? []).includes(nation));
}

export interface CodebookEntry {
	variable: string;
	description: string;
	census_table: string | null;
}

export const PARTY_LABEL: Record<Party, string> = {
	con: 'Conservative',
	lab: 'Labour',
	ld: 'Liberal Democrat',
	green: 'Green',
	snp: 'SNP',
	pc: 'Plaid Cymru',
	ukip: 'UKIP',
	brexit: 'Brexit Party',
	reform: 'Reform UK',
	right_populist: 'Right-populist (UKIP + Brexit Party + Reform UK)'
};

/** The right-populist challenger at each election. */
export const CHALLENGER: Record<ElectionYear, Party> = { 2010: 'ukip', 2015: 'ukip', 2017: 'ukip', 2019: 'brexit', 2024: 'reform' };

const RESULTS_SOURCE: Record<ElectionYear, string> = {
	2010: 'Electoral Commission GE2010 results',
	2015: 'House of Commons Library GE2015 results',
	2017: 'House of Commons Library GE2017 results',
	2019: 'House of Commons Library GE2019 results (UKIP from BES)',
	2024: 'House of Commons Library GE2024 results'
};
const YEARS_2010_SET: ElectionYear[] = [2010, 2015, 2017, 2019];
const PARTIES: Party[] = ['con', 'lab', 'ld', 'green', 'snp', 'pc', 'ukip', 'brexit', 'reform', 'right_populist'];
/** Parties that stood at each election (others are structurally zero and would only add noise). */
const STOOD: Record<ElectionYear, Party[]> = {
	2010: ['con', 'lab', 'ld', 'green', 'snp', 'pc', 'ukip', 'right_populist'],
	2015: ['con', 'lab', 'ld', 'green', 'snp', 'pc', 'ukip', 'right_populist'],
	2017: ['con', 'lab', 'ld', 'green', 'snp', 'pc', 'ukip', 'right_populist'],
	2019: ['con', 'lab', 'ld', 'green', 'snp', 'pc', 'ukip', 'brexit', 'right_populist'],
	2024: PARTIES.filter((p) => p !== 'ukip' && p !== 'brexit')
};

export const CENSUS_COMPOSITES = {
	'census.mfg_mining': { columns: ['c11IndustryManufacturing', 'c11IndustryMining'], label: 'Manufacturing + mining employment', description: 'Share of employed residents aged 16–74 working in manufacturing or mining and quarrying (Census 2011, KS605).' },
	'census.routine': { columns: ['c11NSSECRoutine', 'c11NSSECSemiRoutine'], label: 'Routine + semi-routine occupations', description: 'Share of residents aged 16–74 in routine or semi-routine occupations, NS-SeC classes 6–7 (Census 2011, KS611).' }
} as const;

const CENSUS_LABELS: Record<string, string> = {
	c11LongTermSick: 'Long-term sick or disabled',
	c11QualNone: 'No qualifications'
};

function censusUnit(column: string): string {
	if (column === 'c11Population') return 'people';
	if (column === 'c11PopulationDensity') return 'people per hectare';
	return '% of residents';
}

/** Census descriptions start with "Census 2011: "; the label is the rest, shortened. */
function censusLabel(entry: CodebookEntry): string {
	return (
		CENSUS_LABELS[entry.variable] ??
		entry.description
			.replace(/^Census 2011:\s*/i, '')
			.replace(/\s+/g, ' ')
			.trim()
	);
}

function census2010(codebook: CodebookEntry[]): Indicator[] {
	const base = { group: 'Census 2011' as const, source: 'ONS/NRS Census 2011 via British Election Study', year: '2011', boundarySet: '2010' as const, notional: false, geography: 'direct' as const };
	const composites: Indicator[] = Object.entries(CENSUS_COMPOSITES).map(([id, c]) => ({
		...base,
		id,
		label: c.label,
		description: c.description,
		unit: '% of residents',
		naturalDirection: 1,
		formula: { kind: 'census-sum', columns: [...c.columns] }
	}));
	const columns: Indicator[] = codebook.map((entry) => ({
		...base,
		id: `census.${entry.variable}`,
		label: censusLabel(entry),
		description: `${entry.description}${entry.census_table ? ` (table ${entry.census_table})` : ''}. Great Britain only: no Census 2011 for Northern Ireland in this source.`,
		unit: censusUnit(entry.variable),
		naturalDirection: 1,
		formula: { kind: 'census', column: entry.variable }
	}));
	return [...composites, ...columns];
}

function elections(set: BoundarySet, years: ElectionYear[]): Indicator[] {
	const out: Indicator[] = [];
	const base = { boundarySet: set, notional: false, geography: 'direct' as const };
	for (const year of years) {
		const source = RESULTS_SOURCE[year];
		for (const party of STOOD[year]) {
			out.push({
				...base,
				id: `vote.${party}.${year}`,
				label: `${PARTY_LABEL[party]} share ${year}`,
				description: `${PARTY_LABEL[party]} votes as a share of valid votes at the ${year} general election.`,
				group: 'Vote share',
				source,
				year: String(year),
				unit: '% of valid votes',
				naturalDirection: 1,
				formula: { kind: 'share', party, year }
			});
		}
		out.push({
			...base,
			id: `majority.${year}`,
			label: `Majority ${year}`,
			description: `Winner's majority as a share of valid votes, ${year}. A small majority means a marginal seat.`,
			group: 'Contest',
			source,
			year: String(year),
			unit: '% of valid votes',
			naturalDirection: -1,
			formula: { kind: 'majority-share', year }
		});
		out.push({
			...base,
			id: `turnout.${year}`,
			label: `Turnout ${year}`,
			description: `Valid votes as a share of the electorate, ${year} (rejected ballots excluded, so slightly below official turnout).`,
			group: 'Contest',
			source,
			year: String(year),
			unit: '% of electorate',
			naturalDirection: -1,
			formula: { kind: 'turnout', year }
		});
		const ch = CHALLENGER[year];
		const name = PARTY_LABEL[ch];
		out.push({
			...base,
			id: `challenger.gap.${year}`,
			label: `${name} gap to winner ${year}`,
			description: `How far ${name} was behind the winner, as a share of valid votes, ${year}; negative where ${name} won (minus its majority). Smaller means closer. Where an independent or minor party won, the winner's own vote is used (HoC "Of which other winner"); empty in the Speaker's seat, where the main parties do not stand.`,
			group: 'Challenger',
			source,
			year: String(year),
			unit: 'percentage points',
			naturalDirection: -1,
			formula: { kind: 'challenger-gap', party: ch, year }
		});
		out.push({
			...base,
			id: `challenger.second.${year}`,
			label: `${name} second ${year}`,
			description: `1 where ${name} came second in ${year}, else 0.`,
			group: 'Challenger',
			source,
			year: String(year),
			unit: 'yes (1) / no (0)',
			naturalDirection: 1,
			formula: { kind: 'challenger-second', party: ch, year }
		});
		out.push({
			...base,
			id: `challenger.top2.${year}`,
			label: `${name} first or second ${year}`,
			description: `1 where ${name} won or came second in ${year}, else 0. In a seat held by another party this is the same as coming second.`,
			group: 'Challenger',
			source,
			year: String(year),
			unit: 'yes (1) / no (0)',
			naturalDirection: 1,
			formula: { kind: 'challenger-top-two', party: ch, year }
		});
	}
	for (let i = 1; i < years.length; i++) {
		const [from, to] = [years[i - 1], years[i]];
		for (const party of STOOD[to].filter((p) => STOOD[from].includes(p))) {
			out.push({
				...base,
				id: `change.${party}.${from}_${to}`,
				label: `${PARTY_LABEL[party]} change ${from}→${to}`,
				description: `Change in ${PARTY_LABEL[party]}'s share of valid votes from ${from} to ${to}, in percentage points (same boundaries).`,
				group: 'Vote change',
				source: `${RESULTS_SOURCE[from]}; ${RESULTS_SOURCE[to]}`,
				year: `${from}–${to}`,
				unit: 'percentage points',
				naturalDirection: 1,
				formula: { kind: 'change', party, from, to }
			});
		}
	}
	return out;
}

function deprivation(set: BoundarySet): Indicator[] {
	const source = 'mySociety UK composite IMD (England 2019, Wales 2019, Scotland 2020, NI 2017)';
	return [
		{
			id: `deprivation.score`,
			label: 'Deprivation score',
			description: 'mySociety UK-wide composite Index of Multiple Deprivation, population-weighted to the constituency. Higher is more deprived. Anchored to England; combines the four nations’ indices.',
			group: 'Deprivation',
			source,
			year: '2019–2020',
			unit: 'score',
			boundarySet: set,
			naturalDirection: 1,
			notional: false,
			geography: 'direct',
			formula: { kind: 'deprivation', column: 'score' }
		},
		{
			id: `deprivation.high_share`,
			label: 'Share in most deprived fifth',
			description: 'Share of the population living in small areas in the UK’s most deprived quintile (mySociety composite IMD).',
			group: 'Deprivation',
			source,
			year: '2019–2020',
			unit: 'share (0–1)',
			boundarySet: set,
			naturalDirection: 1,
			notional: false,
			geography: 'direct',
			formula: { kind: 'deprivation', column: 'high_share' }
		}
	];
}

const LEAVE: Indicator = {
	id: 'referendum.leave',
	label: 'Leave 2016',
	description:
		'Estimated Leave share at the 2016 EU referendum: Chris Hanretty’s figure (the known count where one was published, otherwise his estimate) in Great Britain; official constituency counts in Northern Ireland (compiled by Alasdair Rae; Belfast East and South Antrim corrected to the counts announced on 24 June 2016, see Method).',
	group: 'EU referendum',
	source: 'Hanretty (2017); Rae; NI constituency counts, 24 June 2016',
	year: '2016',
	unit: '% of votes',
	boundarySet: '2010',
	naturalDirection: 1,
	notional: false,
	geography: 'direct',
	formula: { kind: 'leave' }
};

const BENEFITS = 'Out-of-work benefit claimants 2017, ODI Leeds (presumably DWP via Nomis)';
const RURAL = 'Rural population 2011, ODI Leeds (presumably ONS 2011 rural-urban classification)';
const POP2018 = 'ONS, NRS and NISRA mid-2018 population estimates, compiled by Alasdair Rae';
/** `carried`: also offered on the 2024 set as a notional value (rates only: a count or density cannot be averaged across seats). */
const PROFILE: { column: ProfileColumn; label: string; description: string; source: string; year: string; unit: string; carried: boolean }[] = [
	{
		column: 'out_of_work_benefits_2017',
		label: 'Out-of-work benefits (2017)',
		description:
			'Claimants of the main out-of-work benefits (Employment and Support Allowance, Jobseeker’s Allowance, Income Support) as a share of the population, 2017. Great Britain only. The file’s reference date and population vintage are not documented: treat as indicative.',
		source: BENEFITS,
		year: '2017',
		unit: '% of population',
		carried: true
	},
	{
		column: 'esa_claimants_2017',
		label: 'ESA claimants (2017)',
		description:
			'Employment and Support Allowance (sickness and disability) claimants as a share of the population, 2017: the successor of incapacity benefit, high where heavy industry closed. Claimants are published in thousands to two decimals, so this is precise to about ten people. Great Britain only; indicative, as above.',
		source: BENEFITS,
		year: '2017',
		unit: '% of population',
		carried: true
	},
	{ column: 'rural_2011', label: 'Rural population (2011)', description: 'Share of the population living in rural areas, 2011. England only.', source: RURAL, year: '2011', unit: '% of population', carried: true },
	{ column: 'population_2018', label: 'Population (mid-2018)', description: 'Mid-2018 population estimate for the seat (ONS; NRS in Scotland; NISRA in Northern Ireland).', source: POP2018, year: '2018', unit: 'people', carried: false },
	{ column: 'density_2018', label: 'Population density (2018)', description: 'Mid-2018 population per km² of the seat’s area (area calculated by Alasdair Rae).', source: POP2018, year: '2018', unit: 'people per km²', carried: false },
	{ column: 'adults_18_24_2018', label: 'Adults aged 18 to 24 (2018)', description: 'Share of the seat’s adults (18+) aged 18 to 24, mid-2018 estimates. A share of adults, not of all residents.', source: POP2018, year: '2018', unit: '% of adults (18+)', carried: true },
	{ column: 'adults_25_49_2018', label: 'Adults aged 25 to 49 (2018)', description: 'Share of the seat’s adults (18+) aged 25 to 49, mid-2018 estimates. A share of adults, not of all residents.', source: POP2018, year: '2018', unit: '% of adults (18+)', carried: true },
	{ column: 'adults_50_64_2018', label: 'Adults aged 50 to 64 (2018)', description: 'Share of the seat’s adults (18+) aged 50 to 64, mid-2018 estimates. A share of adults, not of all residents.', source: POP2018, year: '2018', unit: '% of adults (18+)', carried: true },
	{
		column: 'adults_65_plus_2018',
		label: 'Adults aged 65 and over (2018)',
		description: 'Share of the seat’s adults (18+) aged 65 and over, mid-2018 estimates. A share of adults, not of all residents.',
		source: POP2018,
		year: '2018',
		unit: '% of adults (18+)',
		carried: true
	}
];

function profile2010(): Indicator[] {
	return PROFILE.map((p) => ({
		id: `profile.${p.column}`,
		label: p.label,
		description: p.description,
		group: 'Benefits, rurality and population',
		source: p.source,
		year: p.year,
		unit: p.unit,
		boundarySet: '2010',
		naturalDirection: 1,
		notional: false,
		geography: 'direct',
		formula: { kind: 'profile', column: p.column }
	}));
}

/** Which 2010-set indicators are carried onto the 2024 set (flagged notional wherever they appear). */
function isCarriedTo2024(indicator: Indicator): boolean {
	if (indicator.formula.kind === 'profile') {
		const column = indicator.formula.column;
		return PROFILE.some((p) => p.column === column && p.carried);
	}
	return indicator.group === 'Census 2011' || indicator.group === 'EU referendum' || (indicator.group === 'Vote share' && indicator.year === '2019');
}

function notional(of: Indicator): Indicator {
	return {
		...of,
		id: `notional.${of.id}`,
		label: `${of.label} (notional)`,
		description: `${of.description} Notional: carried from the 2010 boundaries to the 2024 boundaries by population overlap.`,
		boundarySet: '2024',
		notional: true,
		geography: 'notional',
		formula: { kind: 'notional', of: of.id }
	};
}

const CFC = 'Centre for Cities GE2024 data tool';
const HOC21 = 'House of Commons Library, Census 2021 (Scotland: Census 2022) for the 2024 constituencies';
const DIRECT: { column: DirectColumn; label: string; description: string; source: string; year: string; unit: string }[] = [
	{ column: 'no_qualifications_2021', label: 'No qualifications (2021)', description: 'Share of residents aged 16+ with no formal qualifications, Census 2021. England and Wales only.', source: CFC, year: '2021', unit: '% of residents' },
	{
		column: 'bad_health_2021',
		label: 'Bad or very bad health (2021)',
		description: 'Share of residents in bad or very bad health, Census 2021. England and Wales only. A health measure, not the 2011 “long-term sick” economic-activity category.',
		source: CFC,
		year: '2021',
		unit: '% of residents'
	},
	{
		column: 'manufacturing_jobs_2022',
		label: 'Manufacturing jobs (2022, workplace)',
		description: 'Share of jobs located in the seat that are in manufacturing (BRES 2022). A workplace measure: it counts jobs in the seat, not residents’ jobs, unlike the Census 2011 employment shares. England and Wales only.',
		source: `${CFC} (ONS BRES)`,
		year: '2022',
		unit: '% of jobs'
	},
	{
		column: 'most_deprived_decile_2019',
		label: 'Neighbourhoods in England’s most deprived tenth (2019)',
		description: 'Share of the seat’s neighbourhoods (LSOAs) in the most deprived decile of the English IMD 2019. England only.',
		source: `${CFC} (MHCLG IMD 2019)`,
		year: '2019',
		unit: '% of neighbourhoods'
	},
	{ column: 'social_rented_2021', label: 'Social rented housing (2021)', description: 'Share of households renting from a council or housing association, Census 2021. Not in the Scotland table of this source.', source: HOC21, year: '2021', unit: '% of households' },
	{ column: 'aged_65_plus_2021', label: 'Aged 65 and over (2021/22)', description: 'Share of residents aged 65 and over, Census 2021 (Scotland 2022).', source: HOC21, year: '2021–2022', unit: '% of residents' },
	{ column: 'aged_16_24_2021', label: 'Aged 16 to 24 (2021/22)', description: 'Share of residents aged 16 to 24, Census 2021 (Scotland 2022).', source: HOC21, year: '2021–2022', unit: '% of residents' }
];

/**
 * The 2024 lens's post-industrial inputs: the direct figure where it exists (England and Wales),
 * else the 2011 census value carried across (Scotland), flagged per seat. Mixing vintages is a
 * compromise: Scottish values are ten years older (no qualifications fell in that decade).
 */
const BEST: { id: string; column: DirectColumn; notionalOf: string; label: string }[] = [
	{ id: 'best.qual_none', column: 'no_qualifications_2021', notionalOf: 'census.c11QualNone', label: 'No qualifications (2021; notional 2011 in Scotland)' },
	{ id: 'best.health', column: 'bad_health_2021', notionalOf: 'census.c11LongTermSick', label: 'Bad health 2021 (long-term sick 2011, notional, in Scotland)' },
	{ id: 'best.manufacturing', column: 'manufacturing_jobs_2022', notionalOf: 'census.mfg_mining', label: 'Manufacturing jobs 2022 (mfg + mining employment 2011, notional, in Scotland)' }
];

function direct2024(): Indicator[] {
	const direct: Indicator[] = DIRECT.map((d) => ({
		id: `direct.${d.column}`,
		label: d.label,
		description: d.description,
		group: 'Census 2021 and newer',
		source: d.source,
		year: d.year,
		unit: d.unit,
		boundarySet: '2024',
		naturalDirection: 1,
		notional: false,
		geography: 'direct',
		formula: { kind: 'direct', column: d.column }
	}));
	const best: Indicator[] = BEST.map((b) => {
		const d = DIRECT.find((x) => x.column === b.column)!;
		return {
			id: b.id,
			label: b.label,
			group: 'Census 2021 and newer',
			source: `${d.source}; Census 2011 via BES (notional)`,
			year: `${d.year} (E&W); 2011 (Scotland)`,
			unit: d.unit,
			description: `${d.description} Where the seat has no such figure (Scotland), the Census 2011 value carried across from the 2010 seats is used instead, flagged as notional; Northern Ireland has neither.`,
			boundarySet: '2024',
			naturalDirection: 1,
			notional: false,
			geography: 'mixed',
			directNations: ['England', 'Wales'],
			formula: { kind: 'fallback', column: b.column, notionalOf: b.notionalOf }
		};
	});
	return [...direct, ...best];
}

export function buildCatalogue(codebook: CodebookEntry[]): Indicator[] {
	const set2010 = [...census2010(codebook), ...profile2010(), ...deprivation('2010'), LEAVE, ...elections('2010', YEARS_2010_SET)];
	const carried = set2010.filter(isCarriedTo2024).map(notional);
	const reformChange: Indicator = {
		id: 'change.reform.2019n_2024',
		label: 'Reform UK change from notional 2019 right-populist',
		boundarySet: '2024',
		notional: true,
		geography: 'notional',
		description: 'Reform UK’s 2024 share minus the notional 2019 share of UKIP + Brexit Party on the 2024 boundaries, in percentage points. Notional: the 2019 share is carried across by population overlap.',
		group: 'Vote change',
		source: `${RESULTS_SOURCE[2019]}; ${RESULTS_SOURCE[2024]}`,
		year: '2019–2024',
		unit: 'percentage points',
		naturalDirection: 1,
		formula: { kind: 'change-from-notional', current: { kind: 'share', party: 'reform', year: 2024 }, notionalOf: 'vote.right_populist.2019' }
	};
	const set2024 = [...deprivation('2024'), ...direct2024(), ...elections('2024', [2024]), ...carried, reformChange];
	return [...set2010, ...set2024];
}

export function indicatorsFor(catalogue: Indicator[], set: BoundarySet): Indicator[] {
	return catalogue.filter((i) => i.boundarySet === set);
}
