/**
 * Benchmark workloads shared by the in-page hooks (`entry.ts`) and the Node benchmark, so both
 * time exactly the same work.
 */
import type { Database } from '$lib/db/types';
import { defaultDefinition } from '$lib/model/lenses';
import { combineQuery, createStageTable, scoreQuery } from '$lib/queries/scoring';
import { literal } from '$lib/queries/sql';

export type RescoreMode = 'weight-change' | 'full';

/** The same synthetic file in Node and in the page: a key and nine numbers per row. */
export function syntheticCsv(rows: number): Uint8Array {
	const lines = ['key,c1,c2,c3,c4,c5,c6,c7,c8,c9'];
	for (let r = 0; r < rows; r++) {
		const x = (r * 2654435761) % 1000003;
		lines.push(`E${String(r % 650).padStart(8, '0')},${r},${x},${(x % 997) / 7},${r % 13},${(r * 31) % 101},${x % 65536},${(r % 1000) / 10},${x % 7},${(r * 7) % 1009}`);
	}
	return new TextEncoder().encode(lines.join('\n') + '\n');
}

/** Load bytes as a table via DuckDB's CSV reader (auto-detected), timing only the ingest. */
export async function timedIngest(db: Database, bytes: Uint8Array): Promise<number> {
	const path = await db.registerFile('bench_ingest.csv', bytes);
	const start = performance.now();
	await db.exec(`CREATE OR REPLACE TABLE bench_ingest AS SELECT * FROM read_csv(${literal(path)}, header = true)`);
	const ms = performance.now() - start;
	await db.exec('DROP TABLE bench_ingest');
	await db.dropFile('bench_ingest.csv');
	return ms;
}

/** Shared by the in-page hook and the Node benchmark so both time exactly the same work. */
export async function timedRescore(db: Database, mode: RescoreMode, weight: number): Promise<number> {
	const definition = defaultDefinition('2015-ukip');
	definition.scores.threat[0].weight = weight;
	const { sql, params } = mode === 'full' ? scoreQuery(definition) : combineQuery(definition);
	const start = performance.now();
	const { rows } = await db.query(sql, params);
	const elapsed = performance.now() - start;
	if (rows.length !== 650) throw new Error(`expected 650 seats, got ${rows.length}`);
	return elapsed;
}

export async function prepareBench(db: Database) {
	await db.exec(createStageTable(defaultDefinition('2015-ukip')));
}
