/**
 * Schema versions for everything the app keeps in the browser (IndexedDB records, localStorage
 * values, items in a workspace file). Each store names its version field and a chain of steps,
 * one per version; a record is walked up the chain to the current version before it is validated.
 *
 * Why a chain rather than one "fix-up" function: each step is written once, against the shape it
 * was written for, and stays correct as later steps are added. A record from a *newer* app (a
 * version above `current`) is never guessed at: it is refused with a reason, and the caller
 * quarantines it rather than deleting it, so the newer app can still read it.
 */

export type PlainRecord = Record<string, unknown>;

export interface RecordSchema {
	/** What the user calls one of these, e.g. "saved scenario". */
	readonly label: string;
	/** The field that holds the version; a record without it is version 0 (before versioning). */
	readonly field: string;
	readonly current: number;
	/** `steps[n]` turns a version-n record into version n+1 (it need not set the version field). */
	readonly steps: Readonly<Record<number, (record: PlainRecord) => PlainRecord>>;
}

export type Migration = { ok: true; record: PlainRecord; from: number } | { ok: false; kind: 'unreadable' | 'newer'; reason: string };

export const isPlainRecord = (v: unknown): v is PlainRecord => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The stored version of a record, 0 when absent, or null when the field holds something else. */
export function versionOf(schema: RecordSchema, record: PlainRecord): number | null {
	const v = Object.hasOwn(record, schema.field) ? record[schema.field] : undefined;
	if (v === undefined) return 0;
	return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;
}

/** Walk a record up to `schema.current`. Never throws; the input is not modified. */
export function migrateRecord(schema: RecordSchema, raw: unknown): Migration {
	if (!isPlainRecord(raw)) return { ok: false, kind: 'unreadable', reason: 'it is not a record (damaged data)' };
	const from = versionOf(schema, raw);
	if (from === null) return { ok: false, kind: 'unreadable', reason: 'its format version is not a number (damaged data)' };
	if (from > schema.current) {
		return { ok: false, kind: 'newer', reason: `it was saved by a newer version of Heartlands (format ${from}; this version reads up to ${schema.current})` };
	}
	// A shallow copy: own keys only, so a stored "__proto__" key stays a plain key.
	let record: PlainRecord = { ...raw };
	for (let n = from; n < schema.current; n++) {
		const step = schema.steps[n];
		if (!step) return { ok: false, kind: 'unreadable', reason: `there is no upgrade from format ${n}` };
		try {
			const next = step(record);
			if (!isPlainRecord(next)) return { ok: false, kind: 'unreadable', reason: `its upgrade from format ${n} did not give a record` };
			record = { ...next, [schema.field]: n + 1 };
		} catch (error) {
			const detail = error instanceof Error ? error.message : 'unknown error';
			return { ok: false, kind: 'unreadable', reason: `it could not be upgraded from format ${n} (${detail.slice(0, 120)})` };
		}
	}
	return { ok: true, record, from };
}

/** Brief, safe text for naming a record in a message: hostile names must not become long messages. */
export function recordName(record: unknown, fallback: string): string {
	const name = isPlainRecord(record) ? record.name : undefined;
	if (typeof name !== 'string' || !name.trim()) return fallback;
	// eslint-disable-next-line no-control-regex -- control characters are exactly what this strips
	const clean = name.trim().replace(/[\u0000-\u001f\u007f]/g, ' ');
	return clean.length > 60 ? `${clean.slice(0, 57)}…` : clean;
}
