/**
 * Parity: the same 10⁵-row synthetic canvass aggregated by DuckDB and by Spark in local mode, by
 * seat and by seat and ward, must agree to 1e-9 (relative) in every cell. Skipped, with the
 * install advice, on a machine without PySpark; `npm run test:spark` runs it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCanvass } from '../../bench/canvass';
import { parseAggregateArgs } from '../../scripts/aggregate/options';
import { runAggregate } from '../../scripts/aggregate/run';
import { pysparkVersion, SPARK_MISSING } from '../../scripts/aggregate/spark-engine';

const version = pysparkVersion();
if (version === null) console.warn(`SKIPPED the Spark parity test: ${SPARK_MISSING}`);

const work = mkdtempSync(join(tmpdir(), 'heartlands-spark-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cells(file: string): string[][] {
	return readFileSync(file, 'utf8')
		.trim()
		.split('\n')
		.map((l) => l.split(','));
}

function expectSame(duck: string[][], spark: string[][]) {
	expect(spark[0]).toEqual(duck[0]);
	expect(spark.length).toBe(duck.length);
	for (let r = 1; r < duck.length; r++) {
		for (let c = 0; c < duck[r].length; c++) {
			const [a, b] = [duck[r][c], spark[r][c]];
			if (a === '' || Number.isNaN(Number(a))) expect(b, `row ${r} ${duck[0][c]}`).toBe(a);
			else expect(Math.abs(Number(a) - Number(b)) / Math.max(1, Math.abs(Number(a))), `row ${r} ${duck[0][c]}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9);
		}
	}
}

describe.skipIf(version === null)(`DuckDB and Spark ${version ?? ''} agree`, () => {
	const input = join(work, 'canvass.csv');
	beforeAll(() => writeCanvass(input, 100_000));
	for (const group of [[], ['--group', 'ward']]) {
		it(`by seat${group.length ? ' and ward' : ''}, with a --where`, async () => {
			const outs = { duckdb: join(work, `duck${group.length}.csv`), spark: join(work, `spark${group.length}.csv`) };
			for (const engine of ['duckdb', 'spark'] as const) {
				const args = ['--input', input, '--key', 'pcon24cd', '--out', outs[engine], '--engine', engine, '--where', "age_band <> '18-24'", ...group];
				await runAggregate(parseAggregateArgs(args, { SPARK_MASTER: 'local[2]' })!);
			}
			expectSame(cells(outs.duckdb), cells(outs.spark));
		});
	}
});
