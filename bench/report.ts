/** bench/results/latest.md from the run's results (the JSON is the same object, serialised). */
import type { Workload } from './harness';
import type { BundleRow } from './bundle';

export interface Environment {
	date: string;
	cpu: string;
	memoryGiB: number;
	node: string;
	chromium: string;
	glRenderer: string;
	packages: Record<string, string>;
	durationSeconds?: number;
}

export interface BenchResult {
	environment: Environment;
	reps: number;
	slowReps: number;
	warmup: number;
	workloads: Workload[];
	bundle: { rows: BundleRow[]; firstLoadGzip: number; lazyGzip: number };
	/** Brotli bytes fetched by a fresh visit until the coloured map (engine files apart), and of first-view.json. */
	firstView?: { transferBytes: number; withTablesBytes: number; fileBytes: number };
}

const ms = (v: number) => (Number.isNaN(v) ? '—' : v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(3));
const ratio = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '—');
const kb = (bytes: number | null) => (bytes === null ? '—' : (bytes / 1024).toFixed(1));

function workloadMarkdown(w: Workload): string[] {
	return [
		`### ${w.name}`,
		'',
		...(w.target ? [`Target: ${w.target}.`, ''] : []),
		`| engine | median (ms) | p90 (ms) | n | × native | × floor |${w.throughput ? ' MB/s |' : ''}${w.extra ? ` ${w.extra.heading} |` : ''}`,
		`|---|---:|---:|---:|---:|---:|${w.throughput ? '---:|' : ''}${w.extra ? '---:|' : ''}`,
		...w.rows.map((r) =>
			r.skipped
				? `| ${r.engine} | skipped: ${r.skipped} | | | | |${w.throughput ? ' |' : ''}${w.extra ? ' |' : ''}`
				: `| ${r.engine} | ${ms(r.summary.median)} | ${ms(r.summary.p90)} | ${r.summary.n} | ${ratio(r.ratioToNative)} | ${ratio(r.ratioToFloor)} |${w.throughput ? ` ${w.throughput[r.engine] ?? ''} |` : ''}${w.extra ? ` ${w.extra.values[r.engine] ?? ''} |` : ''}`
		),
		''
	];
}

export function toMarkdown(result: BenchResult): string {
	const env = result.environment;
	const bundle = result.bundle;
	return [
		'# Benchmark results',
		'',
		`${env.date} · ${env.cpu} · ${env.memoryGiB} GiB · Node ${env.node} · Chromium ${env.chromium} · GL: ${env.glRenderer}` + (env.durationSeconds ? ` · whole run ${Math.round(env.durationSeconds)} s` : ''),
		'',
		`Packages: ${Object.entries(env.packages)
			.map(([p, v]) => `${p} ${v}`)
			.join(', ')}.`,
		`${result.reps} timed repetitions (${result.slowReps} for page loads, ingest and sensitivity) after ${result.warmup} warm-up, engines interleaved.`,
		'"× native" is the median over native DuckDB\'s median in the same run; "× floor" over the time to sum a Float64Array of the same bytes.',
		'',
		...result.workloads.flatMap(workloadMarkdown),
		...(result.firstView
			? [
					'## First view',
					'',
					`A fresh visit fetches ${kb(result.firstView.transferBytes)} KB (brotli, as precompressed in build/) for the first view until the map is coloured (budget 1,536 KB), and ${kb(result.firstView.withTablesBytes)} KB with the engine's tables, which download beside it (its wasm and worker apart); \`first-view.json\` is ${kb(result.firstView.fileBytes)} KB (target 150 KB).`,
					''
				]
			: []),
		'## Bundle',
		'',
		`First-load app JavaScript: ${kb(bundle.firstLoadGzip)} KB gzipped (budget 400 KB); lazily loaded app JavaScript: ${kb(bundle.lazyGzip)} KB gzipped.`,
		'',
		'| file | group | raw (KB) | gzip -9 (KB) | brotli (KB) |',
		'|---|---|---:|---:|---:|',
		...bundle.rows.map((r) => `| ${r.file} | ${r.group} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`),
		''
	].join('\n');
}
