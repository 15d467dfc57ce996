/**
 * `npm run data`: verify the public sources, then build the app's tables with native DuckDB into
 * a git-ignored folder (default `static/data`). Writes go to a temp folder that replaces the old
 * output in one rename, so a failed build never leaves a half-written data folder.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openNodeDatabase } from '../../src/lib/db/node';
import type { Database } from '../../src/lib/db/types';
import type { DataManifest, ManifestGeo, ManifestTable } from '../../src/lib/data/manifest';
import { topology } from 'topojson-server';
import type { FeatureCollection } from 'geojson';
import { ident, literal } from '../../src/lib/queries/sql';
import { TOPOJSON_OBJECT, TOPOJSON_QUANTIZATION } from '../../src/lib/features/map/geo-files';
import { GEO_BUILDS, TABLE_BUILDS, type GeoBuild } from './tables';
import { readSourceManifest, sha256, verifySources, type SourceSpec, SOURCES_MANIFEST } from './sources';

export interface BuildOptions {
	dataDir: string;
	outDir: string;
	sourcesManifest?: string;
	force?: boolean;
	log?: (line: string) => void;
}

export interface BuildOutcome {
	status: 'built' | 'up-to-date';
	manifest: DataManifest;
}

/** A built table broke one of its invariants (see `TableBuild.checks`); nothing is written. */
export class DataCheckError extends Error {
	name = 'DataCheckError';
}

const HERE = dirname(fileURLToPath(import.meta.url));

/** Everything that determines the output: source manifest, source bytes, and this build code. */
function inputsHash(sourcesManifest: string, sourceHashes: Record<string, string>): string {
	const code = readdirSync(HERE)
		.filter((f) => f.endsWith('.ts'))
		.sort()
		.map((f) => readFileSync(join(HERE, f), 'utf8'));
	// The TopoJSON object name and quantisation live beside the code that reads them back.
	code.push(readFileSync(join(HERE, '../../src/lib/features/map/geo-files.ts'), 'utf8'));
	return sha256(
		new TextEncoder().encode(
			JSON.stringify([readFileSync(sourcesManifest, 'utf8'), sourceHashes, code])
		)
	);
}

function isUpToDate(outDir: string, hash: string): DataManifest | null {
	const path = join(outDir, 'manifest.json');
	if (!existsSync(path)) return null;
	try {
		const manifest = JSON.parse(readFileSync(path, 'utf8')) as DataManifest;
		if (manifest.inputsHash !== hash) return null;
		const files = [...manifest.tables, ...manifest.geo];
		const intact = files.every((f) => {
			const p = join(outDir, f.file);
			return existsSync(p) && sha256(readFileSync(p)) === f.sha256;
		});
		return intact ? manifest : null;
	} catch {
		return null;
	}
}

async function buildTable(db: Database, dataDir: string, sources: SourceSpec[], tmpDir: string, build: (typeof TABLE_BUILDS)[number]): Promise<ManifestTable> {
	const src = (id: string) => {
		const spec = sources.find((s) => s.id === id);
		if (!spec) throw new Error(`Table ${build.name} refers to unknown source "${id}"`);
		const path = literal(join(dataDir, spec.file));
		// GeoJSON sources are read for their feature properties only (e.g. official names).
		if (spec.file.endsWith('.geojson')) return `(SELECT unnest(f.properties) FROM (SELECT unnest(features) AS f FROM read_json(${path})))`;
		return `read_csv(${path}, header = true)`;
	};
	const table = ident(build.name);
	await db.exec(`CREATE OR REPLACE TABLE ${table} AS ${build.sql(src)}`);
	const count = Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
	if (count !== build.expectedRows) {
		throw new Error(`Table ${build.name} has ${count} rows, expected ${build.expectedRows}: a join lost or duplicated seats.`);
	}
	for (const check of build.checks ?? []) {
		const { rows } = await db.query(check.sql(src));
		if (rows.length) {
			const shown = rows.slice(0, 10).map((r) => `    ${JSON.stringify(r)}`);
			throw new DataCheckError(`Table ${build.name}: ${check.what} (${rows.length} row${rows.length > 1 ? 's' : ''}):\n${shown.join('\n')}`);
		}
	}
	const described = await db.query(`DESCRIBE ${table}`);
	const file = `${build.name}.csv`;
	const outPath = join(tmpDir, file);
	await db.exec(`COPY ${table} TO ${literal(outPath)} (FORMAT csv, HEADER true, DELIMITER ',')`);
	const bytes = readFileSync(outPath);
	return {
		name: build.name,
		description: build.description,
		file,
		rows: count,
		bytes: bytes.length,
		sha256: sha256(bytes),
		columns: described.rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })),
		sources: build.sources,
		...(build.lazy ? { lazy: true } : {})
	};
}

