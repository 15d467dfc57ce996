import { describe, expect, it } from 'vitest';
import { classify, classifyBivariate } from './classify';
import { buildBivariateLegend, buildLegend, classColours } from './legend';
import { buildMapSummary, type SummaryRow } from './map-summary';

const row = (name: string, post_industrial: number | null, threat: number | null): SummaryRow => ({
	name,
	post_industrial,
	threat,
	post_industrial_pct: post_industrial,
	threat_pct: threat
});

// 14 seats, so the list is cut to 10; one has no value and one ties another.
const rows: SummaryRow[] = Array.from({ length: 12 }, (_, i) => row(`Seat ${String.fromCharCode(65 + i)}`, i / 11, (11 - i) / 22 + (i % 2) / 4));
rows.push(row('Aaron Vale', 1, 0.9), row('Nowhere', null, null));
const values = rows.map((r) => r.post_industrial);
const score = { kind: 'score' as const, label: 'Post-industrial score', unit: 'score' };

function choropleth() {
	const c = classify(values, { method: 'quantile', classes: 3 });
	return buildLegend(c, classColours('viridis', 3), 'no value');
}

describe('buildMapSummary', () => {
	it('lists the top 10 by the mapped value, highest first, with their values', () => {
		const s = buildMapSummary({ info: score, rows, values, legend: choropleth(), bivariateLegend: null });
		expect(s.heading).toBe('Top 10 seats by Post-industrial score, highest first');
		expect(s.items).toHaveLength(10);
		// A tie at 1: alphabetical, so the order never flickers between renders.
		expect(s.items.slice(0, 3)).toEqual(['1. Aaron Vale: 1.00 (score)', '2. Seat L: 1.00 (score)', '3. Seat K: 0.909 (score)']);
		expect(s.items.join(' ')).not.toContain('Nowhere');
	});

	it('gives the legend classes in words, with counts that include the no-data seats', () => {
		const s = buildMapSummary({ info: score, rows, values, legend: choropleth(), bivariateLegend: null });
		expect(s.legend).toHaveLength(4);
		expect(s.legend[0]).toMatch(/^Class 1 of 3, 0\.000–0\.\d+: \d+ seats$/);
		expect(s.legend[3]).toBe('No data: 1 seat (no value)');
		const counted = s.legend.map((l) => Number(/(\d+) seats?/.exec(l.split(': ').pop()!)![1]));
		expect(counted.reduce((a, b) => a + b, 0)).toBe(rows.length);
	});

	it('says how many there are when fewer than 10 seats have a value', () => {
		const few = rows.map((r, i) => (i < 3 ? r.post_industrial : null));
		const s = buildMapSummary({ info: { kind: 'indicator', label: 'Members', unit: '% of adults' }, rows, values: few, legend: null, bivariateLegend: null });
		expect(s.heading).toBe('Top 3 seats by Members, highest first');
		expect(s.items[0]).toBe('1. Seat C: 0.182% of adults');
		expect(s.legend).toEqual([]);
	});

	it('ranks the bivariate view by both scores together and lists all nine cells', () => {
		const b = classifyBivariate(
			rows.map((r) => r.post_industrial),
			rows.map((r) => r.threat)
		);
		const s = buildMapSummary({ info: { kind: 'bivariate', label: 'Post-industrial × threat', unit: '' }, rows, values: [], legend: null, bivariateLegend: buildBivariateLegend(b, 'no value') });
		expect(s.heading).toMatch(/^Top 10 seats by post-industrial and threat scores together/);
		expect(s.items[0]).toBe('1. Aaron Vale: post-industrial 1.00, threat 0.900');
		expect(s.legend).toHaveLength(10);
		expect(s.legend[0]).toMatch(/^post-industrial high \/ threat high: \d+ seats?$/);
		expect(s.legend[9]).toBe('No data: 1 seat (no value)');
	});
});
