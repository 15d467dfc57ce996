/**
 * The parties the seat-risk model projects. The right-populist challenger is one line across
 * elections (UKIP in 2010–17, the Brexit Party in 2019, Reform UK in 2024), because a national
 * scenario names today's challenger and its base is yesterday's. Everything else (independents,
 * the Speaker, minor parties) is `other`. Northern Ireland's parties are not modelled: see
 * `riskExclusion`.
 */
export const RISK_PARTIES = ['con', 'lab', 'ld', 'snp', 'pc', 'green', 'ruk', 'other'] as const;
export type RiskParty = (typeof RISK_PARTIES)[number];

export const RISK_PARTY_LABEL: Record<RiskParty, string> = {
	con: 'Conservative',
	lab: 'Labour',
	ld: 'Liberal Democrat',
	snp: 'SNP',
	pc: 'Plaid Cymru',
	green: 'Green',
	ruk: 'Reform UK / Brexit Party / UKIP',
	other: 'Other'
};

/** Short codes accepted in a scenario spec (`--national con=43.6,lab=32.1`, the URL). */
export const RISK_PARTY_ALIASES: Record<string, RiskParty> = {
	con: 'con',
	conservative: 'con',
	lab: 'lab',
	labour: 'lab',
	ld: 'ld',
	libdem: 'ld',
	snp: 'snp',
	pc: 'pc',
	plaid: 'pc',
	green: 'green',
	grn: 'green',
	ruk: 'ruk',
	reform: 'ruk',
	brexit: 'ruk',
	ukip: 'ruk',
	other: 'other',
	oth: 'other'
};

export const GB_NATIONS = ['England', 'Scotland', 'Wales'] as const;
export type GbNation = (typeof GB_NATIONS)[number];

export const PARTY_INDEX: Record<RiskParty, number> = Object.fromEntries(RISK_PARTIES.map((p, i) => [p, i])) as Record<RiskParty, number>;

/** The results table's `winner_key` as a model party (the Speaker and independents are `other`). */
export function riskPartyOfWinner(key: string): RiskParty | null {
	if (key === 'ukip' || key === 'brexit' || key === 'reform') return 'ruk';
	if ((RISK_PARTIES as readonly string[]).includes(key)) return key as RiskParty;
	return null;
}
