/**
 * After the tables load: build the indicator catalogue from the data, materialise the wide
 * indicator tables for both boundary sets, and measure coverage per nation. Shared by the app,
 * the CLI and the tests so all three score exactly the same inputs.
 */
import type { Database } from '$lib/db/types';
import { buildCatalogue, indicatorsFor, type BoundarySet, type CodebookEntry, type Indicator } from '$lib/model/catalogue';
import type { IndicatorSetting } from '$lib/model/definition';
import { CODEBOOK_QUERY, createIndicatorTable, indicatorCoverage } from '$lib/queries/indicators';

/** For each indicator id: nation → number of seats with a value, and seats in that nation. */
export type Coverage = Record<string, Record<string, { values: number; seats: number }>>;

export interface PreparedIndicators {
	catalogue: Indicator[];
	coverage: Record<BoundarySet, Coverage>;
}

/** `extra`: indicators from uploaded datasets, whose tables must already be in the database. */
export async function prepareIndicators(db: Database, extra: Indicator[] = []): Promise<PreparedIndicators> {
	const codebook = (await db.query(CODEBOOK_QUERY)).rows as unknown as CodebookEntry[];
	const catalogue = [...buildCatalogue(codebook), ...extra];
	const coverage = {} as Record<BoundarySet, Coverage>;
	for (const set of ['2010', '2024'] as BoundarySet[]) {
		await db.exec(createIndicatorTable(set, catalogue));
		const ids = indicatorsFor(catalogue, set).map((i) => i.id);
		const rows = (await db.query(indicatorCoverage(set, ids))).rows;
		coverage[set] = Object.fromEntries(
			ids.map((id) => [id, Object.fromEntries(rows.map((r) => [String(r.nation), { values: Number(r[id]), seats: Number(r.seats) }]))])
		);
	}
	return { catalogue, coverage };
}

/** "England, Wales, Scotland" or "all nations"; partial coverage is spelled out. */
export function describeCoverage(coverage: Coverage, id: string): string {
	const byNation = coverage[id];
	if (!byNation) return 'unknown';
	const entries = Object.entries(byNation);
	if (entries.every(([, c]) => c.values === c.seats)) return 'all four nations';
	const full = entries.filter(([, c]) => c.values === c.seats).map(([n]) => n);
	const none = entries.filter(([, c]) => c.values === 0).map(([n]) => n);
	const partial = entries.filter(([, c]) => c.values > 0 && c.values < c.seats).map(([n, c]) => `${n} (${c.values} of ${c.seats})`);
	return [full.join(', '), partial.join(', ')].filter(Boolean).join('; ') + (none.length ? `; none for ${none.join(', ')}` : '');
}

/**
 * Where a setting imputes an indicator that a whole nation lacks, the imputed values are invented,
 * not measured: one sentence per such setting, for wherever the method is shown.
 */
export function imputationCaveats(settings: IndicatorSetting[], coverage: Coverage, label: (id: string) => string): string[] {
	return settings.flatMap((s) => {
		if (s.weight === 0 || (s.nullPolicy !== 'impute-national-median' && s.nullPolicy !== 'impute-nation-median')) return [];
		const missing = Object.entries(coverage[s.id] ?? {}).filter(([, c]) => c.values === 0 && c.seats > 0);
		return missing.map(
			([nation, c]) =>
				`${label(s.id)}: ${nation} has no values in this source, so its ${c.seats} seats take the UK median. These are imputed, not measured, and ${nation}'s ranks rest on them.`
		);
	});
}
