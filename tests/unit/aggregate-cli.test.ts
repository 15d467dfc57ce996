/**
 * `npm run aggregate` on small generated files: sums and means by hand, a glob against the
 * concatenation, small areas against the app's own aggregation, unknown keys, a malformed line,
 * a --where the engine refuses, interrupts, Parquet both ways, and the output through the app's
 * upload pipeline. The steps run in-process (runAggregate), one run goes through the CLI itself.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDatabase, type NodeDatabase } from '../../src/lib/db/node';
import { loadTable } from '../../src/lib/data/load-tables';
import type { DataManifest } from '../../src/lib/data/manifest';
import { aggregateSmallAreaRows } from '../../src/lib/data/dataset-db';
import { REFERENCE_SEATS_QUERY } from '../../src/lib/queries/uploads';
import { prepareDelimitedUpload } from '../../src/lib/features/upload/stage/prepare';
import { referenceSeatsFromRows } from '../../src/lib/features/upload/match/reference-seats';
import { buildSeatDataset, defaultChoices } from '../../src/lib/features/upload/records/build-dataset';
import { buildData } from '../../scripts/data/build';
import { PROJECT_ROOT } from '../../scripts/data/sources';
import { parseAggregateArgs, type AggregateOptions } from '../../scripts/aggregate/options';
import { runAggregate, type RunHooks } from '../../scripts/aggregate/run';
import { writeAtomically } from '../../scripts/aggregate/output';
import { BUILT_DIR, DATA_DIR } from './helpers';

const work = mkdtempSync(join(tmpdir(), 'heartlands-agg-'));
const path = (name: string) => join(work, name);
let manifest: DataManifest;
let db: NodeDatabase;

beforeAll(async () => {
	({ manifest } = await buildData({ dataDir: DATA_DIR, outDir: BUILT_DIR }));
	db = await openNodeDatabase({ directories: [work] });
	for (const name of ['constituencies', 'smallarea_2010', 'smallarea_2024']) {
		const t = manifest.tables.find((m) => m.name === name)!;
		await loadTable(db, t, new Uint8Array(readFileSync(join(BUILT_DIR, t.file))));
	}
});
afterAll(async () => {
	await db?.close();
	rmSync(work, { recursive: true, force: true });
});

const options = (args: string[]): AggregateOptions => parseAggregateArgs(args)!;
async function aggregate(args: string[], hooks: RunHooks = {}) {
	const log: string[] = [];
	const summary = await runAggregate(options(args), { log: (l) => log.push(l), ...hooks });
	return { summary, log };
}
/** The output as objects; numbers as numbers, empty cells as null (fields here hold no commas). */
function readCsv(file: string): Record<string, string | number | null>[] {
	const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
	const names = header.split(',');
	return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v === '' ? null : /^-?[\d.e+-]+$/.test(v) ? Number(v) : v])));
}

// Two 2024 seats: Clacton and Hartlepool; ZZ999 and a blank key match no seat.
const CANVASS = `pcon,ward,votes,score,contacted,intention
E14001174,Alpha,3,0.5,true,lab
E14001174,Beta,5,,false,con
E14001174,Alpha,4,1.5,true,ref
E14001263,Alpha,1,2.5,true,lab
ZZ999,Alpha,7,1,true,lab
,Beta,2,2,false,lab
`;

