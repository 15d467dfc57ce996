/**
 * Product workloads on every engine that could run them, in Node: native DuckDB (the baseline),
 * DuckDB-wasm (the app's engine, without the browser), Arquero (Node only: it compiles expressions
 * with `new Function`, which the app's CSP forbids) and plain TypeScript over arrays (the lower
 * bound a hand-written loop reaches), plus a memory-scan floor over the same number of bytes.
 */
import * as aq from 'arquero';
import type { Database, Row } from '../src/lib/db/types';
import { loadTable } from '../src/lib/data/load-tables';
import type { DataManifest } from '../src/lib/data/manifest';
import { timedIngest, timedRescore } from './browser/workloads';
import { defaultDefinition } from '../src/lib/model/lenses';
import { scoreSeats, type SeatInput } from '../src/lib/model/reference';
import { seatInputsQuery } from '../src/lib/queries/scoring';
import { aggregateSmallAreas, SMALL_AREA_STAGE } from '../src/lib/queries/uploads';
import { floorCase, NATIVE, timed, type Case } from './harness';

export interface Engines {
	native: Database;
	wasm: Database;
}

export const WASM_NODE = 'DuckDB-wasm in Node';
export const ARQUERO = 'Arquero 8 (Node only)';
export const PLAIN_TS = 'plain TypeScript (arrays / typed arrays)';

const sqlCases = (e: Engines, run: (db: Database) => Promise<number>): Case[] => [
	{ engine: NATIVE, run: () => run(e.native) },
	{ engine: WASM_NODE, run: () => run(e.wasm) }
];

/** Full score of 650 seats from the indicator table: the CLI's single statement against the TS reference scorer. */
export async function scoreCases(e: Engines): Promise<Case[]> {
	const definition = defaultDefinition('2015-ukip');
	const settings = [...definition.scores.postIndustrial, ...definition.scores.threat];
	const ids = settings.map((s) => s.id);
	const rows = (await e.native.query(seatInputsQuery(definition, ids))).rows;
	const inputs: SeatInput[] = rows.map((r: Row) => ({
		code: String(r.code),
		nation: String(r.nation),
		region: String(r.region),
		holder: r.holder === null ? null : String(r.holder),
		values: Object.fromEntries(ids.map((id) => [id, r[id] as number | null]))
	}));
	// Arquero: the core of the method (national-median imputation, z-scores with direction,
	// weighted means, percentile ranks); the nation-median fallback and eligibility are left out.
	const table = aq.table(Object.fromEntries([['code', inputs.map((s) => s.code)], ...ids.map((id, j) => [`i${j}`, inputs.map((s) => s.values[id])])]));
	const imputed = Object.fromEntries(ids.map((_, j) => [`i${j}`, `d.i${j} == null ? op.median(d.i${j}) : d.i${j}`]));
	const z = Object.fromEntries(settings.map((s, j) => [`z${j}`, `${s.direction} * (d.i${j} - op.mean(d.i${j})) / op.stdevp(d.i${j})`]));
	const weighted = (from: number, to: number) => {
		const part = settings.slice(from, to);
		const total = part.reduce((sum, s) => sum + s.weight, 0);
		return part.map((s, k) => `${s.weight / total} * d.z${from + k}`).join(' + ');
	};
	const split = definition.scores.postIndustrial.length;
	const arquero = () => {
		const scored = table
			.derive(imputed)
			.derive(z)
			.derive({ post: weighted(0, split), threat: weighted(split, settings.length) })
			.orderby('post')
			.derive({ post_pct: 'op.percent_rank()' })
			.orderby('threat')
			.derive({ threat_pct: 'op.percent_rank()' });
		return scored.numRows();
	};
	return [...sqlCases(e, (db) => timedRescore(db, 'full', 1)), { engine: PLAIN_TS, run: () => timed(() => scoreSeats(inputs, definition).length) }, { engine: ARQUERO, run: () => timed(arquero) }, floorCase(inputs.length * ids.length * 8)];
}

/** A synthetic upload with one row per small area (42,619), aggregated to 650 seats, population-weighted. */
export async function smallAreaCases(e: Engines, manifest: DataManifest, readFile: (file: string) => Uint8Array): Promise<Case[]> {
	const lookupTable = manifest.tables.find((t) => t.name === 'smallarea_2010')!;
	const columns = ['c0', 'c1', 'c2'];
	for (const db of [e.native, e.wasm]) {
		await loadTable(db, lookupTable, readFile(lookupTable.file));
		await db.exec(`CREATE OR REPLACE TABLE ${SMALL_AREA_STAGE} AS
			SELECT area, (n % 97) / 10.0 AS c0, (n * 31 % 1009) / 7.0 AS c1, (n % 13)::DOUBLE AS c2
			FROM (SELECT area, row_number() OVER (ORDER BY area) AS n FROM smallarea_2010)`);
	}
	const sql = aggregateSmallAreas('2010', 'mean', columns);
	const stage = (await e.native.query(`SELECT * FROM ${SMALL_AREA_STAGE} ORDER BY area`)).rows;
	const lookup = (await e.native.query('SELECT area, code, population FROM smallarea_2010')).rows;
	const values = columns.map((c) => Float64Array.from(stage, (r) => r[c] as number));
	const plain = () => {
		// The join (a hash map from area to seat) is built inside the timing, as the SQL builds its own.
		const seatOf = new Map<string, number>();
		const codes: string[] = [];
		const seatIndex = new Map<string, number>();
		const population = new Float64Array(lookup.length);
		lookup.forEach((r, i) => {
			const code = String(r.code);
			if (!seatIndex.has(code)) seatIndex.set(code, codes.push(code) - 1);
			seatOf.set(String(r.area), i);
			population[i] = (r.population as number | null) ?? NaN;
		});
		const sums = columns.map(() => new Float64Array(codes.length));
		const weights = new Float64Array(codes.length);
		stage.forEach((r, i) => {
			const at = seatOf.get(String(r.area));
			if (at === undefined || Number.isNaN(population[at])) return;
			const seat = seatIndex.get(String(lookup[at].code))!;
			weights[seat] += population[at];
			for (let c = 0; c < columns.length; c++) sums[c][seat] += values[c][i] * population[at];
		});
		return sums[0].reduce((s, v, k) => s + v / weights[k], 0);
	};
	const stageTable = aq.table({ area: stage.map((r) => r.area), ...Object.fromEntries(columns.map((c, k) => [c, Array.from(values[k])])) });
	const lookupAq = aq.table({ area: lookup.map((r) => r.area), code: lookup.map((r) => r.code), population: lookup.map((r) => r.population) });
	const rollup = Object.fromEntries(columns.map((c) => [c, `op.sum(d.${c} * d.population) / op.sum(d.population)`]));
	const arquero = () => stageTable.join(lookupAq, 'area').groupby('code').rollup(rollup).numRows();
	const check = async (db: Database) => {
		const start = performance.now();
		const { rows } = await db.query(sql);
		const ms = performance.now() - start;
		if (rows.length !== 650) throw new Error(`expected 650 seats, got ${rows.length}`);
		return ms;
	};
	return [...sqlCases(e, check), { engine: PLAIN_TS, run: () => timed(plain) }, { engine: ARQUERO, run: () => timed(arquero) }, floorCase(stage.length * 4 * 8)];
}

