import fc from 'fast-check';
import { examples, fuzzRuns, textCorpus } from '../../../../tests/fuzz-corpus/corpus';
import { describe, expect, it } from 'vitest';
import { readWorkspace, WorkspaceError, workspaceFile } from './workspace';

describe('workspace file', () => {
	it('round-trips', () => {
		const file = workspaceFile([{ a: 1 }], [{ b: 2 }], new Date('2026-01-01T00:00:00Z'));
		expect(readWorkspace(JSON.stringify(file))).toEqual(file);
	});
	it('refuses other files with a readable reason', () => {
		expect(() => readWorkspace('nope')).toThrow('not valid JSON');
		expect(() => readWorkspace('{"format":"x"}')).toThrow('not a Heartlands workspace');
		expect(() => readWorkspace('{"format":"heartlands-workspace","version":9,"datasets":[],"scenarios":[]}')).toThrow('version 9');
		expect(() => readWorkspace('{"format":"heartlands-workspace","version":1}')).toThrow('damaged');
		expect(() => readWorkspace('{"format":"heartlands-workspace","version":1,"datasets":[],"scenarios":[],"layers":{}}')).toThrow('map layers');
		// Files written before map layers existed still open, with no layers.
		expect(readWorkspace('{"format":"heartlands-workspace","version":1,"datasets":[],"scenarios":[]}').layers).toEqual([]);
	});
	it('never throws anything but WorkspaceError on arbitrary input', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string(),
					fc.string({ unit: 'binary' }),
					fc.json(),
					fc.record({ format: fc.constant('heartlands-workspace'), version: fc.anything(), datasets: fc.anything(), scenarios: fc.anything() }).map((w) => JSON.stringify(w) ?? '')
				),
				(text) => {
					try {
						readWorkspace(text);
					} catch (error) {
						expect(error).toBeInstanceOf(WorkspaceError);
						expect((error as Error).message.length).toBeGreaterThan(10);
						expect((error as Error).message.length).toBeLessThan(200);
					}
				}
			),
			{ numRuns: fuzzRuns(3000), examples: examples(textCorpus('workspace')) }
		);
	});
});
