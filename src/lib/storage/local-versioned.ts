/**
 * Versioned values in localStorage (pinned seats, console history). Stored as
 * `{"schemaVersion": n, "value": …}`; a bare JSON value is format 0, from before versioning.
 * A value that cannot be parsed, or comes from a newer app, is moved under
 * `heartlands:quarantine:<key>` (not deleted) and the caller gets its fallback and a note.
 */
import { isPlainRecord, migrateRecord, type RecordSchema } from './schema-migrate';
import type { SetAsideNote } from './quarantine';

export const LOCAL_SCHEMA_VERSION = 1;
export const quarantineKey = (key: string) => `heartlands:quarantine:${key}`;

const LOCAL_SCHEMA: RecordSchema = { label: 'setting', field: 'schemaVersion', current: LOCAL_SCHEMA_VERSION, steps: { 0: (r) => r } };

export interface LocalRead<T> {
	value: T;
	/** Set when the stored value was moved to quarantine. */
	setAside: SetAsideNote | null;
}

/**
 * `label` names the value for the user ("pinned seats"); `read` turns the stored value into T,
 * dropping what it does not recognise. Never throws.
 */
export function readLocal<T>(storage: Storage | null, key: string, label: string, read: (value: unknown) => T, fallback: T): LocalRead<T> {
	let text: string | null;
	try {
		text = storage?.getItem(key) ?? null;
	} catch {
		return { value: fallback, setAside: null }; // storage switched off: nothing to set aside
	}
	if (text === null) return { value: fallback, setAside: null };
	let reason: string;
	try {
		const parsed: unknown = JSON.parse(text);
		const record = isPlainRecord(parsed) && Object.hasOwn(parsed, 'schemaVersion') ? parsed : { value: parsed };
		const migrated = migrateRecord(LOCAL_SCHEMA, record);
		if (migrated.ok) return { value: read(migrated.record.value), setAside: null };
		reason = migrated.reason;
	} catch {
		reason = 'it is not readable (damaged data)';
	}
	try {
		storage?.setItem(quarantineKey(key), text);
		storage?.removeItem(key);
	} catch {
		// Could not move it (storage full): leave it; it is ignored this visit and retried on the next.
	}
	return { value: fallback, setAside: { what: label, reason } };
}

/** Throws what the browser throws (a quota error, or a SecurityError when storage is off). */
export function writeLocal(storage: Storage | null, key: string, value: unknown): void {
	storage?.setItem(key, JSON.stringify({ schemaVersion: LOCAL_SCHEMA_VERSION, value }));
}
