/**
 * The first view, computed when the data is built (`scripts/first-view.ts`, native DuckDB, the
 * app's own SQL and model) so the page can paint the default lens at once while DuckDB-wasm starts
 * behind it. One JSON file, `first-view.json`, whose SHA-256 the manifest records: a file that does
 * not match (stale, damaged, or from another build) is ignored and the app computes everything live.
 *
 * Rows travel as columns + arrays (a third of the bytes of keyed objects). Fractions below 1,000 are
 * written to 12 significant digits, within 5e-10 of DuckDB's doubles (the parity test holds 1e-9)
 * and 18% fewer bytes after brotli; every value shown is rounded far coarser, and ranks and
 * percentiles travel as DuckDB computed them. Encoding is deterministic: same data, same bytes.
 */
import type { Cell, Row } from '$lib/db/types';
import type { LensId, ScoreDefinition } from '$lib/model/definition';
import type { PackedRun } from '$lib/model/risk/transfer';
import type { ManifestFirstView } from '$lib/model/manifest';
import type { PreparedIndicators } from './prepare-indicators';

export const FIRST_VIEW_FILE = 'first-view.json';
export const FIRST_VIEW_VERSION = 1;

/** Rows as a column list and one array of cells per row. */
export interface Columnar {
	columns: string[];
	rows: Cell[][];
}

/** A packed risk run with its typed arrays as plain arrays (NaN written as null). */
export type PackedRunJson = Omit<PackedRun, 'holder' | 'winner' | 'numbers' | 'projected'> & { holder: number[]; winner: number[]; numbers: (number | null)[]; projected: number[] };

/** What the page needs to paint the default view, all from one build. */
export interface FirstViewCore {
	lens: LensId;
	definition: ScoreDefinition;
	prepared: PreparedIndicators;
	/** The Scores table's rows for `definition`, as ScoresState holds them. */
	scores: Columnar;
	/** The Data tab's table. */
	overview: Columnar;
	/** The risk model's run for the lens's own base and "no change". */
	risk: PackedRunJson;
}

/**
 * Derived from the core by the app's pure modules, written for readers of the file (a committee's
 * analyst, the parity test); the page derives the same from the core rather than trusting two copies.
 */
export interface FirstViewDerived {
	allocation: { method: string; budget: number; total: number; seats: { code: string; amount: number }[] };
	map: { variable: string; codes: string[]; cells: (string | null)[]; colours: string[]; legend: { cell: string; count: number }[] };
	headline: { holder: string; held: number; expectedLost: number; low: number; high: number } | null;
}

export interface FirstView extends FirstViewCore {
	version: typeof FIRST_VIEW_VERSION;
	derived: FirstViewDerived;
}


export function toColumnar(rows: readonly Row[]): Columnar {
	const columns = rows.length ? Object.keys(rows[0]) : [];
	return { columns, rows: rows.map((r) => columns.map((c) => r[c] ?? null)) };
}

export function fromColumnar<T = Row>(table: Columnar): T[] {
	return table.rows.map((cells) => Object.fromEntries(table.columns.map((c, i) => [c, cells[i]])) as T);
}

const nanToNull = (values: ArrayLike<number>) => Array.from(values, (v) => (Number.isNaN(v) ? null : v));

export function packedToJson(p: PackedRun): PackedRunJson {
	return { ...p, holder: Array.from(p.holder), winner: Array.from(p.winner), numbers: nanToNull(p.numbers), projected: nanToNull(p.projected) as number[] };
}

export function packedFromJson(p: PackedRunJson): PackedRun {
	const floats = (values: readonly (number | null)[]) => Float64Array.from(values, (v) => (v === null ? NaN : v));
	return { ...p, holder: Int8Array.from(p.holder), winner: Int8Array.from(p.winner), numbers: floats(p.numbers), projected: floats(p.projected) };
}

/** Significant digits kept for fractions (see the header); larger values are kept whole. */
export const FIRST_VIEW_DIGITS = 12;
const compact = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) && Math.abs(value) < 1000 ? Number(value.toPrecision(FIRST_VIEW_DIGITS)) : value);

/** Deterministic bytes: keys in insertion order, which the builder fixes; no whitespace. */
export function encodeFirstView(view: FirstView): Uint8Array {
	return new TextEncoder().encode(JSON.stringify(view, compact));
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export type FirstViewCheck = { ok: true; view: FirstView } | { ok: false; reason: string };

/**
 * The file if it is the one the manifest names, whole and of this format; otherwise why not (the
 * page then computes live). Never throws: a first view is an optimisation, not a dependency.
 */
export async function readFirstView(bytes: Uint8Array, expected: ManifestFirstView | undefined): Promise<FirstViewCheck> {
	if (!expected) return { ok: false, reason: 'the manifest names no first view' };
	if (typeof crypto === 'undefined' || !crypto.subtle) return { ok: false, reason: 'this page cannot check the file (no Web Crypto outside a secure context)' };
	if (bytes.length !== expected.bytes || (await sha256Hex(bytes)) !== expected.sha256) return { ok: false, reason: 'the file does not match the manifest (stale or damaged)' };
	try {
		const view = JSON.parse(new TextDecoder().decode(bytes)) as FirstView;
		if (view?.version !== FIRST_VIEW_VERSION || !view.scores?.columns || !view.risk?.codes || !view.prepared?.catalogue) return { ok: false, reason: 'the file has an unknown format' };
		return { ok: true, view };
	} catch {
		return { ok: false, reason: 'the file is not valid JSON' };
	}
}
