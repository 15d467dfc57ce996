/**
 * The aggregate's steps, the same for both engines: find the input files, open them, pick the
 * numeric columns and the kind of key, compute the stage (the one long read, with progress), then
 * the result and the unmatched keys, and write the output through a partial file.
 *
 * The DuckDB engine is locked before it sees any SQL from the command line: it may read exactly
 * the input files and the app's lookups, write exactly the partial output file (and spill to its
 * temp folder), and reach nothing else. So a `--where` that names another file is refused by the
 * engine itself, whatever the friendly check in `options.ts` let through.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { listFiles, openNodeDatabase, type NodeDatabase } from '../../src/lib/db/node';
import { loadTable } from '../../src/lib/data/load-tables';
import { DEFAULT_LIMITS } from '../../src/lib/model/uploads/limits';
import { columnKind, keyKindQuery, lookupTable, outputColumns, resultQuery, SEAT_TABLE, stageStatement, stageTotalsQuery, unmatchedSampleQuery, unmatchedTotalsQuery, type AggregatePlan, type KeyKind } from '../../src/lib/queries/aggregate';
import { buildData } from '../data/build';
import { PROJECT_ROOT, resolveDataDir } from '../data/sources';
import { CliError } from '../risk-cli';
import { duckdbEngine, type AggregateEngine } from './engine';
import { inputErrorLine, isInterrupt } from './errors';
import { formatOf, type AggregateOptions } from './options';
import { partialPath, writeAtomically, writeOutput } from './output';
import { sparkEngine } from './spark-engine';

export interface RunHooks {
	/** Warnings and the report (stderr in the CLI). */
	log?: (line: string) => void;
	/** The progress text of a long read, about once a second. */
	progress?: (text: string) => void;
	signal?: AbortSignal;
	/** Called as each step starts; an abort from here is honoured like Ctrl-C. */
	onPhase?: (phase: 'reading' | 'result' | 'writing') => void;
}

export interface AggregateSummary {
	files: string[];
	keyKind: KeyKind;
	inputRows: number;
	outputRows: number;
	columns: string[];
	unmatched: { keys: number; rows: number; sample: { key: string | null; rows: number }[] };
}

const LOOKUPS = [SEAT_TABLE, lookupTable('2010'), lookupTable('2024')];
const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;
const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0];

async function inputFiles(o: AggregateOptions): Promise<string[]> {
	if (REMOTE.test(o.input)) {
		if (o.engine !== 'spark') throw new CliError(`--input ${o.input} is an address: only --engine spark reads shared storage; DuckDB reads local files.`);
		return [o.input];
	}
	const files = await listFiles(o.input);
	if (!files.length) throw new CliError(`No file matches --input ${o.input}.`);
	return files;
}

/** The kind of key, from the values in the first rows: the set or lookup that knows most of them. */
async function detectKeyKind(engine: AggregateEngine, key: string, log: (l: string) => void): Promise<KeyKind> {
	const [counts] = (await engine.query(keyKindQuery(key, engine.dialect))).rows;
	const [distinct, s2010, s2024, area] = counts.map(Number);
	const best = Math.max(s2010, s2024, area);
	if (best === 0) throw new CliError(`The key column "${key}" holds no constituency code (E14…, W07…, S14…, N05…/N06…) or small-area code (LSOA 2011, data zone, NI SOA) in its first rows (${distinct} values read). Check --key, or pass --key-type.`);
	const kind: KeyKind = area === best && area > Math.max(s2010, s2024) ? { kind: 'area', set: '2010' } : s2010 > s2024 ? { kind: 'seat', set: '2010' } : { kind: 'seat', set: '2024' };
	log(kind.kind === 'area' ? `Key "${key}": small-area codes, added up to 2010-set seats (pass --key-type area-2024 for the 2024 set).` : `Key "${key}": seat codes of the ${kind.set} set.`);
	return kind;
}

function engineError(error: unknown, o: AggregateOptions, files: string[]): Error {
	if (error instanceof CliError) return error;
	if (isInterrupt(error)) return new CliError('Interrupted: no output was written.');
	const message = String((error as Error)?.message ?? error);
	if (/Permission Error|file system operations are disabled/i.test(message)) return new CliError(`Refused by the engine: ${firstLine(error)} (--where may only filter the input's rows).`);
	if (o.where && /^(Binder|Parser|Catalog) Error|AnalysisException|ParseException/m.test(message)) return new CliError(`--where: ${firstLine(error)}`);
	return new CliError(inputErrorLine(message, files));
}

async function openDuckdb(o: AggregateOptions, files: string[], spill: string, reads: boolean): Promise<NodeDatabase> {
	return openNodeDatabase({ files: [...(reads ? files : []), partialPath(o.out)], threads: o.threads, memoryLimit: o.memoryLimit, tempDirectory: spill });
}

