/**
 * `npm run aggregate` options: parsed and checked here, with no engine, so every refusal is a
 * one-line message before any file is opened. The `--where` check is the friendly front of the
 * engine's lock (see `runAggregate`): it names what is refused, but the engine is what refuses.
 */
import { parseArgs } from 'node:util';
import { tokenize, FILES_REASON } from '../../src/lib/features/console/statement-guard/index';
import { scanTokens } from '../../src/lib/features/console/statement-guard/files';
import type { EngineName } from '../../src/lib/queries/dialect';
import type { KeyKind } from '../../src/lib/queries/aggregate';
import { CliError } from '../risk-cli';

export type FileFormat = 'csv' | 'parquet';

export interface AggregateOptions {
	input: string;
	key: string;
	out: string;
	outFormat: FileFormat;
	where?: string;
	group?: string;
	memoryLimit?: string;
	threads?: number;
	tempDir?: string;
	engine: EngineName;
	/** null: found from the key's values. */
	keyKind: KeyKind | null;
	sparkMaster: string;
}

export const USAGE = `Usage: npm run aggregate -- --input PATH_OR_GLOB --key COLUMN --out FILE.csv|FILE.parquet
       [--where PREDICATE] [--group COLUMN] [--key-type auto|seat-2010|seat-2024|area-2010|area-2024]
       [--memory-limit 4GB] [--threads N] [--temp-dir DIR] [--engine duckdb|spark] [--spark-master URL]
  One row per seat (and --group value): rows, and <column>_sum and <column>_mean for every numeric
  (or true/false) input column. The key holds seat codes of either boundary set, or small-area codes
  (LSOA 2011, data zones, NI SOAs) added up to seats through the app's lookups (area-2010 by
  default, or --key-type area-2024). Input: CSV or Parquet, one file or a quoted glob.`;

const KEY_TYPES: Record<string, KeyKind | null> = {
	auto: null,
	'seat-2010': { kind: 'seat', set: '2010' },
	'seat-2024': { kind: 'seat', set: '2024' },
	'area-2010': { kind: 'area', set: '2010' },
	'area-2024': { kind: 'area', set: '2024' }
};

/** A file's format from its name; null when it is neither. Compressed CSV is read as CSV. */
export function formatOf(path: string): FileFormat | null {
	const p = path.toLowerCase();
	if (/\.(csv|tsv|txt)(\.(gz|zst))?$/.test(p)) return 'csv';
	if (/\.(parquet|pq)$/.test(p)) return 'parquet';
	return null;
}

/** DuckDB's memory sizes: a number and a unit, e.g. 512MB, 4GB, 1.5GiB. */
const MEMORY = /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

/** Words that start statements or touch the engine: never part of a row filter. */
const STATEMENT_WORDS = new Set(['select', 'copy', 'attach', 'detach', 'install', 'load', 'pragma', 'set', 'reset', 'export', 'import', 'call', 'create', 'insert', 'update', 'delete', 'drop', 'alter', 'checkpoint', 'use']);

export const WHERE_REASON = '--where filters the input rows with a condition on its columns; it cannot read files or web addresses, run other statements or change settings.';

/**
 * Why a `--where` predicate is refused, or null. Tokens come from the console's DuckDB lexer, so
 * comments and strings cannot hide anything; table functions that read files, paths and
 * addresses are refused by the console's own scan.
 */
export function whereProblem(text: string): string | null {
	if (text.length > 10_000) return `--where is longer than 10,000 characters. ${WHERE_REASON}`;
	const lexed = tokenize(text);
	if (!lexed.ok) return `--where: ${lexed.reason}`;
	if (!lexed.tokens.length) return '--where is empty.';
	let depth = 0;
	for (const tok of lexed.tokens) {
		if (tok.kind === 'semicolon') return `--where holds a ";": ${WHERE_REASON}`;
		if (tok.kind === 'op' && tok.value === '`') return '--where: write column names in double quotes ("name"), not backticks; both engines read them as names.';
		if (tok.kind === 'word' && STATEMENT_WORDS.has(tok.value)) return `--where holds ${tok.value.toUpperCase()}: ${WHERE_REASON} (A column with that name goes in double quotes.)`;
		if (tok.kind === 'lparen') depth++;
		if (tok.kind === 'rparen' && --depth < 0) return '--where has a ")" without its "(".';
	}
	if (depth !== 0) return '--where has a "(" without its ")".';
	const scanned = scanTokens(lexed.tokens);
	return scanned ? `--where: ${scanned.replace(FILES_REASON, WHERE_REASON)}` : null;
}

function whole(name: string, v: string | undefined): number | undefined {
	if (v === undefined) return undefined;
	const n = Number(v);
	if (!Number.isSafeInteger(n) || n < 1 || n > 1024) throw new CliError(`--${name} must be a whole number from 1 to 1024, got "${v}".`);
	return n;
}

/** Arguments → options, or a CliError with one line naming the option. null: --help. */
export function parseAggregateArgs(args: string[], env: Record<string, string | undefined> = {}): AggregateOptions | null {
	const { values } = parseArgs({
		args,
		options: {
			input: { type: 'string' },
			key: { type: 'string' },
			out: { type: 'string' },
			where: { type: 'string' },
			group: { type: 'string' },
			'key-type': { type: 'string' },
			'memory-limit': { type: 'string' },
			threads: { type: 'string' },
			'temp-dir': { type: 'string' },
			engine: { type: 'string' },
			'spark-master': { type: 'string' },
			help: { type: 'boolean' }
		}
	});
	if (values.help) return null;
	for (const name of ['input', 'key', 'out'] as const) if (!values[name]?.trim()) throw new CliError(`--${name} is required.\n${USAGE}`);
	const outFormat = formatOf(values.out!);
	if (outFormat === null || /\.(gz|zst)$/i.test(values.out!)) throw new CliError(`--out must end in .csv or .parquet, got "${values.out}".`);
	if (values.group !== undefined && values.group === values.key) throw new CliError('--group must be another column than --key.');
	const keyType = values['key-type'] ?? 'auto';
	if (!(keyType in KEY_TYPES)) throw new CliError(`--key-type must be one of ${Object.keys(KEY_TYPES).join(', ')}, got "${keyType}".`);
	const memory = values['memory-limit'];
	if (memory !== undefined && !MEMORY.test(memory.trim())) throw new CliError(`--memory-limit must be a size such as 512MB or 4GB, got "${memory}".`);
	const engine = values.engine ?? 'duckdb';
	if (engine !== 'duckdb' && engine !== 'spark') throw new CliError(`--engine must be duckdb or spark, got "${engine}".`);
	if (values['spark-master'] !== undefined && engine !== 'spark') throw new CliError('--spark-master applies to --engine spark only.');
	if (values.where !== undefined) {
		const problem = whereProblem(values.where);
		if (problem) throw new CliError(problem);
	}
	return {
		input: values.input!,
		key: values.key!,
		out: values.out!,
		outFormat,
		where: values.where,
		group: values.group,
		memoryLimit: memory?.trim().replace(/\s+/g, ''),
		threads: whole('threads', values.threads),
		tempDir: values['temp-dir'],
		engine,
		keyKind: KEY_TYPES[keyType],
		sparkMaster: values['spark-master'] ?? env.SPARK_MASTER ?? 'local[*]'
	};
}
