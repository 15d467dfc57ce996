/**
 * `--engine spark`: the same builder's statements, rendered in Spark SQL, run by PySpark in local
 * mode or on a cluster (`--spark-master`). A Python process (`spark_runner.py`) holds the session
 * and answers one JSON line per request, so the steps in `run.ts` drive both engines alike.
 *
 * Spark is not bundled: it comes from PyPI (`pip install pyspark`, which carries Spark itself)
 * and needs Java 17 (Debian: `openjdk-17-jre-headless`). Without it the command stops with that
 * advice before reading anything.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { SPARK } from '../../src/lib/queries/dialect';
import type { Cell } from '../../src/lib/db/types';
import type { ManifestColumn } from '../../src/lib/model/manifest';
import { PROJECT_ROOT } from '../data/sources';
import { CliError } from '../risk-cli';
import type { AggregateEngine, InputColumn } from './engine';

export const SPARK_MISSING = 'Spark is not installed: --engine spark needs PySpark 4 and Java 17. Install them with `pip install pyspark==4.0.1` and `apt-get install -y openjdk-17-jre-headless` (or set PYSPARK_PYTHON to a Python that has pyspark).';

const python = () => process.env.PYSPARK_PYTHON ?? 'python3';

/** PySpark's version, or null when this machine has no PySpark. */
export function pysparkVersion(): string | null {
	const r = spawnSync(python(), ['-c', 'import pyspark; print(pyspark.__version__)'], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : null;
}

interface Answer {
	ok: boolean;
	error?: string;
	columns?: string[] | InputColumn[];
	rows?: Cell[][];
	version?: string;
}

export interface SparkOptions {
	master: string;
	lookups: Record<string, { path: string; columns: readonly ManifestColumn[] }>;
	log: (line: string) => void;
}

export async function sparkEngine(options: SparkOptions): Promise<AggregateEngine> {
	if (pysparkVersion() === null) throw new CliError(SPARK_MISSING);
	const child = spawn(python(), [join(PROJECT_ROOT, 'scripts/aggregate/spark_runner.py')], { stdio: ['pipe', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
	let lastProgress: string | null = null;
	const waiting: ((a: Answer) => void)[] = [];
	const exited = new Promise<void>((done) => child.on('close', () => done()));
	child.on('close', (code) => {
		for (const w of waiting.splice(0)) w({ ok: false, error: `Spark stopped (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}` });
	});
	createInterface({ input: child.stdout }).on('line', (line) => {
		let message: Answer & { progress?: string };
		try {
			message = JSON.parse(line);
		} catch {
			return; // a stray line from the JVM, not an answer
		}
		if (message.progress !== undefined) lastProgress = message.progress;
		else waiting.shift()?.(message);
	});
	const request = (body: object): Promise<Answer> =>
		new Promise((answer, fail) => {
			waiting.push((a) => (a.ok ? answer(a) : fail(new Error(a.error))));
			child.stdin.write(JSON.stringify(body) + '\n');
		});
	const opened = await request({ op: 'open', master: options.master, lookups: options.lookups });
	options.log(`Spark ${opened.version} (${options.master}).`);
	return {
		dialect: SPARK,
		async openInput(files, format, textColumns) {
			return (await request({ op: 'input', format, paths: files, textColumns })).columns as InputColumn[];
		},
		async query(sql) {
			const a = await request({ op: 'query', sql });
			return { columns: a.columns as string[], rows: a.rows ?? [] };
		},
		async exec(sql) {
			lastProgress = null;
			await request({ op: 'exec', sql });
		},
		progress: () => lastProgress,
		interrupt: () => child.kill('SIGTERM'),
		async close() {
			if (child.exitCode === null && !child.killed) await request({ op: 'close' }).catch(() => {});
			child.stdin.end();
			await exited;
		}
	};
}
