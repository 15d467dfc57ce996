/**
 * The fuzz corpus: inputs that broke a target once, or that sit on an edge the generators rarely
 * hit (BOMs, lone surrogates, \r-only lines, NULs, huge numbers, "__proto__" keys, deep nesting).
 * Property tests replay every entry as an explicit example before their random runs, so a fixed
 * bug stays fixed. Add an entry (with a note saying what broke) whenever a property test finds one.
 *
 * One JSON file per target; an entry holds `input` (text or a list), `base64` (bytes) or `json`
 * (text to parse, so a "__proto__" key arrives as JSON.parse makes it: an own property).
 */
import { readFileSync } from 'node:fs';

export type CorpusTarget = 'delimited-text' | 'upload-bytes' | 'names' | 'definition' | 'url-state' | 'workspace' | 'stored-records';

interface Entry {
	note: string;
	input?: unknown;
	base64?: string;
	json?: string;
}

function entries(target: CorpusTarget): Entry[] {
	return JSON.parse(readFileSync(new URL(`./${target}.json`, import.meta.url), 'utf8')) as Entry[];
}

export const textCorpus = (target: CorpusTarget): string[] => entries(target).map((e) => e.input as string);
export const listCorpus = (target: CorpusTarget): string[][] => entries(target).map((e) => e.input as string[]);
export const bytesCorpus = (target: CorpusTarget): Uint8Array[] => entries(target).map((e) => new Uint8Array(Buffer.from(e.base64 ?? '', 'base64')));
export const jsonCorpus = (target: CorpusTarget): unknown[] => entries(target).map((e) => JSON.parse(e.json ?? 'null') as unknown);

/** As fast-check `examples`: one-argument tuples. */
export const examples = <T>(values: T[]): [T][] => values.map((v) => [v]);

/**
 * Random runs per property: the default, or HEARTLANDS_FUZZ_RUNS for a long soak
 * (e.g. `HEARTLANDS_FUZZ_RUNS=100000 npx vitest run src/lib/features/upload/stage/property.test.ts`).
 */
export function fuzzRuns(normal: number): number {
	const soak = Number(process.env.HEARTLANDS_FUZZ_RUNS);
	return Number.isSafeInteger(soak) && soak > 0 ? soak : normal;
}
