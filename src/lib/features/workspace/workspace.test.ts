import fc from 'fast-check';
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
			fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
				try {
					readWorkspace(text);
				} catch (error) {
					expect(error).toBeInstanceOf(WorkspaceError);
				}
			}),
			{ numRuns: 500 }
		);
	});
});
