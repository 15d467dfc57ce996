import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData, DataCheckError } from '../../scripts/data/build';
import { readSourceManifest, sha256, SourceCheckError, SOURCES_MANIFEST } from '../../scripts/data/sources';
import { openNodeDatabase } from '../../src/lib/db/node';
import { DATA_DIR } from './helpers';
import { parseFeatureCollection } from '../../src/lib/features/map/geo-files';
import type { FeatureCollection, Position } from 'geojson';

const sources = readSourceManifest();
let work: string;

/** A private copy of just the files the build reads, so corrupting one touches nothing shared. */
function copyData(into: string) {
	for (const s of sources) cpSync(join(DATA_DIR, s.file), join(into, s.file), { recursive: true });
	// The shared folder is read-only; copies keep that mode, so make them writable.
	for (const s of sources) writeFileSync(join(into, s.file), readFileSync(join(into, s.file)));
}

beforeAll(() => {
	work = mkdtempSync(join(tmpdir(), 'heartlands-build-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('data build on the real sources', () => {
	const out = () => join(work, 'out');

	it('builds 650 constituencies per boundary set and 5 × 650 results', async () => {
		const { status, manifest } = await buildData({ dataDir: DATA_DIR, outDir: out() });
		expect(status).toBe('built');
		const db = await openNodeDatabase({ directories: [out()] });
		const built = (file: string) => `'${join(out(), file)}'`;
		try {
			const perSet = await db.query(
				`SELECT boundary_set::VARCHAR AS boundary_set, count(*)::INTEGER AS n, count(DISTINCT code)::INTEGER AS codes
				 FROM read_csv(${built('constituencies.csv')}) GROUP BY 1 ORDER BY 1`
			);
			expect(perSet.rows).toEqual([
				{ boundary_set: '2010', n: 650, codes: 650 },
				{ boundary_set: '2024', n: 650, codes: 650 }
			]);
			const results = await db.query(`SELECT year, count(*)::INTEGER AS n FROM read_csv(${built('results.csv')}) GROUP BY 1 ORDER BY 1`);
			expect(results.rows).toEqual([2010, 2015, 2017, 2019, 2024].map((year) => ({ year, n: 650 })));
		} finally {
			await db.close();
		}
		const tableRows = Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows]));
		expect(tableRows).toMatchObject({ constituencies: 1300, results: 3250, census2011: 632, deprivation: 1300, eu_ref: 650, profile2010: 650 });
		expect(manifest.geo.map((g) => [g.name, g.features])).toContainEqual(['hex2024', 650]);
		expect(manifest.sources.every((s) => s.attribution && s.licence)).toBe(true);
	});

	it('writes the boundaries as compact TopoJSON that decodes to the same 650 seats, within 20 m', () => {
		const source = JSON.parse(readFileSync(join(DATA_DIR, 'boundaries/wpc2024_uk_buc_ons_jul2024.geojson'), 'utf8')) as FeatureCollection;
		const file = join(out(), 'boundaries-2024.topojson');
		const decoded = parseFeatureCollection(readFileSync(file, 'utf8'), 'boundaries-2024.topojson', true);
		expect(statSync(file).size).toBeLessThan(JSON.stringify(source).length * 0.75);
		const byCode = new Map(decoded.features.map((f) => [f.properties!.code as string, f]));
		expect(byCode.size).toBe(650);
		const positions = (f: FeatureCollection['features'][number]) => (f.geometry as { coordinates: unknown }).coordinates as unknown[];
		const flat = (c: unknown): Position[] => (typeof (c as unknown[])[0] === 'number' ? [c as Position] : (c as unknown[]).flatMap(flat));
		for (const f of source.features) {
			const mine = byCode.get(f.properties!.PCON24CD as string)!;
			expect(mine.properties!.name).toBe(f.properties!.PCON24NM);
			const a = flat(positions(f));
			const b = flat(positions(mine));
			// Rings may start at another vertex after the topology is cut into arcs, so each source
			// vertex is looked for anywhere in the seat. 2e-4 degrees is about 20 m at UK latitudes.
			for (let i = 0; i < a.length; i += 5) {
				const nearest = Math.min(...b.map((p) => Math.hypot(a[i][0] - p[0], a[i][1] - p[1])));
				expect(nearest).toBeLessThan(2e-4);
			}
		}
	});

	it('is idempotent: a second run does nothing and leaves the files untouched', async () => {
		const before = statSync(join(out(), 'results.csv')).mtimeMs;
		const { status } = await buildData({ dataDir: DATA_DIR, outDir: out() });
		expect(status).toBe('up-to-date');
		expect(statSync(join(out(), 'results.csv')).mtimeMs).toBe(before);
	});

	it('applies the NI Leave corrections from the announced counts, and leaves the other seats as compiled', async () => {
		const db = await openNodeDatabase({ directories: [out(), DATA_DIR] });
		try {
			const built = (await db.query(`SELECT * FROM read_csv('${join(out(), 'eu_ref.csv')}') ORDER BY code`)).rows;
			const compiled = new Map((await db.query(`SELECT ons_id, leave_pct FROM read_csv('${join(DATA_DIR, 'referendum/eu_ref_2016_leave_by_constituency_uk.csv')}')`)).rows.map((r) => [r.ons_id, r.leave_pct]));
			const byCode = new Map(built.map((r) => [r.code, r]));
			// South Antrim: 22,055 Leave to 21,498 Remain, so Leave won (the compiled file said 41.18%).
			const southAntrim = byCode.get('N06000014')!;
			expect(southAntrim.leave_pct as number).toBeCloseTo((100 * 22055) / (22055 + 21498), 3);
			expect(southAntrim.leave_pct as number).toBeGreaterThan(50);
			expect(southAntrim).toMatchObject({ leave_votes: 22055, remain_votes: 21498, leave_pct_as_compiled: 41.1835 });
			expect(String(southAntrim.correction_source)).toContain('Carrickfergus Times');
			// Belfast East: 21,918 to 20,728 is 51.39% (the compiled file said 51.94%).
			expect(byCode.get('N06000001')!.leave_pct as number).toBeCloseTo((100 * 21918) / (21918 + 20728), 3);
			const changed = built.filter((r) => r.leave_pct !== compiled.get(r.code)).map((r) => r.code);
			expect(changed).toEqual(['N06000001', 'N06000014']);
		} finally {
			await db.close();
		}
	});

	it('gives the 2010-set seats their official names, keeping the lookup spelling for matching', async () => {
		const db = await openNodeDatabase({ directories: [out()] });
		try {
			const { rows } = await db.query(`SELECT code, name, alt_name FROM read_csv('${join(out(), 'constituencies.csv')}') WHERE boundary_set = 2010 AND alt_name IS NOT NULL ORDER BY code`);
			expect(rows).toHaveLength(18);
			expect(rows).toContainEqual({ code: 'E14000973', name: 'Stoke-on-Trent North', alt_name: 'Stoke-On-Trent North' });
			expect(rows).toContainEqual({ code: 'E14000762', name: 'Isle of Wight', alt_name: 'Isle Of Wight' });
			const titleCase = await db.query(`SELECT name FROM read_csv('${join(out(), 'constituencies.csv')}') WHERE regexp_matches(name, ' (Of|Upon|Under|On) |-(On|Upon|Under)-')`);
			expect(titleCase.rows).toEqual([]);
		} finally {
			await db.close();
		}
	});

	it("stores the winner's own votes: Blackburn 2024's independent, not all other candidates together", async () => {
		const db = await openNodeDatabase({ directories: [out()] });
		try {
			const { rows } = await db.query(`SELECT year, code, winner_votes, other FROM read_csv('${join(out(), 'results.csv')}') WHERE (year, code) IN ((2024, 'E14001102'), (2015, 'N06000013'), (2019, 'E14000637')) ORDER BY year`);
			expect(rows).toEqual([
				// North Down 2015: no such column in the HoC 2015 file; DUP's 8,487 plus the 9,202 majority.
				{ year: 2015, code: 'N06000013', winner_votes: 17689, other: 18713 },
				{ year: 2019, code: 'E14000637', winner_votes: 26831, other: 36270 },
				{ year: 2024, code: 'E14001102', winner_votes: 10518, other: 18078 }
			]);
		} finally {
			await db.close();
		}
	});

	it('builds the benefits, rural and population figures on the 2010 seats, and the Centre for Cities class on the 2024 seats, from their files', async () => {
		const db = await openNodeDatabase({ directories: [out(), DATA_DIR] });
		try {
			const csv = (path: string) => `read_csv('${path}', header = true)`;
			const profile = await db.query(`SELECT count(out_of_work_benefits_2017)::INTEGER AS benefits, count(rural_2011)::INTEGER AS rural,
				count(population_2018)::INTEGER AS population, sum(population_2018)::BIGINT AS people FROM ${csv(join(out(), 'profile2010.csv'))}`);
			const people = await db.query(`SELECT sum(pop_mid2018)::BIGINT AS people FROM ${csv(join(DATA_DIR, 'census/rae_pop_mid2018_age_area_by_constituency_uk.csv'))}`);
			expect(profile.rows[0]).toEqual({ benefits: 632, rural: 533, population: 650, people: people.rows[0].people });
			const seat = await db.query(`SELECT p.out_of_work_benefits_2017 AS built, b."% on benefits" AS source FROM ${csv(join(out(), 'profile2010.csv'))} p
				JOIN ${csv(join(DATA_DIR, 'economy/odileeds_out_of_work_benefits_2017_by_constituency.csv'))} b ON b.id = p.code WHERE p.code = 'W07000049'`);
			expect(seat.rows).toHaveLength(1);
			expect(seat.rows[0].built).toBe(seat.rows[0].source);
			const classes = await db.query(`SELECT city_class, count(*)::INTEGER AS n FROM ${csv(join(out(), 'direct2024.csv'))} GROUP BY 1 ORDER BY 1 NULLS LAST`);
			const source = await db.query(`SELECT city_hinterland_deep_rural AS city_class, count(*)::INTEGER AS n FROM ${csv(join(DATA_DIR, 'economy/centreforcities_ge2024_constituency_indicators_gb.csv'))} GROUP BY 1 ORDER BY 1`);
			expect(classes.rows).toEqual([...source.rows, { city_class: null, n: 75 }]);
			expect(source.rows).toEqual([
				{ city_class: 'City', n: 310 },
				{ city_class: 'Deep rural', n: 65 },
				{ city_class: 'Hinterland', n: 200 }
			]);
		} finally {
			await db.close();
		}
	});

	it('rebuilds when an output file was damaged', async () => {
		writeFileSync(join(out(), 'eu_ref.csv'), 'tampered');
		const { status } = await buildData({ dataDir: DATA_DIR, outDir: out() });
		expect(status).toBe('built');
		expect(readFileSync(join(out(), 'eu_ref.csv'), 'utf8')).toMatch(/^code,leave_pct/);
	});
});

