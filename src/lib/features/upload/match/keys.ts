/**
 * Which column is the key, and what kind of key is it? Each column is scored by the share of its
 * values that are valid keys of each kind, so a file with a few typos still ranks its key column
 * first, and the wizard can show the runners-up. Small-area codes are only recognised here; the
 * caller aggregates them to seats through the lookups in SQL.
 */
import { isNullToken } from '../read/infer';
import { buildNameIndex, lookupName } from './names';
import type { Cells } from '../read/text-column';
import type { BoundarySet, ReferenceSeat, UploadResult } from '../types';
import { fail, ok, quoteForMessage, uploadError } from '../types';

export type KeyKind = 'gss-2010' | 'gss-2024' | 'constituency-name' | 'small-area';

export interface SmallAreaMix {
	/** English and Welsh LSOA 2011 (E01…, W01…). */
	readonly lsoa: number;
	/** Scottish data zone 2011 (S01…). */
	readonly dataZone: number;
	/** Northern Ireland super output area (95AA01S1). */
	readonly niSoa: number;
}

export interface KeyCandidate {
	readonly column: string;
	readonly columnIndex: number;
	readonly kind: KeyKind;
	/** The set the codes or names belong to; absent for small areas, which can go to either. */
	readonly boundarySet?: BoundarySet;
	/** Share of the sampled non-blank values that are keys of this kind. */
	readonly matchShare: number;
	readonly sampled: number;
	readonly examples: readonly string[];
	readonly smallAreas?: SmallAreaMix;
}

/** A column whose best kind fits fewer than half its values is not a key, whatever else it is. */
export const MIN_KEY_SHARE = 0.5;
const SAMPLE = 2000;
const PROBE = 50;

// Formats as in the mySociety small-area lookup: E01000782, S01006552, 95VV29W1.
const LSOA = /^[EW]01\d{6}$/;
const DATA_ZONE = /^S01\d{6}$/;
const NI_SOA = /^95[A-Z]{2}\d{2}[A-Z]\d$/;

const KIND_ORDER: Record<KeyKind, number> = { 'gss-2010': 0, 'gss-2024': 0, 'small-area': 1, 'constituency-name': 2 };

/** Evenly spaced non-blank values, so a file sorted by nation is sampled across all nations. */
function sampleValues(values: Cells, size: number): string[] {
	const out: string[] = [];
	const step = Math.max(1, Math.floor(values.length / size));
	for (let i = 0; i < values.length && out.length < size; i += step) {
		const value = values.at(i) ?? '';
		if (!isNullToken(value)) out.push(value.trim());
	}
	return out;
}

interface Table {
	readonly header: readonly string[];
	readonly columns: readonly Cells[];
}

export function scoreKeyColumns(table: Table, reference: readonly ReferenceSeat[]): KeyCandidate[] {
	const codes = {
		'2010': new Set(reference.filter((s) => s.set === '2010').map((s) => s.code.toUpperCase())),
		'2024': new Set(reference.filter((s) => s.set === '2024').map((s) => s.code.toUpperCase()))
	};
	const names = { '2010': buildNameIndex(reference, '2010'), '2024': buildNameIndex(reference, '2024') };
	type Test = { kind: KeyKind; set?: BoundarySet; test: (v: string) => boolean };
	const tests: Test[] = [
		{ kind: 'gss-2010', set: '2010', test: (v) => codes['2010'].has(v.toUpperCase()) },
		{ kind: 'gss-2024', set: '2024', test: (v) => codes['2024'].has(v.toUpperCase()) },
		{ kind: 'small-area', test: (v) => smallAreaType(v) !== null },
		{ kind: 'constituency-name', set: '2010', test: (v) => lookupName(names['2010'], v).kind === 'match' },
		{ kind: 'constituency-name', set: '2024', test: (v) => lookupName(names['2024'], v).kind === 'match' }
	];
	const candidates: KeyCandidate[] = [];
	table.header.forEach((column, columnIndex) => {
		const values = table.columns[columnIndex];
		// A cheap look at a few values first: most columns of a wide file are plainly not keys.
		const probe = sampleValues(values, PROBE);
		const live = tests.filter((t) => probe.some(t.test));
		if (!live.length) return;
		const sample = sampleValues(values, SAMPLE);
		if (!sample.length) return;
		for (const { kind, set, test } of live) {
			const hits = sample.filter(test);
			const candidate: KeyCandidate = {
				column,
				columnIndex,
				kind,
				...(set ? { boundarySet: set } : {}),
				matchShare: hits.length / sample.length,
				sampled: sample.length,
				examples: [...new Set(hits)].slice(0, 3),
				...(kind === 'small-area' ? { smallAreas: smallAreaMix(hits) } : {})
			};
			candidates.push(candidate);
		}
	});
	return candidates.sort((a, b) => b.matchShare - a.matchShare || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.columnIndex - b.columnIndex);
}

export function smallAreaType(value: string): keyof SmallAreaMix | null {
	const v = value.trim().toUpperCase();
	return LSOA.test(v) ? 'lsoa' : DATA_ZONE.test(v) ? 'dataZone' : NI_SOA.test(v) ? 'niSoa' : null;
}

function smallAreaMix(values: readonly string[]): SmallAreaMix {
	const mix = { lsoa: 0, dataZone: 0, niSoa: 0 };
	for (const v of values) {
		const t = smallAreaType(v);
		if (t) mix[t]++;
	}
	return mix;
}

/** Ranked key candidates, or a clear error when no column looks like a key of any kind. */
export function detectKey(table: Table, reference: readonly ReferenceSeat[]): UploadResult<KeyCandidate[]> {
	const ranked = scoreKeyColumns(table, reference);
	const usable = ranked.filter((c) => c.matchShare >= MIN_KEY_SHARE);
	if (usable.length) return ok(usable);
	const best = ranked[0];
	const closest = best ? ` The closest was column ${quoteForMessage(best.column)}, where ${Math.round(best.matchShare * 100)}% of values look like ${describeKeyKind(best)}.` : '';
	return fail(
		uploadError({
			code: 'no-key-column',
			columns: table.header,
			message:
				'No column looks like a constituency key. We looked for constituency codes (E14…, W07…, S14…, N06… or N05…) from the 2010 or 2024 set, constituency names, and small-area codes (LSOA E01…/W01…, data zone S01…, NI SOA 95…).' +
				closest +
				' Add a column of codes or names and upload again.'
		})
	);
}

export function describeKeyKind(candidate: Pick<KeyCandidate, 'kind' | 'boundarySet' | 'smallAreas'>): string {
	switch (candidate.kind) {
		case 'gss-2010':
			return 'constituency codes from the 2010 set (used at the 2010–2019 elections)';
		case 'gss-2024':
			return 'constituency codes from the 2024 set';
		case 'constituency-name':
			return `constituency names (${candidate.boundarySet ?? '2010'} set)`;
		case 'small-area': {
			const mix = candidate.smallAreas;
			const parts = !mix ? ['small areas'] : [mix.lsoa ? 'LSOA 2011' : '', mix.dataZone ? 'Scottish data zones' : '', mix.niSoa ? 'NI super output areas' : ''].filter(Boolean);
			return `small-area codes (${parts.join(', ') || 'small areas'})`;
		}
	}
}
