/**
 * The source manifest (`data/sources.json`) and the checks every source file must pass before the
 * build reads it: present, required columns, expected row count, and the published sha256.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../src/lib/db/types';
import { literal } from '../../src/lib/queries/sql';

export interface SourceSpec {
	id: string;
	file: string;
	sha256: string;
	bytes: number;
	rows: number;
	requiredColumns: string[];
	joinKey: string;
	boundarySet: '2010' | '2024' | 'both' | 'none';
	publisher: string;
	licence: string;
	attribution: string;
}

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SOURCES_MANIFEST = join(PROJECT_ROOT, 'data/sources.json');

export function readSourceManifest(path = SOURCES_MANIFEST): SourceSpec[] {
	return (JSON.parse(readFileSync(path, 'utf8')) as { sources: SourceSpec[] }).sources;
}

/** `HEARTLANDS_DATA` if set, else `../shared/data` beside the project. */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
	if (env.HEARTLANDS_DATA) return resolve(env.HEARTLANDS_DATA);
	return resolve(PROJECT_ROOT, '../shared/data');
}

export class SourceCheckError extends Error {
	constructor(
		message: string,
		readonly problems: { file: string; issues: string[] }[]
	) {
		super(message);
		this.name = 'SourceCheckError';
	}
}

export function sha256(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** Column names and row count of a source, read the way the build will read it. */
async function inspect(db: Database, path: string): Promise<{ columns: string[]; rows: number }> {
	if (path.endsWith('.csv')) {
		const described = await db.query(`DESCRIBE SELECT * FROM read_csv(${literal(path)}, header = true)`);
		const counted = await db.query(`SELECT count(*) AS n FROM read_csv(${literal(path)}, header = true)`);
		return {
			columns: described.rows.map((r) => String(r.column_name)),
			rows: Number(counted.rows[0].n)
		};
	}
	const json = JSON.parse(readFileSync(path, 'utf8'));
	if (path.endsWith('.hexjson')) {
		const hexes = Object.values(json.hexes ?? {}) as Record<string, unknown>[];
		return { columns: Object.keys(hexes[0] ?? {}), rows: hexes.length };
	}
	const features = (json.features ?? []) as { properties?: Record<string, unknown> }[];
	return { columns: Object.keys(features[0]?.properties ?? {}), rows: features.length };
}

/**
 * Check every source; collect all problems before failing so one run tells the user everything.
 * Returns the content hashes, which feed the build's up-to-date check.
 */
export async function verifySources(
	db: Database,
	dataDir: string,
	sources: SourceSpec[]
): Promise<Record<string, string>> {
	const problems: { file: string; issues: string[] }[] = [];
	const hashes: Record<string, string> = {};
	for (const source of sources) {
		const path = join(dataDir, source.file);
		const issues: string[] = [];
		if (!existsSync(path)) {
			problems.push({ file: source.file, issues: ['file not found'] });
			continue;
		}
		const bytes = readFileSync(path);
		hashes[source.id] = sha256(bytes);
		let found: { columns: string[]; rows: number } | null = null;
		try {
			found = await inspect(db, path);
		} catch (error) {
			issues.push(`cannot be read: ${(error as Error).message.split('\n')[0]}`);
		}
		if (found) {
			const missing = source.requiredColumns.filter((c) => !found.columns.includes(c));
			if (missing.length) {
				issues.push(
					`missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} ` +
						`(required: ${source.requiredColumns.join(', ')})`
				);
			}
			if (found.rows !== source.rows) issues.push(`has ${found.rows} rows, expected ${source.rows}`);
		}
		if (hashes[source.id] !== source.sha256) {
			issues.push(
				`sha256 is ${hashes[source.id].slice(0, 12)}…, expected ${source.sha256.slice(0, 12)}… ` +
					`(the file is not the published version listed in data/sources.json)`
			);
		}
		if (issues.length) problems.push({ file: source.file, issues });
	}
	if (problems.length) {
		const lines = problems.flatMap((p) => [`  ${p.file}`, ...p.issues.map((i) => `    - ${i}`)]);
		throw new SourceCheckError(
			[
				`Source data check failed for ${problems.length} file${problems.length > 1 ? 's' : ''} in ${dataDir}:`,
				...lines,
				`Put the original files (see data/sources.json and ../shared/data/SOURCES.md) under ${dataDir},`,
				'or set HEARTLANDS_DATA to the folder that holds them.'
			].join('\n'),
			problems
		);
	}
	return hashes;
}