export async function runAggregate(o: AggregateOptions, hooks: RunHooks = {}): Promise<AggregateSummary> {
	const log = hooks.log ?? (() => {});
	const files = await inputFiles(o);
	const formats = new Set(files.map((f) => formatOf(f)));
	const format = [...formats][0];
	if (formats.has(null) || !format) throw new CliError(`--input must name .csv or .parquet files; ${files.find((f) => !formatOf(f))} is neither.`);
	if (formats.size > 1) throw new CliError('--input mixes CSV and Parquet files; aggregate one format at a time.');
	const out = resolve(o.out);
	if (!existsSync(dirname(out)) || !statSync(dirname(out)).isDirectory()) throw new CliError(`--out: the folder ${dirname(out)} does not exist.`);
	if (files.includes(out)) throw new CliError('--out is one of the input files.');
	const ownSpill = !o.tempDir;
	const spill = o.tempDir ? resolve(o.tempDir) : mkdtempSync(join(tmpdir(), 'heartlands-spill-'));
	const dataOut = process.env.HEARTLANDS_OUT ?? join(PROJECT_ROOT, 'static/data');
	const { manifest } = await buildData({ dataDir: resolveDataDir(), outDir: dataOut });
	const lookups = LOOKUPS.map((name) => manifest.tables.find((t) => t.name === name)!);
	const db = await openDuckdb(o, files, spill, o.engine === 'duckdb');
	let engine: AggregateEngine | null = null;
	const abort = () => engine?.interrupt();
	hooks.signal?.addEventListener('abort', abort);
	let timer: ReturnType<typeof setInterval> | undefined;
	try {
		if (o.engine === 'duckdb') {
			for (const t of lookups) await loadTable(db, t, new Uint8Array(readFileSync(join(dataOut, t.file))));
			engine = duckdbEngine(db);
		} else {
			engine = await sparkEngine({ master: o.sparkMaster, lookups: Object.fromEntries(lookups.map((t) => [t.name, { path: join(dataOut, t.file), columns: t.columns }])), log });
		}
		hooks.signal?.throwIfAborted();
		const columns = await engine.openInput(files, format, [o.key, ...(o.group ? [o.group] : [])]).catch((e) => Promise.reject(engineError(e, o, files)));
		for (const [option, name] of [
			['key', o.key],
			['group', o.group]
		] as const) {
			if (name === undefined || columns.some((c) => c.name === name)) continue;
			const near = columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
			throw new CliError(`--${option} ${name}: no such column in ${files[0]}${near ? ` (did you mean "${near.name}"?)` : ''}. Its columns: ${columns.map((c) => c.name).join(', ')}.`);
		}
		const measures = columns.filter((c) => c.name !== o.key && c.name !== o.group && columnKind(c.type)).map((c) => ({ name: c.name, kind: columnKind(c.type)! }));
		const skipped = columns.filter((c) => c.name !== o.key && c.name !== o.group && !columnKind(c.type)).map((c) => c.name);
		if (skipped.length) log(`Not numbers, so not summed: ${skipped.join(', ')} (--where and --group can still use them).`);
		const keyKind = o.keyKind ?? (await detectKeyKind(engine, o.key, log));
		const plan: AggregatePlan = { key: o.key, group: o.group, columns: measures, keyKind, where: o.where };
		const names = outputColumns(plan);
		const clash = names.find((n, i) => names.indexOf(n) !== i);
		if (clash) throw new CliError(`Two output columns would both be called "${clash}"; rename the input column or choose another --group.`);

		hooks.onPhase?.('reading');
		hooks.signal?.throwIfAborted();
		const started = Date.now();
		timer = setInterval(() => {
			const p = engine?.progress();
			if (p) hooks.progress?.(`Reading ${files.length === 1 ? files[0] : `${files.length} files`}: ${p}, ${Math.round((Date.now() - started) / 1000)} s`);
		}, 1000);
		await engine.exec(stageStatement(plan, engine.dialect)).catch((e) => Promise.reject(engineError(e, o, files)));
		clearInterval(timer);
		hooks.onPhase?.('result');
		hooks.signal?.throwIfAborted();
		const [totals] = (await engine.query(stageTotalsQuery(engine.dialect))).rows;
		const result = await engine.query(resultQuery(plan, engine.dialect));
		const [miss] = (await engine.query(unmatchedTotalsQuery(plan, engine.dialect))).rows;
		const sample = Number(miss[0]) > 0 ? (await engine.query(unmatchedSampleQuery(plan, engine.dialect))).rows.map((r) => ({ key: r[0] === null ? null : String(r[0]), rows: Number(r[1]) })) : [];
		const unmatched = { keys: Number(miss[0]), rows: Number(miss[1]), sample };
		if (unmatched.rows > 0) {
			const what = keyKind.kind === 'seat' ? `no ${keyKind.set}-set seat` : `no small area in the ${keyKind.set} lookup`;
			log(`${unmatched.keys.toLocaleString('en-GB')} key values (${unmatched.rows.toLocaleString('en-GB')} rows) matched ${what} and were left out, e.g. ${sample.map((s) => `${s.key === null || s.key === '' ? '(blank)' : s.key} (${s.rows})`).join(', ')}.`);
		}
		if (result.rows.length > DEFAULT_LIMITS.maxRows) log(`The output has ${result.rows.length.toLocaleString('en-GB')} rows, more than the app imports (${DEFAULT_LIMITS.maxRows.toLocaleString('en-GB')}); a coarser --group would fit.`);
		hooks.onPhase?.('writing');
		hooks.signal?.throwIfAborted();
		await writeAtomically(o.out, (partial) => writeOutput(db, o.outFormat, partial, result.columns, result.rows), hooks.signal);
		return { files, keyKind, inputRows: Number(totals[0]), outputRows: result.rows.length, columns: result.columns, unmatched };
	} catch (error) {
		throw hooks.signal?.aborted ? new CliError('Interrupted: no output was written.') : engineError(error, o, files);
	} finally {
		clearInterval(timer);
		hooks.signal?.removeEventListener('abort', abort);
		if (engine && o.engine === 'spark') await engine.close();
		await db.close();
		if (ownSpill) rmSync(spill, { recursive: true, force: true });
	}
}