describe('data build rejects a Leave correction it cannot place', () => {
	/** A copy of the sources with the corrections file rewritten, and a manifest that accepts it. */
	async function buildWithCorrections(csv: string) {
		const dir = mkdtempSync(join(work, 'corr-'));
		copyData(dir);
		const file = 'referendum/eu_ref_2016_ni_count_corrections.csv';
		writeFileSync(join(dir, file), csv);
		const bytes = readFileSync(join(dir, file));
		const manifest = JSON.parse(readFileSync(SOURCES_MANIFEST, 'utf8')) as { sources: { file: string; sha256: string; bytes: number; rows: number }[] };
		const spec = manifest.sources.find((s) => s.file === file)!;
		Object.assign(spec, { sha256: sha256(bytes), bytes: bytes.length, rows: csv.trim().split('\n').length - 1 });
		const sourcesManifest = join(dir, 'sources.json');
		writeFileSync(sourcesManifest, JSON.stringify(manifest));
		const outDir = join(dir, 'out');
		const error = await buildData({ dataDir: dir, outDir, sourcesManifest }).then(
			() => null,
			(e: unknown) => e
		);
		return { error: error as Error | null, outDir };
	}
	const header = 'ons_id,constituency_name,leave_votes,remain_votes,leave_pct,remain_pct,source\n';

	it('fails, naming the seat, when a correction names a code that is not a seat', async () => {
		const { error, outDir } = await buildWithCorrections(`${header}N06000099,Nowhere,100,100,50,50,test\n`);
		expect(error).toBeInstanceOf(DataCheckError);
		expect(error!.message).toContain('not in the 2010 set');
		expect(error!.message).toContain('N06000099');
		expect(() => statSync(outDir)).toThrow(); // nothing half-built
	});

	it('fails when a correction’s name and code disagree, or its share does not follow from its counts', async () => {
		const wrongName = await buildWithCorrections(`${header}N06000014,Belfast East,22055,21498,50.6393,49.3607,test\n`);
		expect(wrongName.error!.message).toMatch(/name does not match its code[\s\S]*N06000014/);
		const wrongShare = await buildWithCorrections(`${header}N06000014,South Antrim,22055,21498,41.1835,58.8165,test\n`);
		expect(wrongShare.error!.message).toMatch(/do not follow from its counts[\s\S]*N06000014/);
	});
});