describe('npm run aggregate (DuckDB)', () => {
	it('sums and means match a hand computation, missing values left out of means', async () => {
		writeFileSync(path('canvass.csv'), CANVASS);
		const { summary, log } = await aggregate(['--input', path('canvass.csv'), '--key', 'pcon', '--out', path('hand.csv')]);
		expect(summary.keyKind).toEqual({ kind: 'seat', set: '2024' });
		expect(summary.inputRows).toBe(6);
		expect(readCsv(path('hand.csv'))).toEqual([
			{ code: 'E14001174', rows: 3, votes_sum: 12, votes_mean: 4, score_sum: 2, score_mean: 1, contacted_sum: 2, contacted_mean: 2 / 3 },
			{ code: 'E14001263', rows: 1, votes_sum: 1, votes_mean: 1, score_sum: 2.5, score_mean: 2.5, contacted_sum: 1, contacted_mean: 1 }
		]);
		// The unknown key and the blank one are counted, with a sample, and left out.
		expect(summary.unmatched).toEqual({
			keys: 2,
			rows: 2,
			sample: [
				{ key: null, rows: 1 },
				{ key: 'ZZ999', rows: 1 }
			]
		});
		expect(log.join('\n')).toMatch(/2 key values \(2 rows\) matched no 2024-set seat and were left out, e\.g\. \(blank\) \(1\), ZZ999 \(1\)/);
		expect(log.join('\n')).toMatch(/Not numbers, so not summed: ward, intention/);
	});

	it('groups by a second column and filters rows with --where', async () => {
		await aggregate(['--input', path('canvass.csv'), '--key', 'pcon', '--group', 'ward', '--where', "intention <> 'con' AND votes < 5", '--out', path('wards.csv')]);
		expect(readCsv(path('wards.csv')).map((r) => [r.code, r.ward, r.rows, r.votes_sum])).toEqual([
			['E14001174', 'Alpha', 2, 7],
			['E14001263', 'Alpha', 1, 1]
		]);
	});

	it('a glob over three files gives what their concatenation gives', async () => {
		const [header, ...rows] = CANVASS.trim().split('\n');
		const parts = [rows.slice(0, 2), rows.slice(2, 4), rows.slice(4)];
		parts.forEach((p, i) => writeFileSync(path(`part-${i}.csv`), [header, ...p].join('\n') + '\n'));
		const { summary } = await aggregate(['--input', path('part-*.csv'), '--key', 'pcon', '--group', 'ward', '--out', path('glob.csv')]);
		expect(summary.files).toHaveLength(3);
		await aggregate(['--input', path('canvass.csv'), '--key', 'pcon', '--group', 'ward', '--out', path('whole.csv')]);
		expect(readFileSync(path('glob.csv'), 'utf8')).toBe(readFileSync(path('whole.csv'), 'utf8'));
	});

	it('small-area keys add up to seats exactly as the app aggregates an upload', async () => {
		const lookup = readFileSync(join(BUILT_DIR, 'smallarea_2024.csv'), 'utf8')
			.trim()
			.split('\n')
			.slice(1)
			.map((l) => l.split(','));
		const split = [...new Set(lookup.filter((r) => Number(r[2]) > 0 && Number(r[2]) < 1).map((r) => r[0]))].slice(0, 40);
		const whole = [...new Set(lookup.filter((r) => r[2] === '1.0').map((r) => r[0]))].slice(0, 40);
		const areas: string[] = [];
		const n: (number | null)[] = [];
		const x: (number | null)[] = [];
		[...split, ...whole].forEach((a, i) => {
			for (let k = 0; k <= i % 3; k++) {
				areas.push(a);
				n.push((i * 7 + k) % 5);
				x.push(k === 1 ? null : ((i * 13 + k) % 11) / 4);
			}
		});
		writeFileSync(path('areas.csv'), ['lsoa,n,x', ...areas.map((a, i) => `${a},${n[i]},${x[i] ?? ''}`)].join('\n') + '\n');
		for (const set of ['2010', '2024'] as const) {
			const args = ['--input', path('areas.csv'), '--key', 'lsoa', '--out', path(`areas-${set}.csv`), ...(set === '2024' ? ['--key-type', 'area-2024'] : [])];
			const { summary } = await aggregate(args);
			expect(summary.keyKind).toEqual({ kind: 'area', set });
			const app = await aggregateSmallAreaRows(db, set, 'sum', areas, [areas.map(() => 1), n, x]);
			const ours = readCsv(path(`areas-${set}.csv`));
			expect(ours.map((r) => r.code)).toEqual(app.codes);
			ours.forEach((r, i) => {
				expect(r.rows as number).toBeCloseTo(app.values[0][i]!, 9);
				expect(r.n_sum as number).toBeCloseTo(app.values[1][i]!, 9);
				expect(r.x_sum as number).toBeCloseTo(app.values[2][i] ?? 0, 9);
			});
			expect(summary.unmatched.keys).toBe(0);
		}
	});

	it('a malformed row is named by its file, line and column, and nothing is written', async () => {
		const lines = ['pcon,votes', ...Array.from({ length: 25_000 }, (_, i) => `E14001174,${i % 9}`)];
		lines[24_000] = 'E14001174,lots';
		writeFileSync(path('bad.csv'), lines.join('\n') + '\n');
		await expect(aggregate(['--input', path('bad.csv'), '--key', 'pcon', '--out', path('bad-out.csv')])).rejects.toThrow(new RegExp(`^Bad input in ${path('bad.csv')}, line 24001, column "votes": Could not convert string "lots" to 'DOUBLE'\\.$`));
		writeFileSync(path('ragged.csv'), 'pcon,votes\nE14001174,3\nE14001174,5\nE14001263,1,9\n');
		await expect(aggregate(['--input', path('ragged.csv'), '--key', 'pcon', '--out', path('bad-out.csv')])).rejects.toThrow(`Bad input in ${path('ragged.csv')}, line 4: Expected Number of Columns: 2 Found: 3.`);
		expect(existsSync(path('bad-out.csv'))).toBe(false);
	});

	it('a --where that reads another file is refused by the engine itself, past the friendly check', async () => {
		writeFileSync(path('secret.csv'), 'pin\n1234\n');
		const where = `(SELECT count(*) FROM read_csv('${path('secret.csv')}')) > 0`;
		expect(() => options(['--input', path('canvass.csv'), '--key', 'pcon', '--out', path('w.csv'), '--where', where])).toThrow(/cannot read files/);
		// Bypass the check: the engine, locked to the input file and the output, still refuses.
		const bypass = { ...options(['--input', path('canvass.csv'), '--key', 'pcon', '--out', path('w.csv')]), where };
		await expect(runAggregate(bypass)).rejects.toThrow(/^Refused by the engine: Permission Error: Cannot access file .*secret\.csv/);
		const write = { ...bypass, where: `(SELECT count(*) FROM read_text('/etc/hostname')) > 0` };
		await expect(runAggregate(write)).rejects.toThrow(/Refused by the engine/);
		expect(existsSync(path('w.csv'))).toBe(false);
	});

	it('an interrupted run leaves no output, and an earlier output untouched', async () => {
		writeFileSync(path('kept.csv'), 'earlier\n');
		for (const phase of ['reading', 'result', 'writing'] as const) {
			const controller = new AbortController();
			const run = aggregate(['--input', path('canvass.csv'), '--key', 'pcon', '--out', path('kept.csv')], { signal: controller.signal, onPhase: (p) => p === phase && controller.abort() });
			await expect(run).rejects.toThrow('Interrupted: no output was written.');
			expect(readFileSync(path('kept.csv'), 'utf8')).toBe('earlier\n');
		}
		// Interrupted while the partial file is being written: it is removed, the target kept.
		const controller = new AbortController();
		const partial = writeAtomically(
			path('kept.csv'),
			async (p) => {
				writeFileSync(p, 'half');
				controller.abort();
			},
			controller.signal
		);
		await expect(partial).rejects.toThrow();
		expect(readdirSync(work).filter((f) => f.includes('partial'))).toEqual([]);
		expect(readFileSync(path('kept.csv'), 'utf8')).toBe('earlier\n');
	});

	it('reads and writes Parquet: the same figures as CSV', async () => {
		await db.exec(`COPY (SELECT * FROM read_csv('${path('canvass.csv')}')) TO '${path('canvass.parquet')}' (FORMAT parquet)`);
		await aggregate(['--input', path('canvass.parquet'), '--key', 'pcon', '--group', 'ward', '--out', path('round.parquet')]);
		const back = (await db.query(`SELECT * FROM '${path('round.parquet')}' ORDER BY code, ward`)).rows;
		const csv = readCsv(path('whole.csv'));
		expect(back).toEqual(csv.map((r) => ({ ...r })));
	});

	it('its output imports through the app upload pipeline, one dataset value per seat', async () => {
		const reference = referenceSeatsFromRows((await db.query(REFERENCE_SEATS_QUERY)).rows);
		const prepared = prepareDelimitedUpload(new Uint8Array(readFileSync(path('hand.csv'))), reference, { fileName: 'hand.csv' });
		expect(prepared.ok).toBe(true);
		if (!prepared.ok) return;
		const p = prepared.value;
		expect(p.keys[0]).toMatchObject({ kind: 'gss-2024', columnIndex: 0 });
		expect(p.match!.unmatched).toEqual([]);
		const built = await buildSeatDataset(p.table, p.columns, p.match!, defaultChoices(p.columns, 0), { name: 'canvass', duplicates: 'refuse', fileName: 'hand.csv' });
		expect(built.ok).toBe(true);
		if (!built.ok) return;
		expect(built.dataset.codes).toEqual(['E14001174', 'E14001263']);
		expect(built.dataset.columns.map((c) => c.label)).toEqual(['rows', 'votes_sum', 'votes_mean', 'score_sum', 'score_mean', 'contacted_sum', 'contacted_mean']);
		expect(built.dataset.values[1]).toEqual([12, 1]);
	});

	it('the command exits non-zero with one line on bad input', async () => {
		const run = promisify(execFile);
		const result = await run('npx', ['tsx', 'scripts/aggregate.ts', '--input', path('nothing-*.csv'), '--key', 'pcon', '--out', path('x.csv')], { cwd: PROJECT_ROOT }).then(
			() => ({ code: 0, stderr: '' }),
			(e: { code: number; stderr: string }) => e
		);
		expect(result.code).toBe(1);
		expect(result.stderr.trim()).toBe(`No file matches --input ${path('nothing-*.csv')}.`);
	}, 60_000);
});
