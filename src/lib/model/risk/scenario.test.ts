import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { completeShares, formatScenario, nationTarget, parseScenario, scenarioSwing } from './scenario';
import { RISK_PARTIES } from './parties';
import type { NationalShares } from './history';

describe('scenario spec', () => {
	it('parses presets, GB shares and per-nation groups', () => {
		expect(parseScenario('no-change')).toEqual({ ok: true, value: { kind: 'no-change' } });
		expect(parseScenario('result:2019')).toEqual({ ok: true, value: { kind: 'result', year: 2019 } });
		const p = parseScenario('con=43.6, lab=32.1,ld=11.6;scotland:snp=45,Labour=19');
		expect(p).toEqual({ ok: true, value: { kind: 'custom', gb: { con: 43.6, lab: 32.1, ld: 11.6 }, nations: { Scotland: { snp: 45, lab: 19 } } } });
	});
	it.each([
		['con=60,lab=50', 'Great Britain: shares sum to 110, more than 100.'],
		['con=-1', 'Great Britain con: a share cannot be negative (-1).'],
		['tory=30', 'Great Britain: “tory” is not a known party'],
		['wales:pc=abc', 'Wales pc: “abc” is not a number.'],
		['ni:dup=30', 'Northern Ireland is not modelled'],
		['mars:con=3', '“mars” is not England, Scotland, Wales or GB.'],
		['con=30,con=20', 'Great Britain: con is given twice.'],
		['result:2012', 'result:2012: there is no general election result for 2012']
	])('“%s” is refused with a message naming the field', (spec, message) => {
		const p = parseScenario(spec);
		expect(p.ok).toBe(false);
		if (!p.ok) expect(p.error).toContain(message);
	});
	it('format then parse gives the scenario back', () => {
		const shareMap = fc.dictionary(
			fc.constantFrom(...RISK_PARTIES),
			fc.integer({ min: 0, max: 1200 }).map((v) => v / 100),
			{ minKeys: 1, maxKeys: 8 }
		);
		fc.assert(
			fc.property(shareMap, fc.option(shareMap, { nil: undefined }), (gb, scot) => {
				const scenario = { kind: 'custom' as const, gb, nations: scot ? { Scotland: scot } : {} };
				const back = parseScenario(formatScenario(scenario));
				expect(back).toEqual({ ok: true, value: scenario });
			})
		);
	});
});

describe('filling in a scenario', () => {
	it('parties left out share the rest by their base shares', () => {
		const full = completeShares({ con: 40, lab: 40 }, [30, 30, 20, 0, 0, 10, 5, 5]);
		expect(full.slice(0, 2)).toEqual([40, 40]);
		expect(full[2]).toBeCloseTo(10, 10);
		expect(full[5]).toBeCloseTo(5, 10);
		expect(full.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
	});
	it('a GB target reaches a nation by each party’s GB ratio: England gets no SNP', () => {
		const gbFrom = [35, 30, 10, 5, 1, 4, 10, 5];
		const gbTo = [30, 30, 10, 2.5, 1, 4, 17.5, 5];
		const england = [38, 32, 11, 0, 0, 4, 10, 5];
		const scotland = [15, 20, 8, 50, 0, 2, 2, 3];
		expect(nationTarget(gbFrom, gbTo, england)[3]).toBe(0);
		const s = nationTarget(gbFrom, gbTo, scotland);
		expect(s[3] / s[1]).toBeCloseTo(25 / 20, 10);
	});
	it('a nation given its own shares uses them, others follow GB', () => {
		const base = { GB: [30, 30, 10, 5, 1, 4, 15, 5], England: [32, 31, 10, 0, 0, 5, 17, 5], Scotland: [20, 20, 8, 45, 0, 2, 2, 3], Wales: [25, 35, 8, 0, 12, 3, 12, 5] } as NationalShares;
		const parsed = parseScenario('con=25;scotland:snp=30');
		if (!parsed.ok) throw new Error(parsed.error);
		expect(scenarioSwing(parsed.value, 'Scotland', base).to[3]).toBe(30);
		expect(scenarioSwing(parsed.value, 'England', base).to[0]).toBeLessThan(32);
		expect(scenarioSwing({ kind: 'no-change' }, 'Wales', base)).toEqual({ from: base.Wales, to: base.Wales });
	});
});
