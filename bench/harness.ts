/**
 * Interleaved measurement: every repetition runs each engine once, in turn, so drift on a shared
 * machine (other jobs, thermal) lands on all engines alike. Each case times its own work, so setup
 * such as generating inputs stays outside the figure.
 */
import { summarise, type Summary } from './stats';

export interface Case {
	engine: string;
	/** Runs the workload once and returns its duration in milliseconds. */
	run: () => Promise<number> | number;
}

export interface ResultRow {
	engine: string;
	summary: Summary;
	ratioToNative: number;
	ratioToFloor: number;
	/** Why there is no figure (for example: out of wasm memory). */
	skipped?: string;
}

export interface Workload {
	name: string;
	target?: string;
	/** Extra columns such as MB/s, keyed by engine. */
	throughput?: Record<string, string>;
	/** Another per-engine figure, with its column heading (for example DuckDB memory in MB). */
	extra?: { heading: string; values: Record<string, string> };
	rows: ResultRow[];
}

export const NATIVE = 'native DuckDB (@duckdb/node-api, 1 thread)';
export const FLOOR = 'memory-scan floor (sum a Float64Array of the same bytes)';

/** Keeps results alive so the JIT cannot drop the work being timed. */
export let sink = 0;

export function timed(work: () => number): number {
	const start = performance.now();
	sink += work();
	return performance.now() - start;
}

/**
 * A case that sums `bytes` worth of doubles: the least any engine reading the input must pay.
 * Four accumulators, so the loop is bound by memory rather than by the latency of one add chain.
 */
export function floorCase(bytes: number): Case {
	const values = new Float64Array(Math.max(4, Math.round(bytes / 32) * 4));
	for (let i = 0; i < values.length; i++) values[i] = i % 1013;
	return {
		engine: FLOOR,
		run: () =>
			timed(() => {
				let a = 0,
					b = 0,
					c = 0,
					d = 0;
				for (let i = 0; i < values.length; i += 4) {
					a += values[i];
					b += values[i + 1];
					c += values[i + 2];
					d += values[i + 3];
				}
				return a + b + c + d;
			})
	};
}

export interface Measured {
	samples: Map<string, number[]>;
	skipped: Map<string, string>;
}

export async function measure(cases: Case[], opts: { reps: number; warmup: number }): Promise<Measured> {
	const samples = new Map<string, number[]>(cases.map((c) => [c.engine, []]));
	const skipped = new Map<string, string>();
	for (let i = 0; i < opts.warmup + opts.reps; i++) {
		for (const c of cases) {
			if (skipped.has(c.engine)) continue;
			try {
				const ms = await c.run();
				if (i >= opts.warmup) samples.get(c.engine)!.push(ms);
			} catch (error) {
				skipped.set(c.engine, (error as Error).message.split('\n')[0].slice(0, 160));
			}
		}
	}
	return { samples, skipped };
}

/** Summaries and ratios; samples gathered elsewhere (for example in the browser) can be added first. */
export function toWorkload(name: string, { samples, skipped }: Measured, target?: string): Workload {
	const medianOf = (engine: string) => (samples.get(engine)?.length ? summarise(samples.get(engine)!).median : NaN);
	const native = medianOf(NATIVE);
	const floor = medianOf(FLOOR);
	const rows = [...samples.keys()].map((engine) => {
		const summary = summarise(skipped.has(engine) ? [] : samples.get(engine)!);
		return { engine, summary, ratioToNative: summary.median / native, ratioToFloor: summary.median / floor, skipped: skipped.get(engine) };
	});
	return { name, target, rows };
}