type Json = Record<string, unknown>;

function buildGeo(dataDir: string, sources: SourceSpec[], tmpDir: string, geo: GeoBuild): ManifestGeo {
	const spec = sources.find((s) => s.id === geo.source)!;
	const input = JSON.parse(readFileSync(join(dataDir, spec.file), 'utf8')) as Json;
	let output: Json;
	let count: number;
	if (geo.kind === 'hexjson') {
		const hexes = input.hexes as Record<string, Json>;
		const slim: Record<string, Json> = {};
		for (const code of Object.keys(hexes).sort()) slim[code] = { n: hexes[code].n, q: hexes[code].q, r: hexes[code].r };
		output = { layout: input.layout, hexes: slim };
		count = Object.keys(slim).length;
	} else {
		const features = (input.features as Json[]).map((f) => {
			const props = f.properties as Json;
			const properties =
				geo.kind === 'boundaries'
					? { code: props[geo.codeProperty!], name: props[geo.nameProperty!] }
					: { country: props.country, code: props.ctry_cd };
			return { type: 'Feature', properties, geometry: f.geometry };
		});
		features.sort((a, b) => String(a.properties.code).localeCompare(String(b.properties.code)));
		// TopoJSON: shared borders stored once, coordinates quantised (about 10 m across the UK) and
		// delta-encoded. About a quarter of the GeoJSON's bytes; the map turns it back into GeoJSON.
		const collection = { type: 'FeatureCollection', features } as unknown as FeatureCollection;
		output = topology({ [TOPOJSON_OBJECT]: collection }, TOPOJSON_QUANTIZATION) as unknown as Json;
		count = features.length;
	}
	if (count !== geo.expectedFeatures) throw new Error(`${geo.file} has ${count} features, expected ${geo.expectedFeatures}`);
	const bytes = new TextEncoder().encode(JSON.stringify(output));
	writeFileSync(join(tmpDir, geo.file), bytes);
	return { name: geo.name, file: geo.file, kind: geo.kind, boundarySet: geo.boundarySet, features: count, bytes: bytes.length, sha256: sha256(bytes), sources: [geo.source] };
}

export async function buildData(options: BuildOptions): Promise<BuildOutcome> {
	const log = options.log ?? (() => {});
	const sourcesManifest = options.sourcesManifest ?? SOURCES_MANIFEST;
	const sources = readSourceManifest(sourcesManifest);
	// The engine may read the sources and write the new tables, and nothing else (see src/lib/db/lock.ts).
	const dataDir = resolve(options.dataDir);
	const tmpDir = resolve(`${options.outDir}.tmp-${process.pid}`);
	const db = await openNodeDatabase({ directories: [dataDir, tmpDir] });
	try {
		log(`Checking ${sources.length} source files in ${options.dataDir}`);
		const hashes = await verifySources(db, dataDir, sources);
		const hash = inputsHash(sourcesManifest, hashes);
		const current = options.force ? null : isUpToDate(options.outDir, hash);
		if (current) {
			log(`Data in ${options.outDir} is up to date; nothing to do.`);
			return { status: 'up-to-date', manifest: current };
		}
		rmSync(tmpDir, { recursive: true, force: true });
		mkdirSync(tmpDir, { recursive: true });
		try {
			const tables: ManifestTable[] = [];
			for (const build of TABLE_BUILDS) {
				tables.push(await buildTable(db, dataDir, sources, tmpDir, build));
				log(`  ${build.name}: ${tables.at(-1)!.rows} rows`);
			}
			const geo = GEO_BUILDS.map((g) => buildGeo(dataDir, sources, tmpDir, g));
			for (const g of geo) log(`  ${g.file}: ${g.features} features`);
			const manifest: DataManifest = {
				version: 1,
				inputsHash: hash,
				tables,
				geo,
				sources: sources.map(({ id, file, publisher, licence, attribution }) => ({ id, file, publisher, licence, attribution }))
			};
			writeFileSync(join(tmpDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
			rmSync(options.outDir, { recursive: true, force: true });
			mkdirSync(dirname(options.outDir), { recursive: true });
			renameSync(tmpDir, options.outDir);
			log(`Built ${tables.length} tables and ${geo.length} geometry files into ${options.outDir}`);
			return { status: 'built', manifest };
		} finally {
			rmSync(tmpDir, { recursive: true, force: true });
		}
	} finally {
		await db.close();
	}
}