describe('data build rejects a benefits, rural or population row it cannot place', () => {
	it('fails, naming the code, when the benefits file has a code that is not a 2010-set seat', async () => {
		const dir = mkdtempSync(join(work, 'benefits-'));
		copyData(dir);
		const file = 'economy/odileeds_out_of_work_benefits_2017_by_constituency.csv';
		const text = readFileSync(join(dir, file), 'utf8').replace('E14000530,', 'E14009999,');
		writeFileSync(join(dir, file), text);
		const bytes = readFileSync(join(dir, file));
		const manifest = JSON.parse(readFileSync(SOURCES_MANIFEST, 'utf8')) as { sources: { file: string; sha256: string; bytes: number }[] };
		Object.assign(
			manifest.sources.find((s) => s.file === file)!,
			{ sha256: sha256(bytes), bytes: bytes.length }
		);
		const sourcesManifest = join(dir, 'sources.json');
		writeFileSync(sourcesManifest, JSON.stringify(manifest));
		const outDir = join(dir, 'out');
		const error = (await buildData({ dataDir: dir, outDir, sourcesManifest }).then(
			() => null,
			(e: unknown) => e
		)) as Error | null;
		expect(error).toBeInstanceOf(DataCheckError);
		expect(error!.message).toContain('not a 2010-set seat');
		expect(error!.message).toContain('E14009999');
		expect(() => statSync(outDir)).toThrow();
	});
});

