import { describe, expect, it } from 'vitest';
import { REFERENCE_FIXTURE as REF } from '../../../../../tests/fixtures/upload';
import { acceptSuggestion, matchCodes, matchNames, matchedRowCount } from './match';
import { buildNameIndex, lookupName, normaliseName } from './names';
import { jaroWinkler, levenshtein, nameSimilarity } from './similarity';
import type { ReferenceSeat } from '../types';

describe('normaliseName', () => {
	it.each([
		['Ynys Môn', 'ynys mon'],
		['YNYS MON', 'ynys mon'],
		['Hull West & Hessle', 'hull west and hessle'],
		['St. Helens N', 'st helens north'],
		['Saint Albans', 'st albans'],
		['Stoke-On-Trent Central', 'stoke on trent central'],
		["Bishop's Stortford", 'bishops stortford'],
		['  Birmingham,  Edgbaston ', 'birmingham edgbaston']
	])('%j → %j', (input, expected) => expect(normaliseName(input)).toBe(expected));
});

describe('similarity', () => {
	it('computes edit distance and Jaro–Winkler', () => {
		expect(levenshtein('kitten', 'sitting')).toBe(3);
		expect(levenshtein('', 'abc')).toBe(3);
		expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
		expect(jaroWinkler('abc', 'abc')).toBe(1);
		expect(jaroWinkler('abc', 'xyz')).toBe(0);
	});

	it('scores typos and word order high, different seats lower', () => {
		expect(nameSimilarity('Hartlepol', 'Hartlepool')).toBeGreaterThan(0.9);
		expect(nameSimilarity('Grimsby Great', 'Great Grimsby')).toBe(1);
		expect(nameSimilarity('Hartlepool', 'Rotherham')).toBeLessThan(0.7);
	});
});

// Spellings taken from real publishers' files for the same seats (Electoral Commission 2010,
// BES, House of Commons Library, ONS), see SOURCES.md.
const VARIANTS_2010: [string, string, string][] = [
	['Kingston upon Hull East', 'E14000771', 'exact'],
	['Hull East', 'E14000771', 'prefix'],
	['Hull West & Hessle', 'E14000773', 'prefix'],
	['Kingston-upon-Hull North', 'E14000772', 'normalised'],
	['Ayrshire Central', 'S14000010', 'word-order'],
	['Durham, City of', 'E14000641', 'word-order'],
	['Durham', 'E14000641', 'prefix'],
	['City of Durham', 'E14000641', 'normalised'],
	['Ynys Mon', 'W07000041', 'normalised'],
	['YNYS MÔN', 'W07000041', 'normalised'],
	['Saint Albans', 'E14000960', 'normalised'],
	['St. Albans', 'E14000960', 'normalised'],
	['Stoke on Trent Central', 'E14000972', 'normalised'],
	['Stoke-on-Trent Central', 'E14000972', 'exact'],
	['Stoke-On-Trent Central', 'E14000972', 'alt-name'],
	['Dorset Mid & Poole North', 'E14000815', 'word-order'],
	['Mid Dorset & N Poole', 'E14000815', 'normalised'],
	['Na h-Eileanan an Iar (Western Isles)', 'S14000027', 'prefix'],
	['Richmond (Yorks)', 'E14000895', 'exact'],
	['Leeds E', 'E14000778', 'normalised'],
	['Renfrewshire East', 'S14000021', 'word-order'],
	['East Belfast', 'N06000001', 'word-order']
];

describe('matchNames: normalisations are applied', () => {
	it.each(VARIANTS_2010)('%j → %s (%s)', (input, code, how) => {
		const report = matchNames([input], REF, '2010');
		expect(report.matched).toEqual([expect.objectContaining({ input, code, how })]);
		expect(report.unmatched).toEqual([]);
	});

	it('matches an alternative (Welsh) name', () => {
		const report = matchNames(['Pen-y-bont'], REF, '2024');
		expect(report.matched[0]).toMatchObject({ code: 'W07000086', name: 'Bridgend', how: 'alt-name' });
	});

	it('does not apply a key that two seats share', () => {
		const twins: ReferenceSeat[] = [
			{ set: '2010', code: 'X1', name: 'Newport East', nation: 'Wales' },
			{ set: '2010', code: 'X2', name: 'East Newport', nation: 'Wales' }
		];
		const report = matchNames(['Newport & East'], twins, '2010');
		expect(report.matched).toEqual([]);
		expect(report.unmatched[0]).toMatchObject({ ambiguous: true });
		expect(report.unmatched[0].suggestions.map((s) => s.code).sort()).toEqual(['X1', 'X2']);
		expect(lookupName(buildNameIndex(twins, '2010'), 'Newport East')).toMatchObject({ kind: 'match', how: 'exact' });
	});
});

