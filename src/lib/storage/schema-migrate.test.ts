import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns } from '../../../tests/fuzz-corpus/corpus';
import { migrateRecord, recordName, type RecordSchema } from './schema-migrate';
import { describeSetAside } from './quarantine';
import { isQuotaError, storageFullMessage } from './storage-errors';

const schema: RecordSchema = {
	label: 'thing',
	field: 'v',
	current: 2,
	steps: {
		0: (r) => ({ ...r, added: 'by step 0' }),
		1: (r) => {
			if (r.explode) throw new Error('cannot upgrade');
			return { ...r, renamed: r.old, old: undefined };
		}
	}
};

describe('migrateRecord', () => {
	it('walks an unversioned record through every step to the current version', () => {
		expect(migrateRecord(schema, { old: 1 })).toEqual({ ok: true, from: 0, record: { v: 2, added: 'by step 0', renamed: 1, old: undefined } });
		expect(migrateRecord(schema, { v: 1, old: 'x' })).toMatchObject({ ok: true, from: 1, record: { v: 2, renamed: 'x' } });
		expect(migrateRecord(schema, { v: 2, same: true })).toEqual({ ok: true, from: 2, record: { v: 2, same: true } });
	});

	it('refuses a newer version, a damaged version field and non-records, with reasons', () => {
		expect(migrateRecord(schema, { v: 3 })).toEqual({ ok: false, kind: 'newer', reason: 'it was saved by a newer version of Heartlands (format 3; this version reads up to 2)' });
		for (const v of ['1', -1, 1.5, null, NaN]) expect(migrateRecord(schema, { v })).toMatchObject({ ok: false, kind: 'unreadable', reason: expect.stringMatching(/format version is not a number/) });
		for (const raw of [null, undefined, 'text', 3, [1, 2]]) expect(migrateRecord(schema, raw)).toMatchObject({ ok: false, kind: 'unreadable', reason: 'it is not a record (damaged data)' });
		expect(migrateRecord(schema, { v: 1, explode: true })).toMatchObject({ ok: false, reason: 'it could not be upgraded from format 1 (cannot upgrade)' });
		expect(migrateRecord({ ...schema, steps: {} }, {})).toMatchObject({ ok: false, reason: 'there is no upgrade from format 0' });
	});

	it('does not modify its input, and keeps a "__proto__" key a plain key', () => {
		const raw = JSON.parse('{"__proto__": {"polluted": true}, "old": 1}') as Record<string, unknown>;
		const result = migrateRecord(schema, raw);
		expect(raw).toEqual(JSON.parse('{"__proto__": {"polluted": true}, "old": 1}'));
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(result.ok && Object.getPrototypeOf(result.record)).toBe(Object.prototype);
	});

	it('never throws on arbitrary input (fuzz)', () => {
		fc.assert(
			fc.property(fc.oneof(fc.anything(), fc.dictionary(fc.string(), fc.anything()), fc.record({ v: fc.anything() })), (raw) => {
				const r = migrateRecord(schema, raw);
				if (r.ok) expect(r.record.v).toBe(2);
				else expect(r.reason.length).toBeGreaterThan(0);
			}),
			{ numRuns: fuzzRuns(5000) }
		);
	});
});

describe('messages', () => {
	it('names what was set aside, briefly', () => {
		expect(recordName({ name: '  Plan\u0000A ' }, 'x')).toBe('Plan A');
		expect(recordName({ name: 'x'.repeat(100) }, 'x')).toHaveLength(58);
		expect(recordName(null, 'fallback')).toBe('fallback');
		expect(describeSetAside([{ what: 'saved scenario “A”', reason: 'it is damaged' }])).toBe(
			"Set aside one stored item that this version cannot read: saved scenario “A” (it is damaged). It was kept in the browser's quarantine, not deleted; everything else loaded normally."
		);
		const many = Array.from({ length: 6 }, (_, i) => ({ what: `upload “${i}”`, reason: 'r' }));
		expect(describeSetAside(many)).toMatch(/^Set aside 6 stored items .*; and 2 more\. They were kept/);
		expect(describeSetAside([])).toBe('');
	});

	it('recognises quota errors from every browser, and says what was not saved', () => {
		expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
		expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
		expect(isQuotaError({ name: 'QuotaExceeded', code: 22 })).toBe(true);
		expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
		expect(isQuotaError(new DOMException('gone', 'NotFoundError'))).toBe(false);
		expect(isQuotaError(null)).toBe(false);
		expect(storageFullMessage('the upload “Members”')).toBe('Browser storage is full: the upload “Members” was not saved. Delete old uploads (under Your data) or saved scenarios, then try again.');
	});
});
