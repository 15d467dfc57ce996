/**
 * One measured run for `bench/aggregate.ts`, in its own process so `/usr/bin/time -v` sees its
 * peak memory alone. Prints one JSON line: the seconds of the timed part.
 *   agg FILE THREADS ENGINE  the aggregate (seat × ward), timed from the read to the result
 *   scan FILE THREADS        count(*) over the same input view: the floor any aggregate pays
 */
import { openNodeDatabase } from '../src/lib/db/node';
import { parseAggregateArgs } from '../scripts/aggregate/options';
import { runAggregate } from '../scripts/aggregate/run';
import { duckdbEngine } from '../scripts/aggregate/engine';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const [mode, file, threads, engine = 'duckdb'] = process.argv.slice(2);
const out = join(tmpdir(), `heartlands-bench-${process.pid}.parquet`);

if (mode === 'agg') {
	let start = 0;
	let seconds = 0;
	const args = ['--input', file, '--key', 'pcon24cd', '--group', 'ward', '--key-type', 'seat-2024', '--out', out, '--threads', threads, '--engine', engine];
	const summary = await runAggregate(parseAggregateArgs(args)!, {
		onPhase(phase) {
			if (phase === 'reading') start = performance.now();
			if (phase === 'result') seconds = (performance.now() - start) / 1000;
		}
	});
	console.log(JSON.stringify({ seconds, rows: summary.inputRows, outputRows: summary.outputRows }));
} else {
	const db = await openNodeDatabase({ files: [file], threads: Number(threads) });
	await duckdbEngine(db).openInput([file], 'csv', ['pcon24cd', 'ward']);
	const start = performance.now();
	const { rows } = await db.query('SELECT count(*) AS n FROM agg_input');
	console.log(JSON.stringify({ seconds: (performance.now() - start) / 1000, rows: rows[0].n }));
	await db.close();
}
