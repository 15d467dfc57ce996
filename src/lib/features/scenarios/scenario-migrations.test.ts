import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { examples, fuzzRuns, jsonCorpus } from '../../../../tests/fuzz-corpus/corpus';
import { readDatasetRecord } from '../upload/records/dataset-migrations';
import type { Indicator } from '$lib/model/catalogue';
import { LENS_BOUNDARY_SET, LENS_IDS } from '$lib/model/definition';
import { defaultDefinition } from '$lib/model/lenses';
import { createScenario, defaultScenarioState } from './scenario';
import { readScenario, SCENARIO_SCHEMA_VERSION, toStoredScenario } from './scenario-migrations';
import { readWorkspace } from '../workspace/workspace';

const catalogue: Indicator[] = LENS_IDS.flatMap((lens) => {
	const d = defaultDefinition(lens);
	return [...d.scores.postIndustrial, ...d.scores.threat].map((s) => ({ id: s.id, boundarySet: LENS_BOUNDARY_SET[lens] }) as Indicator);
});
const scenario = createScenario('Plan', defaultScenarioState(), catalogue, new Date('2026-01-01T00:00:00Z'));
/** What a record from before P(loss) was the default ranking meant, written out. */
const pinned = { base: 2015, spec: 'no-change', priority: 'scores' };

describe('readScenario', () => {
	it('reads format 2 as is, and format 0 (before versions) with revision 1', () => {
		expect(SCENARIO_SCHEMA_VERSION).toBe(2);
		expect(readScenario(toStoredScenario(scenario, 4), catalogue)).toEqual({ ok: true, scenario: { ...scenario, revision: 4 }, migrated: false });
		expect(readScenario(scenario, catalogue)).toEqual({ ok: true, scenario: { ...scenario, revision: 1, state: { ...scenario.state, risk: pinned } }, migrated: true });
		expect(toStoredScenario(scenario, 2)).toEqual({ ...scenario, schemaVersion: SCENARIO_SCHEMA_VERSION, revision: 2 });
	});

	it('reads records saved before the risk scenario existed, and keeps one saved with it', () => {
		expect(scenario.state).not.toHaveProperty('risk');
		const withRisk = { ...scenario, state: { ...scenario.state, risk: { base: 2015 as const, spec: 'result:2019' } } };
		const read = readScenario(toStoredScenario(withRisk, 2), catalogue);
		expect(read).toMatchObject({ ok: true, scenario: { state: { risk: { base: 2015, spec: 'result:2019' } } } });
		const damaged = { ...scenario, state: { ...scenario.state, risk: { base: 2015 as const, spec: 'snp=200' } } };
		expect(readScenario(toStoredScenario(damaged, 2), catalogue)).toMatchObject({ ok: false, move: true, reason: expect.stringContaining('risk.spec') });
	});

	it('reads a format-1 record (P(loss) not yet the default ranking) with the ranking it was saved with', () => {
		const v1 = (risk?: unknown) => ({ ...toStoredScenario(scenario, 3), schemaVersion: 1, state: { ...scenario.state, ...(risk === undefined ? {} : { risk }) } });
		// No risk: the defaults of that time, ranked by the two scores, written out.
		expect(readScenario(v1(), catalogue)).toEqual({ ok: true, scenario: { ...scenario, revision: 3, state: { ...scenario.state, risk: pinned } }, migrated: true });
		expect(readScenario(v1({ base: 2010, spec: 'result:2015' }), catalogue)).toMatchObject({ ok: true, migrated: true, scenario: { state: { risk: { base: 2010, spec: 'result:2015', priority: 'scores' } } } });
		// It had opted in to P(loss), the new default: the key goes.
		const optedIn = readScenario(v1({ base: 2010, spec: 'result:2015', priority: 'p_loss' }), catalogue);
		expect(optedIn).toMatchObject({ ok: true, migrated: true });
		expect(optedIn.ok && optedIn.scenario.state.risk).toEqual({ base: 2010, spec: 'result:2015' });
		// The 2024 lens pins its own election.
		const lens2024 = createScenario('2024 plan', defaultScenarioState('2024-reform'), catalogue, new Date('2026-01-01T00:00:00Z'));
		const read2024 = readScenario({ ...toStoredScenario(lens2024, 1), schemaVersion: 1 }, catalogue);
		expect(read2024.ok && read2024.scenario.state.risk).toEqual({ base: 2024, spec: 'no-change', priority: 'scores' });
		// A damaged old record is still named, not guessed at.
		expect(readScenario({ ...v1(), state: 'x' }, catalogue)).toMatchObject({ ok: false, move: true });
		expect(readScenario(v1({ base: 2015, spec: 'no-change', priority: 'max' }), catalogue)).toMatchObject({ ok: false, reason: expect.stringContaining('risk.priority') });
	});

	it('reads the scenarios of an old workspace file the same way', () => {
		const file = readWorkspace(JSON.stringify({ format: 'heartlands-workspace', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', datasets: [], scenarios: [{ ...toStoredScenario(scenario, 2), schemaVersion: 1 }, scenario] }));
		const read = file.scenarios.map((r) => readScenario(r, catalogue));
		expect(read.map((r) => r.ok && r.scenario.state.risk)).toEqual([pinned, pinned]);
		// Written back (a new workspace file, or the store), it stays pinned in the new format.
		const again = read.map((r) => r.ok && readScenario(toStoredScenario(r.scenario, r.scenario.revision), catalogue));
		expect(again.map((r) => r && r.ok && { risk: r.scenario.state.risk, migrated: r.migrated })).toEqual([
			{ risk: pinned, migrated: false },
			{ risk: pinned, migrated: false }
		]);
	});

	it('moves what it can never read; keeps what only lacks an upload', () => {
		expect(readScenario({ ...scenario, schemaVersion: 3 }, catalogue)).toMatchObject({ ok: false, id: scenario.id, name: 'Plan', move: true, reason: expect.stringMatching(/newer version/) });
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
