/**
 * `npm run bench:aggregate`: the voter-file aggregate on a synthetic canvass (bench/canvass.ts,
 * fixed seed) of 10⁶ and 10⁷ rows (and 5×10⁷ with BENCH_LARGE=1), grouped by seat and ward.
 * DuckDB at 1 and 2 threads, and Spark local where PySpark is installed. For each: time of the
 * read-and-aggregate step, rows/s, peak memory of the whole process (`/usr/bin/time -v`), and the
 * ratio to a count(*) over the same input (the scan floor). Writes bench/results/aggregate.md.
 *
 * BENCH_DIR keeps the generated files between runs (they are regenerated only when missing).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../scripts/data/sources';
import { pysparkVersion } from '../scripts/aggregate/spark-engine';
import { writeCanvass } from './canvass';

const SIZES = process.env.BENCH_LARGE ? [1e6, 1e7, 5e7] : [1e6, 1e7];
const SPARK_SIZES = [1e6, 1e7];
const dir = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'heartlands-bench-agg-'));
mkdirSync(dir, { recursive: true });
/** Peak memory needs GNU time (Debian: `apt-get install -y time`); without it the column says so. */
const HAS_TIME = existsSync('/usr/bin/time');
if (!HAS_TIME) console.warn('bench:aggregate: /usr/bin/time is not installed (apt-get install -y time), so peak memory is not measured.');

interface Run {
	seconds: number;
	peakMb: number;
}

/** Runs a child under /usr/bin/time -v and reads its peak resident memory from the report. */
function measured(args: string[]): Run {
	const file = join(dir, 'time.txt');
	const child = [process.execPath, '--import', 'tsx', join(PROJECT_ROOT, 'bench/aggregate-child.ts'), ...args];
	const out = HAS_TIME
		? execFileSync('/bin/sh', ['-c', `/usr/bin/time -v -o "${file}" "$@"`, 'sh', ...child], { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 })
		: execFileSync(child[0], child.slice(1), { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
	const report = HAS_TIME ? execFileSync('cat', [file], { encoding: 'utf8' }) : '';
	const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1] ?? NaN);
	return { seconds: JSON.parse(out.trim().split('\n').at(-1)!).seconds, peakMb: kb / 1024 };
}

const lines: string[] = [];
const rows: string[] = [];
const spark = pysparkVersion();
for (const size of SIZES) {
	const file = join(dir, `canvass-${size}.csv`);
	if (!existsSync(file)) {
		console.log(`Generating ${size.toLocaleString('en-GB')} rows…`);
		writeCanvass(file, size);
	}
	const mb = statSync(file).size / 1e6;
	for (const threads of [1, 2]) {
		// Each child once to warm the page cache, then the measured runs: the median of three.
		measured(['scan', file, String(threads)]);
		const scans = [0, 1, 2].map(() => measured(['scan', file, String(threads)]));
		const aggs = [0, 1, 2].map(() => measured(['agg', file, String(threads), 'duckdb']));
		const median = (runs: Run[]) => [...runs].sort((a, b) => a.seconds - b.seconds)[1];
		const scan = median(scans);
		const agg = median(aggs);
		const peak = Math.max(...aggs.map((a) => a.peakMb));
		rows.push(
			`| DuckDB, ${threads} thread${threads > 1 ? 's' : ''} | ${size.toExponential(0).replace('e+', '×10^')} | ${mb.toFixed(0)} | ${agg.seconds.toFixed(2)} | ${(size / agg.seconds / 1e6).toFixed(1)} M | ${peak.toFixed(0)} | ${scan.seconds.toFixed(2)} | ${(agg.seconds / scan.seconds).toFixed(2)}× |`
		);
		console.log(rows.at(-1));
	}
	if (SPARK_SIZES.includes(size)) {
		if (spark) {
			const s = measured(['agg', file, '2', 'spark']);
			rows.push(`| Spark ${spark} local[*] | ${size.toExponential(0).replace('e+', '×10^')} | ${mb.toFixed(0)} | ${s.seconds.toFixed(2)} | ${(size / s.seconds / 1e6).toFixed(1)} M | ${s.peakMb.toFixed(0)} (driver process tree) | — | — |`);
		} else rows.push(`| Spark local | ${size.toExponential(0).replace('e+', '×10^')} | ${mb.toFixed(0)} | not run: PySpark is not installed here | | | | |`);
		console.log(rows.at(-1));
	}
}

lines.push(
	'# Voter-file aggregate: bench',
	'',
	`${new Date().toISOString()} · ${cpus()[0]?.model ?? 'CPU'} × ${cpus().length} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version}`,
	'',
	'Synthetic canvass (bench/canvass.ts, fixed seed; 10 columns: seat, ward, intention, two contact flags, three turnout flags, age band, likelihood), CSV, grouped by seat and ward (about 15,600 output rows). Time: the read-and-aggregate step, median of 3 after a warm-up (page cache warm). Peak memory: maximum resident set of the whole Node process (`/usr/bin/time -v`). Scan floor: `count(*)` over the same input view.',
	'',
	'| engine | rows | CSV MB | time (s) | rows/s | peak RSS (MB) | scan floor (s) | × floor |',
	'|---|---:|---:|---:|---:|---:|---:|---:|',
	...rows,
	''
);
const report = lines.join('\n');
writeFileSync(join(PROJECT_ROOT, 'bench/results/aggregate.md'), report);
console.log(`\nWrote bench/results/aggregate.md`);
if (!process.env.BENCH_DIR) rmSync(dir, { recursive: true, force: true });
