/**
 * The 2024 lens on the newest data we hold: direct figures on the 2024 seats where they exist,
 * notional 2011 values only where nothing newer exists, each flagged; and how far that moves the
 * ranking against the all-notional inputs it replaced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Row } from '../../src/lib/db/types';
import { prepareIndicators, type PreparedIndicators } from '../../src/lib/data/prepare-indicators';
import { geographyText, notionalFor } from '../../src/lib/model/catalogue';
import { breakdown } from '../../src/lib/features/scores/breakdown';
import { spearman } from '../../src/lib/model/backtest';
import { defaultDefinition, notionalOnlyPostIndustrial2024 } from '../../src/lib/model/lenses';
import type { ScoreDefinition } from '../../src/lib/model/definition';
import { scoreQuery } from '../../src/lib/queries/scoring';
import { openLoadedDatabase } from './helpers';

let db: Database;
let prepared: PreparedIndicators;
beforeAll(async () => {
	({ db } = await openLoadedDatabase());
	prepared = await prepareIndicators(db);
});
afterAll(() => db.close());

const value = async (name: string, id: string) => (await db.query(`SELECT v."${id}" AS v FROM indicators_2024 v JOIN constituencies c ON c.code = v.code AND c.boundary_set = '2024' WHERE c.name = '${name}'`)).rows[0].v as number | null;

describe('every indicator says when and where it was measured', () => {
	it('has a year and a geography; mixed ones name the nations with direct figures', () => {
		for (const i of prepared.catalogue) {
			expect(i.year, i.id).toMatch(/\d{4}/);
			expect(['direct', 'notional', 'mixed'], i.id).toContain(i.geography);
			expect(i.notional, i.id).toBe(i.geography === 'notional');
			if (i.geography === 'mixed') expect(i.directNations!.length, i.id).toBeGreaterThan(0);
			expect(geographyText(i), i.id).not.toBe('');
		}
		expect(prepared.catalogue.filter((i) => i.boundarySet === '2024' && i.geography === 'direct').length).toBeGreaterThan(20);
	});

	it('declares the nations with direct figures as the data has them', () => {
		for (const i of prepared.catalogue.filter((x) => x.geography === 'mixed')) {
			const direct = i.formula.kind === 'fallback' ? `direct.${i.formula.column}` : '';
			const coverage = prepared.coverage['2024'][direct];
			const full = Object.entries(coverage)
				.filter(([, c]) => c.values === c.seats)
				.map(([n]) => n)
				.sort();
			expect(full, i.id).toEqual([...i.directNations!].sort());
		}
	});
});

describe('the 2024 lens uses figures measured on the 2024 seats', () => {
	it("takes Clacton's no-qualifications share from Centre for Cities 2021 (25%), not the 2011 census", async () => {
		expect(await value('Clacton', 'direct.no_qualifications_2021')).toBe(25);
		expect(await value('Clacton', 'best.qual_none')).toBe(25);
		expect(await value('Clacton', 'notional.census.c11QualNone')).not.toBe(25);
		expect(await value('Blackburn', 'best.manufacturing')).toBe(12);
	});

	it('falls back to the notional 2011 value in a Scottish seat, flagged as notional there only', async () => {
		const notional = await value('Glasgow East', 'notional.census.c11QualNone');
		expect(notional).not.toBeNull();
		expect(await value('Glasgow East', 'best.qual_none')).toBe(notional);
		const best = prepared.catalogue.find((i) => i.id === 'best.qual_none')!;
		expect(notionalFor(best, 'Scotland')).toBe(true);
		expect(notionalFor(best, 'England')).toBe(false);
		const d = defaultDefinition('2024-reform');
		const q = scoreQuery(d);
		const rows = (await db.query(q.sql, q.params)).rows;
		const lookup = (id: string) => prepared.catalogue.find((i) => i.id === id && i.boundarySet === '2024');
		const glasgow = rows.find((r) => r.name === 'Glasgow East')!;
		const clacton = rows.find((r) => r.name === 'Clacton')!;
		const line = (r: Row) => breakdown(rows, d, String(r.code), lookup).find((c) => c.id === 'best.qual_none')!;
		expect(line(glasgow).notional).toBe(true);
		expect(line(clacton).notional).toBe(false);
		// Northern Ireland has neither: its post-industrial score stays partial.
		expect(rows.filter((r) => r.nation === 'Northern Ireland').every((r) => r.post_industrial_partial === true)).toBe(true);
	});

	it('covers England and Wales directly and Scotland notionally for the default inputs', () => {
		expect(prepared.coverage['2024']['best.qual_none']).toEqual({
			England: { values: 543, seats: 543 },
			Wales: { values: 32, seats: 32 },
			Scotland: { values: 57, seats: 57 },
			'Northern Ireland': { values: 0, seats: 18 }
		});
	});
});

describe('how far the 2024 ranking moves with direct figures', () => {
	it('is measured against the all-notional 2011 inputs and reported', async () => {
		const score = async (d: ScoreDefinition) => {
			const q = scoreQuery(d);
			return new Map((await db.query(q.sql, q.params)).rows.map((r) => [String(r.code), r]));
		};
		const now = defaultDefinition('2024-reform');
		const before = { ...now, scores: { ...now.scores, postIndustrial: notionalOnlyPostIndustrial2024() } };
		const [a, b] = [await score(before), await score(now)];
		const gb = [...a.keys()].filter((code) => a.get(code)!.post_industrial_rank !== null && b.get(code)!.post_industrial_rank !== null);
		expect(gb).toHaveLength(632);
		const rank = (m: typeof a, code: string, key: string) => m.get(code)![key] as number;
		const rho = spearman(gb.map((c) => ({ score: rank(a, c, 'post_industrial_rank'), outcome: rank(b, c, 'post_industrial_rank') })))!;
		const moves = gb.map((c) => Math.abs(rank(a, c, 'post_industrial_rank') - rank(b, c, 'post_industrial_rank'))).sort((x, y) => x - y);
		const top = (m: typeof a, key: string, n: number) => new Set([...m.entries()].filter(([, r]) => r[key] !== null && (r[key] as number) <= n).map(([c]) => c));
		const overlap = (key: string, n: number) => [...top(a, key, n)].filter((c) => top(b, key, n).has(c)).length;
		const report = {
			spearmanPostIndustrialRank: Number(rho.toFixed(3)),
			medianRankMove: moves[Math.floor(moves.length / 2)],
			p90RankMove: moves[Math.floor(moves.length * 0.9)],
			maxRankMove: moves.at(-1),
			postIndustrialTop50Kept: overlap('post_industrial_rank', 50),
			priorityTop50Kept: overlap('priority_rank', 50),
			priorityTop100Kept: overlap('priority_rank', 100)
		};
		console.log('2024 lens, all-notional 2011 inputs → direct figures where they exist:', JSON.stringify(report));
		// The inputs really changed the order, and the new order is still recognisably related.
		expect(rho).toBeLessThan(0.99);
		expect(rho).toBeGreaterThan(0.5);
		expect(report.maxRankMove).toBeGreaterThan(50);
	});
});