describe('data build rejects altered sources', () => {
	const target = 'results/ge_2010_2024_harmonised_long.csv';

	async function expectRejected(mutate: (path: string) => void, pattern: RegExp) {
		const dir = mkdtempSync(join(work, 'src-'));
		copyData(dir);
		mutate(join(dir, target));
		const outDir = join(dir, 'out');
		const error = await buildData({ dataDir: dir, outDir }).then(
			() => null,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(SourceCheckError);
		const message = (error as Error).message;
		expect(message).toContain(target);
		expect(message).toMatch(pattern);
		expect(message).toContain('HEARTLANDS_DATA');
		expect(() => statSync(outDir)).toThrow(); // nothing half-built
	}

	it('names the file when one byte is changed', async () => {
		await expectRejected((path) => {
			const bytes = readFileSync(path);
			bytes[bytes.length - 10] = bytes[bytes.length - 10] === 0x31 ? 0x32 : 0x31;
			writeFileSync(path, bytes);
		}, /sha256 is .* expected/);
	});

	it('names the file and the column when a column is removed', async () => {
		await expectRejected((path) => {
			const lines = readFileSync(path, 'utf8').split('\n');
			const header = lines[0].split(',');
			const drop = header.indexOf('ukip');
			const cut = (line: string) =>
				line
					.split(',')
					.filter((_, i) => i !== drop)
					.join(',');
			writeFileSync(path, lines.map((l) => (l ? cut(l) : l)).join('\n'));
		}, /missing column "ukip"/);
	});

	it('names the file when rows are missing', async () => {
		await expectRejected((path) => {
			const lines = readFileSync(path, 'utf8').split('\n');
			writeFileSync(path, lines.slice(0, 100).join('\n') + '\n');
		}, /has 99 rows, expected 3250/);
	});

	it('says where to put a missing file', async () => {
		await expectRejected((path) => rmSync(path), /file not found/);
	});
});
