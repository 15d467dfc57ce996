import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { examples, fuzzRuns, jsonCorpus } from '../../../../tests/fuzz-corpus/corpus';
import { readDatasetRecord } from '../upload/dataset-migrations';
import type { Indicator } from '$lib/model/catalogue';
import { LENS_BOUNDARY_SET, LENS_IDS } from '$lib/model/definition';
import { defaultDefinition } from '$lib/model/lenses';
import { createScenario, defaultScenarioState } from './scenario';
import { readScenario, SCENARIO_SCHEMA_VERSION, toStoredScenario } from './scenario-migrations';

const catalogue: Indicator[] = LENS_IDS.flatMap((lens) => {
	const d = defaultDefinition(lens);
	return [...d.scores.postIndustrial, ...d.scores.threat].map((s) => ({ id: s.id, boundarySet: LENS_BOUNDARY_SET[lens] }) as Indicator);
});
const scenario = createScenario('Plan', defaultScenarioState(), catalogue, new Date('2026-01-01T00:00:00Z'));

describe('readScenario', () => {
	it('reads format 1 as is, and format 0 (before versions) with revision 1', () => {
		expect(readScenario(toStoredScenario(scenario, 4), catalogue)).toEqual({ ok: true, scenario: { ...scenario, revision: 4 }, migrated: false });
		expect(readScenario(scenario, catalogue)).toEqual({ ok: true, scenario: { ...scenario, revision: 1 }, migrated: true });
		expect(toStoredScenario(scenario, 2)).toEqual({ ...scenario, schemaVersion: SCENARIO_SCHEMA_VERSION, revision: 2 });
	});

	it('reads records saved before the risk scenario existed, and keeps one saved with it', () => {
		expect(scenario.state).not.toHaveProperty('risk');
		expect(readScenario(toStoredScenario(scenario, 1), catalogue)).toMatchObject({ ok: true, scenario: { state: { definition: scenario.state.definition } } });
		const withRisk = { ...scenario, state: { ...scenario.state, risk: { base: 2015 as const, spec: 'result:2019' } } };
		const read = readScenario(toStoredScenario(withRisk, 2), catalogue);
		expect(read).toMatchObject({ ok: true, scenario: { state: { risk: { base: 2015, spec: 'result:2019' } } } });
		const damaged = { ...scenario, state: { ...scenario.state, risk: { base: 2015 as const, spec: 'snp=200' } } };
		expect(readScenario(toStoredScenario(damaged, 2), catalogue)).toMatchObject({ ok: false, move: true, reason: expect.stringContaining('risk.spec') });
	});

	it('moves what it can never read; keeps what only lacks an upload', () => {
		expect(readScenario({ ...scenario, schemaVersion: 2 }, catalogue)).toMatchObject({ ok: false, id: scenario.id, name: 'Plan', move: true, reason: expect.stringMatching(/newer version/) });
		expect(readScenario({ ...toStoredScenario(scenario, 1), revision: 0 }, catalogue)).toMatchObject({ ok: false, move: true, reason: 'its revision number is damaged' });
		const needsUpload = structuredClone(scenario);
		needsUpload.state.definition.scores.threat[0].id = 'upload.dabc.c0';
		expect(readScenario(needsUpload, catalogue)).toMatchObject({ ok: false, move: false, reason: 'it uses an indicator from an upload that is not loaded' });
		expect(readScenario({ ...scenario, name: 7 }, catalogue)).toMatchObject({ ok: false, move: true, name: `id ${scenario.id.slice(0, 12)}` });
	});
});

describe('stored records on arbitrary input (fuzz)', () => {
	const check = (raw: unknown) => {
		const s = readScenario(raw, catalogue);
		if (s.ok) expect(s.scenario.revision).toBeGreaterThanOrEqual(1);
		else {
			expect(s.reason.length).toBeGreaterThan(5);
			expect(s.reason.length).toBeLessThan(300);
			expect(s.name.length).toBeLessThanOrEqual(60);
		}
		const d = readDatasetRecord(raw);
		if (!d.ok) expect(d.reason.length).toBeGreaterThan(5);
	};

	it('give a record or a named, readable reason, never an exception', () => {
		const near = fc.record({
			schemaVersion: fc.oneof(fc.constant(undefined), fc.integer({ min: -2, max: 3 }), fc.anything()),
			revision: fc.anything(),
			id: fc.oneof(fc.constant(scenario.id), fc.string()),
			name: fc.oneof(fc.string(), fc.anything()),
			state: fc.oneof(fc.constant(scenario.state), fc.anything())
		});
		fc.assert(fc.property(fc.oneof(fc.anything(), near, fc.jsonValue()), check), { numRuns: fuzzRuns(3000), examples: examples(jsonCorpus('stored-records')) });
	});
});
