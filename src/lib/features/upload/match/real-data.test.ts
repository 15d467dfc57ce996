/**
 * The matcher and key detector against the real public lists in the data folder (skipped when
 * the folder is absent). The Electoral Commission's 2010 spellings ("Ayrshire Central",
 * "Hull West & Hessle", "Durham, City of") must all resolve to the right seat by normalisation
 * alone, with no fuzzy step: that is the whole promise of the name matcher.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../../../scripts/data/sources';
import { decodeBytes } from '../read/decode';
import { type ParsedTable, parseDelimited } from '../read/delimited';
import { stageFile } from '../stage/formats';
import { buildBoundaryLayer } from '../records/geo-layer';
import { detectKey } from './keys';
import { matchNames } from './match';
import { cellsToArray } from '../read/text-column';
import type { ReferenceSeat } from '../types';

const DATA = resolveDataDir();
const file = (path: string) => join(DATA, path);
const present = [
	'lookups/constituencies_2010_set_uk.csv',
	'lookups/constituencies_2024_set_uk.csv',
	'lookups/ons_pcon2024_names_and_codes_uk.csv',
	'lookups/mysociety_smallarea_lsoa_dz_soa_to_pcon2010.csv',
	'boundaries/wpc2024_uk_detailed_openinnovations.geojson',
	'boundaries/wpc2010_uk_buc_ons_dec2022.geojson'
].every((p) => existsSync(file(p)));

function read(path: string): Record<string, string[]> {
	const decoded = decodeBytes(new Uint8Array(readFileSync(file(path))));
	if (!decoded.ok) throw new Error(decoded.error.message);
	const parsed = parseDelimited(decoded.value.text);
	if (!parsed.ok) throw new Error(parsed.error.message);
	const t: ParsedTable = parsed.value;
	return Object.fromEntries(t.header.map((h, c) => [h, cellsToArray(t.columns[c])]));
}

describe.skipIf(!present)('real constituency lists', () => {
	const c2010 = present ? read('lookups/constituencies_2010_set_uk.csv') : {};
	const c2024 = present ? read('lookups/constituencies_2024_set_uk.csv') : {};
	const ons = present ? read('lookups/ons_pcon2024_names_and_codes_uk.csv') : {};
	const welsh = new Map((ons.PCON24CD ?? []).map((code, i) => [code, ons.PCON24NMW[i]]));
	const reference: ReferenceSeat[] = [
		...(c2010.ons_id ?? []).map((code, i) => ({
			set: '2010' as const,
			code,
			name: c2010.constituency_name[i],
			nation: c2010.country[i]
		})),
		...(c2024.ons_id ?? []).map((code, i) => ({
			set: '2024' as const,
			code,
			name: c2024.constituency_name[i],
			nation: c2024.country[i],
			...(welsh.get(code) ? { altNames: [welsh.get(code)!] } : {})
		}))
	];

	it('all 650 Electoral Commission 2010 spellings match the right seat without fuzziness', () => {
		const report = matchNames(c2010.name_ec2010, reference, '2010');
		expect(report.unmatched).toEqual([]);
		expect(report.duplicates).toEqual([]);
		expect(report.rowCodes).toEqual(c2010.ons_id);
		const hows = new Set(report.matched.map((m) => m.how));
		expect([...hows].sort()).toEqual(['exact', 'normalised', 'prefix', 'word-order']);
	});

	it('all 650 ONS 2024 names, and the Welsh names, match the right seat', () => {
		expect(matchNames(ons.PCON24NM, reference, '2024').rowCodes).toEqual(ons.PCON24CD);
		const cymraeg = ons.PCON24NMW.map((n, i) => (n ? i : -1)).filter((i) => i >= 0);
		const report = matchNames(
			cymraeg.map((i) => ons.PCON24NMW[i]),
			reference,
			'2024'
		);
		expect(report.rowCodes).toEqual(cymraeg.map((i) => ons.PCON24CD[i]));
	});

	it('each set matches its own names exactly; no seat name is ambiguous within a set', () => {
		for (const [set, table] of [
			['2010', c2010],
			['2024', c2024]
		] as const) {
			const report = matchNames(table.constituency_name, reference, set);
			expect(report.matched.every((m) => m.how === 'exact')).toBe(true);
			expect(report.rowCodes).toEqual(table.ons_id);
		}
	});

	it('detects the small-area column of the mySociety lookup, with all four kinds', () => {
		const lookup = read('lookups/mysociety_smallarea_lsoa_dz_soa_to_pcon2010.csv');
		const result = detectKey({ header: ['pcon', 'lsoa11'], columns: [lookup.pcon, lookup.lsoa11] }, reference);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const area = result.value.find((c) => c.column === 'lsoa11');
		expect(area).toMatchObject({ kind: 'small-area', matchShare: 1 });
		expect(area?.smallAreas?.lsoa).toBeGreaterThan(0);
		expect(area?.smallAreas?.dataZone).toBeGreaterThan(0);
		expect(area?.smallAreas?.niSoa).toBeGreaterThan(0);
		expect(result.value[0]).toMatchObject({ column: 'pcon', kind: 'gss-2010', matchShare: 1 });
	});

	it.each([
		['boundaries/wpc2024_uk_detailed_openinnovations.geojson', 'PCON24CD', 'gss-2024'],
		['boundaries/wpc2010_uk_buc_ons_dec2022.geojson', 'PCON22CD', 'gss-2010']
	])('%s uploads as replacement boundaries for all 650 seats', async (path, column, kind) => {
		const bytes = new Uint8Array(readFileSync(file(path)));
		const staged = await stageFile({ name: path.split('/').pop()!, size: bytes.length, arrayBuffer: async () => bytes.buffer as ArrayBuffer }, reference);
		expect(staged.format).toBe('geojson');
		if (!staged.result.ok) throw new Error(staged.result.error.message);
		expect(staged.result.value.keys[0]).toMatchObject({ column, kind, matchShare: 1 });
		const built = buildBoundaryLayer(staged.geo!, staged.result.value.match!, { name: 'detailed', fileName: path });
		if (!built.ok) throw new Error(built.error);
		expect(built).toMatchObject({ seats: 650, dropped: 0 });
		expect(new Set(built.layer.codes)).toEqual(new Set(reference.filter((r) => r.set === built.layer.boundarySet).map((r) => r.code)));
	});
});