describe('matchNames: fuzzy matches are only suggested', () => {
	it('lists misspelt names with ranked suggestions and leaves them unmatched', () => {
		const report = matchNames(['Hartlepol', 'Rotheram', 'Great Grimsbey', 'Clacton'], REF, '2010');
		expect(report.matched.map((m) => m.input)).toEqual(['Clacton']);
		expect(report.unmatched.map((u) => [u.input, u.suggestions[0]?.code])).toEqual([
			['Hartlepol', 'E14000733'],
			['Rotheram', 'E14000904'],
			['Great Grimsbey', 'E14000716']
		]);
		for (const u of report.unmatched) {
			expect(u.suggestions.length).toBeLessThanOrEqual(3);
			expect(u.suggestions[0].score).toBeGreaterThan(0.85);
			expect(u.suggestions[0].score).toBeLessThan(1);
		}
		expect(report.rowCodes).toEqual([null, null, null, 'E14000642']);
	});

	it('ranks the intended seat first when two are similar', () => {
		const [u] = matchNames(['Leeds Eest'], REF, '2010').unmatched;
		expect(u.suggestions[0].name).toBe('Leeds East');
	});

	it('gives nothing for a name like no seat', () => {
		expect(matchNames(['Atlantis'], REF, '2010').unmatched[0].suggestions).toEqual([]);
	});

	it('accepting a suggestion matches its rows, and the old report is unchanged', () => {
		const before = matchNames(['Hartlepol', 'Clacton', 'Hartlepol'], REF, '2010');
		const after = acceptSuggestion(before, 'Hartlepol', 'E14000733', REF);
		expect(after.rowCodes).toEqual(['E14000733', 'E14000642', 'E14000733']);
		expect(after.matched.at(-1)).toMatchObject({ input: 'Hartlepol', how: 'accepted' });
		expect(after.unmatched).toEqual([]);
		expect(after.duplicates).toEqual([expect.objectContaining({ code: 'E14000733', rows: [0, 2] })]);
		expect(before.rowCodes).toEqual([null, 'E14000642', null]);
	});
});

describe('match report shape', () => {
	it('lists two rows that resolve to the same seat as duplicates', () => {
		const report = matchNames(['Hull East', 'Kingston upon Hull East', 'Clacton'], REF, '2010');
		expect(report.duplicates).toEqual([{ code: 'E14000771', name: 'Kingston upon Hull East', rows: [0, 1], inputs: ['Hull East', 'Kingston upon Hull East'] }]);
	});

	it('sends names that only exist in the other set to otherSet', () => {
		const report = matchNames(['Kingston upon Hull North', 'Hartlepool'], REF, '2024');
		expect(report.otherSet).toEqual([expect.objectContaining({ input: 'Kingston upon Hull North', code: 'E14000772', set: '2010' })]);
		expect(report.matched.map((m) => m.code)).toEqual(['E14001272']);
	});

	it('classifies codes: matched, other set, unknown, blank, duplicates', () => {
		const report = matchCodes([' e14000530 ', 'E14001174', 'E14999999', 'nonsense', '', 'NA', 'S14000021', 'E14000530'], REF, '2010');
		expect(report.matched.map((m) => [m.input, m.code, m.rows])).toEqual([
			['E14000530', 'E14000530', [0, 7]],
			['S14000021', 'S14000021', [6]]
		]);
		expect(report.otherSet).toEqual([{ input: 'E14001174', rows: [1], code: 'E14001174', name: 'Clacton', set: '2024' }]);
		expect(report.unknown.map((u) => u.input)).toEqual(['E14999999', 'NONSENSE']);
		expect(report.blankRows).toEqual([4, 5]);
		expect(report.duplicates).toEqual([expect.objectContaining({ code: 'E14000530', rows: [0, 7] })]);
		expect(matchedRowCount(report)).toBe(3);
		expect(report.seatsInSet).toBe(22);
		expect(report.missingSeats).toHaveLength(20);
	});

	it('treats a code shared by both sets as matched in either', () => {
		expect(matchCodes(['S14000021'], REF, '2024').matched).toHaveLength(1);
		expect(matchCodes(['S14000021'], REF, '2010').matched).toHaveLength(1);
	});

	it('caps how many distinct inputs get (costly) suggestions', () => {
		const values = Array.from({ length: 30 }, (_, i) => `Nowhere ${i}`);
		const report = matchNames(values, REF, '2010', { maxSuggestedInputs: 5, minScore: 0 });
		expect(report.unmatched.filter((u) => u.suggestions.length > 0)).toHaveLength(5);
	});
});