/** Row i of the synthetic upload, computed identically in SQL (below) and in TypeScript. */
const KEYS = 650;
const UPLOAD_SQL = (rows: number) => `CREATE OR REPLACE TABLE bench_upload AS
	SELECT (i % ${KEYS})::INTEGER AS key, (i * 7919 % 1000) / 10.0 AS x1, (i * 104729 % 997) / 7.0 AS x2, (i % 13)::DOUBLE AS x3
	FROM range(${rows}) t(i)`;
const GROUP_SCORE_SQL = 'SELECT key, avg(0.4 * x1 + 0.35 * x2 + 0.25 * x3) AS score FROM bench_upload GROUP BY key';

/** A weighted score per row of an uploaded table, averaged per seat key (650 keys). */
export async function groupByCases(e: Engines, rows: number): Promise<Case[]> {
	const key = new Int32Array(rows);
	const x1 = new Float64Array(rows);
	const x2 = new Float64Array(rows);
	const x3 = new Float64Array(rows);
	for (let i = 0; i < rows; i++) {
		key[i] = i % KEYS;
		x1[i] = ((i * 7919) % 1000) / 10;
		x2[i] = ((i * 104729) % 997) / 7;
		x3[i] = i % 13;
	}
	const plain = () => {
		const sums = new Float64Array(KEYS);
		const counts = new Float64Array(KEYS);
		for (let i = 0; i < rows; i++) {
			sums[key[i]] += 0.4 * x1[i] + 0.35 * x2[i] + 0.25 * x3[i];
			counts[key[i]]++;
		}
		return sums[0] / counts[0];
	};
	const table = aq.table({ key, x1, x2, x3 });
	const arquero = () => table.groupby('key').rollup({ score: 'op.mean(0.4 * d.x1 + 0.35 * d.x2 + 0.25 * d.x3)' }).numRows();
	// Tables are created lazily inside the first (warm-up) run, so a wasm out-of-memory error
	// becomes a "skipped" row with its reason instead of ending the benchmark.
	const created = new Set<Database>();
	const query = async (db: Database) => {
		if (!created.has(db)) {
			await db.exec(UPLOAD_SQL(rows));
			created.add(db);
		}
		const start = performance.now();
		const result = await db.query(GROUP_SCORE_SQL);
		const ms = performance.now() - start;
		if (result.rows.length !== KEYS) throw new Error(`expected ${KEYS} keys, got ${result.rows.length}`);
		return ms;
	};
	return [...sqlCases(e, query), { engine: PLAIN_TS, run: () => timed(plain) }, { engine: ARQUERO, run: () => timed(arquero) }, floorCase(rows * 28)];
}

export async function dropUpload(e: Engines) {
	for (const db of [e.native, e.wasm]) await db.exec('DROP TABLE IF EXISTS bench_upload');
}

/** CSV ingest of the synthetic upload file (bytes → typed table). */
export function ingestCases(e: Engines, csv: Uint8Array, withNodeOnly: boolean): Case[] {
	const plain = () => {
		// The least a CSV reader must do: decode, split, parse numbers into columns.
		const lines = new TextDecoder().decode(csv).split('\n');
		const cols = Array.from({ length: 9 }, () => new Float64Array(lines.length - 2));
		const keys: string[] = new Array(lines.length - 2);
		for (let r = 1; r < lines.length - 1; r++) {
			const cells = lines[r].split(',');
			keys[r - 1] = cells[0];
			for (let c = 1; c < 10; c++) cols[c - 1][r - 1] = Number(cells[c]);
		}
		return cols[0][0];
	};
	const arquero = () => aq.fromCSV(new TextDecoder().decode(csv)).numRows();
	// DuckDB-wasm may take ownership of (detach) the bytes it is given, so each run gets a copy.
	const cases: Case[] = sqlCases(e, (db) => timedIngest(db, csv.slice()));
	if (withNodeOnly) cases.push({ engine: PLAIN_TS, run: () => timed(plain) }, { engine: ARQUERO, run: () => timed(arquero) });
	return [...cases, floorCase(csv.byteLength)];
}
